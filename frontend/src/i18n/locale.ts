import { isLocale, type Locale } from '@salescircle/shared';
import { STORAGE_KEYS, type KeyValueStorage } from '@/utils/storage';

export const DEFAULT_LOCALE: Locale = 'en';

/** ru, ru-RU, ru_RU... → ru; anything else → en. Takes the first language the browser prefers. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages.find((l) => typeof l === 'string' && l.trim() !== '');
  if (!first) return DEFAULT_LOCALE;
  return first.trim().toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** The locale the user picked in this browser, if any. */
export function readSavedLocale(storage: Pick<KeyValueStorage, 'getItem'>): Locale | null {
  const saved = storage.getItem(STORAGE_KEYS.locale);
  return isLocale(saved) ? saved : null;
}

export interface InitialLocaleSources {
  storage: Pick<KeyValueStorage, 'getItem'>;
  /** navigator.languages (or [navigator.language]). */
  languages: readonly string[];
  /** The signed-in user's saved preference, when known before the first render. */
  userLocale?: string | null;
}

/** Saved choice, else the signed-in user's preference, else the browser language. */
export function resolveInitialLocale({ storage, languages, userLocale }: InitialLocaleSources): Locale {
  return readSavedLocale(storage) ?? (isLocale(userLocale) ? userLocale : localeFromLanguages(languages));
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}
