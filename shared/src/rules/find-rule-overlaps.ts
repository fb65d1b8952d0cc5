import type { RoutingConditions, RoutingRule } from './decide-routing';

export interface RuleOverlap {
  firstRuleId: string;
  secondRuleId: string;
  /** A description of clients both rules match, e.g. "region=Москва, vip=yes". */
  example: string;
  /** The later rule never sees these clients: the earlier one takes them first. */
  message: string;
}

type ListKey = 'regions' | 'industries' | 'productLines' | 'channels' | 'ownershipForms' | 'categories' | 'stages';
const LISTS: [ListKey, string][] = [
  ['regions', 'region'],
  ['industries', 'industry'],
  ['productLines', 'productLine'],
  ['channels', 'channel'],
  ['ownershipForms', 'ownership'],
  ['categories', 'category'],
  ['stages', 'stage'],
];

/** The clients both condition sets can match, or null when they are disjoint. */
export function intersectConditions(a: RoutingConditions, b: RoutingConditions): string[] | null {
  const example: string[] = [];
  for (const [key, label] of LISTS) {
    const left = (a[key] ?? []) as readonly (string | number)[];
    const right = (b[key] ?? []) as readonly (string | number)[];
    if (left.length === 0 && right.length === 0) continue;
    const common = left.length === 0 ? right : right.length === 0 ? left : left.filter((v) => right.some((w) => String(w).toLowerCase() === String(v).toLowerCase()));
    if (common.length === 0) return null;
    example.push(`${label}=${common.slice(0, 3).join('|')}`);
  }
  const vipA = a.vip ?? null;
  const vipB = b.vip ?? null;
  if (vipA !== null && vipB !== null && vipA !== vipB) return null;
  if (vipA !== null || vipB !== null) example.push(`vip=${(vipA ?? vipB) ? 'yes' : 'no'}`);
  const min = Math.max(a.potentialMin ?? Number.NEGATIVE_INFINITY, b.potentialMin ?? Number.NEGATIVE_INFINITY);
  const max = Math.min(a.potentialMax ?? Number.POSITIVE_INFINITY, b.potentialMax ?? Number.POSITIVE_INFINITY);
  if (min >= max) return null;
  if (Number.isFinite(min) || Number.isFinite(max)) {
    example.push(`potential ${Number.isFinite(min) ? min : 0}–${Number.isFinite(max) ? max : '∞'}`);
  }
  return example;
}

/** Pairs of active rules that can match the same clients, in rule order, with an example. */
export function findRuleOverlaps(rules: readonly RoutingRule[]): RuleOverlap[] {
  const active = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position);
  const overlaps: RuleOverlap[] = [];
  for (let i = 0; i < active.length; i += 1) {
    for (let j = i + 1; j < active.length; j += 1) {
      const example = intersectConditions(active[i].conditions, active[j].conditions);
      if (!example) continue;
      const text = example.length > 0 ? example.join(', ') : 'any client';
      overlaps.push({
        firstRuleId: active[i].id,
        secondRuleId: active[j].id,
        example: text,
        message: `"${active[i].name}" and "${active[j].name}" both match clients with ${text}; "${active[i].name}" comes first and takes them.`,
      });
    }
  }
  return overlaps;
}
