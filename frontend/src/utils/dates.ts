import { isCalendarDay } from '@salescircle/shared';

/** A calendar date (YYYY-MM-DD) as the viewer writes it; anything else is returned as it is. */
export function formatDay(value: string, locale: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** A day as a card shows it: day and month, and the year too when it is not this year's ("1 янв. 2020" for a date long past). */
export function formatNearDay(value: string, locale: string, today: string): string {
  return value.slice(0, 4) === today.slice(0, 4) ? formatDay(value, locale, { day: 'numeric', month: 'short' }) : formatDay(value, locale);
}

/** Where an absence stands on a given day (YYYY-MM-DD, the company's today). */
export function absencePhase(absence: { startsOn: string; endsOn: string }, today: string): 'past' | 'current' | 'upcoming' {
  if (absence.endsOn < today) return 'past';
  if (absence.startsOn > today) return 'upcoming';
  return 'current';
}

/** Whether a YYYY-MM-DD string is a real calendar date (the shared rule the API checks too). */
export const isCalendarDate = isCalendarDay;

/** A day said in full: "26 ноября 2026 г.", "November 26, 2026" (refusals name days so). */
export const LONG_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/**
 * A date typed by hand as an ISO date: accepts YYYY-MM-DD and the Russian DD.MM.YYYY (one-digit
 * day and month too); null when it is not a real calendar date.
 */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  let iso: string | null = null;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (dotted) iso = `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  }
  return iso && isCalendarDate(iso) ? iso : null;
}

export type DayPart = 'day' | 'month' | 'year';

/** How a locale writes a date in figures: the order of the parts and what stands between them. */
export interface DayPattern {
  order: readonly [DayPart, DayPart, DayPart];
  separator: string;
}

const PATTERNS = new Map<string, DayPattern>();

/** ru: DD.MM.YYYY, en: MM/DD/YYYY, as Intl writes a 2-digit day and month with a 4-digit year. */
export function dayPattern(locale: string): DayPattern {
  const known = PATTERNS.get(locale);
  if (known) return known;
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2033, 10, 22)));
  const order = parts.filter((p): p is Intl.DateTimeFormatPart & { type: DayPart } => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '.';
  const pattern: DayPattern = order.length === 3 && new Set(order).size === 3 ? { order: order as [DayPart, DayPart, DayPart], separator } : { order: ['year', 'month', 'day'], separator: '-' };
  PATTERNS.set(locale, pattern);
  return pattern;
}

/** A calendar date (YYYY-MM-DD) in figures the locale's way (12.01.2026, 01/12/2026); '' stays ''. */
export function formatDayInput(value: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const figures: Record<DayPart, string> = { year: match[1]!, month: match[2]!, day: match[3]! };
  const { order, separator } = dayPattern(locale);
  return order.map((part) => figures[part]).join(separator);
}

/** The placeholder of a typed date: the locale's order and separator with the given letters (ДД.ММ.ГГГГ). */
export function dayInputPlaceholder(locale: string, letters: Record<DayPart, string>): string {
  const { order, separator } = dayPattern(locale);
  return order.map((part) => letters[part]).join(separator);
}

/**
 * A date typed in the locale's order (12.01.2026, 12/1/2026, 12012026 for ru; 1/12/2026 for
 * en) or as YYYY-MM-DD, as YYYY-MM-DD; null when it is not a real calendar date.
 */
export function parseLocaleDay(text: string, locale: string): string | null {
  const value = text.trim();
  if (!value) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return calendarDay(iso[1]!, iso[2]!, iso[3]!);
  const { order } = dayPattern(locale);
  const figures = /^\d{8}$/.test(value) ? splitFigures(value, order) : value.split(/[\s./,-]+/);
  if (figures.length !== 3 || !figures.every((p) => /^\d+$/.test(p))) return null;
  const read = Object.fromEntries(order.map((part, i) => [part, figures[i]!])) as Record<DayPart, string>;
  return calendarDay(read.year, read.month, read.day);
}

/** 12012026 → 12, 01, 2026 in the locale's order. */
function splitFigures(value: string, order: DayPattern['order']): string[] {
  let at = 0;
  return order.map((part) => {
    const length = part === 'year' ? 4 : 2;
    at += length;
    return value.slice(at - length, at);
  });
}

function calendarDay(year: string, month: string, day: string): string | null {
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(value) ? value : null;
}

/** A time of day typed as 13:45, 9:05 or 13.45, as HH:MM; null otherwise. */
export function parseTimeInput(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
