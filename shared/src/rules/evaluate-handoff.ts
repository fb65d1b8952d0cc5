import type { ClientStage } from '../domain/roles';

/** The handoff criteria of the articles, every one of them. */
export type HandoffCriterion =
  | { kind: 'ORDER_COUNT'; min: number }
  | { kind: 'VOLUME'; min: number; windowDays?: number | null }
  | { kind: 'PRODUCT_PURCHASED'; products?: readonly string[]; productLines?: readonly string[] }
  | { kind: 'MIN_MONTHLY'; min: number; months: number }
  | { kind: 'POTENTIAL'; min: number };

export interface HandoffRule {
  id: string;
  name: string;
  fromStage: ClientStage;
  toStage: ClientStage;
  combinator: 'ALL' | 'ANY';
  criteria: readonly HandoffCriterion[];
  active: boolean;
}

export interface ClientOrder {
  /** "YYYY-MM-DD". */
  orderedOn: string;
  total: number;
  products: readonly string[];
  productLines: readonly string[];
}

export interface HandoffFacts {
  stage: ClientStage;
  annualPotential: number;
  orders: readonly ClientOrder[];
}

export interface HandoffEvaluation {
  fires: boolean;
  /** The criterion values, as stored in the assignment record ("orders=3", "minMonthly=120000"). */
  values: Record<string, number | string>;
  /** Which criteria held. */
  held: boolean[];
}

/** "YYYY-MM" of the month `back` months before the month of `asOf` ("YYYY-MM-DD"). */
export function monthBefore(asOf: string, back: number): string {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1 - back;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The day `days` days before `asOf`, "YYYY-MM-DD" (UTC calendar arithmetic). */
export function dayBefore(asOf: string, days: number): string {
  const date = new Date(`${asOf}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * One criterion on a client's orders up to and including `asOf`:
 * ORDER_COUNT — at least N orders (the 2nd or 3rd order);
 * VOLUME — purchases total at least X, all time or in the last `windowDays` days (asOf included);
 * PRODUCT_PURCHASED — bought any of the given products or product lines;
 * MIN_MONTHLY — each of the last N complete calendar months before asOf's month totals at
 *   least X (a month with no order totals 0): the smallest monthly purchase stayed ≥ X;
 * POTENTIAL — annual potential at least X (strategic by size).
 */
export function evaluateCriterion(criterion: HandoffCriterion, facts: HandoffFacts, asOf: string): { holds: boolean; key: string; value: number | string } {
  const orders = facts.orders.filter((o) => o.orderedOn <= asOf);
  switch (criterion.kind) {
    case 'ORDER_COUNT':
      return { holds: orders.length >= criterion.min, key: 'orders', value: orders.length };
    case 'VOLUME': {
      const since = criterion.windowDays ? dayBefore(asOf, criterion.windowDays - 1) : null;
      const volume = orders.filter((o) => since === null || o.orderedOn >= since).reduce((sum, o) => sum + cents(o.total), 0);
      return { holds: volume >= cents(criterion.min), key: criterion.windowDays ? `volume${criterion.windowDays}d` : 'volume', value: volume / 100 };
    }
    case 'PRODUCT_PURCHASED': {
      const products = new Set((criterion.products ?? []).map((p) => p.toLowerCase()));
      const lines = new Set((criterion.productLines ?? []).map((p) => p.toLowerCase()));
      const hit = orders
        .flatMap((o) => [...o.products.filter((p) => products.has(p.toLowerCase())), ...o.productLines.filter((l) => lines.has(l.toLowerCase()))])
        .sort()[0];
      return { holds: hit !== undefined, key: 'purchased', value: hit ?? '' };
    }
    case 'MIN_MONTHLY': {
      const totals = new Map<string, number>();
      for (const o of orders) totals.set(o.orderedOn.slice(0, 7), (totals.get(o.orderedOn.slice(0, 7)) ?? 0) + cents(o.total));
      let smallest = Number.POSITIVE_INFINITY;
      for (let back = 1; back <= criterion.months; back += 1) smallest = Math.min(smallest, totals.get(monthBefore(asOf, back)) ?? 0);
      const value = criterion.months > 0 ? smallest / 100 : 0;
      return { holds: criterion.months > 0 && smallest >= cents(criterion.min), key: `minMonthly${criterion.months}m`, value };
    }
    case 'POTENTIAL':
      return { holds: facts.annualPotential >= criterion.min, key: 'potential', value: facts.annualPotential };
  }
}

/** Whether a rule moves a client now: it must be in the rule's from-stage and its criteria must hold (all or any). */
export function evaluateHandoff(rule: HandoffRule, facts: HandoffFacts, asOf: string): HandoffEvaluation {
  if (!rule.active || facts.stage !== rule.fromStage || rule.criteria.length === 0) return { fires: false, values: {}, held: [] };
  const results = rule.criteria.map((c) => evaluateCriterion(c, facts, asOf));
  const held = results.map((r) => r.holds);
  const fires = rule.combinator === 'ALL' ? held.every(Boolean) : held.some(Boolean);
  return { fires, values: Object.fromEntries(results.map((r) => [r.key, r.value])), held };
}

/** The first active rule (in the order given) that moves the client, if any. */
export function firstFiringHandoff(rules: readonly HandoffRule[], facts: HandoffFacts, asOf: string): { rule: HandoffRule; evaluation: HandoffEvaluation } | null {
  for (const rule of rules) {
    const evaluation = evaluateHandoff(rule, facts, asOf);
    if (evaluation.fires) return { rule, evaluation };
  }
  return null;
}

/** Money is summed in whole kopecks: exact, unlike sums of floats with cents. */
function cents(value: number): number {
  return Math.round(value * 100);
}
