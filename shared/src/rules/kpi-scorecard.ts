/**
 * The KPI catalog and scorecards (issue 6). Metrics are computed from data, never typed in;
 * each role has default metrics (seeds 001-004). A scorecard line compares the actual with
 * the target and with the pace: where the member should be by today, in proportion to the
 * time elapsed in the period.
 */
import type { Role, StageRole } from '../domain/roles';

export const KPI_METRICS = [
  'CALLS',
  'MEETINGS',
  'WARM_LEADS_HANDED',
  'FIRST_ORDERS',
  'NEW_CLIENTS',
  'REVENUE',
  'DEALS_WON',
  // moves of a deal to a later stage of its pipeline (or to a won stage), credited to its owner
  'DEALS_ADVANCED',
  'WIN_RATE',
  'AVERAGE_DEAL',
  'PROCESSES_DONE',
  'COACHING_SESSIONS',
  // the change of the coachees' review scores (see coacheesProgress)
  'COACHEES_PROGRESS',
  // a portfolio against the period before (see portfolioGrowth, retention) and the pipeline against the plan (pipelineCoverage)
  'PORTFOLIO_GROWTH',
  'RETENTION',
  'PIPELINE_COVERAGE',
  // cross roles (issue 6): the scope's volume across all reps, see cross-role-kpis.ts
  'PRODUCT_REVENUE',
  'PRODUCT_ORDERS',
  'PRODUCT_CLIENTS',
  'PRODUCT_SHARE',
  'REGION_REVENUE',
  'REGION_NEW_CLIENTS',
  'REGION_ACTIVE_CLIENTS',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export interface KpiDefault {
  metric: KpiMetric;
  /** Target per two-week sprint (rates: the rate itself). */
  target: number;
  weight: number;
}

/** Defaults per role and stage (prospector: calls and warm leads; hunter: first orders; farmer: revenue; key account: revenue). */
export function defaultKpis(role: Role, stageRole: StageRole | null): KpiDefault[] {
  if (role === 'SALES') {
    switch (stageRole) {
      case 'PROSPECTOR':
        return [{ metric: 'CALLS', target: 400, weight: 0.6 }, { metric: 'WARM_LEADS_HANDED', target: 20, weight: 0.4 }];
      case 'HUNTER':
        return [{ metric: 'FIRST_ORDERS', target: 4, weight: 0.5 }, { metric: 'MEETINGS', target: 10, weight: 0.2 }, { metric: 'WIN_RATE', target: 0.3, weight: 0.3 }];
      case 'KEY_ACCOUNT':
        return [{ metric: 'REVENUE', target: 10_000_000, weight: 0.7 }, { metric: 'MEETINGS', target: 8, weight: 0.3 }];
      case 'FARMER':
        // seed 002: the farmer grows the portfolio and keeps its clients buying
        return [{ metric: 'REVENUE', target: 3_000_000, weight: 0.4 }, { metric: 'PORTFOLIO_GROWTH', target: 0.05, weight: 0.3 }, { metric: 'RETENTION', target: 0.8, weight: 0.3 }];
      default:
        return [{ metric: 'REVENUE', target: 3_000_000, weight: 0.5 }, { metric: 'CALLS', target: 120, weight: 0.2 }, { metric: 'PROCESSES_DONE', target: 3, weight: 0.3 }];
    }
  }
  if (role === 'LEAD') return [{ metric: 'REVENUE', target: 20_000_000, weight: 0.5 }, { metric: 'PROCESSES_DONE', target: 15, weight: 0.3 }, { metric: 'PIPELINE_COVERAGE', target: 3, weight: 0.2 }];
  // issue 6: the coach is measured by the sessions held and by how the coachees' reviews move (+0.3 of a 1-5 score per period)
  if (role === 'COACH') return [{ metric: 'COACHING_SESSIONS', target: 8, weight: 0.6 }, { metric: 'COACHEES_PROGRESS', target: 0.3, weight: 0.4 }];
  return [];
}

export type KpiStatus = 'AHEAD' | 'ON_TRACK' | 'BEHIND' | 'NO_TARGET';

export interface ScorecardLine {
  metric: KpiMetric;
  target: number;
  actual: number;
  weight: number;
  /** Where the member should be by now (target × elapsed share; rates: the target). */
  pace: number;
  /** actual / target, from 0 (nothing, or a fall: growth and progress can be negative) to 1.5. */
  attainment: number;
  status: KpiStatus;
}

const RATES: readonly KpiMetric[] = ['WIN_RATE', 'AVERAGE_DEAL', 'PRODUCT_SHARE', 'PORTFOLIO_GROWTH', 'RETENTION', 'PIPELINE_COVERAGE', 'COACHEES_PROGRESS'];

/** Revenue growth against the period before (see previousPeriod: the month before a month): 0.05 is +5 %; from nothing to something counts as +100 %. */
export function portfolioGrowth(current: number, previous: number): number {
  if (previous > 0) return Math.round(((current - previous) / previous) * 10_000) / 10_000;
  return current > 0 ? 1 : 0;
}

/** Share of the clients who bought in the period before and bought again in this one (0 when nobody bought before). */
export function retention(keptClients: number, previousClients: number): number {
  return previousClients > 0 ? Math.round((keptClients / previousClients) * 10_000) / 10_000 : 0;
}

/**
 * Open pipeline expected to close in the period against the revenue still to be made (the
 * revenue target less what is sold); with the target already made nothing is left to cover
 * (99, "fully covered").
 */
export function pipelineCoverage(openPipeline: number, revenueTarget: number, revenueSoFar: number): number {
  const remaining = revenueTarget - revenueSoFar;
  if (remaining <= 0) return 99;
  return Math.round((openPipeline / remaining) * 100) / 100;
}

/** Rates and averages: their target is the level itself, not a sum that grows with the length of the period. */
export function isRateMetric(metric: KpiMetric): boolean {
  return RATES.includes(metric);
}

/** Metrics counted in money: their targets are amounts, kept to whole roubles when scaled to a period. */
const MONEY: readonly KpiMetric[] = ['REVENUE', 'PRODUCT_REVENUE', 'REGION_REVENUE'];

/**
 * A default target (given per two-week sprint) for a period of `days` days: rates stay as they
 * are; sums grow with the period, money to whole roubles and counts to whole things (at least
 * one when the sprint's target is positive): "0 of 8.9 first orders" is no target a person can read.
 */
export function scaleDefaultTarget(metric: KpiMetric, sprintTarget: number, days: number): number {
  if (isRateMetric(metric)) return sprintTarget;
  const scaled = sprintTarget * (days / 14);
  if (MONEY.includes(metric)) return Math.round(scaled);
  return sprintTarget > 0 ? Math.max(1, Math.round(scaled)) : 0;
}

export function scorecardLine(metric: KpiMetric, target: number, actual: number, weight: number, elapsedShare: number): ScorecardLine {
  const share = Math.min(1, Math.max(0, elapsedShare));
  const pace = isRateMetric(metric) ? target : target * share;
  if (target <= 0) return { metric, target, actual, weight, pace: 0, attainment: 0, status: 'NO_TARGET' };
  const attainment = Math.max(0, Math.min(1.5, Math.round((actual / target) * 10_000) / 10_000));
  const status: KpiStatus = actual >= pace * 1.1 && actual > 0 ? 'AHEAD' : actual >= pace * 0.9 ? 'ON_TRACK' : 'BEHIND';
  return { metric, target, actual, weight, pace: Math.round(pace * 100) / 100, attainment, status };
}

/** Weighted attainment of the lines with a target (0..1.5). */
export function scorecardScore(lines: readonly ScorecardLine[]): number {
  const scored = lines.filter((l) => l.status !== 'NO_TARGET');
  const weights = scored.reduce((s, l) => s + l.weight, 0);
  if (weights === 0) return 0;
  return Math.round((scored.reduce((s, l) => s + l.attainment * l.weight, 0) / weights) * 10_000) / 10_000;
}
