import {
  CATEGORIES,
  CHANNELS,
  CLIENT_STAGES,
  OWNERSHIP_FORMS,
  ROUTING_STRATEGIES,
  type Channel,
  type ClientStage,
  type OwnershipForm,
  type RoutingConditions,
  type RoutingRule,
  type RoutingStrategy,
} from '@salescircle/shared';
import type { RoutingRuleFieldsFragment, RoutingRuleInput } from '@/graphql/generated';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function pick<T extends string | number>(allowed: readonly T[], value: unknown): T[] {
  return Array.isArray(value) ? allowed.filter((item) => value.includes(item)) : [];
}

function amount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A rule's conditions from the API's JSON; anything malformed is left out (it matches anything). */
export function parseConditions(json: string | null | undefined): RoutingConditions {
  let raw: unknown = null;
  try {
    raw = json ? JSON.parse(json) : null;
  } catch {
    raw = null;
  }
  if (!isRecord(raw)) return {};
  const conditions: RoutingConditions = {};
  const regions = strings(raw.regions);
  const industries = strings(raw.industries);
  const productLines = strings(raw.productLines);
  const channels = pick<Channel>(CHANNELS, raw.channels);
  const ownershipForms = pick<OwnershipForm>(OWNERSHIP_FORMS, raw.ownershipForms);
  const categories = pick<number>(CATEGORIES, raw.categories);
  const stages = pick<ClientStage>(CLIENT_STAGES, raw.stages);
  if (regions.length) conditions.regions = regions;
  if (industries.length) conditions.industries = industries;
  if (productLines.length) conditions.productLines = productLines;
  if (typeof raw.vip === 'boolean') conditions.vip = raw.vip;
  if (channels.length) conditions.channels = channels;
  if (ownershipForms.length) conditions.ownershipForms = ownershipForms;
  if (categories.length) conditions.categories = categories;
  if (stages.length) conditions.stages = stages;
  const min = amount(raw.potentialMin);
  const max = amount(raw.potentialMax);
  if (min !== null) conditions.potentialMin = min;
  if (max !== null) conditions.potentialMax = max;
  return conditions;
}

/** One chip of a rule's conditions: a dimension and what it asks for (the page translates the values). */
export type ConditionChip =
  | { dimension: 'regions' | 'industries' | 'productLines'; values: readonly string[] }
  | { dimension: 'channels'; values: readonly Channel[] }
  | { dimension: 'ownershipForms'; values: readonly OwnershipForm[] }
  | { dimension: 'stages'; values: readonly ClientStage[] }
  | { dimension: 'categories'; values: readonly number[] }
  | { dimension: 'vip'; value: boolean }
  | { dimension: 'potential'; min: number | null; max: number | null };

/** The conditions as chips, in the order routing checks them; none: the rule matches any client. */
export function conditionChips(conditions: RoutingConditions): ConditionChip[] {
  const chips: ConditionChip[] = [];
  if (conditions.regions?.length) chips.push({ dimension: 'regions', values: conditions.regions });
  if (conditions.industries?.length) chips.push({ dimension: 'industries', values: conditions.industries });
  if (conditions.productLines?.length) chips.push({ dimension: 'productLines', values: conditions.productLines });
  if (conditions.vip !== undefined && conditions.vip !== null) chips.push({ dimension: 'vip', value: conditions.vip });
  if (conditions.channels?.length) chips.push({ dimension: 'channels', values: conditions.channels });
  if (conditions.ownershipForms?.length) chips.push({ dimension: 'ownershipForms', values: conditions.ownershipForms });
  if (conditions.categories?.length) chips.push({ dimension: 'categories', values: conditions.categories });
  if (conditions.stages?.length) chips.push({ dimension: 'stages', values: conditions.stages });
  const min = conditions.potentialMin ?? null;
  const max = conditions.potentialMax ?? null;
  if (min !== null || max !== null) chips.push({ dimension: 'potential', min, max });
  return chips;
}

/** A rule of the API as the shared routing functions take it. */
export function toSharedRule(rule: RoutingRuleFieldsFragment): RoutingRule {
  const memberIds = rule.members.map((m) => m.id);
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    active: rule.active,
    conditions: parseConditions(rule.conditions),
    target: rule.strategy ? { kind: 'POOL', memberIds, strategy: rule.strategy } : { kind: 'MEMBER', memberId: memberIds[0] ?? '' },
  };
}

/** The rule editor's state. */
export interface RoutingRuleForm {
  name: string;
  active: boolean;
  regions: string[];
  industries: string[];
  productLines: string[];
  vip: boolean | null;
  channels: Channel[];
  ownershipForms: OwnershipForm[];
  categories: number[];
  stages: ClientStage[];
  potentialMin: number | null;
  potentialMax: number | null;
  targetKind: 'MEMBER' | 'POOL';
  memberId: string;
  poolMemberIds: string[];
  strategy: RoutingStrategy;
}

export type RoutingFormProblem = 'name' | 'member' | 'pool' | 'potential';

