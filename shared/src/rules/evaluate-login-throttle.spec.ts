import {
  evaluateLoginThrottle,
  strictestThrottle,
  type LoginThrottlePolicy,
} from './evaluate-login-throttle';

const policy: LoginThrottlePolicy = {
  freeFailures: 2,
  maxFailures: 5,
  delayStepMs: 400,
  maxDelayMs: 1_000,
  windowMs: 60_000,
};
const now = new Date('2026-11-23T10:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe('evaluateLoginThrottle', () => {
  it('lets a clean key through at once', () => {
    expect(evaluateLoginThrottle({ failures: 0, lastFailureAt: null }, now, policy)).toEqual({ allowed: true, delayMs: 0 });
  });

  it('does not slow down the free failures', () => {
    expect(evaluateLoginThrottle({ failures: 2, lastFailureAt: secondsAgo(1) }, now, policy)).toEqual({ allowed: true, delayMs: 0 });
  });

  it('slows down each failure past the free ones, up to the cap', () => {
    expect(evaluateLoginThrottle({ failures: 3, lastFailureAt: secondsAgo(1) }, now, policy)).toEqual({ allowed: true, delayMs: 400 });
    expect(evaluateLoginThrottle({ failures: 4, lastFailureAt: secondsAgo(1) }, now, policy)).toEqual({ allowed: true, delayMs: 800 });
  });

  it('locks at maxFailures until the window after the last failure has passed', () => {
    expect(evaluateLoginThrottle({ failures: 5, lastFailureAt: secondsAgo(10) }, now, policy)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(evaluateLoginThrottle({ failures: 9, lastFailureAt: secondsAgo(59.5) }, now, policy)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets failures once the window is over', () => {
    expect(evaluateLoginThrottle({ failures: 50, lastFailureAt: secondsAgo(60) }, now, policy)).toEqual({ allowed: true, delayMs: 0 });
  });

  it('caps the delay', () => {
    const capped: LoginThrottlePolicy = { ...policy, maxFailures: 100 };
    expect(evaluateLoginThrottle({ failures: 40, lastFailureAt: secondsAgo(1) }, now, capped)).toEqual({ allowed: true, delayMs: 1_000 });
  });
});

describe('strictestThrottle', () => {
  it('refuses when any decision refuses, with the longest wait', () => {
    expect(
      strictestThrottle([
        { allowed: true, delayMs: 300 },
        { allowed: false, retryAfterSeconds: 20 },
        { allowed: false, retryAfterSeconds: 90 },
      ]),
    ).toEqual({ allowed: false, retryAfterSeconds: 90 });
  });

  it('otherwise keeps the longest delay', () => {
    expect(strictestThrottle([{ allowed: true, delayMs: 300 }, { allowed: true, delayMs: 800 }])).toEqual({ allowed: true, delayMs: 800 });
  });
});
