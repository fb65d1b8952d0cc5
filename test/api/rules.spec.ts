import { startTestApp, type TestApp } from '../support/test-app';

describe('routing and handoff rules, edited by directors', () => {
  let t: TestApp;
  let director: string;
  let lead: string;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp('rules');
    [director, lead] = await Promise.all([t.login('director@demo.local'), t.login('lead@demo.local')]);
    const members = await t.gql<{ members: { id: string; name: string }[] }>('{ members { id name } }', {}, { token: director });
    ids = new Map(members.data!.members.map((m) => [m.name, m.id]));
  });
  afterAll(() => t.close());

  const RULES = '{ routingRules { rules { id position name active conditions strategy members { name } } overlaps { firstRuleId secondRuleId example message } } }';

  it('lists the demo rules in order and warns where two can match the same clients', async () => {
    const result = await t.gql<{ routingRules: { rules: { name: string; position: number }[]; overlaps: { message: string; example: string }[] } }>(RULES, {}, { token: lead });
    expect(result.errors).toBeUndefined();
    expect(result.data!.routingRules.rules.map((r) => r.position)).toEqual(result.data!.routingRules.rules.map((_, i) => i + 1));
    const vip = result.data!.routingRules.overlaps.find((o) => o.message.includes('"VIP Москва" and "VIP регионы"'));
    expect(vip?.example).toBe('region=Москва, vip=yes');
  });

  it('creates a rule at a position, edits it, and deletes it, keeping positions 1..n', async () => {
    const CREATE = `mutation ($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id position name strategy members { name } } }`;
    const created = await t.gql<{ createRoutingRule: { id: string; position: number; members: { name: string }[] } }>(
      CREATE,
      { input: { name: 'Банки Сибири', position: 2, conditions: { regions: ['Сибирь'], industries: ['Банки'] }, poolMemberIds: [ids.get('Алексей Новиков'), ids.get('Николай Егоров')], strategy: 'LEAST_LOADED' } },
      { token: director },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createRoutingRule.position).toBe(2);
    expect(created.data!.createRoutingRule.members.map((m) => m.name)).toEqual(['Алексей Новиков', 'Николай Егоров']);
    const id = created.data!.createRoutingRule.id;
    const moved = await t.gql<{ updateRoutingRule: { position: number; name: string } }>(
      'mutation ($id: ID!, $input: RoutingRuleInput!) { updateRoutingRule(id: $id, input: $input) { position name } }',
      { id, input: { name: 'Банки Сибири и Урала', position: 1, conditions: { regions: ['Сибирь', 'Урал'], industries: ['Банки'] }, memberId: ids.get('Николай Егоров') } },
      { token: director },
    );
    expect(moved.data!.updateRoutingRule).toEqual({ position: 1, name: 'Банки Сибири и Урала' });
    const deleted = await t.gql('mutation ($id: ID!) { deleteRoutingRule(id: $id) }', { id }, { token: director });
    expect(deleted.data).toEqual({ deleteRoutingRule: true });
    const after = await t.gql<{ routingRules: { rules: { position: number }[] } }>(RULES, {}, { token: director });
    expect(after.data!.routingRules.rules.map((r) => r.position)).toEqual(after.data!.routingRules.rules.map((_, i) => i + 1));
  });

  it('refuses incomplete or contradictory rules, naming the field', async () => {
    const CREATE = 'mutation ($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }';
    // each with the reason the app says, and the values its sentence names
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ name: 'x', conditions: {} }, { field: 'poolMemberIds', reason: 'RULE_TARGET_REQUIRED' }],
      [{ name: 'x', conditions: {}, poolMemberIds: [ids.get('Иван Петров')] }, { field: 'strategy', reason: 'POOL_STRATEGY_REQUIRED' }],
      [{ name: 'x', conditions: {}, memberId: ids.get('Иван Петров'), poolMemberIds: [ids.get('Иван Петров')] }, { field: 'memberId', reason: 'MEMBER_AND_POOL' }],
      [
        { name: 'x', conditions: { potentialMin: 10, potentialMax: 5 }, memberId: ids.get('Иван Петров') },
        { field: 'conditions.potentialMax', reason: 'POTENTIAL_BOUNDS_INVERTED', params: { potentialMin: 10, potentialMax: 5 } },
      ],
      [{ name: 'x', conditions: { categories: [1, 4] }, memberId: ids.get('Иван Петров') }, { field: 'conditions.categories', reason: 'UNKNOWN_CATEGORY', params: { category: 4 } }],
      [{ name: '', conditions: {}, memberId: ids.get('Иван Петров') }, { field: 'name' }],
    ];
    for (const [input, expected] of cases) {
      const result = await t.gql(CREATE, { input }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
    }
  });

  it('keeps rule editing to directors', async () => {
    const result = await t.gql('mutation { deleteRoutingRule(id: "00000000-0000-4000-8000-000000000000") }', {}, { token: lead });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('edits handoff rules with every criterion and refuses a backward move', async () => {
    const CREATE = 'mutation ($input: HandoffRuleInput!) { createHandoffRule(input: $input) { id fromStage toStage combinator criteria { kind min windowDays months products productLines } } }';
    const created = await t.gql<{ createHandoffRule: { criteria: { kind: string }[] } }>(
      CREATE,
      {
        input: {
          name: 'Все критерии',
          fromStage: 'ACTIVE',
          toStage: 'REGULAR',
          combinator: 'ANY',
          criteria: [
            { kind: 'ORDER_COUNT', min: 3 },
            { kind: 'VOLUME', min: 1000000, windowDays: 90 },
            { kind: 'PRODUCT_PURCHASED', productLines: ['Серверы'] },
            { kind: 'MIN_MONTHLY', min: 100000, months: 3 },
            { kind: 'POTENTIAL', min: 50000000 },
          ],
        },
      },
      { token: director },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createHandoffRule.criteria.map((c) => c.kind)).toEqual(['ORDER_COUNT', 'VOLUME', 'PRODUCT_PURCHASED', 'MIN_MONTHLY', 'POTENTIAL']);
    const backward = await t.gql(CREATE, { input: { name: 'Назад', fromStage: 'REGULAR', toStage: 'ACTIVE', combinator: 'ALL', criteria: [{ kind: 'ORDER_COUNT', min: 1 }] } }, { token: director });
    expect(backward.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toStage', reason: 'HANDOFF_NOT_FORWARD', params: { fromStage: 'REGULAR', toStage: 'ACTIVE' } });
    expect(backward.errors?.[0].message).toBe('A handoff moves a client forward: the target stage must come after the current one.');
    const noMonths = await t.gql(CREATE, { input: { name: 'Без месяцев', fromStage: 'ACTIVE', toStage: 'REGULAR', combinator: 'ALL', criteria: [{ kind: 'MIN_MONTHLY', min: 1 }] } }, { token: director });
    expect(noMonths.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criteria.0.months', reason: 'CRITERION_MONTHS_REQUIRED', params: { number: 1, criterionKind: 'MIN_MONTHLY' } });
  });

  it('says which criterion of a handoff rule lacks what, and saves no rule', async () => {
    const CREATE = 'mutation ($input: HandoffRuleInput!) { createHandoffRule(input: $input) { id } }';
    const RULES_NOW = '{ handoffRules { id name criteria { kind } } }';
    const before = await t.gql(RULES_NOW, {}, { token: director });
    expect(before.errors).toBeUndefined();
    const refused = async (criteria: Record<string, unknown>[], extensions: Record<string, unknown>) => {
      const result = await t.gql(CREATE, { input: { name: 'Неполное правило', fromStage: 'ACTIVE', toStage: 'REGULAR', combinator: 'ALL', criteria } }, { token: director });
      expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
    };
    await refused([], { code: 'BAD_USER_INPUT', field: 'criteria', reason: 'HANDOFF_CRITERIA_REQUIRED' });
    // the second criterion is at fault: its number and kind are named
    await refused([{ kind: 'ORDER_COUNT', min: 2 }, { kind: 'VOLUME' }], { code: 'BAD_USER_INPUT', field: 'criteria.1.min', reason: 'CRITERION_MIN_REQUIRED', params: { number: 2, criterionKind: 'VOLUME' } });
    await refused([{ kind: 'ORDER_COUNT', min: 2.5 }], { code: 'BAD_USER_INPUT', field: 'criteria.0.min', reason: 'ORDER_COUNT_NOT_WHOLE', params: { number: 1, criterionKind: 'ORDER_COUNT' } });
    await refused([{ kind: 'ORDER_COUNT', min: 0 }], { code: 'BAD_USER_INPUT', field: 'criteria.0.min', reason: 'ORDER_COUNT_NOT_WHOLE', params: { number: 1, criterionKind: 'ORDER_COUNT' } });
    await refused([{ kind: 'POTENTIAL', min: 1 }, { kind: 'ORDER_COUNT', min: 1 }, { kind: 'PRODUCT_PURCHASED', products: [' '], productLines: [] }], {
      code: 'BAD_USER_INPUT',
      field: 'criteria.2.products',
      reason: 'CRITERION_PRODUCTS_REQUIRED',
      params: { number: 3, criterionKind: 'PRODUCT_PURCHASED' },
    });
    expect((await t.gql(RULES_NOW, {}, { token: director })).data).toEqual(before.data);
  });
});
