import { addDays, daysBetween, isoDay, parseDay } from './calendar-months';

/**
 * The period a KPI compares with (portfolio growth, retention): for whole calendar months
 * (a month, a quarter, Jan–Jun) the same number of whole months just before, so November
 * compares with October and Q4 with Q3; for any other span (a sprint, a custom range) the
 * same number of days just before. Days are YYYY-MM-DD, both ends included.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = parseDay(from);
  const end = parseDay(to);
  if (end < start) throw new RangeError(`period ends before it starts: ${from} .. ${to}`);
  const next = new Date(end);
  next.setUTCDate(next.getUTCDate() + 1);
  if (start.getUTCDate() === 1 && next.getUTCDate() === 1) {
    const months = (next.getUTCFullYear() - start.getUTCFullYear()) * 12 + next.getUTCMonth() - start.getUTCMonth();
    return { from: isoDay(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1))), to: addDays(from, -1) };
  }
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}