export function routingFormFrom(rule?: RoutingRuleFieldsFragment | null): RoutingRuleForm {
  const c = rule ? parseConditions(rule.conditions) : {};
  const ids = rule?.members.map((m) => m.id) ?? [];
  return {
    name: rule?.name ?? '',
    active: rule?.active ?? true,
    regions: [...(c.regions ?? [])],
    industries: [...(c.industries ?? [])],
    productLines: [...(c.productLines ?? [])],
    vip: c.vip ?? null,
    channels: [...(c.channels ?? [])],
    ownershipForms: [...(c.ownershipForms ?? [])],
    categories: [...(c.categories ?? [])],
    stages: [...(c.stages ?? [])],
    potentialMin: c.potentialMin ?? null,
    potentialMax: c.potentialMax ?? null,
    targetKind: rule?.strategy ? 'POOL' : 'MEMBER',
    memberId: rule && !rule.strategy ? (ids[0] ?? '') : '',
    poolMemberIds: rule?.strategy ? ids : [],
    strategy: rule?.strategy ?? ROUTING_STRATEGIES[0],
  };
}

export function routingFormConditions(form: RoutingRuleForm): RoutingConditions {
  const conditions: RoutingConditions = {};
  if (form.regions.length) conditions.regions = [...form.regions];
  if (form.industries.length) conditions.industries = [...form.industries];
  if (form.productLines.length) conditions.productLines = [...form.productLines];
  if (form.vip !== null) conditions.vip = form.vip;
  if (form.channels.length) conditions.channels = [...form.channels];
  if (form.ownershipForms.length) conditions.ownershipForms = [...form.ownershipForms];
  if (form.categories.length) conditions.categories = [...form.categories];
  if (form.stages.length) conditions.stages = [...form.stages];
  if (form.potentialMin !== null) conditions.potentialMin = form.potentialMin;
  if (form.potentialMax !== null) conditions.potentialMax = form.potentialMax;
  return conditions;
}

export function routingFormProblems(form: RoutingRuleForm): RoutingFormProblem[] {
  const problems: RoutingFormProblem[] = [];
  if (!form.name.trim()) problems.push('name');
  if (form.targetKind === 'MEMBER' && !form.memberId) problems.push('member');
  if (form.targetKind === 'POOL' && form.poolMemberIds.length === 0) problems.push('pool');
  if (form.potentialMin !== null && form.potentialMax !== null && form.potentialMax <= form.potentialMin) problems.push('potential');
  return problems;
}

/** The rule as the API saves it (`position` only when it moves). */
export function routingInputFrom(form: RoutingRuleForm, position?: number): RoutingRuleInput {
  const c = routingFormConditions(form);
  const input: RoutingRuleInput = {
    name: form.name.trim(),
    active: form.active,
    conditions: {
      regions: [...(c.regions ?? [])],
      industries: [...(c.industries ?? [])],
      productLines: [...(c.productLines ?? [])],
      vip: c.vip ?? null,
      channels: [...(c.channels ?? [])],
      ownershipForms: [...(c.ownershipForms ?? [])],
      categories: [...(c.categories ?? [])],
      stages: [...(c.stages ?? [])],
      potentialMin: c.potentialMin ?? null,
      potentialMax: c.potentialMax ?? null,
    },
    ...(form.targetKind === 'MEMBER' ? { memberId: form.memberId, poolMemberIds: [], strategy: null } : { memberId: null, poolMemberIds: [...form.poolMemberIds], strategy: form.strategy }),
  };
  if (position !== undefined) input.position = position;
  return input;
}

/** A saved rule's input unchanged but for its position (moving up or down, switching on or off). */
export function routingInputOf(rule: RoutingRuleFieldsFragment, change: { position?: number; active?: boolean } = {}): RoutingRuleInput {
  const form = routingFormFrom(rule);
  if (change.active !== undefined) form.active = change.active;
  return routingInputFrom(form, change.position);
}

/**
 * The rules as they would stand with the editor's rule in place: replacing the rule being
 * edited, or added last when it is new. What the live simulator runs.
 */
export function rulesWithDraft(rules: readonly RoutingRule[], draft: { id: string | null; form: RoutingRuleForm } | null): RoutingRule[] {
  if (!draft) return [...rules];
  const position = draft.id ? (rules.find((r) => r.id === draft.id)?.position ?? rules.length + 1) : Math.max(0, ...rules.map((r) => r.position)) + 1;
  const f = draft.form;
  const rule: RoutingRule = {
    id: draft.id ?? 'draft',
    name: f.name.trim() || '…',
    position,
    active: f.active,
    conditions: routingFormConditions(f),
    target: f.targetKind === 'MEMBER' ? { kind: 'MEMBER', memberId: f.memberId } : { kind: 'POOL', memberIds: [...f.poolMemberIds], strategy: f.strategy },
  };
  return draft.id ? rules.map((r) => (r.id === draft.id ? rule : r)) : [...rules, rule];
}

