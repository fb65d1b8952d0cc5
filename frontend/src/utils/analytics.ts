import type { BaseChartData } from '@/components/charts/types';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { formatMoney, formatPercent } from './money';

/** The funnel page's period choices: all time, or the current month, quarter or year. */
export const FUNNEL_PERIODS = ['all', 'month', 'quarter', 'year'] as const;
export type FunnelPeriod = (typeof FUNNEL_PERIODS)[number];

export type PeriodGrain = 'month' | 'quarter';

/** What the analytics pages filter by, as kept in the address (`?pipeline=&team=&member=&period=`). */
export interface AnalyticsFilterState {
  pipelineId: string | null;
  teamId: string | null;
  memberId: string | null;
  period: FunnelPeriod;
}

export const EMPTY_ANALYTICS_FILTER: Readonly<AnalyticsFilterState> = { pipelineId: null, teamId: null, memberId: null, period: 'all' };

const one = (value: LocationQuery[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first : null;
};

export function analyticsFilterFromQuery(query: LocationQuery): AnalyticsFilterState {
  const period = one(query.period);
  return {
    pipelineId: one(query.pipeline),
    teamId: one(query.team),
    memberId: one(query.member),
    period: FUNNEL_PERIODS.includes(period as FunnelPeriod) ? (period as FunnelPeriod) : 'all',
  };
}

export function analyticsFilterToQuery(state: AnalyticsFilterState): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (state.pipelineId) query.pipeline = state.pipelineId;
  if (state.teamId) query.team = state.teamId;
  if (state.memberId) query.member = state.memberId;
  if (state.period !== 'all') query.period = state.period;
  return query;
}

const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** Today as YYYY-MM-DD in the viewer's clock. */
export function localToday(now: Date = new Date()): string {
  return iso(now.getFullYear(), now.getMonth(), now.getDate());
}

/**
 * The month or quarter `offset` periods away from the one holding `today` (0 = current,
 * -1 = the previous one), first and last day inclusive.
 */
export function periodRange(grain: PeriodGrain, today: string, offset = 0): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const size = grain === 'month' ? 1 : 3;
  const start = (grain === 'month' ? month : month - (month % 3)) + offset * size;
  return { from: iso(year, start, 1), to: iso(year, start + size, 0) };
}

