/**
 * KPIs of the cross roles (issue 6, seed 001): a product manager owns a product's volume
 * across all reps, a territory manager a region's. Their scorecard lines measure the scope,
 * not the person's own sales: the figures are the same whoever sold.
 */
import type { CrossRoleKind } from '../domain/circle';
import type { Role, StageRole } from '../domain/roles';
import { defaultKpis, type KpiDefault, type KpiMetric } from './kpi-scorecard';

/** The metrics that measure a cross role's scope, by kind (the other kinds have none). */
export const CROSS_ROLE_METRICS: Readonly<Partial<Record<CrossRoleKind, readonly KpiMetric[]>>> = {
  PRODUCT_MANAGER: ['PRODUCT_REVENUE', 'PRODUCT_ORDERS', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE'],
  TERRITORY_MANAGER: ['REGION_REVENUE', 'REGION_NEW_CLIENTS', 'REGION_ACTIVE_CLIENTS'],
};

/** Which cross role a metric measures the scope of; null for a person's own metrics. */
export function crossRoleOfMetric(metric: KpiMetric): CrossRoleKind | null {
  for (const [kind, metrics] of Object.entries(CROSS_ROLE_METRICS)) if (metrics?.includes(metric)) return kind as CrossRoleKind;
  return null;
}

/** What a member's cross roles cover, one entry per kind with KPIs (several roles of a kind add up). */
export interface CrossRoleScope {
  kind: CrossRoleKind;
  /** Product names or product lines (product managers). */
  products: string[];
  /** Client regions (territory managers). */
  regions: string[];
}

/**
 * The scopes of a member's cross roles, merged per kind (product manager, then territory
 * manager): names are kept as first written, duplicates differing only in case dropped, as the
 * figures match names case-insensitively. Kinds without KPIs and empty scopes are left out.
 */
export function crossRoleScopes(roles: readonly { kind: CrossRoleKind; products: readonly string[]; regions: readonly string[] }[]): CrossRoleScope[] {
  const unique = (values: string[]) => {
    const seen = new Set<string>();
    return values.map((v) => v.trim()).filter((v) => v && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
  };
  const scopes: CrossRoleScope[] = [];
  for (const kind of ['PRODUCT_MANAGER', 'TERRITORY_MANAGER'] as const) {
    const of = roles.filter((r) => r.kind === kind);
    const products = kind === 'PRODUCT_MANAGER' ? unique(of.flatMap((r) => [...r.products])) : [];
    const regions = kind === 'TERRITORY_MANAGER' ? unique(of.flatMap((r) => [...r.regions])) : [];
    if (products.length > 0 || regions.length > 0) scopes.push({ kind, products, regions });
  }
  return scopes;
}

/** Defaults per two-week sprint for a cross role's scope, across all reps (a company sets its own targets per period). */
export function crossRoleKpis(kind: CrossRoleKind): KpiDefault[] {
  switch (kind) {
    case 'PRODUCT_MANAGER':
      return [
        { metric: 'PRODUCT_REVENUE', target: 20_000_000, weight: 0.5 },
        { metric: 'PRODUCT_CLIENTS', target: 60, weight: 0.3 },
        { metric: 'PRODUCT_SHARE', target: 0.25, weight: 0.2 },
      ];
    case 'TERRITORY_MANAGER':
      return [
        { metric: 'REGION_REVENUE', target: 20_000_000, weight: 0.5 },
        { metric: 'REGION_NEW_CLIENTS', target: 5, weight: 0.2 },
        { metric: 'REGION_ACTIVE_CLIENTS', target: 60, weight: 0.3 },
      ];
    default:
      return [];
  }
}

/**
 * A member's default KPIs: the role's (by stage role) plus those of their cross roles. A
 * member whose job is the cross role (a SALES member without a stage role, such as a product
 * manager) is measured by the scope only. Weights are rescaled to add up to 1.
 */
export function memberDefaultKpis(role: Role, stageRole: StageRole | null, scopes: readonly Pick<CrossRoleScope, 'kind'>[]): KpiDefault[] {
  const cross = [...new Set(scopes.map((s) => s.kind))].flatMap((kind) => crossRoleKpis(kind));
  const own = cross.length > 0 && role === 'SALES' && stageRole === null ? [] : defaultKpis(role, stageRole);
  const lines = [...own, ...cross];
  const total = lines.reduce((s, l) => s + l.weight, 0);
  if (total === 0) return [];
  return lines.map((l) => ({ ...l, weight: Math.round((l.weight / total) * 10_000) / 10_000 }));
}

/** The scope's share of the organization's revenue in the period, 0..1 (0 when nothing was sold). */
export function productShare(scopeRevenue: number, totalRevenue: number): number {
  if (!(totalRevenue > 0) || !(scopeRevenue > 0)) return 0;
  return Math.round(Math.min(1, scopeRevenue / totalRevenue) * 10_000) / 10_000;
}
