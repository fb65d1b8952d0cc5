/**
 * A team's KPIs (issue 6: "targets per member and team"): how a team's figure is formed from
 * its members' figures, and what the team's targets are when nobody set them.
 *
 * The team's people are its reps (members of role SALES): the lead and the coach manage the
 * team and have scorecards of their own (the lead's default revenue is already "the team
 * plan", so adding it to the reps' would count the team's revenue twice).
 *
 * Figures:
 * - counts and money (calls, meetings, warm leads, first orders, new clients, revenue, deals
 *   won and advanced, processes done, coaching sessions) are sums;
 * - rates are recomputed from their parts, never averaged: win rate = Σ won / Σ closed,
 *   average deal = Σ won amount / Σ won, retention = Σ kept / Σ clients of the period before,
 *   portfolio growth from Σ revenue now against Σ revenue in the period before, pipeline
 *   coverage from Σ open pipeline against the team's revenue target less Σ revenue;
 * - coachees' progress (a coach's measure of other people) and the cross roles' product and
 *   region figures (they cover all reps of the organization, not the team) are not team
 *   metrics: a team plan cannot have them, and members' lines of them are left out of the
 *   default team plan.
 */
import { crossRoleOfMetric } from './cross-role-kpis';
import { isRateMetric, pipelineCoverage, portfolioGrowth, retention, type KpiMetric } from './kpi-scorecard';

/** Whether a team plan may have the metric: not coachees' progress, not a cross role's scope (see above). */
export function isTeamMetric(metric: KpiMetric): boolean {
  return metric !== 'COACHEES_PROGRESS' && crossRoleOfMetric(metric) === null;
}

/** What one member contributes to the team's figures over a period (absent parts: 0). */
export interface MemberKpiParts {
  /** The member's counts and money of the period, by metric (CALLS, REVENUE, DEALS_WON, ...). */
  counts: Partial<Record<KpiMetric, number>>;
  /** Deals closed (won or lost) in the period. */
  dealsClosed: number;
  /** Amount of the deals won in the period. */
  wonAmount: number;
  /** Revenue of the period before (see previousPeriod). */
  revenueBefore: number;
  /** Clients sold to in the period before, and how many of them bought again in this one. */
  previousClients: number;
  keptClients: number;
  /** Open deals expected to close in the period. */
  openPipeline: number;
}

/** The team metrics that are a plain sum of the members' figures. */
export function isSummedMetric(metric: KpiMetric): boolean {
  return isTeamMetric(metric) && !isRateMetric(metric);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The team's figure of each metric from its members' parts; `revenueTarget` is the team's
 * revenue target of the period (for pipeline coverage; 0 when the team has none, and then
 * coverage is 0, as for a member).
 */
export function combineTeamFigures(members: readonly MemberKpiParts[], revenueTarget: number): Partial<Record<KpiMetric, number>> {
  const sum = (f: (m: MemberKpiParts) => number) => members.reduce((s, m) => s + (f(m) || 0), 0);
  const figures: Partial<Record<KpiMetric, number>> = {};
  const summed = new Set<KpiMetric>();
  for (const m of members) for (const metric of Object.keys(m.counts) as KpiMetric[]) if (isSummedMetric(metric)) summed.add(metric);
  for (const metric of summed) figures[metric] = round4(sum((m) => m.counts[metric] ?? 0));
  const won = sum((m) => m.counts.DEALS_WON ?? 0);
  const closed = sum((m) => m.dealsClosed);
  const revenue = sum((m) => m.counts.REVENUE ?? 0);
  figures.WIN_RATE = closed > 0 ? round4(won / closed) : 0;
  figures.AVERAGE_DEAL = won > 0 ? round4(sum((m) => m.wonAmount) / won) : 0;
  figures.RETENTION = retention(sum((m) => m.keptClients), sum((m) => m.previousClients));
  figures.PORTFOLIO_GROWTH = portfolioGrowth(revenue, sum((m) => m.revenueBefore));
  figures.PIPELINE_COVERAGE = revenueTarget > 0 ? pipelineCoverage(sum((m) => m.openPipeline), revenueTarget, revenue) : 0;
  return figures;
}

export interface TeamTarget {
  metric: KpiMetric;
  target: number;
  weight: number;
}

/**
 * The team's targets when none are set for the period, from its members' plans (each the
 * targets set for them, else their role's defaults for the period's length), team metrics only:
 * - counts and money: the sum of the members' targets of the metric;
 * - rates: the mean of the targets of the members whose plan has the rate (for members on
 *   defaults, that is their role's default);
 * - weights: the members' weights of the metric averaged over all members (0 where a member's
 *   plan lacks it), normalized to add up to 1: a metric everybody has weighs more than one
 *   person's.
 * Metrics in the order they first appear in the members' plans. No members, or nothing in
 * their plans: no targets.
 */
export function defaultTeamTargets(plans: readonly (readonly TeamTarget[])[]): TeamTarget[] {
  const order: KpiMetric[] = [];
  const totals = new Map<KpiMetric, { target: number; weight: number; count: number }>();
  for (const plan of plans) {
    for (const line of plan) {
      if (!isTeamMetric(line.metric)) continue;
      const t = totals.get(line.metric) ?? { target: 0, weight: 0, count: 0 };
      if (!totals.has(line.metric)) order.push(line.metric);
      t.target += line.target;
      t.weight += line.weight;
      t.count += 1;
      totals.set(line.metric, t);
    }
  }
  const weights = [...totals.values()].reduce((s, t) => s + t.weight, 0);
  if (weights <= 0) return [];
  return order.map((metric) => {
    const t = totals.get(metric)!;
    const target = isRateMetric(metric) ? t.target / t.count : t.target;
    return { metric, target: Math.round(target * 10_000) / 10_000, weight: round4(t.weight / weights) };
  });
}

/** Share of the period elapsed by `today`, 0..1 (the first day counts as one day gone; as the member scorecards count it). */
export function elapsedShare(from: string, to: string, today: string): number {
  const DAY = 86_400_000;
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  const elapsed = Math.min(days, Math.max(0, (Date.parse(today) - Date.parse(from)) / DAY + 1));
  return Math.round((elapsed / days) * 10_000) / 10_000;
}
