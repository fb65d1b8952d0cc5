import type { AnalyticsFilterOptionsQuery, CoachingPageQuery, CoachingTemplatesQuery, ForecastAccuracyQuery, ForecastSubmissionsQuery, ForecastFieldsFragment, FunnelFieldsFragment, FunnelPageQuery, ImportMavenCrmMutation, KpiMetric, KpiSummaryQuery, MemberTrendsQuery, ScorecardFieldsFragment } from '@/graphql/generated';
import type { FakeReply } from './fake-fetch';

/** Figures shaped like the demo's default pipeline (small numbers, easy to check by eye). */
export const FUNNEL: FunnelFieldsFragment = {
  pipelineId: 'pl-1',
  pipelineName: 'Основная воронка',
  totalDeals: 20,
  won: 6,
  lost: 2,
  winRate: 0.75,
  medianDaysToWin: 19.5,
  wonAmount: 3_150_000,
  weightedPipeline: 1_234_500,
  // 12 open deals × 0.75 × 525,000 ÷ 21 days = 225,000 a day.
  avgWonAmount: 525_000,
  avgDaysToWin: 21,
  salesVelocity: 225_000,
  stages: [
    { id: 's1', name: 'Новый лид', kind: 'OPEN', probability: 0.1, count: 4, amount: 1_200_000, reached: 20, conversionToNext: 0.8, avgDaysInStage: 4.5 },
    { id: 's2', name: 'Переговоры', kind: 'OPEN', probability: 0.6, count: 8, amount: 1_857_500, reached: 16, conversionToNext: 0.375, avgDaysInStage: 12.25 },
    { id: 's3', name: 'Выиграна', kind: 'WON', probability: 1, count: 6, amount: 3_150_000, reached: 6, conversionToNext: null, avgDaysInStage: null },
    { id: 's4', name: 'Проиграна', kind: 'LOST', probability: 0, count: 2, amount: 400_000, reached: 2, conversionToNext: null, avgDaysInStage: null },
  ],
};

export const FILTER_OPTIONS: AnalyticsFilterOptionsQuery['analyticsFilterOptions'] = {
  products: [
    { id: 'pr-1', name: 'Коммутатор SC-24', productLine: 'Сетевое оборудование' },
    { id: 'pr-2', name: 'Сервер SC-S1', productLine: 'Серверы' },
    { id: 'pr-3', name: 'Кабель', productLine: '' },
  ],
  regions: ['Москва', 'Новосибирск'],
  industries: ['Ритейл', 'Энергетика'],
};

export const PERFORMANCE: FunnelPageQuery['memberPerformance'] = [
  { member: { id: 'm-rep1', name: 'Rita Rep' }, won: 4, lost: 1, open: 6, winRate: 0.8, wonAmount: 2_000_000, averageWon: 500_000 },
  { member: { id: 'm-rep2', name: 'Pavel Prospector' }, won: 2, lost: 1, open: 6, winRate: 0.6667, wonAmount: 1_150_000, averageWon: 575_000 },
];

export const PIPELINES = [
  { id: 'pl-1', name: 'Основная воронка', isDefault: true },
  { id: 'pl-2', name: 'Maven CRM', isDefault: false },
];

