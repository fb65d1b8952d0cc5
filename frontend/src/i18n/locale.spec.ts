import { describe, expect, it } from 'vitest';
import { localeFromLanguages, readSavedLocale, resolveInitialLocale } from './locale';

function storage(values: Record<string, string>) {
  return { getItem: (key: string) => values[key] ?? null };
}

describe('localeFromLanguages', () => {
  it('maps any Russian variant to ru', () => {
    expect(localeFromLanguages(['ru'])).toBe('ru');
    expect(localeFromLanguages(['ru-RU', 'en-US'])).toBe('ru');
    expect(localeFromLanguages(['RU-ru'])).toBe('ru');
  });

  it('maps everything else to en, following the first preference', () => {
    expect(localeFromLanguages(['en-US', 'ru-RU'])).toBe('en');
    expect(localeFromLanguages(['de-DE'])).toBe('en');
    expect(localeFromLanguages(['uk-UA'])).toBe('en');
  });

  it('falls back to en when the browser says nothing', () => {
    expect(localeFromLanguages([])).toBe('en');
    expect(localeFromLanguages(['', '  '])).toBe('en');
  });
});

describe('resolveInitialLocale', () => {
  it('prefers the choice saved in this browser', () => {
    expect(resolveInitialLocale({ storage: storage({ 'sc.locale': 'en' }), languages: ['ru-RU'], userLocale: 'ru' })).toBe('en');
    expect(resolveInitialLocale({ storage: storage({ 'sc.locale': 'ru' }), languages: ['en-US'] })).toBe('ru');
  });

  it('ignores a saved value that is not a locale', () => {
    expect(readSavedLocale(storage({ 'sc.locale': 'de' }))).toBeNull();
    expect(resolveInitialLocale({ storage: storage({ 'sc.locale': 'de' }), languages: ['ru'] })).toBe('ru');
  });

  it('uses the signed-in user preference before the browser language', () => {
    expect(resolveInitialLocale({ storage: storage({}), languages: ['en-GB'], userLocale: 'ru' })).toBe('ru');
    expect(resolveInitialLocale({ storage: storage({}), languages: ['en-GB'], userLocale: 'xx' })).toBe('en');
  });

  it('otherwise follows the browser', () => {
    expect(resolveInitialLocale({ storage: storage({}), languages: ['ru-RU'] })).toBe('ru');
    expect(resolveInitialLocale({ storage: storage({}), languages: ['fr-FR'] })).toBe('en');
  });
});
