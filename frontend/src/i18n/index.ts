import type { Locale } from '@salescircle/shared';
import type { InjectionKey, Plugin } from 'vue';
import { createI18n } from 'vue-i18n';
import { en, type MessageSchema } from './en';
import type { MessageFn } from './message';
import { ru } from './ru';

export type { MessageSchema } from './en';

declare module 'vue-i18n' {
  // Typed message keys for t() everywhere.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

type MessageTree = { [key: string]: string | MessageFn | MessageTree };

/**
 * Plain strings become constant message functions. The runtime-only build has no
 * compiler, so it would show strings as they are anyway, but warns about each one in
 * development; functions are what it expects.
 */
function precompile<T extends object>(tree: T): T {
  const out: MessageTree = {};
  for (const [key, value] of Object.entries(tree as MessageTree)) {
    out[key] = typeof value === 'string' ? () => value : typeof value === 'function' ? value : precompile(value);
  }
  return out as T;
}

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en: precompile(en), ru: precompile(ru) },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** The app's i18n instance, for code outside components (stores). */
export const APP_I18N_KEY: InjectionKey<AppI18n> = Symbol('app-i18n');

/** Installs vue-i18n and provides the instance under APP_I18N_KEY. */
export function i18nPlugin(i18n: AppI18n): Plugin {
  return {
    install(app) {
      app.use(i18n);
      app.provide(APP_I18N_KEY, i18n);
    },
  };
}

/** Mirrors the active locale on <html lang> (screen readers, hyphenation, spell check). */
export function applyDocumentLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
