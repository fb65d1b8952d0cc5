import { previousPeriod } from './previous-period';

describe('previousPeriod', () => {
  it('compares a calendar month with the month before, whatever their lengths', () => {
    expect(previousPeriod('2026-12-01', '2026-12-31')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod('2027-01-01', '2027-01-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('compares whole months with as many months before (a quarter with the quarter before)', () => {
    expect(previousPeriod('2026-10-01', '2026-12-31')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(previousPeriod('2026-01-01', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('compares any other span with as many days just before', () => {
    // a two-week sprint
    expect(previousPeriod('2026-11-16', '2026-11-29')).toEqual({ from: '2026-11-02', to: '2026-11-15' });
    // starts on the 1st but does not end at a month's end
    expect(previousPeriod('2026-12-01', '2026-12-14')).toEqual({ from: '2026-11-17', to: '2026-11-30' });
    // one day
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    // across a year end
    expect(previousPeriod('2027-01-05', '2027-01-11')).toEqual({ from: '2026-12-29', to: '2027-01-04' });
  });

  it('ends the day before the period and never overlaps it', () => {
    for (const [from, to] of [['2026-02-01', '2026-02-28'], ['2026-05-10', '2026-06-09'], ['2026-04-01', '2026-09-30']]) {
      const before = previousPeriod(from, to);
      expect(Date.parse(before.to) + 86_400_000).toBe(Date.parse(from));
      expect(before.from <= before.to).toBe(true);
    }
  });

  it('rejects malformed and reversed periods', () => {
    expect(() => previousPeriod('2026-12-31', '2026-12-01')).toThrow(RangeError);
    expect(() => previousPeriod('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => previousPeriod('12/01/2026', '2026-12-31')).toThrow(RangeError);
  });
});
