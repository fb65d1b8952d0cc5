/**
 * Decides whether a sign-in attempt may go ahead, given the failures recorded for a key
 * (an email+IP pair, or an IP alone) inside the current window.
 *
 * Below `freeFailures` nothing happens; above it each attempt is slowed down a little
 * more; from `maxFailures` on, the key is locked until the window that began with the
 * last failure has passed.
 */
export interface LoginThrottlePolicy {
  /** Failures allowed without any delay. */
  freeFailures: number;
  /** Failures after which the key is locked. */
  maxFailures: number;
  /** Added delay per failure past the free ones, in ms. */
  delayStepMs: number;
  /** Upper bound of the delay, in ms. */
  maxDelayMs: number;
  /** How long failures are remembered and a lock lasts, in ms. */
  windowMs: number;
}

export interface LoginThrottleState {
  failures: number;
  /** When the last failure happened, or null when none is recorded. */
  lastFailureAt: Date | null;
}

export type LoginThrottleDecision =
  | { allowed: true; delayMs: number }
  | { allowed: false; retryAfterSeconds: number };

export const PAIR_THROTTLE: LoginThrottlePolicy = {
  freeFailures: 2,
  maxFailures: 5,
  delayStepMs: 400,
  maxDelayMs: 2_000,
  windowMs: 15 * 60_000,
};

export const IP_THROTTLE: LoginThrottlePolicy = {
  freeFailures: 10,
  maxFailures: 30,
  delayStepMs: 200,
  maxDelayMs: 2_000,
  windowMs: 15 * 60_000,
};

export function evaluateLoginThrottle(
  state: LoginThrottleState,
  now: Date,
  policy: LoginThrottlePolicy,
): LoginThrottleDecision {
  if (state.lastFailureAt === null || state.failures <= 0) return { allowed: true, delayMs: 0 };
  const elapsed = now.getTime() - state.lastFailureAt.getTime();
  if (elapsed >= policy.windowMs) return { allowed: true, delayMs: 0 };
  if (state.failures >= policy.maxFailures) {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((policy.windowMs - elapsed) / 1000)) };
  }
  const over = state.failures - policy.freeFailures;
  const delayMs = over > 0 ? Math.min(policy.maxDelayMs, over * policy.delayStepMs) : 0;
  return { allowed: true, delayMs };
}

/** Combines several decisions: the strictest one wins. */
export function strictestThrottle(decisions: LoginThrottleDecision[]): LoginThrottleDecision {
  let delayMs = 0;
  let retryAfterSeconds = 0;
  for (const d of decisions) {
    if (!d.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, d.retryAfterSeconds);
    else delayMs = Math.max(delayMs, d.delayMs);
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true, delayMs };
}
