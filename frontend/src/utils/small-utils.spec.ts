import { describe, expect, it } from 'vitest';
import { availabilityStatus } from './availability';
import { absencePhase, dayInputPlaceholder, dayPattern, formatDay, formatDayInput, formatNearDay, isCalendarDate, parseDayInput, parseLocaleDay, parseTimeInput } from './dates';
import { isErrorReason } from './error-reasons';
import { crossRoleScopeProblem, splitList } from './lists';

describe('availabilityStatus', () => {
  it('is on shift when available, else the first reason', () => {
    expect(availabilityStatus({ available: true, reason: null })).toBe('AVAILABLE');
    expect(availabilityStatus({ available: false, reason: 'ABSENT' })).toBe('ABSENT');
    expect(availabilityStatus({ available: false, reason: null })).toBe('OFF_SHIFT');
    expect(availabilityStatus(null)).toBe('OFF_SHIFT');
  });
});

describe('dates', () => {
  it('formats a calendar date in the viewer language without a time zone shift', () => {
    expect(formatDay('2025-03-01', 'en', { day: 'numeric', month: 'long' })).toBe('March 1');
    expect(formatDay('2025-03-01', 'ru', { day: 'numeric', month: 'long' })).toBe('1 марта');
    expect(formatNearDay('2026-03-01', 'en', '2026-12-02')).toBe('Mar 1');
    expect(formatNearDay('2020-01-01', 'en', '2026-12-02')).toBe('Jan 1, 2020');
    expect(formatNearDay('2020-01-01', 'ru', '2026-12-02')).toMatch(/^1 янв\. 2020/);
    expect(formatDay('soon', 'en')).toBe('soon');
  });

  it('tells past, current and upcoming absences apart (both ends inclusive)', () => {
    const absence = { startsOn: '2025-03-03', endsOn: '2025-03-07' };
    expect(absencePhase(absence, '2025-03-02')).toBe('upcoming');
    expect(absencePhase(absence, '2025-03-03')).toBe('current');
    expect(absencePhase(absence, '2025-03-07')).toBe('current');
    expect(absencePhase(absence, '2025-03-08')).toBe('past');
  });

  it('reads a date typed the ISO or the Russian way', () => {
    expect(parseDayInput('2030-05-06')).toBe('2030-05-06');
    expect(parseDayInput('06.05.2030')).toBe('2030-05-06');
    expect(parseDayInput(' 6.5.2030 ')).toBe('2030-05-06');
    expect(parseDayInput('2030-5-6')).toBe('2030-05-06');
    expect(parseDayInput('31.02.2030')).toBeNull();
    expect(parseDayInput('05/06/2030')).toBeNull();
    expect(parseDayInput('')).toBeNull();
  });

  it('writes a date in figures the way the app language does, whatever the browser language', () => {
    expect(dayPattern('ru')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
    expect(dayPattern('en')).toEqual({ order: ['month', 'day', 'year'], separator: '/' });
    expect(formatDayInput('2026-01-12', 'ru')).toBe('12.01.2026');
    expect(formatDayInput('2026-01-12', 'en')).toBe('01/12/2026');
    expect(formatDayInput('', 'ru')).toBe('');
    expect(dayInputPlaceholder('ru', { day: 'ДД', month: 'ММ', year: 'ГГГГ' })).toBe('ДД.ММ.ГГГГ');
    expect(dayInputPlaceholder('en', { day: 'DD', month: 'MM', year: 'YYYY' })).toBe('MM/DD/YYYY');
  });

  it('reads a date typed in the order of the app language, or as YYYY-MM-DD', () => {
    expect(parseLocaleDay('12.01.2026', 'ru')).toBe('2026-01-12');
    expect(parseLocaleDay(' 2.1.2026 ', 'ru')).toBe('2026-01-02');
    expect(parseLocaleDay('12012026', 'ru')).toBe('2026-01-12');
    expect(parseLocaleDay('12/01/2026', 'ru')).toBe('2026-01-12');
    expect(parseLocaleDay('01/12/2026', 'en')).toBe('2026-01-12');
    expect(parseLocaleDay('1/12/2026', 'en')).toBe('2026-01-12');
    expect(parseLocaleDay('01122026', 'en')).toBe('2026-01-12');
    expect(parseLocaleDay('2026-01-12', 'en')).toBe('2026-01-12');
    expect(parseLocaleDay('2026-01-12', 'ru')).toBe('2026-01-12');
    expect(parseLocaleDay('13/12/2026', 'en')).toBeNull();
    expect(parseLocaleDay('31.02.2026', 'ru')).toBeNull();
    expect(parseLocaleDay('12.01.26', 'ru')).toBeNull();
    expect(parseLocaleDay('12.01', 'ru')).toBeNull();
    expect(parseLocaleDay('', 'ru')).toBeNull();
  });

  it('reads a time of day typed with a colon or a dot', () => {
    expect(parseTimeInput('9:05')).toBe('09:05');
    expect(parseTimeInput('13.45')).toBe('13:45');
    expect(parseTimeInput('24:00')).toBeNull();
    expect(parseTimeInput('12:60')).toBeNull();
    expect(parseTimeInput('noon')).toBeNull();
  });

  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('lists and scopes', () => {
  it('splits a typed list on commas and semicolons, trimmed, without empties and repeats', () => {
    expect(splitList(' Серверы, СХД;;Серверы ,')).toEqual(['Серверы', 'СХД']);
    expect(splitList('   ')).toEqual([]);
  });

  it('asks a product manager for products and a territory manager for regions', () => {
    expect(crossRoleScopeProblem('PRODUCT_MANAGER', [], ['Москва'])).toBe('products');
    expect(crossRoleScopeProblem('TERRITORY_MANAGER', ['Серверы'], [])).toBe('regions');
    expect(crossRoleScopeProblem('TECH_SUPPORT', [], [])).toBeNull();
  });
});

describe('error reasons', () => {
  it('knows the reasons it translates', () => {
    expect(isErrorReason('STALE_VERSION')).toBe(true);
    expect(isErrorReason('COACH_IN_DIRECTOR_LINE')).toBe(true);
    expect(isErrorReason('SOMETHING_ELSE')).toBe(false);
    expect(isErrorReason(undefined)).toBe(false);
  });
});
