import type { Role } from '@salescircle/shared';
import type { RouteLocationRaw } from 'vue-router';
import type { MessageSchema } from '@/i18n';
import type { IconName } from './icons';

/** Every section the app can show in its main navigation. */
export type NavItemId = 'home' | 'teamCircle' | 'matrix' | 'sprints' | 'analytics' | 'kpis' | 'coaching' | 'clients' | 'routing' | 'handoffs' | 'balance';

export interface NavItem {
  id: NavItemId;
  /** Message key of the link text. */
  labelKey: `nav.${Exclude<keyof MessageSchema['nav'], 'label'>}`;
  to: RouteLocationRaw;
  icon: IconName;
  /** Address prefixes of the pages that belong to the section (the link shows as current there). */
  paths?: readonly string[];
}

export const NAV_ITEMS: Readonly<Record<NavItemId, NavItem>> = {
  home: { id: 'home', labelKey: 'nav.home', to: { name: 'home' }, icon: 'home' },
  teamCircle: { id: 'teamCircle', labelKey: 'nav.teamCircle', to: { name: 'team-circle' }, icon: 'circle' },
  matrix: { id: 'matrix', labelKey: 'nav.matrix', to: { name: 'matrix' }, icon: 'grid' },
  sprints: { id: 'sprints', labelKey: 'nav.sprints', to: { name: 'sprint-board' }, icon: 'kanban', paths: ['/sprints', '/processes/'] },
  analytics: { id: 'analytics', labelKey: 'nav.analytics', to: { name: 'analytics-funnel' }, icon: 'chart', paths: ['/analytics'] },
  kpis: { id: 'kpis', labelKey: 'nav.kpis', to: { name: 'scorecard' }, icon: 'check', paths: ['/kpi'] },
  coaching: { id: 'coaching', labelKey: 'nav.coaching', to: { name: 'coaching' }, icon: 'users', paths: ['/coaching'] },
  clients: { id: 'clients', labelKey: 'nav.clients', to: { name: 'clients' }, icon: 'briefcase' },
  routing: { id: 'routing', labelKey: 'nav.routing', to: { name: 'routing' }, icon: 'route' },
  handoffs: { id: 'handoffs', labelKey: 'nav.handoffs', to: { name: 'handoffs' }, icon: 'handoff' },
  balance: { id: 'balance', labelKey: 'nav.balance', to: { name: 'balance' }, icon: 'scale' },
};

/**
 * Which sections each role sees, in menu order.
 * Everyone sees the funnel and forecast of their teams (the server scopes them) and a scorecard. A rep may still open the matrix by its
 * address (read-only); it is not in their menu. Coaches see no clients (the client page
 * says so if they open it), so the client sections are not in their menu; leads see the
 * routing and handoff rules read-only and measure territory balance.
 */
export const NAVIGATION_BY_ROLE: Readonly<Record<Role, readonly NavItemId[]>> = {
  DIRECTOR: ['home', 'teamCircle', 'matrix', 'sprints', 'analytics', 'kpis', 'coaching', 'clients', 'routing', 'handoffs', 'balance'],
  LEAD: ['home', 'teamCircle', 'matrix', 'sprints', 'analytics', 'kpis', 'coaching', 'clients', 'routing', 'handoffs', 'balance'],
  COACH: ['home', 'teamCircle', 'matrix', 'sprints', 'analytics', 'kpis', 'coaching'],
  SALES: ['home', 'teamCircle', 'sprints', 'kpis', 'analytics', 'clients'],
};

/** The navigation items of a role; none for a signed-out visitor. */
export function navigationFor(role: Role | null | undefined): NavItem[] {
  if (!role) return [];
  return (NAVIGATION_BY_ROLE[role] ?? []).map((id) => NAV_ITEMS[id]);
}

/** Whether an address belongs to a section that spans several pages (the sprint pages). */
export function isInSection(item: NavItem, path: string): boolean {
  return !!item.paths?.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}
