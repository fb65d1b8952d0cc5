import { describe, expect, it } from 'vitest';
import { nextSprintDraft, validSprintDates } from './sprint-planning';

describe('sprint planning', () => {
  it('proposes two weeks after the latest sprint, numbered after it', () => {
    const sprints = [
      { name: 'Спринт 19', endsOn: '2026-11-24' },
      { name: 'Спринт 20', endsOn: '2026-12-08' },
    ];
    expect(nextSprintDraft(sprints, '2026-12-01')).toEqual({ name: 'Спринт 21', startsOn: '2026-12-09', endsOn: '2026-12-22' });
    // The latest ended long ago: from today.
    expect(nextSprintDraft([{ name: 'Q3 push', endsOn: '2026-09-30' }], '2026-12-01')).toEqual({ name: '', startsOn: '2026-12-01', endsOn: '2026-12-14' });
    expect(nextSprintDraft([], '2026-12-01').startsOn).toBe('2026-12-01');
  });

  it('accepts a sprint of one day up to the longest allowed', () => {
    expect(validSprintDates('2026-12-01', '2026-12-01', 42)).toBe(true);
    expect(validSprintDates('2026-12-01', '2027-01-12', 42)).toBe(true);
    expect(validSprintDates('2026-12-01', '2027-01-13', 42)).toBe(false);
    expect(validSprintDates('2026-12-02', '2026-12-01', 42)).toBe(false);
    expect(validSprintDates('', '2026-12-01', 42)).toBe(false);
  });
});
