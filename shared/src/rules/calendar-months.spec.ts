import { addDays, daysBetween, isCalendarDay, isOneWholeMonth, isWholeMonthSpan, monthOf, wholeMonthsWithin } from './calendar-months';

describe('monthOf', () => {
  it('gives the first and last day', () => {
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthOf('2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

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

describe('isOneWholeMonth', () => {
  it('is true for exactly one calendar month', () => {
    expect(isOneWholeMonth('2026-12-01', '2026-12-31')).toBe(true);
    expect(isOneWholeMonth('2026-02-01', '2026-02-28')).toBe(true);
    expect(isOneWholeMonth('2026-12-01', '2027-01-31')).toBe(false);
    expect(isOneWholeMonth('2026-12-01', '2026-12-30')).toBe(false);
    expect(isOneWholeMonth('2026-12-02', '2026-12-31')).toBe(false);
    expect(isOneWholeMonth('2026-10-01', '2026-12-31')).toBe(false);
  });

  it('refuses a malformed day', () => {
    expect(() => isOneWholeMonth('2026-02-30', '2026-03-31')).toThrow(RangeError);
    expect(() => isOneWholeMonth('2026-12-01', '31.12.2026')).toThrow(RangeError);
  });
});

describe('isWholeMonthSpan', () => {
  it('is true for any run of whole months, and for open ends', () => {
    expect(isWholeMonthSpan(null, null)).toBe(true);
    expect(isWholeMonthSpan('2026-11-01', '2026-12-31')).toBe(true);
    expect(isWholeMonthSpan('2026-02-01', '2026-02-28')).toBe(true);
    expect(isWholeMonthSpan('2026-01-01', '2026-06-30')).toBe(true);
    expect(isWholeMonthSpan('2026-11-01', null)).toBe(true);
    expect(isWholeMonthSpan(null, '2026-11-30')).toBe(true);
  });

  it('is false when either end cuts a month', () => {
    expect(isWholeMonthSpan('2026-11-02', null)).toBe(false);
    expect(isWholeMonthSpan(null, '2026-11-29')).toBe(false);
    expect(isWholeMonthSpan('2026-11-01', '2026-12-30')).toBe(false);
  });

  it('differs from isOneWholeMonth on a span longer than a month', () => {
    expect(isWholeMonthSpan('2026-10-01', '2026-12-31')).toBe(true);
    expect(isOneWholeMonth('2026-10-01', '2026-12-31')).toBe(false);
  });
});

describe('addDays and daysBetween', () => {
  it('adds days across months, years and a leap day, backwards too', () => {
    expect(addDays('2026-12-25', 13)).toBe('2027-01-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-30', 0)).toBe('2026-11-30');
  });

  it('counts whole days between two days, negative when the second is earlier', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(29);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2);
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    // Moscow has no DST now, but the arithmetic is in UTC days whatever the zone of the machine
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('holds the two together: the day n days after is n days away', () => {
    for (const n of [-400, -31, -1, 0, 1, 59, 366]) expect(daysBetween('2026-02-27', addDays('2026-02-27', n))).toBe(n);
  });

  it('refuses a malformed day instead of computing with it', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-11-01', 'tomorrow')).toThrow(RangeError);
  });
});

describe('isCalendarDay', () => {
  it('takes the days of the calendar only, as YYYY-MM-DD', () => {
    for (const day of ['2026-01-31', '2028-02-29', '2026-12-31']) expect([day, isCalendarDay(day)]).toEqual([day, true]);
    for (const day of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00:00Z', '']) expect([day, isCalendarDay(day)]).toEqual([day, false]);
  });
});
