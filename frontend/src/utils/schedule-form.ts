import { parseClock, scheduleProblems, type ShiftSlot, type Weekday } from '@salescircle/shared';

/** ISO weekdays, Monday first. */
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'number' && (WEEKDAYS as readonly number[]).includes(value);
}

/** One editable slot; `key` keeps the row stable while it is edited. */
export interface SlotDraft {
  key: string;
  startsAt: string;
  endsAt: string;
}

export interface DayDraft {
  weekday: Weekday;
  slots: SlotDraft[];
}

/** The weekly schedule as the editor holds it: seven days, Monday first, slots by start time. */
export type ScheduleForm = DayDraft[];

const byStart = (a: { startsAt: string }, b: { startsAt: string }) => a.startsAt.localeCompare(b.startsAt);

/** The editor's form for a schedule from the API (slots on unknown weekdays are dropped). */
export function slotsToForm(slots: readonly { weekday: number; startsAt: string; endsAt: string }[]): ScheduleForm {
  let key = 0;
  return WEEKDAYS.map((weekday) => ({
    weekday,
    slots: slots
      .filter((slot) => slot.weekday === weekday)
      .sort(byStart)
      .map((slot) => ({ key: `s${++key}`, startsAt: slot.startsAt, endsAt: slot.endsAt })),
  }));
}

/** The slots to send, by weekday and start time. */
export function formToSlots(form: ScheduleForm): ShiftSlot[] {
  return form.flatMap((day) =>
    [...day.slots].sort(byStart).map((slot) => ({ weekday: day.weekday, startsAt: slot.startsAt, endsAt: slot.endsAt })),
  );
}

/** Whether two schedules hold the same slots (order aside). */
export function sameSchedule(a: readonly ShiftSlot[], b: readonly ShiftSlot[]): boolean {
  const text = (slots: readonly ShiftSlot[]) =>
    slots
      .map((s) => `${s.weekday} ${s.startsAt} ${s.endsAt}`)
      .sort()
      .join('|');
  return text(a) === text(b);
}

/** What is wrong with one slot: a time missing, not a time, ends before it starts, overlaps another that day. */
export type SlotIssue = 'incomplete' | 'invalid' | 'order' | 'overlap';

function validClock(value: string): boolean {
  try {
    parseClock(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The problems of the form, by slot key, found with the shared rule (scheduleProblems) that
 * the server applies: each slot alone, then each pair of the same day.
 */
export function scheduleFormIssues(form: ScheduleForm): Map<string, SlotIssue> {
  const issues = new Map<string, SlotIssue>();
  for (const day of form) {
    const sound: SlotDraft[] = [];
    for (const slot of day.slots) {
      if (!slot.startsAt || !slot.endsAt) issues.set(slot.key, 'incomplete');
      else if (!validClock(slot.startsAt) || !validClock(slot.endsAt)) issues.set(slot.key, 'invalid');
      else if (scheduleProblems([{ weekday: day.weekday, startsAt: slot.startsAt, endsAt: slot.endsAt }]).length > 0) issues.set(slot.key, 'order');
      else sound.push(slot);
    }
    for (let i = 0; i < sound.length; i++) {
      for (let j = i + 1; j < sound.length; j++) {
        const [a, b] = [sound[i], sound[j]];
        const pair = [a, b].map((s) => ({ weekday: day.weekday, startsAt: s.startsAt, endsAt: s.endsAt }));
        if (scheduleProblems(pair).length > 0) {
          issues.set(a.key, 'overlap');
          issues.set(b.key, 'overlap');
        }
      }
    }
  }
  return issues;
}

/** Ready to send: no slot issue, and the shared rule finds no problem in the whole week. */
export function scheduleFormValid(form: ScheduleForm): boolean {
  return scheduleFormIssues(form).size === 0 && scheduleProblems(formToSlots(form)).length === 0;
}

/** Minutes of work in a week, for the editor's summary. */
export function weeklyMinutes(slots: readonly ShiftSlot[]): number {
  return slots.reduce((sum, slot) => {
    try {
      return sum + Math.max(0, parseClock(slot.endsAt) - parseClock(slot.startsAt));
    } catch {
      return sum;
    }
  }, 0);
}

function clock(minutes: number): string {
  const m = Math.max(0, Math.min(minutes, 23 * 60 + 59));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Times for a new slot of a day: 09:00-18:00 on an empty day, else four hours after the last slot. */
export function nextSlotTimes(day: DayDraft): { startsAt: string; endsAt: string } {
  const ends = day.slots.map((s) => (validClock(s.endsAt) ? parseClock(s.endsAt) : 0));
  if (ends.length === 0) return { startsAt: '09:00', endsAt: '18:00' };
  const start = Math.min(Math.max(...ends), 23 * 60);
  return { startsAt: clock(start), endsAt: clock(start + 4 * 60) };
}

/** The form with the slots of `from` copied onto the other days given (their own slots replaced). */
export function copyDay(form: ScheduleForm, from: Weekday, to: readonly Weekday[], newKey: () => string): ScheduleForm {
  const source = form.find((day) => day.weekday === from)?.slots ?? [];
  return form.map((day) =>
    to.includes(day.weekday) && day.weekday !== from
      ? { weekday: day.weekday, slots: source.map((slot) => ({ key: newKey(), startsAt: slot.startsAt, endsAt: slot.endsAt })) }
      : day,
  );
}

/** A time typed by hand in the 24-hour HH:MM form the schedule uses: "9:00" → "09:00", "930" → "09:30", "18" → "18:00". */
export function normalizeClock(text: string): string {
  const value = text.trim().replace(/[.\-h]/, ':');
  const match = /^(\d{1,2}):(\d{2})$/.exec(value) ?? /^(\d{1,2})(\d{2})$/.exec(value) ?? /^(\d{1,2})()$/.exec(value);
  if (!match) return value;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2] || '00'}`;
}
