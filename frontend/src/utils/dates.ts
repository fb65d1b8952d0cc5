/** A calendar date (YYYY-MM-DD) as the viewer writes it; anything else is returned as it is. */
export function formatDay(value: string, locale: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** Where an absence stands on a given day (YYYY-MM-DD, the company's today). */
export function absencePhase(absence: { startsOn: string; endsOn: string }, today: string): 'past' | 'current' | 'upcoming' {
  if (absence.endsOn < today) return 'past';
  if (absence.startsOn > today) return 'upcoming';
  return 'current';
}

/** Whether a YYYY-MM-DD string is a real calendar date. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

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
