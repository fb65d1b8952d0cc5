import { describe, expect, it } from 'vitest';
import { compositionLabelKey, compositionRows, memberRoleLabelKey } from './composition';
import { safeRedirect } from './redirect';
import { readSession, writeSession } from './session';
import type { KeyValueStorage } from './storage';
import { validateLogin } from './validation';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('compositionRows', () => {
  it('orders slices the domain way, merges duplicates, drops empty ones and computes shares', () => {
    const rows = compositionRows([
      { key: 'SALES', count: 1 },
      { key: 'HUNTER', count: 2 },
      { key: 'DIRECTOR', count: 1 },
      { key: 'HUNTER', count: 2 },
      { key: 'COACH', count: 0 },
      { key: 'MYSTERY', count: 2 },
    ]);
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      ['DIRECTOR', 1],
      ['HUNTER', 4],
      ['SALES', 1],
      ['MYSTERY', 2],
    ]);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1);
    expect(rows[1]?.share).toBeCloseTo(0.5);
  });

  it('is empty for no data', () => {
    expect(compositionRows([])).toEqual([]);
  });

  it('labels reps by stage role when they have one', () => {
    expect(compositionLabelKey('KEY_ACCOUNT')).toBe('stageRoles.KEY_ACCOUNT');
    expect(compositionLabelKey('LEAD')).toBe('roles.LEAD');
    expect(memberRoleLabelKey({ role: 'SALES', stageRole: 'FARMER' })).toBe('stageRoles.FARMER');
    expect(memberRoleLabelKey({ role: 'SALES', stageRole: null })).toBe('roles.SALES');
    expect(memberRoleLabelKey({ role: 'COACH', stageRole: null })).toBe('roles.COACH');
  });
});

describe('safeRedirect', () => {
  it('keeps in-app paths', () => {
    expect(safeRedirect('/teams?x=1#y')).toBe('/teams?x=1#y');
    expect(safeRedirect(['/a', '/b'])).toBe('/a');
  });

  it('refuses other origins and odd values', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'teams', '', null, undefined, 42, '/login?redirect=/']) {
      expect(safeRedirect(bad), String(bad)).toBe('/');
    }
  });
});

describe('validateLogin', () => {
  it('requires both fields and a plausible email', () => {
    expect(validateLogin({ email: '', password: '' })).toEqual({ email: 'emailRequired', password: 'passwordRequired' });
    expect(validateLogin({ email: '   ', password: 'x' })).toEqual({ email: 'emailRequired' });
    expect(validateLogin({ email: 'rep@demo', password: 'x' })).toEqual({ email: 'emailInvalid' });
    expect(validateLogin({ email: 'a b@c.d', password: 'x' })).toEqual({ email: 'emailInvalid' });
    expect(validateLogin({ email: ' rep@demo.local ', password: 'x' })).toEqual({});
  });
});

describe('session storage', () => {
  const user = { id: 'u', email: 'a@b.c', name: 'A', role: 'LEAD', locale: 'ru', active: true } as const;

  it('round-trips a session', () => {
    const storage = memoryStorage();
    writeSession(storage, { token: 't', expiresAt: '2999-01-01T00:00:00Z', user });
    expect(storage.data.get('sc.token')).toBe('t');
    expect(readSession(storage)).toEqual({ token: 't', expiresAt: '2999-01-01T00:00:00Z', user });
  });

  it('forgets an expired session', () => {
    const storage = memoryStorage();
    writeSession(storage, { token: 't', expiresAt: '2020-01-01T00:00:00Z', user });
    expect(readSession(storage, new Date('2021-01-01T00:00:00Z'))).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('ignores a corrupt saved user but keeps the token', () => {
    const storage = memoryStorage();
    storage.setItem('sc.token', 't');
    storage.setItem('sc.user', '{"id":1}');
    expect(readSession(storage)).toEqual({ token: 't', expiresAt: null, user: null });
  });
});