/** The clients two rules both match, from the example the overlap check gives ("region=Москва, vip=yes, potential 0–∞"), as chips. */
export function parseOverlapExample(example: string): ConditionChip[] {
  const lists: Record<string, 'regions' | 'industries' | 'productLines'> = { region: 'regions', industry: 'industries', productLine: 'productLines' };
  const chips: ConditionChip[] = [];
  for (const part of example.split(/,\s*(?=[a-zA-Z]+[=\s])/)) {
    const potential = /^potential\s+([\d.]+)[–-]([\d.]+|∞)$/.exec(part.trim());
    if (potential) {
      const min = Number(potential[1]);
      chips.push({ dimension: 'potential', min: min > 0 ? min : null, max: potential[2] === '∞' ? null : Number(potential[2]) });
      continue;
    }
    const match = /^(\w+)=(.*)$/.exec(part.trim());
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    const values = raw.split('|').map((v) => v.trim()).filter(Boolean);
    if (key in lists) chips.push({ dimension: lists[key]!, values });
    else if (key === 'vip') chips.push({ dimension: 'vip', value: raw === 'yes' });
    else if (key === 'channel') chips.push({ dimension: 'channels', values: values.filter((v): v is Channel => (CHANNELS as readonly string[]).includes(v)) });
    else if (key === 'ownership') chips.push({ dimension: 'ownershipForms', values: values.filter((v): v is OwnershipForm => (OWNERSHIP_FORMS as readonly string[]).includes(v)) });
    else if (key === 'stage') chips.push({ dimension: 'stages', values: values.filter((v): v is ClientStage => (CLIENT_STAGES as readonly string[]).includes(v)) });
    else if (key === 'category') chips.push({ dimension: 'categories', values: values.map(Number).filter((v) => Number.isInteger(v)) });
  }
  return chips;
}

/** One client value a routing step names: a chip, or the raw value when it is "—" or an amount. */
export interface StepCondition {
  dimension: ConditionChip['dimension'];
  chip: ConditionChip | null;
  raw: string;
}

const STEP_DIMENSIONS: Record<string, ConditionChip['dimension']> = {
  region: 'regions',
  industry: 'industries',
  productLine: 'productLines',
  vip: 'vip',
  channel: 'channels',
  ownership: 'ownershipForms',
  category: 'categories',
  stage: 'stages',
  'potential≥': 'potential',
  'potential<': 'potential',
};
const STEP_KEYS = Object.keys(STEP_DIMENSIONS).join('|');
const STEP_PART = new RegExp(`^(${STEP_KEYS})=(.*)$`, 's');
/** Where the next value starts: ", " before a known key (a value such as a region may hold a comma). */
const STEP_SEPARATOR = new RegExp(`, (?=(?:${STEP_KEYS})=)`);

/**
 * The client values a routing step names, as the shared rule writes them ("stage=ACTIVE",
 * "region=Москва, vip=yes"), so they can be shown in the viewer's language; null when the
 * text is not in that form (it is then shown as written).
 */
export function parseStepConditions(text: string): StepCondition[] | null {
  if (!text.trim()) return null;
  const out: StepCondition[] = [];
  for (const part of text.split(STEP_SEPARATOR)) {
    const match = STEP_PART.exec(part.trim());
    if (!match) return null;
    const [, key = '', raw = ''] = match;
    const dimension = STEP_DIMENSIONS[key]!;
    if (raw === '—' || dimension === 'potential') {
      out.push({ dimension, chip: null, raw });
      continue;
    }
    const [chip] = parseOverlapExample(`${key}=${raw}`);
    const empty = !chip || ('values' in chip && chip.values.length === 0);
    out.push({ dimension, chip: empty ? null : chip, raw });
  }
  return out;
}

/** An overlap as the later rule shows it: the earlier rule takes the shared clients first. */
export interface RuleOverlapView {
  otherRuleId: string;
  otherName: string;
  otherPosition: number;
  /** The API's example, as it came. */
  example: string;
  chips: ConditionChip[];
}

/**
 * Overlap warnings per rule, on the later rule of each pair (it never sees the clients the
 * earlier one matches), the earlier rules in order.
 */
export function overlapsByRule(
  rules: readonly { id: string; name: string; position: number }[],
  overlaps: readonly { firstRuleId: string; secondRuleId: string; example: string }[],
): Map<string, RuleOverlapView[]> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const byRule = new Map<string, RuleOverlapView[]>();
  for (const o of overlaps) {
    const first = byId.get(o.firstRuleId);
    if (!first || !byId.has(o.secondRuleId)) continue;
    const view = { otherRuleId: first.id, otherName: first.name, otherPosition: first.position, example: o.example, chips: parseOverlapExample(o.example) };
    byRule.set(o.secondRuleId, [...(byRule.get(o.secondRuleId) ?? []), view].sort((a, b) => a.otherPosition - b.otherPosition));
  }
  return byRule;
}
