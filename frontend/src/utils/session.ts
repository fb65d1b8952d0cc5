import { isLocale, isRole } from '@salescircle/shared';
import type { CurrentUserFragment } from '@/graphql/generated';
import { STORAGE_KEYS, type KeyValueStorage } from './storage';

export type CurrentUser = CurrentUserFragment;

export interface StoredSession {
  token: string;
  /** ISO date-time, or null when unknown. */
  expiresAt: string | null;
  /** Last known user, so the shell can render before `me` answers. */
  user: CurrentUser | null;
}

function parseUser(raw: string | null): CurrentUser | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const u = value as Record<string, unknown>;
    if (typeof u.id !== 'string' || typeof u.email !== 'string' || typeof u.name !== 'string') return null;
    if (!isRole(u.role) || !isLocale(u.locale) || typeof u.active !== 'boolean') return null;
    return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale, active: u.active };
  } catch {
    return null;
  }
}

/** The saved session, or null when there is none or its token has expired. */
export function readSession(storage: KeyValueStorage, now: Date = new Date()): StoredSession | null {
  const token = storage.getItem(STORAGE_KEYS.token);
  if (!token) return null;
  const expiresAt = storage.getItem(STORAGE_KEYS.tokenExpiresAt);
  const expiry = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  if (Number.isFinite(expiry) && expiry <= now.getTime()) {
    clearStoredSession(storage);
    return null;
  }
  return { token, expiresAt, user: parseUser(storage.getItem(STORAGE_KEYS.user)) };
}

export function writeSession(storage: KeyValueStorage, session: StoredSession): void {
  storage.setItem(STORAGE_KEYS.token, session.token);
  if (session.expiresAt) storage.setItem(STORAGE_KEYS.tokenExpiresAt, session.expiresAt);
  else storage.removeItem(STORAGE_KEYS.tokenExpiresAt);
  if (session.user) storage.setItem(STORAGE_KEYS.user, JSON.stringify(session.user));
  else storage.removeItem(STORAGE_KEYS.user);
}

export function clearStoredSession(storage: KeyValueStorage): void {
  storage.removeItem(STORAGE_KEYS.token);
  storage.removeItem(STORAGE_KEYS.tokenExpiresAt);
  storage.removeItem(STORAGE_KEYS.user);
}