/** The funnel's period as dates; none for all time. */
export function funnelPeriodRange(period: FunnelPeriod, today: string): { from?: string; to?: string } {
  if (period === 'all') return {};
  if (period === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  return periodRange(period, today, 0);
}

/** The API's AnalyticsFilter of a filter state (only the fields set). */
export function toAnalyticsFilter(state: AnalyticsFilterState, today: string): { pipelineId?: string; teamId?: string; memberId?: string; from?: string; to?: string } {
  const filter: { pipelineId?: string; teamId?: string; memberId?: string; from?: string; to?: string } = { ...funnelPeriodRange(state.period, today) };
  if (state.pipelineId) filter.pipelineId = state.pipelineId;
  if (state.memberId) filter.memberId = state.memberId;
  else if (state.teamId) filter.teamId = state.teamId;
  return filter;
}

/** The month, quarter and year a period starts in. */
export function periodParts(from: string): { quarter: number; year: number; month: number } {
  const month = Number(from.slice(5, 7));
  return { quarter: Math.floor((month - 1) / 3) + 1, year: Number(from.slice(0, 4)), month };
}

export interface FunnelStageLike {
  name: string;
  kind: string;
  count: number;
  amount: number;
  reached: number;
  conversionToNext?: number | null;
}

/**
 * Horizontal bars per stage: deals that ever reached it (the funnel's shape) beside those
 * in it now; won stages green, lost ones red.
 */
export function funnelChartData(
  stages: readonly FunnelStageLike[],
  labels: { reached: string; now: string },
  colors: { reached: string; now: string; won: string; lost: string },
): BaseChartData<'bar'> {
  const tone = (s: FunnelStageLike, base: string) => (s.kind === 'WON' ? colors.won : s.kind === 'LOST' ? colors.lost : base);
  return {
    labels: stages.map((s) => s.name),
    datasets: [
      { label: labels.reached, data: stages.map((s) => s.reached), backgroundColor: stages.map((s) => tone(s, colors.reached)), borderRadius: 4 },
      { label: labels.now, data: stages.map((s) => s.count), backgroundColor: stages.map(() => colors.now), borderRadius: 4 },
    ],
  };
}

export interface PerformanceRowLike {
  member: { id: string; name: string };
  won: number;
  lost: number;
  open: number;
  winRate?: number | null;
  wonAmount: number;
  averageWon?: number | null;
}

/** Won amount per person, best first (as the API orders them). */
export function performanceChartData(rows: readonly PerformanceRowLike[], label: string, color: string): BaseChartData<'bar'> {
  return {
    labels: rows.map((r) => r.member.name),
    datasets: [{ label, data: rows.map((r) => r.wonAmount), backgroundColor: color, borderRadius: 4 }],
  };
}

export const FORECAST_ORDER = ['CLOSED', 'COMMIT', 'BEST_CASE', 'PIPELINE', 'OMITTED'] as const;
export type ForecastCategoryName = (typeof FORECAST_ORDER)[number];

export interface ForecastCategoryLike {
  category: string;
  count: number;
  amount: number;
  weighted: number;
}

/** The categories in the order a forecast is read (closed first), whatever order the API sent. */
export function orderedCategories<T extends ForecastCategoryLike>(categories: readonly T[]): T[] {
  const rank = (c: string) => {
    const i = FORECAST_ORDER.indexOf(c as ForecastCategoryName);
    return i === -1 ? FORECAST_ORDER.length : i;
  };
  return [...categories].sort((a, b) => rank(a.category) - rank(b.category));
}

/** Two stacked bars, the amount and the weighted amount, each split by category. */
export function forecastChartData(
  categories: readonly ForecastCategoryLike[],
  categoryLabel: (category: string) => string,
  axis: { amount: string; weighted: string },
  colors: Readonly<Record<string, string>>,
): BaseChartData<'bar'> {
  return {
    labels: [axis.amount, axis.weighted],
    datasets: orderedCategories(categories).map((c) => ({
      label: categoryLabel(c.category),
      data: [c.amount, c.weighted],
      backgroundColor: colors[c.category] ?? '#8a96a6',
      borderRadius: 2,
    })),
  };
}

export interface ForecastMemberLike {
  member: { id: string; name: string };
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
}

/** The column totals of the per-person roll-up (they add up to the category amounts). */
export function forecastTotals(rows: readonly ForecastMemberLike[]): Omit<ForecastMemberLike, 'member'> {
  const total = { closed: 0, commit: 0, bestCase: 0, pipeline: 0, weighted: 0 };
  for (const r of rows) {
    total.closed += r.closed;
    total.commit += r.commit;
    total.bestCase += r.bestCase;
    total.pipeline += r.pipeline;
    total.weighted += r.weighted;
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { closed: round(total.closed), commit: round(total.commit), bestCase: round(total.bestCase), pipeline: round(total.pipeline), weighted: round(total.weighted) };
}

export const KPI_STATUSES = ['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'] as const;
export type KpiStatusName = (typeof KPI_STATUSES)[number];

export type MetricKind = 'money' | 'percent' | 'count' | 'scoreChange';

/** How a metric's values read: roubles, a share, a count, or a change of a 1-5 review score. */
export function metricKind(metric: string): MetricKind {
  if (metric === 'REVENUE' || metric === 'AVERAGE_DEAL' || metric === 'PRODUCT_REVENUE' || metric === 'REGION_REVENUE') return 'money';
  if (metric === 'WIN_RATE' || metric === 'PRODUCT_SHARE' || metric === 'PORTFOLIO_GROWTH' || metric === 'RETENTION') return 'percent';
  if (metric === 'COACHEES_PROGRESS') return 'scoreChange';
  return 'count';
}

export interface ScoreLineLike {
  target: number;
  actual: number;
  pace: number;
  status: string;
}

/**
 * Where the bar of a scorecard line ends and where its marks sit, in % of the track: the
 * track spans the target or the actual, whichever is larger (so an overshoot still fits).
 */
export function scoreBar(line: ScoreLineLike): { actual: number; pace: number; target: number } {
  const span = Math.max(line.target, line.actual, line.pace, 0);
  if (span <= 0) return { actual: 0, pace: 0, target: 0 };
  const pct = (x: number) => Math.round(Math.min(100, Math.max(0, (x / span) * 100)) * 10) / 10;
  return { actual: pct(line.actual), pace: pct(line.pace), target: pct(line.target) };
}

/** What a scorecard line covers when it measures a cross role's scope: the products or the regions; null for a person's own lines. */
export function lineScope(metric: string, scopes: readonly { kind: string; products: readonly string[]; regions: readonly string[] }[]): { kind: 'products' | 'regions'; list: string } | null {
  const of = (kind: string) => scopes.find((s) => s.kind === kind);
  if (metric.startsWith('PRODUCT_')) {
    const scope = of('PRODUCT_MANAGER');
    return scope && scope.products.length > 0 ? { kind: 'products', list: scope.products.join(', ') } : null;
  }
  if (metric.startsWith('REGION_')) {
    const scope = of('TERRITORY_MANAGER');
    return scope && scope.regions.length > 0 ? { kind: 'regions', list: scope.regions.join(', ') } : null;
  }
  return null;
}

/** How many lines are behind their pace. */
export function behindCount(lines: readonly { status: string }[]): number {
  return lines.filter((l) => l.status === 'BEHIND').length;
}


const decimals = new Map<string, Intl.NumberFormat>();

/** A number with at most `digits` decimals in the viewer's format ("1 234,5", "1,234.5"). */
export function formatDecimal(value: number, locale: string, digits = 1): string {
  const key = `${locale}|${digits}`;
  let f = decimals.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    decimals.set(key, f);
  }
  return f.format(value);
}

const signed = new Map<string, Intl.NumberFormat>();

/** A change with its sign and at most two decimals ("+0,67", "−0.25", "0"). */
export function formatChange(value: number, locale: string): string {
  let f = signed.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    signed.set(locale, f);
  }
  return f.format(value);
}

