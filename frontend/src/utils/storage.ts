/** localStorage that never throws (private modes, disabled storage, tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function backing(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export const safeStorage: KeyValueStorage = {
  getItem(key) {
    try {
      return backing()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    try {
      backing()?.setItem(key, value);
    } catch {
      // Storage full or disabled: the app still works for this visit.
    }
  },
  removeItem(key) {
    try {
      backing()?.removeItem(key);
    } catch {
      // Same as above.
    }
  },
};

/** localStorage keys the app owns. */
export const STORAGE_KEYS = {
  token: 'sc.token',
  tokenExpiresAt: 'sc.tokenExpiresAt',
  user: 'sc.user',
  locale: 'sc.locale',
} as const;
