/**
 * The time axis of the matrix ("3D specialization"): can this member take work at a
 * given instant? Shifts and absences are in the company's local time (its IANA time
 * zone), so an instant is first turned into the company's weekday, date and time.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ShiftSlot {
  weekday: Weekday;
  /** "HH:MM", inclusive. */
  startsAt: string;
  /** "HH:MM", exclusive: a 10:00-14:00 shift ends before 14:00. */
  endsAt: string;
}

export interface AbsencePeriod {
  /** "YYYY-MM-DD", first day away. */
  startsOn: string;
  /** "YYYY-MM-DD", last day away (inclusive: back the next day). */
  endsOn: string;
}

export interface AvailabilityInput {
  active: boolean;
  /** The member's group is paused (e.g. the telemarketing group when hunters are swamped). */
  paused: boolean;
  /** Weekly working hours; an empty list means no fixed hours (available any time). */
  schedule: readonly ShiftSlot[];
  absences: readonly AbsencePeriod[];
}

export type UnavailableReason = 'INACTIVE' | 'PAUSED' | 'ABSENT' | 'OFF_SHIFT';

export interface Availability {
  available: boolean;
  reason: UnavailableReason | null;
}

export interface LocalMoment {
  /** "YYYY-MM-DD" in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAYS: Record<string, Weekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and time of an instant in a time zone. */
export function toLocalMoment(at: Date, timeZone: string): LocalMoment {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday],
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a time of day (HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isAbsentOn(absences: readonly AbsencePeriod[], date: string): boolean {
  return absences.some((a) => a.startsOn <= date && date <= a.endsOn);
}

export function isOnShift(schedule: readonly ShiftSlot[], moment: LocalMoment): boolean {
  if (schedule.length === 0) return true;
  return schedule.some(
    (slot) => slot.weekday === moment.weekday && parseClock(slot.startsAt) <= moment.minutes && moment.minutes < parseClock(slot.endsAt),
  );
}

/**
 * Available unless inactive, in a paused group, absent that (local) day, or outside every
 * shift of that weekday. The first reason that applies is given, in that order.
 */
export function isAvailable(member: AvailabilityInput, at: Date, timeZone: string): Availability {
  if (!member.active) return { available: false, reason: 'INACTIVE' };
  if (member.paused) return { available: false, reason: 'PAUSED' };
  const moment = toLocalMoment(at, timeZone);
  if (isAbsentOn(member.absences, moment.date)) return { available: false, reason: 'ABSENT' };
  if (!isOnShift(member.schedule, moment)) return { available: false, reason: 'OFF_SHIFT' };
  return { available: true, reason: null };
}

/** One problem of a work schedule: the slot (1-based) with its hours, what is wrong, and the slot it overlaps. */
export interface ScheduleProblem {
  slot: number;
  startsAt: string;
  endsAt: string;
  problem: 'WEEKDAY' | 'NOT_A_TIME' | 'ENDS_BEFORE_START' | 'OVERLAP';
  /** The slot it overlaps (1-based), for OVERLAP; with its hours. */
  other?: { slot: number; startsAt: string; endsAt: string };
  /** The English sentence (as scheduleProblems says it). */
  message: string;
}

/** Problems with a weekly schedule (overlaps, inverted or malformed slots), for input validation, with the values each names. */
export function scheduleProblemList(schedule: readonly ShiftSlot[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const byDay = new Map<number, { from: number; to: number; label: string; slot: number; startsAt: string; endsAt: string }[]>();
  schedule.forEach((slot, i) => {
    const label = `slot ${i + 1} (${slot.startsAt}-${slot.endsAt})`;
    const at = { slot: i + 1, startsAt: slot.startsAt, endsAt: slot.endsAt };
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      problems.push({ ...at, problem: 'WEEKDAY', message: `${label}: the weekday must be 1 (Monday) to 7 (Sunday)` });
      return;
    }
    let from: number;
    let to: number;
    try {
      from = parseClock(slot.startsAt);
      to = parseClock(slot.endsAt);
    } catch (error) {
      problems.push({ ...at, problem: 'NOT_A_TIME', message: `${label}: ${(error as Error).message}` });
      return;
    }
    if (from >= to) {
      problems.push({ ...at, problem: 'ENDS_BEFORE_START', message: `${label}: must end after it starts` });
      return;
    }
    const day = byDay.get(slot.weekday) ?? [];
    for (const other of day) {
      if (from < other.to && other.from < to) {
        problems.push({ ...at, problem: 'OVERLAP', other: { slot: other.slot, startsAt: other.startsAt, endsAt: other.endsAt }, message: `${label} overlaps ${other.label}` });
      }
    }
    day.push({ from, to, label, ...at });
    byDay.set(slot.weekday, day);
  });
  return problems;
}

/** The English sentences of scheduleProblemList. */
export function scheduleProblems(schedule: readonly ShiftSlot[]): string[] {
  return scheduleProblemList(schedule).map((p) => p.message);
}
