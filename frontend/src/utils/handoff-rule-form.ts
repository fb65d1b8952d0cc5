import { CLIENT_STAGES, PIPELINE_OF_STAGES, type ClientStage } from '@salescircle/shared';
import type { HandoffRuleFieldsFragment, HandoffRuleInput } from '@/graphql/generated';
import { isCriterionKind, type CriterionKind, type CriterionLike } from './handoff-criteria';
import { splitList } from './lists';
import { parseAmountInput } from './client-filter';

/** One criterion as the editor holds it: numbers as typed. */
export interface CriterionForm {
  kind: CriterionKind;
  min: string;
  windowDays: string;
  months: string;
  products: string;
  productLines: string;
}

export interface HandoffRuleForm {
  name: string;
  fromStage: ClientStage;
  toStage: ClientStage;
  combinator: 'ALL' | 'ANY';
  active: boolean;
  criteria: CriterionForm[];
}

export type HandoffFormProblem = 'name' | 'stages' | 'criteria' | 'min' | 'months' | 'products';

export function emptyCriterion(kind: CriterionKind = 'ORDER_COUNT'): CriterionForm {
  return { kind, min: kind === 'ORDER_COUNT' ? '2' : '', windowDays: '', months: kind === 'MIN_MONTHLY' ? '3' : '', products: '', productLines: '' };
}

const numberText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** The editor's state for a rule (a new one: prospect → active after the 2nd order). */
export function handoffFormFrom(rule?: HandoffRuleFieldsFragment | null): HandoffRuleForm {
  if (!rule) return { name: '', fromStage: 'PROSPECT', toStage: 'ACTIVE', combinator: 'ALL', active: true, criteria: [emptyCriterion()] };
  return {
    name: rule.name,
    fromStage: rule.fromStage,
    toStage: rule.toStage,
    combinator: rule.combinator === 'ANY' ? 'ANY' : 'ALL',
    active: rule.active,
    criteria: rule.criteria.map((c) => ({
      kind: isCriterionKind(c.kind) ? c.kind : 'ORDER_COUNT',
      min: numberText(c.min),
      windowDays: numberText(c.windowDays),
      months: numberText(c.months),
      products: c.products.join(', '),
      productLines: c.productLines.join(', '),
    })),
  };
}

const whole = (text: string) => {
  const value = parseAmountInput(text);
  return value !== null && Number.isInteger(value) && value > 0 ? value : null;
};

/** A criterion as the rules and the preview sentences read it (unfilled numbers are null). */
export function criterionFromForm(form: CriterionForm): CriterionLike {
  switch (form.kind) {
    case 'ORDER_COUNT':
      return { kind: form.kind, min: whole(form.min) };
    case 'VOLUME':
      return { kind: form.kind, min: parseAmountInput(form.min), windowDays: whole(form.windowDays) };
    case 'PRODUCT_PURCHASED':
      return { kind: form.kind, products: splitList(form.products), productLines: splitList(form.productLines) };
    case 'MIN_MONTHLY':
      return { kind: form.kind, min: parseAmountInput(form.min), months: whole(form.months) };
    case 'POTENTIAL':
      return { kind: form.kind, min: parseAmountInput(form.min) };
  }
}

/** What stops the rule from being saved (the server checks the same). */
export function handoffFormProblems(form: HandoffRuleForm): HandoffFormProblem[] {
  const problems = new Set<HandoffFormProblem>();
  if (!form.name.trim()) problems.add('name');
  const from = PIPELINE_OF_STAGES.indexOf(form.fromStage);
  const to = PIPELINE_OF_STAGES.indexOf(form.toStage);
  if (from === -1 || to === -1 || to <= from) problems.add('stages');
  if (form.criteria.length === 0) problems.add('criteria');
  for (const c of form.criteria) {
    const parsed = criterionFromForm(c);
    if (c.kind === 'PRODUCT_PURCHASED') {
      if ((parsed.products?.length ?? 0) + (parsed.productLines?.length ?? 0) === 0) problems.add('products');
    } else if (parsed.min === null || parsed.min === undefined) problems.add('min');
    if (c.kind === 'MIN_MONTHLY' && !parsed.months) problems.add('months');
  }
  return [...problems];
}

/** The rule as the API saves it. */
export function handoffInputFrom(form: HandoffRuleForm): HandoffRuleInput {
  return {
    name: form.name.trim(),
    fromStage: form.fromStage,
    toStage: form.toStage,
    combinator: form.combinator,
    active: form.active,
    criteria: form.criteria.map((c) => {
      const parsed = criterionFromForm(c);
      switch (c.kind) {
        case 'ORDER_COUNT':
        case 'POTENTIAL':
          return { kind: c.kind, min: parsed.min ?? null };
        case 'VOLUME':
          return { kind: c.kind, min: parsed.min ?? null, windowDays: parsed.windowDays ?? null };
        case 'MIN_MONTHLY':
          return { kind: c.kind, min: parsed.min ?? null, months: parsed.months ?? null };
        case 'PRODUCT_PURCHASED':
          return { kind: c.kind, products: [...(parsed.products ?? [])], productLines: [...(parsed.productLines ?? [])] };
      }
    }),
  };
}

/** Stages a handoff may start from, and where it may go from there (forward only). */
export const HANDOFF_FROM_STAGES: readonly ClientStage[] = PIPELINE_OF_STAGES.slice(0, -1);
export function handoffTargets(from: ClientStage): ClientStage[] {
  const i = PIPELINE_OF_STAGES.indexOf(from);
  return i === -1 ? [] : PIPELINE_OF_STAGES.slice(i + 1).filter((stage) => (CLIENT_STAGES as readonly string[]).includes(stage));
}
