import { describe, expect, it } from 'vitest';
import type { RoutingRuleFieldsFragment } from '@/graphql/generated';
import {
  conditionChips,
  overlapsByRule,
  parseConditions,
  parseOverlapExample,
  parseStepConditions,
  routingFormFrom,
  routingFormProblems,
  routingInputFrom,
  routingInputOf,
  rulesWithDraft,
  toSharedRule,
} from './routing-rules';

const anna = { id: 'm-anna', name: 'Анна Фёдорова' };
const misha = { id: 'm-misha', name: 'Михаил Орлов' };

const vipMoscow: RoutingRuleFieldsFragment = {
  id: 'r3',
  position: 3,
  name: 'VIP Москва',
  active: true,
  conditions: '{"vip":true,"regions":["Москва"]}',
  strategy: null,
  members: [anna],
};
const keyPool: RoutingRuleFieldsFragment = {
  id: 'r6',
  position: 6,
  name: 'Ключевые клиенты',
  active: true,
  conditions: '{"stages":["STRATEGIC"],"potentialMin":30000000}',
  strategy: 'BALANCED_POTENTIAL',
  members: [anna, misha],
};

describe('routing conditions', () => {
  it('reads the JSON of the API, dropping what is malformed', () => {
    expect(parseConditions(vipMoscow.conditions)).toEqual({ vip: true, regions: ['Москва'] });
    expect(parseConditions('{"channels":["DEALER","UFO"],"categories":[1,9],"regions":[" ",3],"potentialMax":"lots"}')).toEqual({ channels: ['DEALER'], categories: [1] });
    expect(parseConditions('not json')).toEqual({});
    expect(parseConditions(null)).toEqual({});
  });

  it('shows the conditions as chips in the order routing checks them', () => {
    expect(conditionChips(parseConditions(vipMoscow.conditions))).toEqual([
      { dimension: 'regions', values: ['Москва'] },
      { dimension: 'vip', value: true },
    ]);
    expect(conditionChips({ stages: ['STRATEGIC'], potentialMin: 30_000_000, ownershipForms: ['GOVERNMENT'], vip: false })).toEqual([
      { dimension: 'vip', value: false },
      { dimension: 'ownershipForms', values: ['GOVERNMENT'] },
      { dimension: 'stages', values: ['STRATEGIC'] },
      { dimension: 'potential', min: 30_000_000, max: null },
    ]);
    expect(conditionChips({})).toEqual([]);
  });

  it('turns an API rule into the shared rule the simulator runs', () => {
    expect(toSharedRule(vipMoscow)).toEqual({
      id: 'r3',
      name: 'VIP Москва',
      position: 3,
      active: true,
      conditions: { vip: true, regions: ['Москва'] },
      target: { kind: 'MEMBER', memberId: 'm-anna' },
    });
    expect(toSharedRule(keyPool).target).toEqual({ kind: 'POOL', memberIds: ['m-anna', 'm-misha'], strategy: 'BALANCED_POTENTIAL' });
  });
});

describe('routing rule editor', () => {
  it('round-trips a rule into the API input', () => {
    expect(routingInputFrom(routingFormFrom(vipMoscow))).toEqual({
      name: 'VIP Москва',
      active: true,
      conditions: {
        regions: ['Москва'],
        industries: [],
        productLines: [],
        vip: true,
        channels: [],
        ownershipForms: [],
        categories: [],
        stages: [],
        potentialMin: null,
        potentialMax: null,
      },
      memberId: 'm-anna',
      poolMemberIds: [],
      strategy: null,
    });
    const pool = routingInputFrom(routingFormFrom(keyPool), 2);
    expect(pool).toMatchObject({ memberId: null, poolMemberIds: ['m-anna', 'm-misha'], strategy: 'BALANCED_POTENTIAL', position: 2 });
    expect(pool.conditions.potentialMin).toBe(30_000_000);
  });

  it('moves or switches a saved rule without touching the rest', () => {
    expect(routingInputOf(vipMoscow, { position: 2 })).toMatchObject({ name: 'VIP Москва', position: 2, active: true, memberId: 'm-anna' });
    expect(routingInputOf(vipMoscow, { active: false })).toMatchObject({ active: false });
    expect(routingInputOf(vipMoscow, { active: false }).position).toBeUndefined();
  });

  it('says what is missing', () => {
    const form = routingFormFrom(null);
    expect(routingFormProblems(form)).toEqual(['name', 'member']);
    expect(routingFormProblems({ ...form, name: 'x', targetKind: 'POOL' })).toEqual(['pool']);
    expect(routingFormProblems({ ...form, name: 'x', memberId: 'm', potentialMin: 5, potentialMax: 5 })).toEqual(['potential']);
  });

  it('puts the rule being edited in place, or a new one last, for the simulator', () => {
    const rules = [toSharedRule(vipMoscow), toSharedRule(keyPool)];
    const edited = rulesWithDraft(rules, { id: 'r3', form: { ...routingFormFrom(vipMoscow), regions: ['Сибирь'] } });
    expect(edited.map((r) => [r.id, r.position])).toEqual([
      ['r3', 3],
      ['r6', 6],
    ]);
    expect(edited[0]?.conditions.regions).toEqual(['Сибирь']);
    const added = rulesWithDraft(rules, { id: null, form: { ...routingFormFrom(null), name: 'Новое', memberId: 'm-misha' } });
    expect(added.at(-1)).toMatchObject({ id: 'draft', name: 'Новое', position: 7, target: { kind: 'MEMBER', memberId: 'm-misha' } });
    expect(rulesWithDraft(rules, null)).toEqual(rules);
  });
});

