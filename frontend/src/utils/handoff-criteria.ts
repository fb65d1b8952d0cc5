import { PIPELINE_OF_STAGES, type ClientStage } from '@salescircle/shared';
import { formatMoney } from './money';

/** A handoff criterion as the API gives it (kind is a string there). */
export interface CriterionLike {
  kind: string;
  min?: number | null;
  windowDays?: number | null;
  months?: number | null;
  products?: readonly string[] | null;
  productLines?: readonly string[] | null;
}

export const CRITERION_KINDS = ['ORDER_COUNT', 'VOLUME', 'PRODUCT_PURCHASED', 'MIN_MONTHLY', 'POTENTIAL'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export function isCriterionKind(value: string): value is CriterionKind {
  return (CRITERION_KINDS as readonly string[]).includes(value);
}

/** A message to show: its key and named arguments (the caller translates it). */
export interface Message<K extends string = string> {
  key: K;
  named: Record<string, string | number>;
}

export type CriterionMessageKey = `handoffs.criterion.${CriterionKind | 'VOLUME_WINDOW' | 'unknown'}`;

/** "2nd" / "2-й": the ordinal of a count, for "2nd order or more". */
export function ordinal(n: number, locale: string): string {
  if (locale.startsWith('ru')) return `${n}-й`;
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th', zero: 'th', many: 'th' }[new Intl.PluralRules('en', { type: 'ordinal' }).select(n)];
  return `${n}${suffix}`;
}

/** The list of a PRODUCT_PURCHASED criterion: products and product lines, "A, B or C" style joined by the caller's word. */
export function joinAlternatives(items: readonly string[], locale: string): string {
  if (items.length === 0) return '—';
  return new Intl.ListFormat(locale.startsWith('ru') ? 'ru' : 'en', { type: 'disjunction' }).format(items);
}

/** One criterion as a sentence: "2nd order or more", "≥ ₽1,000,000 in 90 days", "bought Серверы"... */
export function criterionMessage(criterion: CriterionLike, locale: string, currency = 'RUB'): Message<CriterionMessageKey> {
  const money = (value: number | null | undefined) => formatMoney(value ?? 0, locale, currency);
  switch (criterion.kind) {
    case 'ORDER_COUNT':
      return { key: 'handoffs.criterion.ORDER_COUNT', named: { ordinal: ordinal(criterion.min ?? 1, locale), count: criterion.min ?? 1 } };
    case 'VOLUME':
      return criterion.windowDays
        ? { key: 'handoffs.criterion.VOLUME_WINDOW', named: { amount: money(criterion.min), count: criterion.windowDays } }
        : { key: 'handoffs.criterion.VOLUME', named: { amount: money(criterion.min) } };
    case 'PRODUCT_PURCHASED':
      return {
        key: 'handoffs.criterion.PRODUCT_PURCHASED',
        named: { list: joinAlternatives([...(criterion.products ?? []), ...(criterion.productLines ?? [])], locale) },
      };
    case 'MIN_MONTHLY':
      return { key: 'handoffs.criterion.MIN_MONTHLY', named: { amount: money(criterion.min), count: criterion.months ?? 0 } };
    case 'POTENTIAL':
      return { key: 'handoffs.criterion.POTENTIAL', named: { amount: money(criterion.min) } };
    default:
      return { key: 'handoffs.criterion.unknown', named: { kind: criterion.kind } };
  }
}

export type CriterionValueKey = `criteriaValues.${'orders' | 'volume' | 'volumeWindow' | 'purchased' | 'minMonthly' | 'potential' | 'other' | 'raw'}`;

/**
 * The criterion values that fired, as stored with a handoff ("{"orders":3,"volume90d":1200000}"),
 * one labelled line each: "Orders: 3", "Purchases in 90 days: ₽1,200,000"... A value that is
 * not JSON of an object is shown as it is.
 */
export function criteriaValueMessages(json: string | null | undefined, locale: string, currency = 'RUB'): Message<CriterionValueKey>[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [{ key: 'criteriaValues.raw', named: { value: json } }];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ key: 'criteriaValues.raw', named: { value: json } }];
  }
  const money = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? formatMoney(value, locale, currency) : String(value));
  return Object.entries(parsed as Record<string, unknown>).map(([name, value]): Message<CriterionValueKey> => {
    const window = /^volume(\d+)d$/.exec(name);
    const monthly = /^minMonthly(\d+)m$/.exec(name);
    if (name === 'orders') return { key: 'criteriaValues.orders', named: { value: String(value), count: Number(value) } };
    if (name === 'volume') return { key: 'criteriaValues.volume', named: { value: money(value) } };
    if (window) return { key: 'criteriaValues.volumeWindow', named: { value: money(value), count: Number(window[1]) } };
    if (name === 'purchased') return { key: 'criteriaValues.purchased', named: { value: String(value) } };
    if (monthly) return { key: 'criteriaValues.minMonthly', named: { value: money(value), count: Number(monthly[1]) } };
    if (name === 'potential') return { key: 'criteriaValues.potential', named: { value: money(value) } };
    return { key: 'criteriaValues.other', named: { name, value: typeof value === 'object' ? JSON.stringify(value) : String(value) } };
  });
}

/** The three handoffs of the life cycle, in order (a rule may name others; they come after). */
export const HANDOFF_TRANSITIONS: readonly { from: ClientStage; to: ClientStage }[] = [
  { from: 'PROSPECT', to: 'ACTIVE' },
  { from: 'ACTIVE', to: 'REGULAR' },
  { from: 'REGULAR', to: 'STRATEGIC' },
];

export interface TransitionGroup<T> {
  key: string;
  from: ClientStage;
  to: ClientStage;
  items: T[];
}

function stageOrder(stage: ClientStage): number {
  const i = PIPELINE_OF_STAGES.indexOf(stage);
  return i === -1 ? PIPELINE_OF_STAGES.length : i;
}

/**
 * Things with a from- and to-stage (handoff rules, queue items) grouped by transition: the
 * three of the life cycle always (empty or not, when `withStandard`), then any other, in
 * pipeline order; each group keeps its items' order.
 */
export function groupByTransition<T extends { fromStage: ClientStage; toStage: ClientStage }>(items: readonly T[], withStandard = true): TransitionGroup<T>[] {
  const groups = new Map<string, TransitionGroup<T>>();
  const ensure = (from: ClientStage, to: ClientStage) => {
    const key = `${from}>${to}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, from, to, items: [] };
      groups.set(key, group);
    }
    return group;
  };
  if (withStandard) for (const t of HANDOFF_TRANSITIONS) ensure(t.from, t.to);
  for (const item of items) ensure(item.fromStage, item.toStage).items.push(item);
  return [...groups.values()].sort((a, b) => stageOrder(a.from) - stageOrder(b.from) || stageOrder(a.to) - stageOrder(b.to));
}
