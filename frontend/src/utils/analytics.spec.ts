import { describe, expect, it } from 'vitest';
import {
  analyticsFilterFromQuery,
  analyticsFilterToQuery,
  EMPTY_ANALYTICS_FILTER,
  forecastChartData,
  forecastTotals,
  formatMetric,
  funnelChartData,
  funnelPeriodRange,
  lineScope,
  mavenFileKey,
  metricKind,
  orderedCategories,
  paceRows,
  performanceChartData,
  periodParts,
  periodRange,
  repsWithTeam,
  scoreBar,
  scoreChartData,
  kpiTeamChartData,
  kpiTeamRows,
  trendChartData,
  trendRows,
  teamFunnelChartData,
  toAnalyticsFilter,
} from './analytics';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('analytics filter in the address', () => {
  it('reads and writes the same state, defaulting to all time', () => {
    const state = { pipelineId: 'p1', teamId: 't1', memberId: 'm1', period: 'quarter' as const };
    expect(analyticsFilterFromQuery(analyticsFilterToQuery(state) as Record<string, string>)).toEqual(state);
    expect(analyticsFilterFromQuery({})).toEqual(EMPTY_ANALYTICS_FILTER);
    expect(analyticsFilterToQuery(EMPTY_ANALYTICS_FILTER)).toEqual({});
    expect(analyticsFilterFromQuery({ period: 'decade', team: ['t2', 't3'], member: '  ' })).toEqual({ ...EMPTY_ANALYTICS_FILTER, teamId: 't2' });
  });

  it('becomes the API filter: a person wins over a team, the period becomes dates', () => {
    expect(toAnalyticsFilter(EMPTY_ANALYTICS_FILTER, '2026-12-01')).toEqual({});
    expect(toAnalyticsFilter({ pipelineId: 'p', teamId: 't', memberId: null, period: 'month' }, '2026-12-15')).toEqual({ pipelineId: 'p', teamId: 't', from: '2026-12-01', to: '2026-12-31' });
    expect(toAnalyticsFilter({ pipelineId: null, teamId: 't', memberId: 'm', period: 'year' }, '2026-02-03')).toEqual({ memberId: 'm', from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('periods', () => {
  it('gives months and quarters around today, across years and leap days', () => {
    expect(periodRange('month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange('month', '2026-12-01', 1)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(periodRange('month', '2028-03-10', -1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('quarter', '2026-11-30')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-01-05', -1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(funnelPeriodRange('all', '2026-05-05')).toEqual({});
    expect(funnelPeriodRange('quarter', '2026-05-05')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodParts('2026-10-01')).toEqual({ quarter: 4, year: 2026, month: 10 });
  });
});

const STAGES = [
  { name: 'Lead', kind: 'OPEN', count: 4, amount: 100, reached: 10, conversionToNext: 0.6 },
  { name: 'Won', kind: 'WON', count: 5, amount: 500, reached: 5, conversionToNext: null },
  { name: 'Lost', kind: 'LOST', count: 1, amount: 50, reached: 1, conversionToNext: null },
];

describe('chart data', () => {
  it('draws the funnel as reached beside now, won green and lost red', () => {
    const data = funnelChartData(STAGES, { reached: 'Reached', now: 'Now' }, { reached: 'blue', now: 'amber', won: 'green', lost: 'red' });
    expect(data.labels).toEqual(['Lead', 'Won', 'Lost']);
    expect(data.datasets.map((d) => d.label)).toEqual(['Reached', 'Now']);
    expect(data.datasets[0]?.data).toEqual([10, 5, 1]);
    expect(data.datasets[1]?.data).toEqual([4, 5, 1]);
    expect(data.datasets[0]?.backgroundColor).toEqual(['blue', 'green', 'red']);
  });

  it('draws the won amount per person', () => {
    const data = performanceChartData([{ member: { id: 'a', name: 'Ann' }, won: 2, lost: 1, open: 0, wonAmount: 900 }], 'Won', 'green');
    expect(data).toEqual({ labels: ['Ann'], datasets: [{ label: 'Won', data: [900], backgroundColor: 'green', borderRadius: 4 }] });
  });

  it('stacks the forecast by category in reading order, closed first', () => {
    const categories = [
      { category: 'PIPELINE', count: 1, amount: 10, weighted: 1 },
      { category: 'CLOSED', count: 2, amount: 20, weighted: 20 },
      { category: 'COMMIT', count: 1, amount: 30, weighted: 24 },
    ];
    expect(orderedCategories(categories).map((c) => c.category)).toEqual(['CLOSED', 'COMMIT', 'PIPELINE']);
    const data = forecastChartData(categories, (c) => c.toLowerCase(), { amount: 'Amount', weighted: 'Weighted' }, { CLOSED: 'g' });
    expect(data.labels).toEqual(['Amount', 'Weighted']);
    expect(data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([
      ['closed', [20, 20], 'g'],
      ['commit', [30, 24], '#8a96a6'],
      ['pipeline', [10, 1], '#8a96a6'],
    ]);
  });

  it('adds up the per-person roll-up without float dust', () => {
    const rows = [
      { member: { id: 'a', name: 'A' }, closed: 0.1, commit: 0.2, bestCase: 1, pipeline: 2, weighted: 3 },
      { member: { id: 'b', name: 'B' }, closed: 0.2, commit: 0.1, bestCase: 1, pipeline: 2, weighted: 3 },
    ];
    expect(forecastTotals(rows)).toEqual({ closed: 0.3, commit: 0.3, bestCase: 2, pipeline: 4, weighted: 6 });
    expect(forecastTotals([])).toEqual({ closed: 0, commit: 0, bestCase: 0, pipeline: 0, weighted: 0 });
  });

  it('puts the funnel of each team side by side', () => {
    const data = teamFunnelChartData(
      [{ teamId: 't', teamName: 'North', totalDeals: 3, won: 1, lost: 1, winRate: 0.5, wonAmount: 100, weightedPipeline: 40 }],
      { won: 'Won', weighted: 'Weighted' },
      { won: 'g', weighted: 'b' },
    );
    expect(data.labels).toEqual(['North']);
    expect(data.datasets.map((d) => d.data)).toEqual([[100], [40]]);
  });
});

describe('scorecards', () => {
  it('places the bar, the pace and the target on one track', () => {
    expect(scoreBar({ target: 100, actual: 25, pace: 50, status: 'BEHIND' })).toEqual({ actual: 25, pace: 50, target: 100 });
    expect(scoreBar({ target: 100, actual: 200, pace: 50, status: 'AHEAD' })).toEqual({ actual: 100, pace: 25, target: 50 });
    expect(scoreBar({ target: 0, actual: 0, pace: 0, status: 'NO_TARGET' })).toEqual({ actual: 0, pace: 0, target: 0 });
  });

  it('formats each metric as it reads, in Russian with spaces and ₽', () => {
    expect(nbsp(formatMetric('REVENUE', 1_500_000, 'ru'))).toBe('1 500 000 ₽');
    expect(formatMetric('REVENUE', 1_500_000, 'en')).toBe('₽1,500,000');
    expect(nbsp(formatMetric('WIN_RATE', 0.769, 'ru'))).toBe('76,9 %');
    expect(formatMetric('CALLS', 128.571, 'en')).toBe('128.6');
    expect(nbsp(formatMetric('CALLS', 1234, 'ru'))).toBe('1 234');
  });

  it('lists the people most behind first, then the lowest score', () => {
    const card = (score: number, statuses: string[]) => ({ score, lines: statuses.map((status, i) => ({ metric: `M${i}`, status })) });
    const rows = paceRows(
      [
        { id: 'a', name: 'Ann', team: 'N' },
        { id: 'b', name: 'Bob', team: 'N' },
        { id: 'c', name: 'Cid', team: 'S' },
        { id: 'd', name: 'Dan', team: 'S' },
      ],
      new Map([
        ['a', card(0.9, ['AHEAD', 'BEHIND'])],
        ['b', card(0.3, ['BEHIND', 'BEHIND'])],
        ['c', card(0.2, ['ON_TRACK'])],
      ]),
    );
    expect(rows.map((r) => [r.name, r.behind.length, r.score])).toEqual([
      ['Bob', 2, 0.3],
      ['Ann', 1, 0.9],
      ['Cid', 0, 0.2],
      ['Dan', 0, null],
    ]);
    const chart = scoreChartData(rows, 'Score', { ok: 'g', behind: 'r' });
    expect(chart.labels).toEqual(['Bob', 'Ann', 'Cid']);
    expect(chart.datasets[0]?.data).toEqual([30, 90, 20]);
    expect(chart.datasets[0]?.backgroundColor).toEqual(['r', 'r', 'g']);
  });

  it('takes the reps of the chosen teams once, with their team', () => {
    const teams = [
      { id: 't1', name: 'North', members: [{ id: 'a', name: 'Ян', role: 'SALES' }, { id: 'l', name: 'Lead', role: 'LEAD' }] },
      { id: 't2', name: 'South', members: [{ id: 'a', name: 'Ян', role: 'SALES' }, { id: 'b', name: 'Анна', role: 'SALES' }] },
    ];
    expect(repsWithTeam(teams, null, 'ru')).toEqual([
      { id: 'b', name: 'Анна', team: 'South' },
      { id: 'a', name: 'Ян', team: 'North' },
    ]);
    expect(repsWithTeam(teams, ['t2'], 'ru').map((r) => r.team)).toEqual(['South', 'South']);
  });
});

describe('maven-crm files', () => {
  it('knows each file by its name', () => {
    expect(mavenFileKey('accounts.csv')).toBe('accounts');
    expect(mavenFileKey('Sales_Pipeline (1).csv')).toBe('salesPipeline');
    expect(mavenFileKey('sales-teams.csv')).toBe('salesTeams');
    expect(mavenFileKey('products.CSV')).toBe('products');
    expect(mavenFileKey('data_dictionary.csv')).toBeNull();
  });
});

describe('lineScope', () => {
  const scopes = [
    { kind: 'PRODUCT_MANAGER', products: ['Серверы', 'Коммутатор SC-24'], regions: [] },
    { kind: 'TERRITORY_MANAGER', products: [], regions: ['Урал'] },
  ];
  it("names what a cross role's line covers, and nothing for a person's own line", () => {
    expect(lineScope('PRODUCT_REVENUE', scopes)).toEqual({ kind: 'products', list: 'Серверы, Коммутатор SC-24' });
    expect(lineScope('REGION_NEW_CLIENTS', scopes)).toEqual({ kind: 'regions', list: 'Урал' });
    expect(lineScope('REVENUE', scopes)).toBeNull();
    expect(lineScope('PRODUCT_SHARE', [])).toBeNull();
  });
  it('reads the cross-role money and share metrics as money and percent', () => {
    expect(metricKind('PRODUCT_REVENUE')).toBe('money');
    expect(metricKind('REGION_REVENUE')).toBe('money');
    expect(metricKind('PRODUCT_SHARE')).toBe('percent');
    expect(metricKind('REGION_ACTIVE_CLIENTS')).toBe('count');
  });

  it("reads coachees' progress as a signed change of the review score and deals advanced as a count", () => {
    expect(metricKind('COACHEES_PROGRESS')).toBe('scoreChange');
    expect(metricKind('DEALS_ADVANCED')).toBe('count');
    expect(formatMetric('COACHEES_PROGRESS', 0.6667, 'ru')).toBe('+0,67');
    expect(formatMetric('COACHEES_PROGRESS', -0.25, 'en')).toBe('-0.25');
    expect(formatMetric('COACHEES_PROGRESS', 0, 'en')).toBe('0');
    expect(formatMetric('DEALS_ADVANCED', 12, 'en')).toBe('12');
  });
});

describe('KPI transparency across teams', () => {
  const group = (team: { id: string; name: string } | null, people: number, withTargets: number, behind: number) => ({
    team,
    from: team ? '2026-11-27' : null,
    to: team ? '2026-12-10' : null,
    sprintId: team ? 'sp-1' : null,
    people,
    withTargets,
    onTrack: withTargets - behind,
    behind,
    averageScore: withTargets ? 0.8 : null,
    metrics: [{ metric: 'CALLS', people: withTargets, behind }, { metric: 'MEETINGS', people: withTargets, behind: 0 }],
    mostBehind: behind ? [{ member: { id: 'm1', name: 'Rita' }, score: 0.3, behindOn: ['CALLS'] }] : [],
  });

  it('makes rows of the teams and names the people in none', () => {
    const rows = kpiTeamRows([group({ id: 't1', name: 'North' }, 5, 4, 1), group(null, 2, 0, 0)], 'Outside the teams');
    expect(rows[0]).toEqual({ key: 't1', teamId: 't1', teamName: 'North', people: 5, onTrack: 3, behind: 1, noTargets: 1, averageScore: 0.8, period: { from: '2026-11-27', to: '2026-12-10', sprint: true }, behindOn: [{ metric: 'CALLS', behind: 1 }], mostBehind: [{ memberId: 'm1', name: 'Rita', score: 0.3, behindOn: ['CALLS'] }] });
    expect(rows[1]).toMatchObject({ key: '—', teamId: null, teamName: 'Outside the teams', noTargets: 2, averageScore: null, period: null, behindOn: [], mostBehind: [] });
  });

  it('stacks people on track, behind and without targets, the last only when there are any', () => {
    const labels = { onTrack: 'On track', behind: 'Behind', noTargets: 'No targets' };
    const colors = { onTrack: 'green', behind: 'red', noTargets: 'grey' };
    const full = kpiTeamChartData(kpiTeamRows([group({ id: 't1', name: 'North' }, 5, 4, 1), group({ id: 't2', name: 'South' }, 3, 3, 3)], '—'), labels, colors);
    expect(full.labels).toEqual(['North', 'South']);
    expect(full.datasets.map((d) => [d.label, d.data])).toEqual([['On track', [3, 0]], ['Behind', [1, 3]], ['No targets', [1, 0]]]);
    const targeted = kpiTeamChartData(kpiTeamRows([group({ id: 't2', name: 'South' }, 3, 3, 3)], '—'), labels, colors);
    expect(targeted.datasets.map((d) => d.label)).toEqual(['On track', 'Behind']);
  });
});

describe("coachees' trends", () => {
  const trend = (scores: number[], current: number, extra: Partial<{ fallingPace: boolean; behind: string[]; stalledDeals: number }> = {}) => ({
    history: scores.map((score) => ({ score })),
    current: { score: current },
    change: scores.length ? current - scores[scores.length - 1]! : null,
    fallingPace: false,
    behind: [] as string[],
    stalledDeals: 0,
    ...extra,
  });
  const people = [
    { id: 'a', name: 'Anna', team: 'North' },
    { id: 'b', name: 'Boris', team: 'North' },
    { id: 'c', name: 'Clara', team: 'South' },
    { id: 'd', name: 'Dmitry', team: 'South' },
  ];

  it('puts falling pace first, then the most behind, then stalled deals, and keeps people without a trend', () => {
    const trends = new Map([
      ['a', trend([0.9], 1)],
      ['b', trend([0.5, 0.4], 0.3, { fallingPace: true, behind: ['CALLS'] })],
      ['c', trend([], 0.7, { stalledDeals: 2 })],
    ]);
    const rows = trendRows(people, trends);
    expect(rows.map((r) => [r.name, r.flagged])).toEqual([['Boris', true], ['Clara', true], ['Anna', false], ['Dmitry', false]]);
    expect(rows[0]).toMatchObject({ scores: [0.5, 0.4, 0.3], score: 0.3, fallingPace: true, behind: ['CALLS'] });
    expect(rows[3]).toMatchObject({ scores: [], score: null, change: null });
  });

  it('draws the last closed sprint beside now, in %, with its own entry where the pace falls', () => {
    const rows = trendRows(people.slice(0, 3), new Map([['a', trend([0.9], 1)], ['b', trend([0.5, 0.4], 0.3, { fallingPace: true })], ['c', trend([], 0.7)]]));
    const labels = { before: 'Before', now: 'Now', falling: 'Now, pace falling' };
    const colors = { before: 'grey', now: 'blue', falling: 'red' };
    const data = trendChartData(rows, labels, colors);
    expect(data.labels).toEqual(['Boris', 'Anna', 'Clara']);
    expect(data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([
      ['Before', [40, 90, null], 'grey'],
      ['Now', [null, 100, 70], 'blue'],
      ['Now, pace falling', [30, null, null], 'red'],
    ]);
    // nobody falling: no third entry in the legend
    expect(trendChartData(rows.slice(1), labels, colors).datasets.map((d) => d.label)).toEqual(['Before', 'Now']);
  });
});
