import type { Locale } from '@salescircle/shared';
import { defineStore } from 'pinia';
import { computed, inject, ref } from 'vue';
import { UpdateMyPreferencesDocument } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { APP_I18N_KEY, applyDocumentLocale } from '@/i18n';
import { readSavedLocale } from '@/i18n/locale';
import { STORAGE_KEYS, safeStorage } from '@/utils/storage';
import { useAuthStore } from './auth';

export const useLocaleStore = defineStore('locale', () => {
  const i18n = inject(APP_I18N_KEY);
  if (!i18n) throw new Error('install i18nPlugin(i18n) before using the locale store');
  const composer = i18n.global;
  const client = useGraphQLClient();

  const locale = computed<Locale>(() => composer.locale.value);
  /** True once the user picked a language in this browser; it then beats the account's. */
  const hasSavedChoice = ref(readSavedLocale(safeStorage) !== null);

  function apply(next: Locale): void {
    composer.locale.value = next;
    applyDocumentLocale(next);
  }

  /** The user picked a language: show it, remember it here and, when signed in, on the account. */
  async function choose(next: Locale): Promise<void> {
    apply(next);
    safeStorage.setItem(STORAGE_KEYS.locale, next);
    hasSavedChoice.value = true;
    const auth = useAuthStore();
    if (!auth.isSignedIn || auth.user?.locale === next) return;
    try {
      const { updateMyPreferences } = await client.request(UpdateMyPreferencesDocument, { input: { locale: next } });
      if (auth.user?.id === updateMyPreferences.id) auth.setUser(updateMyPreferences);
    } catch {
      // The choice is still kept in this browser; the account keeps its old language.
    }
  }

  /** After sign-in or `me`: use the account's language unless the user chose one here. */
  function adoptUserLocale(userLocale: Locale): void {
    if (!hasSavedChoice.value && locale.value !== userLocale) apply(userLocale);
  }

  return { locale, hasSavedChoice, choose, adoptUserLocale, apply };
});
