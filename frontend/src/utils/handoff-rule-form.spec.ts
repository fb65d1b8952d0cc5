import { describe, expect, it } from 'vitest';
import type { HandoffRuleFieldsFragment } from '@/graphql/generated';
import { criterionFromForm, emptyCriterion, handoffFormFrom, handoffFormProblems, handoffInputFrom, handoffTargets } from './handoff-rule-form';

const rule: HandoffRuleFieldsFragment = {
  id: 'h1',
  name: 'Охотник → фермер',
  fromStage: 'PROSPECT',
  toStage: 'ACTIVE',
  combinator: 'ANY',
  active: true,
  criteria: [
    { kind: 'ORDER_COUNT', min: 2, windowDays: null, months: null, products: [], productLines: [] },
    { kind: 'VOLUME', min: 1_000_000, windowDays: 90, months: null, products: [], productLines: [] },
    { kind: 'PRODUCT_PURCHASED', min: null, windowDays: null, months: null, products: [], productLines: ['Серверы', 'СХД'] },
  ],
};

describe('handoff rule editor', () => {
  it('starts a new rule as prospect → active after the 2nd order', () => {
    const form = handoffFormFrom(null);
    expect(form).toMatchObject({ fromStage: 'PROSPECT', toStage: 'ACTIVE', combinator: 'ALL', active: true });
    expect(form.criteria).toEqual([emptyCriterion('ORDER_COUNT')]);
    expect(handoffFormProblems(form)).toEqual(['name']);
  });

  it('round-trips a saved rule into the input the API takes', () => {
    const input = handoffInputFrom(handoffFormFrom(rule));
    expect(input).toEqual({
      name: 'Охотник → фермер',
      fromStage: 'PROSPECT',
      toStage: 'ACTIVE',
      combinator: 'ANY',
      active: true,
      criteria: [
        { kind: 'ORDER_COUNT', min: 2 },
        { kind: 'VOLUME', min: 1_000_000, windowDays: 90 },
        { kind: 'PRODUCT_PURCHASED', products: [], productLines: ['Серверы', 'СХД'] },
      ],
    });
    expect(handoffFormProblems(handoffFormFrom(rule))).toEqual([]);
  });

  it('says what is missing before saving', () => {
    const form = handoffFormFrom(rule);
    form.name = ' ';
    form.toStage = 'LEAD';
    form.criteria = [
      { ...emptyCriterion('ORDER_COUNT'), min: '1.5' },
      { ...emptyCriterion('MIN_MONTHLY'), min: '150000', months: '' },
      emptyCriterion('PRODUCT_PURCHASED'),
    ];
    expect(handoffFormProblems(form).sort()).toEqual(['min', 'months', 'name', 'products', 'stages']);
    expect(handoffFormProblems({ ...handoffFormFrom(rule), criteria: [] })).toEqual(['criteria']);
  });

  it('reads typed numbers for the live sentence', () => {
    expect(criterionFromForm({ ...emptyCriterion('VOLUME'), min: '1 000 000', windowDays: '' })).toEqual({ kind: 'VOLUME', min: 1_000_000, windowDays: null });
    expect(criterionFromForm({ ...emptyCriterion('MIN_MONTHLY'), min: '150000' })).toEqual({ kind: 'MIN_MONTHLY', min: 150_000, months: 3 });
  });

  it('only moves clients forward', () => {
    expect(handoffTargets('ACTIVE')).toEqual(['REGULAR', 'STRATEGIC']);
    expect(handoffTargets('DORMANT')).toEqual([]);
  });
});
