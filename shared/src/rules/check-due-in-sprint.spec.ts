import { checkDueInSprint } from './check-due-in-sprint';

describe('checkDueInSprint', () => {
  it('refuses a due day before the first day of the sprint', () => {
    expect(checkDueInSprint('2026-11-30', '2026-12-01')).toBe('DUE_BEFORE_SPRINT');
    expect(checkDueInSprint('2025-12-31', '2026-01-01')).toBe('DUE_BEFORE_SPRINT');
  });

  it('lets a process be due on the first day of the sprint, within it or after its end', () => {
    expect(checkDueInSprint('2026-12-01', '2026-12-01')).toBeNull();
    expect(checkDueInSprint('2026-12-10', '2026-12-01')).toBeNull();
    expect(checkDueInSprint('2027-02-01', '2026-12-01')).toBeNull();
  });

  it('has nothing to say without a due day or without a sprint', () => {
    expect(checkDueInSprint(null, '2026-12-01')).toBeNull();
    expect(checkDueInSprint(undefined, '2026-12-01')).toBeNull();
    expect(checkDueInSprint('2026-11-30', null)).toBeNull();
  });
});
