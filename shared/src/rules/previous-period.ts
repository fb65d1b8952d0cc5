/**
 * The period a KPI compares with (portfolio growth, retention): for whole calendar months
 * (a month, a quarter, Jan–Jun) the same number of whole months just before, so November
 * compares with October and Q4 with Q3; for any other span (a sprint, a custom range) the
 * same number of days just before. Days are YYYY-MM-DD, both ends included.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = parse(from);
  const end = parse(to);
  if (end < start) throw new RangeError(`period ends before it starts: ${from} .. ${to}`);
  const next = new Date(end);
  next.setUTCDate(next.getUTCDate() + 1);
  if (start.getUTCDate() === 1 && next.getUTCDate() === 1) {
    const months = (next.getUTCFullYear() - start.getUTCFullYear()) * 12 + next.getUTCMonth() - start.getUTCMonth();
    return { from: iso(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1))), to: iso(new Date(start.getTime() - DAY_MS)) };
  }
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
  return { from: iso(new Date(start.getTime() - days * DAY_MS)), to: iso(new Date(start.getTime() - DAY_MS)) };
}

const DAY_MS = 86_400_000;

function parse(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || iso(date) !== day) throw new RangeError(`not a day: ${day}`);
  return date;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