export const FORECAST: ForecastFieldsFragment = {
  from: '2026-12-01',
  to: '2026-12-31',
  plan: 0,
  closed: 500_000,
  commit: 1_500_000,
  bestCase: 2_700_000,
  weightedPipeline: 2_030_000,
  categories: [
    { category: 'PIPELINE', count: 3, amount: 900_000, weighted: 90_000 },
    { category: 'BEST_CASE', count: 2, amount: 1_200_000, weighted: 480_000 },
    { category: 'COMMIT', count: 2, amount: 1_000_000, weighted: 800_000 },
    { category: 'CLOSED', count: 1, amount: 500_000, weighted: 500_000 },
    { category: 'OMITTED', count: 0, amount: 0, weighted: 0 },
  ],
  byMember: [
    { member: { id: 'm-rep1', name: 'Rita Rep' }, closed: 500_000, commit: 600_000, bestCase: 700_000, pipeline: 400_000, weighted: 1_300_000 },
    { member: { id: 'm-rep2', name: 'Pavel Prospector' }, closed: 0, commit: 400_000, bestCase: 500_000, pipeline: 500_000, weighted: 730_000 },
  ],
  // Rita is in both teams, so the team rows add up to more than the total
  byTeam: [
    { teamId: 't-dealers', teamName: 'Дилерские продажи', members: 2, closed: 500_000, commit: 1_000_000, bestCase: 1_200_000, pipeline: 900_000, weighted: 2_030_000 },
    { teamId: 't-key', teamName: 'Ключевые клиенты', members: 1, closed: 500_000, commit: 600_000, bestCase: 700_000, pipeline: 400_000, weighted: 1_300_000 },
  ],
  byStageRole: [
    { stageRole: 'FARMER', members: 1, closed: 500_000, commit: 600_000, bestCase: 700_000, pipeline: 400_000, weighted: 1_300_000 },
    { stageRole: 'PROSPECTOR', members: 1, closed: 0, commit: 400_000, bestCase: 500_000, pipeline: 500_000, weighted: 730_000 },
  ],
  byCategory: [
    { category: 2, members: 1, closed: 500_000, commit: 600_000, bestCase: 700_000, pipeline: 400_000, weighted: 1_300_000 },
    { category: null, members: 1, closed: 0, commit: 400_000, bestCase: 500_000, pipeline: 500_000, weighted: 730_000 },
  ],
};

export function scorecard(memberId: string, name: string, behind = true): ScorecardFieldsFragment {
  return {
    member: { id: memberId, name },
    from: '2026-11-25',
    to: '2026-12-08',
    sprintId: 'sp-1',
    elapsed: 0.5,
    score: behind ? 0.3267 : 1.1,
    lines: [
      { metric: 'REVENUE', target: 3_000_000, actual: behind ? 0 : 2_000_000, weight: 0.5, pace: 1_500_000, attainment: behind ? 0 : 0.6667, status: behind ? 'BEHIND' : 'AHEAD' },
      { metric: 'CALLS', target: 120, actual: 16, weight: 0.2, pace: 60, attainment: 0.1333, status: behind ? 'BEHIND' : 'ON_TRACK' },
      { metric: 'PROCESSES_DONE', target: 3, actual: 3, weight: 0.3, pace: 1.5, attainment: 1, status: 'AHEAD' },
    ],
    crossRoleScopes: [],
  };
}

/** A product manager's scorecard: the product line's volume across all reps. */
export function productManagerScorecard(memberId = 'm-pm', name = 'Roman PM'): ScorecardFieldsFragment {
  return {
    member: { id: memberId, name },
    from: '2026-11-25',
    to: '2026-12-08',
    sprintId: 'sp-1',
    elapsed: 0.5,
    score: 0.9,
    lines: [
      { metric: 'PRODUCT_REVENUE', target: 5_000_000, actual: 2_400_000, weight: 0.5, pace: 2_500_000, attainment: 0.48, status: 'ON_TRACK' },
      { metric: 'PRODUCT_CLIENTS', target: 25, actual: 14, weight: 0.3, pace: 12.5, attainment: 0.56, status: 'AHEAD' },
      { metric: 'PRODUCT_SHARE', target: 0.2, actual: 0.18, weight: 0.2, pace: 0.2, attainment: 0.9, status: 'ON_TRACK' },
    ],
    crossRoleScopes: [{ kind: 'PRODUCT_MANAGER', products: ['Сетевое оборудование'], regions: [] }],
  };
}