describe('overlap warnings', () => {
  it('reads the example of two overlapping rules as chips', () => {
    expect(parseOverlapExample('stage=LEAD|PROSPECT, region=Москва, vip=yes, ownership=GOVERNMENT, category=1|2, potential 0–∞')).toEqual([
      { dimension: 'stages', values: ['LEAD', 'PROSPECT'] },
      { dimension: 'regions', values: ['Москва'] },
      { dimension: 'vip', value: true },
      { dimension: 'ownershipForms', values: ['GOVERNMENT'] },
      { dimension: 'categories', values: [1, 2] },
      { dimension: 'potential', min: null, max: null },
    ]);
    expect(parseOverlapExample('potential 5000000–30000000')).toEqual([{ dimension: 'potential', min: 5_000_000, max: 30_000_000 }]);
    expect(parseOverlapExample('any client')).toEqual([]);
  });

  it('puts each warning on the later rule, naming the earlier one that takes the clients', () => {
    const vipRegions = { id: 'r4', name: 'VIP регионы', position: 4 };
    const cold = { id: 'r1', name: 'Холодная база', position: 1 };
    const byRule = overlapsByRule(
      [cold, vipMoscow, vipRegions],
      [
        { firstRuleId: 'r3', secondRuleId: 'r4', example: 'region=Москва, vip=yes' },
        { firstRuleId: 'r1', secondRuleId: 'r4', example: 'stage=LEAD, vip=yes' },
        { firstRuleId: 'r1', secondRuleId: 'gone', example: 'x=y' },
      ],
    );
    expect(byRule.get('r3')).toBeUndefined();
    expect(byRule.get('r4')?.map((o) => [o.otherName, o.otherPosition])).toEqual([
      ['Холодная база', 1],
      ['VIP Москва', 3],
    ]);
    expect(byRule.get('r4')?.[1]?.chips).toEqual([
      { dimension: 'regions', values: ['Москва'] },
      { dimension: 'vip', value: true },
    ]);
  });
});

describe('routing step values', () => {
  it('reads the client values a step names, leaving other text alone', () => {
    expect(parseStepConditions('stage=ACTIVE')).toEqual([{ dimension: 'stages', chip: { dimension: 'stages', values: ['ACTIVE'] }, raw: 'ACTIVE' }]);
    expect(parseStepConditions('region=Москва, vip=no, ownership=—, potential≥=3000000')).toEqual([
      { dimension: 'regions', chip: { dimension: 'regions', values: ['Москва'] }, raw: 'Москва' },
      { dimension: 'vip', chip: { dimension: 'vip', value: false }, raw: 'no' },
      { dimension: 'ownershipForms', chip: null, raw: '—' },
      { dimension: 'potential', chip: null, raw: '3000000' },
    ]);
    expect(parseStepConditions('productLine=Серверы|Сети')?.[0]?.chip).toEqual({ dimension: 'productLines', values: ['Серверы', 'Сети'] });
    expect(parseStepConditions('a person’s own words')).toBeNull();
    expect(parseStepConditions('')).toBeNull();
  });
});
