import { describe, expect, it } from 'vitest';
import { availabilityStatus } from './availability';
import { absencePhase, formatDay, isCalendarDate, parseDayInput } from './dates';
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