/** A metric's value as it reads: "1 500 000 ₽", "76,9 %", "16", "+0,67". */
export function formatMetric(metric: string, value: number, locale: string): string {
  const kind = metricKind(metric);
  if (kind === 'money') return formatMoney(value, locale);
  if (kind === 'percent') return formatPercent(value, locale);
  if (kind === 'scoreChange') return formatChange(value, locale);
  return formatDecimal(value, locale, 1);
}

/** A share or "—" when there is none (no closed deals yet). */
export function formatShare(value: number | null | undefined, locale: string): string {
  return value === null || value === undefined ? '—' : formatPercent(value, locale);
}

/** The four files of a maven-crm export, by the input field they fill. */
export const MAVEN_FILES = ['accounts', 'products', 'salesTeams', 'salesPipeline'] as const;
export type MavenFileKey = (typeof MAVEN_FILES)[number];

const MAVEN_FILE_NAMES: Record<MavenFileKey, string> = {
  accounts: 'accounts',
  products: 'products',
  salesTeams: 'sales_teams',
  salesPipeline: 'sales_pipeline',
};

/** Which field a chosen file fills, by its name ("sales_pipeline (1).csv" too); null when none. */
export function mavenFileKey(fileName: string): MavenFileKey | null {
  const base = fileName
    .toLowerCase()
    .replace(/\.csv$/, '')
    .replace(/\s*\(\d+\)$/, '')
    .replace(/[\s-]+/g, '_');
  return MAVEN_FILES.find((key) => base === MAVEN_FILE_NAMES[key]) ?? null;
}

export interface TeamFunnelRow {
  teamId: string;
  teamName: string;
  totalDeals: number;
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
  weightedPipeline: number;
}

/** Won amount beside the weighted open pipeline, per team. */
export function teamFunnelChartData(rows: readonly TeamFunnelRow[], labels: { won: string; weighted: string }, colors: { won: string; weighted: string }): BaseChartData<'bar'> {
  return {
    labels: rows.map((r) => r.teamName),
    datasets: [
      { label: labels.won, data: rows.map((r) => r.wonAmount), backgroundColor: colors.won, borderRadius: 4 },
      { label: labels.weighted, data: rows.map((r) => r.weightedPipeline), backgroundColor: colors.weighted, borderRadius: 4 },
    ],
  };
}