/** Coaching of Rita Rep by Carl Coach: one session with notes (the coach reads them), one without. */
export function coachingPage(notes: string | null = 'Rushes the demo; ask open questions.'): CoachingPageQuery {
  return {
    coachingSessions: [
      {
        id: 'cs-2',
        heldOn: '2026-11-25',
        templateName: 'Встреча с дилером',
        score: 3.75,
        notes,
        coach: { id: 'm-coach', name: 'Carl Coach' },
        scores: [
          { criterion: 'Подготовка', score: 4 },
          { criterion: 'Следующий шаг', score: 3 },
        ],
        actions: [
          { id: 'ca-1', title: 'Prepare five open questions', dueOn: '2026-12-08', done: false, processId: null },
          { id: 'ca-2', title: 'Handle «too expensive»', dueOn: null, done: true, processId: 'p-9' },
        ],
      },
      { id: 'cs-1', heldOn: '2026-11-10', templateName: null, score: null, notes: notes === null ? null : '', coach: { id: 'm-coach', name: 'Carl Coach' }, scores: [], actions: [] },
    ],
    scorecardHistory: [
      { from: '2026-11-11', to: '2026-11-24', score: 0.8 },
      { from: '2026-10-28', to: '2026-11-10', score: 0.95 },
    ],
    memberFlags: {
      memberId: 'm-rep1',
      fallingPace: true,
      behind: ['REVENUE', 'CALLS'],
      stalledDeals: [{ id: 'd-1', title: 'Dealer Volga', stageName: 'Переговоры', days: 41, amount: 300_000 }],
    },
  };
}

export const COACHING_TEMPLATES: CoachingTemplatesQuery['coachingTemplates'] = [
  { id: 'ct-1', name: 'Встреча с дилером', criteria: [{ name: 'Подготовка', weight: 0.5 }, { name: 'Следующий шаг', weight: 0.5 }] },
];

export const FORECAST_SUBMISSIONS: ForecastSubmissionsQuery['forecastSubmissions'] = [
  { id: 'fs-2', kind: 'ADJUSTED', amount: 900_000, note: 'Two deals slip to January', byName: 'Lena Lead', at: '2026-12-05T10:00:00Z', member: { id: 'm-rep1', name: 'Rita Rep' } },
  { id: 'fs-1', kind: 'SUBMITTED', amount: 1_200_000, note: '', byName: 'Rita Rep', at: '2026-12-02T09:00:00Z', member: { id: 'm-rep1', name: 'Rita Rep' } },
];

export const FORECAST_ACCURACY: ForecastAccuracyQuery['forecastAccuracy'] = [
  { periodStart: '2026-10-01', periodEnd: '2026-10-31', forecast: 1_000_000, actual: 800_000, accuracy: 0.75, members: 2 },
  { periodStart: '2026-11-01', periodEnd: '2026-11-30', forecast: 1_200_000, actual: 1_200_000, accuracy: 1, members: 2 },
];

