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
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const after = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return after > first ? { from: iso(first), to: iso(after) } : { from: iso(first), to: iso(first) };
}