export interface PaceRow {
  memberId: string;
  name: string;
  team: string;
  score: number | null;
  behind: readonly string[];
  lines: number;
}

/** People's scores (in %), red where a line is behind its pace; people without a scorecard are left out. */
export function scoreChartData(rows: readonly PaceRow[], label: string, colors: { ok: string; behind: string }): BaseChartData<'bar'> {
  const scored = rows.filter((r) => r.score !== null);
  return {
    labels: scored.map((r) => r.name),
    datasets: [
      {
        label,
        data: scored.map((r) => Math.round((r.score ?? 0) * 1000) / 10),
        backgroundColor: scored.map((r) => (r.behind.length > 0 ? colors.behind : colors.ok)),
        borderRadius: 4,
        // A score of zero still shows a stub, so nobody looks missing.
        minBarLength: 3,
      },
    ],
  };
}

/** Pace rows from scorecards: the most behind first, then the lowest score. */
export function paceRows(
  people: readonly { id: string; name: string; team: string }[],
  cards: ReadonlyMap<string, { score: number; lines: readonly { metric: string; status: string }[] }>,
): PaceRow[] {
  return people
    .map((p) => {
      const card = cards.get(p.id);
      return {
        memberId: p.id,
        name: p.name,
        team: p.team,
        score: card ? card.score : null,
        behind: card ? card.lines.filter((l) => l.status === 'BEHIND').map((l) => l.metric) : [],
        lines: card ? card.lines.length : 0,
      };
    })
    .sort((a, b) => b.behind.length - a.behind.length || (a.score ?? Infinity) - (b.score ?? Infinity) || a.name.localeCompare(b.name));
}

