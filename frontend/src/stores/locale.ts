import type { Locale } from '@salescircle/shared';
import { defineStore } from 'pinia';
import { computed, inject, ref } from 'vue';
import { I18nInjectionKey, type Composer } from 'vue-i18n';
import { UpdateMyPreferencesDocument } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { applyDocumentLocale } from '@/i18n';
import { readSavedLocale } from '@/i18n/locale';
import { STORAGE_KEYS, safeStorage } from '@/utils/storage';
import { useAuthStore } from './auth';

export const useLocaleStore = defineStore('locale', () => {
  const i18n = inject(I18nInjectionKey);
  if (!i18n) throw new Error('vue-i18n must be installed before the locale store is used');
  const composer = i18n.global as unknown as Composer;
  const client = useGraphQLClient();

  const locale = computed(() => composer.locale.value as Locale);
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
