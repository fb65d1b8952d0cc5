import { isTeamMetric, KPI_METRICS, type KpiMetric } from '@salescircle/shared';
import { metricKind } from './analytics';

/** The metrics a team can have a target for (not coachees' progress, nor the cross roles' product and region figures). */
export const TEAM_METRICS: readonly KpiMetric[] = KPI_METRICS.filter((m) => isTeamMetric(m));

/** A row of the team targets form as typed: shares (rates and weights) in percent. */
export interface TeamTargetRow {
  metric: KpiMetric | '';
  target: string;
  /** Percent of the score. */
  weight: string;
}

export type TeamTargetsProblem = 'empty' | 'metric' | 'duplicate' | 'target' | 'targetTooLarge' | 'weight' | 'weights';

/** The largest target the API takes (as sent: a share as a fraction). */
export const TEAM_TARGET_MAX = 1e15;

/** Shares read as percent in the form (a win rate of 0.35 is typed 35). */
const inPercent = (metric: string) => metricKind(metric) === 'percent';

/** The form's rows from a scorecard's lines (the targets in force, set or default). */
export function rowsFromLines(lines: readonly { metric: string; target: number; weight: number }[]): TeamTargetRow[] {
  return lines
    .filter((l) => TEAM_METRICS.includes(l.metric as KpiMetric))
    .map((l) => ({ metric: l.metric as KpiMetric, target: String(inPercent(l.metric) ? round(l.target * 100, 2) : round(l.target, 2)), weight: String(round(l.weight * 100, 2)) }));
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const num = (text: string) => (text.trim() === '' ? NaN : Number(text.replace(',', '.').replace(/\s/g, '')));

/** The sum of the weights typed, in percent (NaN rows count as 0). */
export function weightSum(rows: readonly TeamTargetRow[]): number {
  return round(rows.reduce((s, r) => s + (Number.isFinite(num(r.weight)) ? num(r.weight) : 0), 0), 2);
}

/** What is wrong with the rows before they are sent (the server checks again), or null. */
export function teamTargetsProblem(rows: readonly TeamTargetRow[]): TeamTargetsProblem | null {
  if (rows.length === 0) return 'empty';
  if (rows.some((r) => !r.metric)) return 'metric';
  if (new Set(rows.map((r) => r.metric)).size !== rows.length) return 'duplicate';
  if (rows.some((r) => !(num(r.target) >= 0))) return 'target';
  if (rows.some((r) => (inPercent(r.metric) ? num(r.target) / 100 : num(r.target)) > TEAM_TARGET_MAX)) return 'targetTooLarge';
  if (rows.some((r) => !(num(r.weight) > 0 && num(r.weight) <= 100))) return 'weight';
  if (Math.abs(weightSum(rows) - 100) > 0.1) return 'weights';
  return null;
}

/** The rows as the mutation's targets: shares back to fractions. */
export function toTargetInputs(rows: readonly TeamTargetRow[]): { metric: KpiMetric; target: number; weight: number }[] {
  return rows.map((r) => ({ metric: r.metric as KpiMetric, target: inPercent(r.metric) ? round(num(r.target) / 100, 6) : num(r.target), weight: round(num(r.weight) / 100, 6) }));
}
