import { dayBefore, evaluateCriterion, evaluateHandoff, firstFiringHandoff, monthBefore, type ClientOrder, type HandoffFacts, type HandoffRule } from './evaluate-handoff';

const order = (orderedOn: string, total: number, products: string[] = ['Роутер X'], productLines: string[] = ['Сетевое оборудование']): ClientOrder => ({
  orderedOn,
  total,
  products,
  productLines,
});
const facts = (orders: ClientOrder[], over: Partial<HandoffFacts> = {}): HandoffFacts => ({ stage: 'ACTIVE', annualPotential: 1_000_000, orders, ...over });
const rule = (criteria: HandoffRule['criteria'], over: Partial<HandoffRule> = {}): HandoffRule => ({
  id: 'r',
  name: 'r',
  fromStage: 'ACTIVE',
  toStage: 'REGULAR',
  combinator: 'ALL',
  criteria,
  active: true,
  ...over,
});
const asOf = '2026-11-23';

describe('calendar helpers', () => {
  it('counts months back across a year', () => {
    expect(monthBefore('2026-01-15', 1)).toBe('2025-12');
    expect(monthBefore('2026-03-31', 3)).toBe('2025-12');
    expect(monthBefore('2026-11-23', 0)).toBe('2026-11');
  });

  it('counts days back across months', () => {
    expect(dayBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});

describe('evaluateCriterion', () => {
  it('fires after the 3rd order, not the 2nd, and ignores future orders', () => {
    const two = facts([order('2026-01-10', 10), order('2026-02-10', 10), order('2026-12-01', 10)]);
    expect(evaluateCriterion({ kind: 'ORDER_COUNT', min: 3 }, two, asOf)).toEqual({ holds: false, key: 'orders', value: 2 });
    expect(evaluateCriterion({ kind: 'ORDER_COUNT', min: 3 }, two, '2026-12-01').holds).toBe(true);
  });

  it('sums the cumulative volume, or within a window that includes asOf', () => {
    const f = facts([order('2025-01-01', 500_000), order('2026-11-23', 100_000), order('2026-10-25', 100_000)]);
    expect(evaluateCriterion({ kind: 'VOLUME', min: 700_000 }, f, asOf)).toEqual({ holds: true, key: 'volume', value: 700_000 });
    expect(evaluateCriterion({ kind: 'VOLUME', min: 200_000, windowDays: 30 }, f, asOf)).toEqual({ holds: true, key: 'volume30d', value: 200_000 });
    expect(evaluateCriterion({ kind: 'VOLUME', min: 200_000, windowDays: 29 }, f, asOf).holds).toBe(false);
  });

  it('sees a purchase of a given product or product line', () => {
    const f = facts([order('2026-05-01', 10, ['Сервер S1'], ['Серверы'])]);
    expect(evaluateCriterion({ kind: 'PRODUCT_PURCHASED', products: ['сервер s1'] }, f, asOf)).toEqual({ holds: true, key: 'purchased', value: 'Сервер S1' });
    expect(evaluateCriterion({ kind: 'PRODUCT_PURCHASED', productLines: ['Серверы'] }, f, asOf).holds).toBe(true);
    expect(evaluateCriterion({ kind: 'PRODUCT_PURCHASED', productLines: ['Кабели'] }, f, asOf).holds).toBe(false);
  });

  it('needs the smallest of the last N complete months at or above X, an empty month counting 0', () => {
    const steady = facts([order('2026-08-03', 120_000), order('2026-09-15', 60_000), order('2026-09-20', 70_000), order('2026-10-30', 150_000), order('2026-11-02', 1)]);
    expect(evaluateCriterion({ kind: 'MIN_MONTHLY', min: 100_000, months: 3 }, steady, asOf)).toEqual({ holds: true, key: 'minMonthly3m', value: 120_000 });
    expect(evaluateCriterion({ kind: 'MIN_MONTHLY', min: 100_000, months: 4 }, steady, asOf)).toEqual({ holds: false, key: 'minMonthly4m', value: 0 });
    const dip = facts([order('2026-08-03', 120_000), order('2026-09-15', 99_999.99), order('2026-10-30', 150_000)]);
    expect(evaluateCriterion({ kind: 'MIN_MONTHLY', min: 100_000, months: 3 }, dip, asOf).holds).toBe(false);
  });

  it('sums money exactly: 100.10 + 200.20 reaches 300.30', () => {
    const f = facts([order('2026-05-01', 100.1), order('2026-05-02', 200.2)]);
    expect(evaluateCriterion({ kind: 'VOLUME', min: 300.3 }, f, asOf)).toEqual({ holds: true, key: 'volume', value: 300.3 });
  });

  it('moves a client to key account by size', () => {
    expect(evaluateCriterion({ kind: 'POTENTIAL', min: 50_000_000 }, facts([], { annualPotential: 60_000_000 }), asOf).holds).toBe(true);
  });
});

describe('evaluateHandoff', () => {
  const twoOrders = facts([order('2026-01-10', 300_000), order('2026-02-10', 300_000)]);

  it('combines criteria with ALL or ANY and reports every value', () => {
    const criteria = [{ kind: 'ORDER_COUNT', min: 3 } as const, { kind: 'VOLUME', min: 500_000 } as const];
    expect(evaluateHandoff(rule(criteria), twoOrders, asOf)).toEqual({ fires: false, values: { orders: 2, volume: 600_000 }, held: [false, true] });
    expect(evaluateHandoff(rule(criteria, { combinator: 'ANY' }), twoOrders, asOf).fires).toBe(true);
  });

  it('applies only to clients in the from-stage, only when active and only with criteria', () => {
    const criteria = [{ kind: 'ORDER_COUNT', min: 1 } as const];
    expect(evaluateHandoff(rule(criteria), { ...twoOrders, stage: 'PROSPECT' }, asOf).fires).toBe(false);
    expect(evaluateHandoff(rule(criteria, { active: false }), twoOrders, asOf).fires).toBe(false);
    expect(evaluateHandoff(rule([]), twoOrders, asOf).fires).toBe(false);
  });

  it('picks the first rule that fires', () => {
    const rules = [rule([{ kind: 'ORDER_COUNT', min: 5 }], { id: 'late' }), rule([{ kind: 'ORDER_COUNT', min: 2 }], { id: 'second-order' })];
    expect(firstFiringHandoff(rules, twoOrders, asOf)?.rule.id).toBe('second-order');
    expect(firstFiringHandoff(rules.slice(0, 1), twoOrders, asOf)).toBeNull();
  });
});