export const IMPORT_REPORT: ImportMavenCrmMutation['importMavenCrm'] = {
  status: 'DRY_RUN',
  runId: null,
  pipelineId: null,
  pipelineName: 'Maven CRM',
  totalRows: 8_930,
  durationMs: 2_400,
  files: [
    { file: 'ACCOUNTS', fileName: 'accounts.csv', rows: 85, imported: 85, updated: 0, unchanged: 0, reconciled: 1, rejected: 0 },
    { file: 'PRODUCTS', fileName: 'products.csv', rows: 7, imported: 7, updated: 0, unchanged: 0, reconciled: 0, rejected: 0 },
    { file: 'SALES_TEAMS', fileName: 'sales_teams.csv', rows: 35, imported: 35, updated: 0, unchanged: 0, reconciled: 0, rejected: 0 },
    { file: 'SALES_PIPELINE', fileName: 'sales_pipeline.csv', rows: 8_800, imported: 8_798, updated: 0, unchanged: 0, reconciled: 1, rejected: 1 },
  ],
  derived: [{ what: 'teams (regional offices)', kind: 'TEAMS', pipeline: null, imported: 3, updated: 0, unchanged: 0 }],
  // the maven-crm import's reasons and notes by code and values (shared describe-maven-import-reason), the English sentence beside them
  notes: [
    {
      code: 'RECONCILED_PRODUCT_GTXPro',
      count: 1_480,
      message: 'reconciled GTXPro → GTX Pro',
      params: [
        { name: 'from', value: 'GTXPro' },
        { name: 'to', value: 'GTX Pro' },
      ],
    },
    { code: 'OPEN_DEAL_WITHOUT_ACCOUNT', count: 1_425, message: 'open deals without an account: kept, without a client', params: [] },
    { code: 'NO_ENGAGE_DATE', count: 500, message: 'open deals without engage_date: started_on = 2017-12-31, the latest date in sales_pipeline.csv', params: [{ name: 'day', value: '2017-12-31' }] },
  ],
  rejected: [
    {
      file: 'SALES_PIPELINE',
      line: 42,
      externalId: 'maven:deal:X1',
      outcome: 'REJECTED',
      change: null,
      message: 'close_value "12,5" is not a non-negative number',
      reasons: [
        {
          kind: 'REJECTED',
          code: 'NOT_A_NON_NEGATIVE_NUMBER',
          params: [
            { name: 'column', value: 'close_value' },
            { name: 'value', value: '12,5' },
          ],
          message: 'close_value "12,5" is not a non-negative number',
        },
      ],
    },
  ],
  reconciled: [
    {
      file: 'ACCOUNTS',
      line: 7,
      externalId: 'maven:account:a',
      outcome: 'RECONCILED',
      change: 'IMPORTED',
      message: 'reconciled sector technolgy → technology',
      reasons: [
        {
          kind: 'RECONCILED',
          code: 'COLUMN_VALUE_MATCHED',
          params: [
            { name: 'column', value: 'sector' },
            { name: 'value', value: 'technolgy' },
            { name: 'match', value: 'technology' },
          ],
          message: 'sector technolgy → technology',
        },
      ],
    },
  ],
};

/** Replies for the analytics operations (the home dashboards, the analytics pages). */
/**
 * KPI progress of the demo teams summed up per team, each person over their own period (North
 * over its running sprint: Rita behind, Pavel on track; South without a sprint, this month:
 * Fiona behind; the coach in no team, without targets).
 */
export const KPI_SUMMARY: KpiSummaryQuery['kpiSummary'] = (() => {
  const rita = { member: { id: 'm-rep1', name: 'Rita Rep' }, score: 0.3267, behindOn: ['REVENUE', 'CALLS'] as KpiMetric[] };
  const fiona = { member: { id: 'm-rep3', name: 'Fiona Farmer' }, score: 0.5, behindOn: ['REVENUE'] as KpiMetric[] };
  const sprint = { from: '2026-11-25', to: '2026-12-08', sprintId: 'sp-1', elapsed: 0.5 };
  const month = { from: '2026-12-01', to: '2026-12-31', sprintId: null, elapsed: 0.0968 };
  const none = { from: null, to: null, sprintId: null, elapsed: null };
  return {
    ...none,
    overall: { team: null, ...none, people: 4, withTargets: 3, onTrack: 1, behind: 2, averageScore: 0.6422, metrics: [{ metric: 'REVENUE', people: 3, behind: 2 }, { metric: 'CALLS', people: 2, behind: 1 }], mostBehind: [rita, fiona] },
    teams: [
      { team: { id: 't-north', name: 'North' }, ...sprint, people: 2, withTargets: 2, onTrack: 1, behind: 1, averageScore: 0.7134, metrics: [{ metric: 'CALLS', people: 2, behind: 1 }, { metric: 'REVENUE', people: 2, behind: 1 }], mostBehind: [rita] },
      { team: { id: 't-south', name: 'South' }, ...month, people: 1, withTargets: 1, onTrack: 0, behind: 1, averageScore: 0.5, metrics: [{ metric: 'REVENUE', people: 1, behind: 1 }], mostBehind: [fiona] },
      { team: null, ...month, people: 1, withTargets: 0, onTrack: 0, behind: 0, averageScore: null, metrics: [], mostBehind: [] },
    ],
  };
})();

