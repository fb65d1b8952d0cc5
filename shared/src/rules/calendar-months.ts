/**
 * Calendar months of periods given as days (YYYY-MM-DD, both ends included): which month a
 * day is in, which whole months a period holds, and whether a period is whole months, so that
 * the month rollups (KPI months, forecast months, funnel months) answer it exactly; and the
 * day arithmetic every period needs (parseDay, isoDay, addDays, daysBetween), kept here once.
 *
 * Two tests of "whole months", not to be confused:
 * - isOneWholeMonth: exactly one calendar month (November 1–30), as the retention month rows
 *   and the "month before a month" comparison need;
 * - isWholeMonthSpan: any run of whole months (a month, a quarter, Jan–Jun), an open end
 *   allowed, as the funnel and forecast month rollups need.
 */

/** The calendar month of a day (YYYY-MM-DD): its first and last day. */
export function monthOf(day: string): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return { from: `${day.slice(0, 7)}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/**
 * The whole calendar months inside a period (days, both ends included), as a half-open range of
 * first days [from, to); empty (from = to) when the period holds no whole month.
 */
export function wholeMonthsWithin(from: string, to: string): { from: string; to: string } {
  const start = new Date(`${from}T00:00:00Z`);
  const first = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const after = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  return after > first ? { from: isoDay(first), to: isoDay(after) } : { from: isoDay(first), to: isoDay(first) };
}

/**
 * True when the period is exactly ONE calendar month (2026-12-01 .. 2026-12-31; not a quarter,
 * not a month and a day). Throws a RangeError for a malformed day.
 */
export function isOneWholeMonth(from: string, to: string): boolean {
  const start = parseDay(from);
  const next = parseDay(to);
  next.setUTCDate(next.getUTCDate() + 1);
  return start.getUTCDate() === 1 && next.getUTCDate() === 1 && (next.getUTCMonth() - start.getUTCMonth() + 12) % 12 === 1 && next.getTime() - start.getTime() < 32 * DAY_MS;
}

/**
 * True when the period is a SPAN of whole months, any number of them (a month, a quarter,
 * Jan–Jun): it starts on a first day and ends on a last day; an absent end (null: no bound)
 * counts as whole.
 */
export function isWholeMonthSpan(from: string | null, to: string | null): boolean {
  if (from !== null && !from.endsWith('-01')) return false;
  if (to !== null) {
    const next = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString();
    if (!next.slice(8, 10).startsWith('01')) return false;
  }
  return true;
}

const DAY_MS = 86_400_000;

/** A day (YYYY-MM-DD) as UTC midnight; a RangeError for anything else (2026-02-30 included). */
export function parseDay(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoDay(date) !== day) throw new RangeError(`not a day: ${day}`);
  return date;
}

/** Whether `day` is a day of the calendar as YYYY-MM-DD: not 2026-02-30, which Date.parse rolls over into March. */
export function isCalendarDay(day: string): boolean {
  try {
    parseDay(day);
    return true;
  } catch {
    return false;
  }
}

/** The day `n` days after `day` (before it for a negative n); a RangeError for a malformed day. */
export function addDays(day: string, n: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + n);
  return isoDay(date);
}

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier); a RangeError for a malformed day. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** UTC midnight as its day, YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
