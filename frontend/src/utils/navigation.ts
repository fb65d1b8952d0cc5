import type { Role } from '@salescircle/shared';
import type { RouteLocationRaw } from 'vue-router';
import type { MessageSchema } from '@/i18n';
import type { IconName } from './icons';

/** Every section the app can show in its main navigation. */
export type NavItemId = 'home' | 'teamCircle' | 'matrix';

export interface NavItem {
  id: NavItemId;
  /** Message key of the link text. */
  labelKey: `nav.${Exclude<keyof MessageSchema['nav'], 'label'>}`;
  to: RouteLocationRaw;
  icon: IconName;
}

export const NAV_ITEMS: Readonly<Record<NavItemId, NavItem>> = {
  home: { id: 'home', labelKey: 'nav.home', to: { name: 'home' }, icon: 'home' },
  teamCircle: { id: 'teamCircle', labelKey: 'nav.teamCircle', to: { name: 'team-circle' }, icon: 'circle' },
  matrix: { id: 'matrix', labelKey: 'nav.matrix', to: { name: 'matrix' }, icon: 'grid' },
};

/**
 * Which sections each role sees, in menu order. Later sections (clients, sprints,
 * analytics, coaching) are added here and in NAV_ITEMS only. A rep may still open the
 * matrix by its address (read-only); it is not in their menu.
 */
export const NAVIGATION_BY_ROLE: Readonly<Record<Role, readonly NavItemId[]>> = {
  DIRECTOR: ['home', 'teamCircle', 'matrix'],
  LEAD: ['home', 'teamCircle', 'matrix'],
  COACH: ['home', 'teamCircle', 'matrix'],
  SALES: ['home', 'teamCircle'],
};

/** The navigation items of a role; none for a signed-out visitor. */
export function navigationFor(role: Role | null | undefined): NavItem[] {
  if (!role) return [];
  return (NAVIGATION_BY_ROLE[role] ?? []).map((id) => NAV_ITEMS[id]);
}
