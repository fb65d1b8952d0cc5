import { isAvailable, scheduleProblems, toLocalMoment, type AvailabilityInput, type ShiftSlot } from './is-available';

const MSK = 'Europe/Moscow'; // UTC+3, no DST
const VLADIVOSTOK = 'Asia/Vladivostok'; // UTC+10
// Monday 2026-11-23
const morningShift: ShiftSlot = { weekday: 1, startsAt: '10:00', endsAt: '14:00' };
const afternoonShift: ShiftSlot = { weekday: 1, startsAt: '14:00', endsAt: '18:00' };
const base: AvailabilityInput = { active: true, paused: false, schedule: [morningShift], absences: [] };
const mskTime = (hhmm: string, date = '2026-11-23') => new Date(`${date}T${hhmm}:00+03:00`);

describe('toLocalMoment', () => {
  it('gives the company-local date, weekday and minutes', () => {
    expect(toLocalMoment(new Date('2026-11-23T07:30:00Z'), MSK)).toEqual({ date: '2026-11-23', weekday: 1, minutes: 10 * 60 + 30 });
  });

  it('crosses midnight into the next local day', () => {
    // 22:30 UTC Sunday is 08:30 Monday in Vladivostok
    expect(toLocalMoment(new Date('2026-11-22T22:30:00Z'), VLADIVOSTOK)).toEqual({ date: '2026-11-23', weekday: 1, minutes: 8 * 60 + 30 });
  });
});

describe('isAvailable: shift boundaries', () => {
  it('is on shift from the first minute', () => {
    expect(isAvailable(base, mskTime('10:00'), MSK)).toEqual({ available: true, reason: null });
  });

  it('is off shift one minute before it starts', () => {
    expect(isAvailable(base, mskTime('09:59'), MSK)).toEqual({ available: false, reason: 'OFF_SHIFT' });
  });

  it('is on shift in the last minute and off at the end time', () => {
    expect(isAvailable(base, mskTime('13:59'), MSK).available).toBe(true);
    expect(isAvailable(base, mskTime('14:00'), MSK)).toEqual({ available: false, reason: 'OFF_SHIFT' });
  });

  it('hands over between two adjacent shifts without a gap', () => {
    const both = { ...base, schedule: [morningShift, afternoonShift] };
    expect(isAvailable(both, mskTime('13:59'), MSK).available).toBe(true);
    expect(isAvailable(both, mskTime('14:00'), MSK).available).toBe(true);
    expect(isAvailable(both, mskTime('18:00'), MSK).available).toBe(false);
  });

  it('is off shift on another weekday', () => {
    expect(isAvailable(base, mskTime('11:00', '2026-11-24'), MSK)).toEqual({ available: false, reason: 'OFF_SHIFT' });
  });

  it('reads shifts in the company time zone, not UTC', () => {
    // 07:30 UTC = 10:30 in Moscow (on shift), but 17:30 in Vladivostok (off the morning shift)
    const at = new Date('2026-11-23T07:30:00Z');
    expect(isAvailable(base, at, MSK).available).toBe(true);
    expect(isAvailable(base, at, VLADIVOSTOK).reason).toBe('OFF_SHIFT');
    expect(isAvailable({ ...base, schedule: [afternoonShift] }, at, VLADIVOSTOK).available).toBe(true);
  });

  it('treats no schedule as no fixed hours', () => {
    expect(isAvailable({ ...base, schedule: [] }, mskTime('03:00', '2026-11-29'), MSK).available).toBe(true);
  });
});

describe('isAvailable: absences', () => {
  const vacation = { startsOn: '2026-11-16', endsOn: '2026-11-23' };

  it('is absent through the last day of the absence, inclusive', () => {
    expect(isAvailable({ ...base, absences: [vacation] }, mskTime('13:00'), MSK)).toEqual({ available: false, reason: 'ABSENT' });
  });

  it('is back the next day', () => {
    const tuesday = { ...base, schedule: [{ ...morningShift, weekday: 2 as const }], absences: [vacation] };
    expect(isAvailable(tuesday, mskTime('10:00', '2026-11-24'), MSK).available).toBe(true);
  });

  it('uses the local date: 23:30 UTC on the 23rd is already the 24th in Moscow', () => {
    const free = { ...base, schedule: [], absences: [vacation] };
    expect(isAvailable(free, new Date('2026-11-23T20:59:00Z'), MSK).reason).toBe('ABSENT');
    expect(isAvailable(free, new Date('2026-11-23T21:00:00Z'), MSK).available).toBe(true);
  });

  it('starts on the first day at local midnight', () => {
    const free = { ...base, schedule: [], absences: [{ startsOn: '2026-11-24', endsOn: '2026-11-30' }] };
    expect(isAvailable(free, new Date('2026-11-23T20:59:59Z'), MSK).available).toBe(true);
    expect(isAvailable(free, new Date('2026-11-23T21:00:00Z'), MSK).reason).toBe('ABSENT');
  });
});

describe('isAvailable: order of reasons', () => {
  it('reports inactive before paused before absent before off shift', () => {
    const everything = { active: false, paused: true, schedule: [morningShift], absences: [{ startsOn: '2026-11-23', endsOn: '2026-11-23' }] };
    expect(isAvailable(everything, mskTime('20:00'), MSK).reason).toBe('INACTIVE');
    expect(isAvailable({ ...everything, active: true }, mskTime('20:00'), MSK).reason).toBe('PAUSED');
    expect(isAvailable({ ...everything, active: true, paused: false }, mskTime('20:00'), MSK).reason).toBe('ABSENT');
  });
});

describe('scheduleProblems', () => {
  it('accepts adjacent shifts', () => {
    expect(scheduleProblems([morningShift, afternoonShift])).toEqual([]);
  });

  it('finds overlaps, inverted and malformed slots', () => {
    const problems = scheduleProblems([
      morningShift,
      { weekday: 1, startsAt: '13:00', endsAt: '15:00' },
      { weekday: 2, startsAt: '15:00', endsAt: '09:00' },
      { weekday: 3, startsAt: '25:00', endsAt: '26:00' },
      { weekday: 9 as never, startsAt: '10:00', endsAt: '11:00' },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/overlaps/);
    expect(problems[1]).toMatch(/end after/);
    expect(problems[2]).toMatch(/HH:MM/);
    expect(problems[3]).toMatch(/weekday/);
  });
});
