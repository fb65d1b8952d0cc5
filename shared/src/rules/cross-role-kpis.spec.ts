import { crossRoleKpis, crossRoleOfMetric, crossRoleScopes, memberDefaultKpis, productShare } from './cross-role-kpis';
import { defaultKpis, isRateMetric, KPI_METRICS, scorecardLine } from './kpi-scorecard';

describe('cross-role KPIs', () => {
  it('measures a product manager by the products and a territory manager by the regions', () => {
    expect(crossRoleKpis('PRODUCT_MANAGER').map((k) => k.metric)).toEqual(['PRODUCT_REVENUE', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE']);
    expect(crossRoleKpis('TERRITORY_MANAGER').map((k) => k.metric)).toEqual(['REGION_REVENUE', 'REGION_NEW_CLIENTS', 'REGION_ACTIVE_CLIENTS']);
    expect(crossRoleKpis('TECH_SUPPORT')).toEqual([]);
    for (const kind of ['PRODUCT_MANAGER', 'TERRITORY_MANAGER'] as const) expect(crossRoleKpis(kind).reduce((s, k) => s + k.weight, 0)).toBeCloseTo(1);
    for (const k of [...crossRoleKpis('PRODUCT_MANAGER'), ...crossRoleKpis('TERRITORY_MANAGER')]) expect(KPI_METRICS).toContain(k.metric);
  });

  it('says which cross role a metric belongs to', () => {
    expect(crossRoleOfMetric('PRODUCT_ORDERS')).toBe('PRODUCT_MANAGER');
    expect(crossRoleOfMetric('REGION_NEW_CLIENTS')).toBe('TERRITORY_MANAGER');
    expect(crossRoleOfMetric('REVENUE')).toBeNull();
  });

  it('gives a product manager without a stage role the scope lines only, a rep with a cross role both, weights adding up to 1', () => {
    expect(memberDefaultKpis('SALES', null, [{ kind: 'PRODUCT_MANAGER' }]).map((k) => k.metric)).toEqual(['PRODUCT_REVENUE', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE']);
    const both = memberDefaultKpis('SALES', 'FARMER', [{ kind: 'TERRITORY_MANAGER' }]);
    expect(both.map((k) => k.metric)).toEqual([...defaultKpis('SALES', 'FARMER').map((k) => k.metric), 'REGION_REVENUE', 'REGION_NEW_CLIENTS', 'REGION_ACTIVE_CLIENTS']);
    expect(both.reduce((s, k) => s + k.weight, 0)).toBeCloseTo(1, 3);
    expect(both.find((k) => k.metric === 'REGION_REVENUE')).toMatchObject({ target: 20_000_000, weight: 0.25 });
    expect(memberDefaultKpis('LEAD', null, [])).toEqual(defaultKpis('LEAD', null));
    expect(memberDefaultKpis('SALES', null, [{ kind: 'TECH_SUPPORT' }])).toEqual(defaultKpis('SALES', null));
    expect(memberDefaultKpis('DIRECTOR', null, [])).toEqual([]);
  });

  it('merges the scopes of several cross roles per kind, case-insensitively, and leaves out kinds without KPIs', () => {
    expect(
      crossRoleScopes([
        { kind: 'TERRITORY_MANAGER', products: [], regions: ['Урал', ' Сибирь '] },
        { kind: 'PRODUCT_MANAGER', products: ['Серверы'], regions: [] },
        { kind: 'TECH_SUPPORT', products: ['Серверы'], regions: ['Юг'] },
        { kind: 'TERRITORY_MANAGER', products: [], regions: ['урал', 'Юг'] },
      ]),
    ).toEqual([
      { kind: 'PRODUCT_MANAGER', products: ['Серверы'], regions: [] },
      { kind: 'TERRITORY_MANAGER', products: [], regions: ['Урал', 'Сибирь', 'Юг'] },
    ]);
    expect(crossRoleScopes([])).toEqual([]);
  });

  it('computes the product share of revenue and treats it as a rate', () => {
    expect(productShare(250, 1000)).toBe(0.25);
    expect(productShare(1, 3)).toBe(0.3333);
    expect(productShare(0, 1000)).toBe(0);
    expect(productShare(10, 0)).toBe(0);
    expect(isRateMetric('PRODUCT_SHARE')).toBe(true);
    expect(isRateMetric('PRODUCT_REVENUE')).toBe(false);
    // a rate is judged against the target itself, a sum against the share of the period gone
    expect(scorecardLine('PRODUCT_SHARE', 0.2, 0.19, 1, 0.1)).toMatchObject({ pace: 0.2, status: 'ON_TRACK' });
    expect(scorecardLine('PRODUCT_REVENUE', 1000, 100, 1, 0.1)).toMatchObject({ pace: 100, status: 'ON_TRACK' });
  });
});
