import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { isAppError } from '@/graphql/client';
import { LoginDocument, MeDocument } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { clearStoredSession, readSession, writeSession, type CurrentUser } from '@/utils/session';
import { safeStorage } from '@/utils/storage';
import { useLocaleStore } from './locale';

export const useAuthStore = defineStore('auth', () => {
  const client = useGraphQLClient();
  const stored = readSession(safeStorage);

  const token = ref<string | null>(stored?.token ?? null);
  const expiresAt = ref<string | null>(stored?.expiresAt ?? null);
  const user = shallowRef<CurrentUser | null>(stored?.user ?? null);
  const isSignedIn = computed(() => token.value !== null && user.value !== null);
  const role = computed(() => user.value?.role ?? null);

  /** Resolves once the saved token has been checked with `me` (at most once per token). */
  let check: Promise<void> | null = null;

  function persist(): void {
    if (token.value) writeSession(safeStorage, { token: token.value, expiresAt: expiresAt.value, user: user.value });
    else clearStoredSession(safeStorage);
  }

  function setUser(next: CurrentUser): void {
    user.value = next;
    persist();
  }

  /** Forgets the token and the user (sign-out, or the server refused the token). */
  function clearSession(): void {
    token.value = null;
    expiresAt.value = null;
    user.value = null;
    check = null;
    clearStoredSession(safeStorage);
  }

  async function login(email: string, password: string): Promise<CurrentUser> {
    const { login: payload } = await client.request(LoginDocument, { email, password });
    token.value = payload.accessToken;
    expiresAt.value = payload.expiresAt;
    user.value = payload.user;
    persist();
    check = Promise.resolve();
    useLocaleStore().adoptUserLocale(payload.user.locale);
    return payload.user;
  }

  function logout(): void {
    clearSession();
  }

  /**
   * Reloads the user with `me`. A refused token ends the session; other failures
   * (server down) keep the saved session so the app can retry later.
   */
  async function refresh(): Promise<void> {
    if (!token.value) return;
    const sentToken = token.value;
    try {
      const { me } = await client.request(MeDocument);
      if (token.value !== sentToken) return;
      setUser(me);
      useLocaleStore().adoptUserLocale(me.locale);
    } catch (error) {
      if (isAppError(error) && error.code === 'UNAUTHENTICATED' && token.value === sentToken) clearSession();
    }
  }

  /** Checks the saved token once (the router awaits this before the first page). */
  function ensureChecked(): Promise<void> {
    if (!token.value) return Promise.resolve();
    check ??= refresh();
    return check;
  }

  return { token, expiresAt, user, role, isSignedIn, login, logout, refresh, ensureChecked, setUser, clearSession };
});