/** Coachees' trends: Rita's pace falling two sprints running and behind, Pavel on pace with a stalled deal. */
export function memberTrends(ids: readonly string[]): MemberTrendsQuery['memberTrends'] {
  return ids.map((id) => {
    const rita = id !== 'm-rep2';
    const card = scorecard(id, rita ? 'Rita Rep' : 'Pavel Prospector', rita);
    const scores = rita ? [0.9, 0.6] : [0.8, 1.0];
    return {
      member: card.member,
      history: scores.map((score, i) => ({ sprintId: `sp-old-${i}`, from: `2026-10-${String(14 + i * 14).padStart(2, '0')}`, to: `2026-10-${String(27 + i * 14 > 31 ? 31 : 27 + i * 14)}`, score })),
      current: { score: card.score, sprintId: card.sprintId, from: card.from, to: card.to },
      change: Math.round((card.score - scores[1]!) * 10_000) / 10_000,
      fallingPace: rita,
      behind: card.lines.filter((l) => l.status === 'BEHIND').map((l) => l.metric),
      stalledDeals: rita ? 0 : 2,
    };
  });
}

export const ANALYTICS_REPLIES: Record<string, (variables: Record<string, unknown>) => FakeReply> = {
  Pipelines: () => ({ json: { data: { pipelines: PIPELINES } } }),
  FunnelPage: () => ({ json: { data: { funnel: FUNNEL, memberPerformance: PERFORMANCE } } }),
  AnalyticsFilterOptions: () => ({ json: { data: { analyticsFilterOptions: FILTER_OPTIONS } } }),
  Funnel: () => ({ json: { data: { funnel: FUNNEL } } }),
  Forecast: () => ({ json: { data: { forecast: FORECAST } } }),
  ForecastSubmissions: () => ({ json: { data: { forecastSubmissions: FORECAST_SUBMISSIONS } } }),
  ForecastAccuracy: () => ({ json: { data: { forecastAccuracy: FORECAST_ACCURACY } } }),
  SubmitForecast: () => ({ json: { data: { submitForecast: true } } }),
  CoachingPage: () => ({ json: { data: coachingPage() } }),
  CoachingTemplates: () => ({ json: { data: { coachingTemplates: COACHING_TEMPLATES } } }),
  RecordCoachingSession: () => ({ json: { data: { recordCoachingSession: 'cs-3' } } }),
  SetCoachingActionDone: () => ({ json: { data: { setCoachingActionDone: true } } }),
  CoachingActionToProcess: () => ({ json: { data: { coachingActionToProcess: 'p-10' } } }),
  Scorecard: (variables) => ({ json: { data: { scorecard: scorecard(String(variables.memberId), String(variables.memberId) === 'm-rep2' ? 'Pavel Prospector' : 'Rita Rep', String(variables.memberId) !== 'm-rep2') } } }),
  KpiSummary: () => ({ json: { data: { kpiSummary: KPI_SUMMARY } } }),
  MemberTrends: (variables) => ({ json: { data: { memberTrends: memberTrends(variables.memberIds as string[]) } } }),
  Scorecards: (variables) => ({
    json: { data: { scorecards: (variables.memberIds as string[]).map((id) => scorecard(id, id === 'm-rep2' ? 'Pavel Prospector' : 'Rita Rep', id !== 'm-rep2')) } },
  }),
  ActiveSprint: () => ({ json: { data: { activeSprint: null } } }),
  TeamReminders: () => ({ json: { data: { activeSprint: null } } }),
  AttentionClients: () => ({ json: { data: { clients: { totalCount: 0, edges: [] } } } }),
};
