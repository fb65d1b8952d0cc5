import { combineTeamFigures, defaultTeamTargets, elapsedShare, isTeamMetric, type MemberKpiParts } from './combine-team-kpis';
import { defaultKpis } from './kpi-scorecard';

const parts = (p: Partial<MemberKpiParts>): MemberKpiParts => ({ counts: {}, dealsClosed: 0, wonAmount: 0, revenueBefore: 0, previousClients: 0, keptClients: 0, openPipeline: 0, ...p });

describe('team KPIs from the members', () => {
  it('sums counts and money', () => {
    const f = combineTeamFigures([parts({ counts: { CALLS: 100, REVENUE: 1000 } }), parts({ counts: { CALLS: 20, MEETINGS: 3 } })], 0);
    expect(f).toMatchObject({ CALLS: 120, REVENUE: 1000, MEETINGS: 3 });
  });

  it('recomputes rates from their parts instead of averaging the members\' rates', () => {
    // member A: 1 of 1 closed won (100 %), member B: 1 of 9 (11 %): the mean would be 56 %, the team won 2 of 10
    const a = parts({ counts: { DEALS_WON: 1, REVENUE: 300 }, dealsClosed: 1, wonAmount: 900, revenueBefore: 100, previousClients: 1, keptClients: 1, openPipeline: 50 });
    const b = parts({ counts: { DEALS_WON: 1, REVENUE: 100 }, dealsClosed: 9, wonAmount: 100, revenueBefore: 300, previousClients: 9, keptClients: 0, openPipeline: 150 });
    const f = combineTeamFigures([a, b], 1400);
    expect(f.WIN_RATE).toBe(0.2);
    expect(f.AVERAGE_DEAL).toBe(500);
    expect(f.RETENTION).toBe(0.1);
    expect(f.PORTFOLIO_GROWTH).toBe(0);
    // 200 of open pipeline against 1400 - 400 still to make
    expect(f.PIPELINE_COVERAGE).toBe(0.2);
  });

  it('gives 0 for rates without their parts, and no coverage without a revenue target', () => {
    const f = combineTeamFigures([parts({ openPipeline: 10 })], 0);
    expect(f).toMatchObject({ WIN_RATE: 0, AVERAGE_DEAL: 0, RETENTION: 0, PORTFOLIO_GROWTH: 0, PIPELINE_COVERAGE: 0 });
    expect(combineTeamFigures([], 100)).toMatchObject({ PIPELINE_COVERAGE: 0, WIN_RATE: 0 });
    expect(combineTeamFigures([parts({ counts: { REVENUE: 200 } })], 100).PIPELINE_COVERAGE).toBe(99);
  });

  it('leaves coachees\' progress and cross-role figures out', () => {
    expect(isTeamMetric('COACHEES_PROGRESS')).toBe(false);
    expect(isTeamMetric('PRODUCT_REVENUE')).toBe(false);
    expect(isTeamMetric('REGION_NEW_CLIENTS')).toBe(false);
    expect(isTeamMetric('COACHING_SESSIONS')).toBe(true);
    const f = combineTeamFigures([parts({ counts: { PRODUCT_REVENUE: 5, COACHEES_PROGRESS: 1, CALLS: 1 } })], 0);
    expect(f.PRODUCT_REVENUE).toBeUndefined();
    expect(f.COACHEES_PROGRESS).toBeUndefined();
  });
});

describe('default team targets', () => {
  it('sums count and money targets, averages rates over the members that have them, weights by how many have them', () => {
    const farmer = defaultKpis('SALES', 'FARMER');
    const hunter = defaultKpis('SALES', 'HUNTER');
    const team = defaultTeamTargets([farmer, farmer, hunter]);
    const of = (metric: string) => team.find((t) => t.metric === metric);
    expect(of('REVENUE')?.target).toBe(6_000_000);
    expect(of('RETENTION')?.target).toBe(0.8);
    expect(of('WIN_RATE')?.target).toBe(0.3);
    expect(of('FIRST_ORDERS')?.target).toBe(4);
    // two farmers' 0.4 on revenue against one hunter's 0.5 on first orders, out of three plans
    expect(of('REVENUE')?.weight).toBeCloseTo(0.8 / 3, 4);
    expect(of('FIRST_ORDERS')?.weight).toBeCloseTo(0.5 / 3, 4);
    expect(team.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(1, 3);
    expect(team.map((t) => t.metric)).toEqual(['REVENUE', 'PORTFOLIO_GROWTH', 'RETENTION', 'FIRST_ORDERS', 'MEETINGS', 'WIN_RATE']);
  });

  it('means the rate targets that were set', () => {
    const team = defaultTeamTargets([[{ metric: 'WIN_RATE', target: 0.2, weight: 1 }], [{ metric: 'WIN_RATE', target: 0.4, weight: 1 }]]);
    expect(team).toEqual([{ metric: 'WIN_RATE', target: 0.3, weight: 1 }]);
  });

  it('skips metrics that are not a team\'s and gives nothing for nobody', () => {
    expect(defaultTeamTargets([])).toEqual([]);
    expect(defaultTeamTargets([defaultKpis('COACH', null)]).map((t) => t.metric)).toEqual(['COACHING_SESSIONS']);
    expect(defaultTeamTargets([[{ metric: 'PRODUCT_REVENUE', target: 1, weight: 1 }]])).toEqual([]);
  });

  it('counts the elapsed share like the member scorecards', () => {
    expect(elapsedShare('2025-01-01', '2025-01-10', '2025-01-05')).toBe(0.5);
    expect(elapsedShare('2025-01-01', '2025-01-10', '2024-12-01')).toBe(0);
    expect(elapsedShare('2025-01-01', '2025-01-10', '2025-02-01')).toBe(1);
  });
});
