import { monthOf, wholeMonthsWithin } from './period';

describe('wholeMonthsWithin', () => {
  it('is the month itself for a calendar month, and every month of a quarter', () => {
    expect(wholeMonthsWithin('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(wholeMonthsWithin('2026-10-01', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(wholeMonthsWithin('2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
  });

  it('leaves the partial months at the edges to the day rows', () => {
    expect(wholeMonthsWithin('2026-10-15', '2026-12-10')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(wholeMonthsWithin('2026-10-02', '2026-12-31')).toEqual({ from: '2026-11-01', to: '2027-01-01' });
    expect(wholeMonthsWithin('2026-11-01', '2026-12-30')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
  });

  it('is empty when no whole month fits', () => {
    const sprint = wholeMonthsWithin('2026-11-16', '2026-11-29');
    expect(sprint.from).toBe(sprint.to);
    const across = wholeMonthsWithin('2026-11-20', '2026-12-10');
    expect(across.from).toBe(across.to);
    const short = wholeMonthsWithin('2026-11-01', '2026-11-29');
    expect(short.from).toBe(short.to);
  });
});

describe('monthOf', () => {
  it('gives the first and last day', () => {
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