/** The reps of the given teams (all teams without a list) with the name of their first team, by name. */
export function repsWithTeam(
  teams: readonly { id: string; name: string; members: readonly { id: string; name: string; role: string }[] }[],
  teamIds: readonly string[] | null,
  locale: string,
): { id: string; name: string; team: string }[] {
  const seen = new Map<string, { id: string; name: string; team: string }>();
  for (const team of teams) {
    if (teamIds && !teamIds.includes(team.id)) continue;
    for (const m of team.members) if (m.role === 'SALES' && !seen.has(m.id)) seen.set(m.id, { id: m.id, name: m.name, team: team.name });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** One row of the director's KPI transparency: a team (or the people in no team) in a few figures. */
export interface KpiTeamRow {
  key: string;
  teamId: string | null;
  teamName: string;
  people: number;
  onTrack: number;
  behind: number;
  /** People with a scorecard but no target on it. */
  noTargets: number;
  averageScore: number | null;
  /** The period the team's people share (their running sprint, or the period asked), if they share one. */
  period: { from: string; to: string; sprint: boolean } | null;
  /** The metrics most people are behind on (those with anyone behind), most first. */
  behindOn: readonly { metric: string; behind: number }[];
  mostBehind: readonly { memberId: string; name: string; score: number; behindOn: readonly string[] }[];
}

interface KpiGroupLike {
  team: { id: string; name: string } | null;
  from: string | null;
  to: string | null;
  sprintId: string | null;
  people: number;
  withTargets: number;
  onTrack: number;
  behind: number;
  averageScore: number | null;
  metrics: readonly { metric: string; behind: number }[];
  mostBehind: readonly { member: { id: string; name: string }; score: number; behindOn: readonly string[] }[];
}

/** The KPI summary's groups as rows, in the server's order (teams by name, then the people in none: `outside` names them). */
export function kpiTeamRows(groups: readonly KpiGroupLike[], outside: string): KpiTeamRow[] {
  return groups.map((g) => ({
    key: g.team?.id ?? '—',
    teamId: g.team?.id ?? null,
    teamName: g.team?.name ?? outside,
    people: g.people,
    onTrack: g.onTrack,
    behind: g.behind,
    noTargets: g.people - g.withTargets,
    averageScore: g.averageScore,
    period: g.from && g.to ? { from: g.from, to: g.to, sprint: g.sprintId !== null } : null,
    behindOn: g.metrics.filter((m) => m.behind > 0).map((m) => ({ metric: m.metric, behind: m.behind })),
    mostBehind: g.mostBehind.map((p) => ({ memberId: p.member.id, name: p.member.name, score: p.score, behindOn: p.behindOn })),
  }));
}

/** People per team by state, stacked: on track, behind, without targets. */
export function kpiTeamChartData(
  rows: readonly KpiTeamRow[],
  labels: { onTrack: string; behind: string; noTargets: string },
  colors: { onTrack: string; behind: string; noTargets: string },
): BaseChartData<'bar'> {
  const set = (label: string, data: number[], color: string) => ({ label, data, backgroundColor: color, borderRadius: 3, stack: 'people' });
  const datasets = [set(labels.onTrack, rows.map((r) => r.onTrack), colors.onTrack), set(labels.behind, rows.map((r) => r.behind), colors.behind)];
  // the third colour only when someone has no targets
  if (rows.some((r) => r.noTargets > 0)) datasets.push(set(labels.noTargets, rows.map((r) => r.noTargets), colors.noTargets));
  return { labels: rows.map((r) => r.teamName), datasets };
}

/** A coachee's trend as the coach's home lists it. */
export interface TrendRow {
  memberId: string;
  name: string;
  team: string;
  /** Scores over the last closed sprints, oldest first, then now. */
  scores: readonly number[];
  score: number | null;
  change: number | null;
  fallingPace: boolean;
  behind: readonly string[];
  stalledDeals: number;
  /** Falling pace, behind now, or deals stalled: worth a word this week. */
  flagged: boolean;
}

/**
 * Trend rows of the people, in the people's order then flagged first: falling pace, then most
 * KPIs behind, then most deals stalled. People without a trend (failed or not loaded) keep a row without figures.
 */
export function trendRows(
  people: readonly { id: string; name: string; team: string }[],
  trends: ReadonlyMap<string, { history: readonly { score: number }[]; current: { score: number }; change: number | null; fallingPace: boolean; behind: readonly string[]; stalledDeals: number }>,
): TrendRow[] {
  const rows = people.map((p) => {
    const t = trends.get(p.id);
    const behind = t?.behind ?? [];
    return {
      memberId: p.id,
      name: p.name,
      team: p.team,
      scores: t ? [...t.history.map((h) => h.score), t.current.score] : [],
      score: t ? t.current.score : null,
      change: t?.change ?? null,
      fallingPace: t?.fallingPace ?? false,
      behind,
      stalledDeals: t?.stalledDeals ?? 0,
      flagged: !!t && (t.fallingPace || behind.length > 0 || t.stalledDeals > 0),
    };
  });
  return rows.sort((a, b) => Number(b.fallingPace) - Number(a.fallingPace) || b.behind.length - a.behind.length || b.stalledDeals - a.stalledDeals || a.name.localeCompare(b.name));
}

/**
 * Each person's score at the last closed sprint beside the score now (in %): the trend at a
 * glance. Now is its own dataset where the pace falls (a legend entry of its own; the chart skips
 * the empty one), and a person without a closed sprint has no bar before.
 */
export function trendChartData(
  rows: readonly TrendRow[],
  labels: { before: string; now: string; falling: string },
  colors: { before: string; now: string; falling: string },
): BaseChartData<'bar'> {
  const shown = rows.filter((r) => r.score !== null);
  const pct = (x: number) => Math.round(x * 1000) / 10;
  const bar = { borderRadius: 3, minBarLength: 2 };
  const datasets = [
    { label: labels.before, data: shown.map((r) => (r.scores.length >= 2 ? pct(r.scores[r.scores.length - 2]!) : null)), backgroundColor: colors.before, ...bar },
    { label: labels.now, data: shown.map((r) => (r.fallingPace ? null : pct(r.score ?? 0))), backgroundColor: colors.now, ...bar },
  ];
  if (shown.some((r) => r.fallingPace)) datasets.push({ label: labels.falling, data: shown.map((r) => (r.fallingPace ? pct(r.score ?? 0) : null)), backgroundColor: colors.falling, ...bar });
  return { labels: shown.map((r) => r.name), datasets };
}
