import type { Locale } from '@salescircle/shared';
import { createI18n } from 'vue-i18n';
import { en, type MessageSchema } from './en';
import { ru } from './ru';

export type { MessageSchema } from './en';

declare module 'vue-i18n' {
  // Typed message keys for t() everywhere.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

export const messages: Record<Locale, MessageSchema> = { en, ru };

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Mirrors the active locale on <html lang> (screen readers, hyphenation, spell check). */
export function applyDocumentLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
