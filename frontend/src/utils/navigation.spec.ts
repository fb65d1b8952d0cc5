import { ROLES } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import { en } from '@/i18n/en';
import { ru } from '@/i18n/ru';
import { routes } from '@/router';
import { NAV_ITEMS, NAVIGATION_BY_ROLE, navigationFor } from './navigation';

function message(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('navigation table', () => {
  it('gives every role a menu that starts with Home', () => {
    for (const role of ROLES) {
      const items = navigationFor(role);
      expect(items.length, role).toBeGreaterThan(0);
      expect(items[0]?.id, role).toBe('home');
    }
  });

  it('gives a signed-out visitor no menu', () => {
    expect(navigationFor(null)).toEqual([]);
    expect(navigationFor(undefined)).toEqual([]);
  });

  it('returns the items of the role in table order, without duplicates', () => {
    for (const role of ROLES) {
      const ids = navigationFor(role).map((item) => item.id);
      expect(ids).toEqual([...NAVIGATION_BY_ROLE[role]]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('only links to named routes that exist', () => {
    const names = new Set(routes.map((r) => r.name));
    for (const item of Object.values(NAV_ITEMS)) {
      expect(typeof item.to === 'object' && 'name' in item.to ? names.has(item.to.name) : false, item.id).toBe(true);
    }
  });

  it('has a label in every language', () => {
    for (const item of Object.values(NAV_ITEMS)) {
      expect(typeof message(en, item.labelKey), `${item.labelKey} (en)`).toBe('string');
      expect(typeof message(ru, item.labelKey), `${item.labelKey} (ru)`).toBe('string');
    }
  });
});
