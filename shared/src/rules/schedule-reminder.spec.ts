import { escalationOf, firstFireAt, nextFireAfter } from './schedule-reminder';

const H = 3_600_000;
const D = 24 * H;

describe('reminder schedule', () => {
  it('fires AT once, at its time', () => {
    const spec = { kind: 'AT' as const, at: 1000, offsetMinutes: null, everyDays: null };
    expect(firstFireAt(spec, 5000)).toBe(1000);
    expect(nextFireAfter(spec, 1000, 2000)).toBeNull();
  });

  it('fires BEFORE_DUE the offset before the due time, never without a due time', () => {
    const spec = { kind: 'BEFORE_DUE' as const, at: null, offsetMinutes: 24 * 60, everyDays: null };
    expect(firstFireAt(spec, 10 * D)).toBe(9 * D);
    expect(firstFireAt(spec, null)).toBeNull();
  });

  it('repeats RECURRING every N days and skips the slots missed while nothing ran', () => {
    const spec = { kind: 'RECURRING' as const, at: 0, offsetMinutes: null, everyDays: 2 };
    expect(nextFireAfter(spec, 0, 0)).toBe(2 * D);
    expect(nextFireAfter(spec, 0, 2 * D - 1)).toBe(2 * D);
    expect(nextFireAfter(spec, 0, 2 * D)).toBe(4 * D);
    expect(nextFireAfter(spec, 0, 7 * D)).toBe(8 * D);
  });
});

describe('escalationOf', () => {
  const settings = { overdueGraceHours: 0, blockedHours: 48 };

  it('escalates an open process past its due time', () => {
    expect(escalationOf({ status: 'IN_PROGRESS', dueAt: 10 * D, blockedSince: null }, 10 * D, settings)).toBe('OVERDUE');
    expect(escalationOf({ status: 'IN_PROGRESS', dueAt: 10 * D, blockedSince: null }, 10 * D - 1, settings)).toBeNull();
  });

  it('escalates a process blocked for longer than the limit, before it is overdue', () => {
    expect(escalationOf({ status: 'BLOCKED', dueAt: 20 * D, blockedSince: 0 }, 48 * H, settings)).toBe('BLOCKED');
    expect(escalationOf({ status: 'BLOCKED', dueAt: 20 * D, blockedSince: 0 }, 47 * H, settings)).toBeNull();
  });

  it('never escalates a done process', () => {
    expect(escalationOf({ status: 'DONE', dueAt: 0, blockedSince: null }, 100 * D, settings)).toBeNull();
  });
});
