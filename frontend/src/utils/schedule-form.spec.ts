import { describe, expect, it } from 'vitest';
import {
  copyDay,
  formToSlots,
  nextSlotTimes,
  normalizeClock,
  sameSchedule,
  scheduleFormIssues,
  scheduleFormValid,
  slotsToForm,
  weeklyMinutes,
  type ScheduleForm,
} from './schedule-form';

const telemarketing = [
  { weekday: 2, startsAt: '14:00', endsAt: '18:00' },
  { weekday: 1, startsAt: '14:00', endsAt: '18:00' },
  { weekday: 1, startsAt: '10:00', endsAt: '14:00' },
];

function withDay(form: ScheduleForm, weekday: number, slots: [string, string][]): ScheduleForm {
  return form.map((day) =>
    day.weekday === weekday ? { ...day, slots: slots.map(([startsAt, endsAt], i) => ({ key: `k${weekday}-${i}`, startsAt, endsAt })) } : day,
  );
}

describe('schedule form ↔ slots', () => {
  it('holds seven days, Monday first, each with its slots by start time', () => {
    const form = slotsToForm(telemarketing);
    expect(form.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(form[0]?.slots.map((s) => `${s.startsAt}-${s.endsAt}`)).toEqual(['10:00-14:00', '14:00-18:00']);
    expect(form[1]?.slots).toHaveLength(1);
    expect(form[6]?.slots).toEqual([]);
    expect(new Set(form.flatMap((d) => d.slots.map((s) => s.key))).size).toBe(3);
  });

  it('round-trips to the slots to send, by weekday and start', () => {
    expect(formToSlots(slotsToForm(telemarketing))).toEqual([
      { weekday: 1, startsAt: '10:00', endsAt: '14:00' },
      { weekday: 1, startsAt: '14:00', endsAt: '18:00' },
      { weekday: 2, startsAt: '14:00', endsAt: '18:00' },
    ]);
    expect(formToSlots(slotsToForm([]))).toEqual([]);
  });

  it('drops slots on weekdays that do not exist', () => {
    expect(formToSlots(slotsToForm([{ weekday: 9, startsAt: '10:00', endsAt: '11:00' }]))).toEqual([]);
  });

  it('compares schedules whatever their order', () => {
    const slots = formToSlots(slotsToForm(telemarketing));
    expect(sameSchedule(slots, [...slots].reverse())).toBe(true);
    expect(sameSchedule(slots, slots.slice(1))).toBe(false);
  });
});

describe('schedule form checks (the shared rule)', () => {
  it('accepts back-to-back shifts (an end is exclusive)', () => {
    const form = slotsToForm(telemarketing);
    expect(scheduleFormIssues(form).size).toBe(0);
    expect(scheduleFormValid(form)).toBe(true);
  });

  it('marks a missing time, a malformed time, an inverted slot and overlapping slots', () => {
    let form = slotsToForm([]);
    form = withDay(form, 1, [['10:00', '']]);
    form = withDay(form, 2, [['25:00', '26:00']]);
    form = withDay(form, 3, [['18:00', '10:00']]);
    form = withDay(form, 4, [['10:00', '14:00'], ['13:00', '15:00'], ['15:00', '16:00']]);
    const issues = scheduleFormIssues(form);
    expect(Object.fromEntries(issues)).toEqual({
      'k1-0': 'incomplete',
      'k2-0': 'invalid',
      'k3-0': 'order',
      'k4-0': 'overlap',
      'k4-1': 'overlap',
    });
    expect(scheduleFormValid(form)).toBe(false);
  });

  it('does not compare slots of different days', () => {
    const form = withDay(withDay(slotsToForm([]), 1, [['10:00', '14:00']]), 2, [['10:00', '14:00']]);
    expect(scheduleFormValid(form)).toBe(true);
  });
});

describe('editor helpers', () => {
  it('suggests 09:00-18:00 for an empty day and four hours after the last slot otherwise', () => {
    const form = withDay(slotsToForm([]), 1, [['10:00', '14:00']]);
    expect(nextSlotTimes(form[1]!)).toEqual({ startsAt: '09:00', endsAt: '18:00' });
    expect(nextSlotTimes(form[0]!)).toEqual({ startsAt: '14:00', endsAt: '18:00' });
    const late = withDay(slotsToForm([]), 1, [['20:00', '22:00']]);
    expect(nextSlotTimes(late[0]!)).toEqual({ startsAt: '22:00', endsAt: '23:59' });
  });

  it('copies a day onto other days with fresh keys', () => {
    let n = 0;
    const form = copyDay(withDay(slotsToForm([]), 1, [['10:00', '14:00']]), 1, [2, 3, 4, 5], () => `c${++n}`);
    expect(formToSlots(form).map((s) => s.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(form[1]?.slots[0]?.key).toBe('c1');
  });

  it('reads times typed by hand in the 24-hour form', () => {
    expect(['9:00', '09:00', '930', '1400', '18', '10.30', ' 7:05 '].map(normalizeClock)).toEqual([
      '09:00',
      '09:00',
      '09:30',
      '14:00',
      '18:00',
      '10:30',
      '07:05',
    ]);
    // What it cannot read it leaves for the checks to flag.
    expect(normalizeClock('noon')).toBe('noon');
    expect(normalizeClock('25:00')).toBe('25:00');
  });

  it('adds up the hours of a week', () => {
    expect(weeklyMinutes(formToSlots(slotsToForm(telemarketing)))).toBe(12 * 60);
    expect(weeklyMinutes([{ weekday: 1, startsAt: 'x', endsAt: '10:00' }])).toBe(0);
  });
});
