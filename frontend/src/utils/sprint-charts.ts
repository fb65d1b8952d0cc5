import type { BaseChartData } from '@/components/charts/types';
import { toAmount } from './money';

export interface BurndownPointLike {
  date: string;
  remaining?: number | null;
  ideal: number;
  remainingUnits?: number | null;
  idealUnits: number;
}

export type BurndownMeasure = 'processes' | 'units';

/**
 * The burndown as two lines: what is still open at the end of each day (a gap for days to
 * come) against the ideal straight line to zero.
 */
export function burndownChartData(
  points: readonly BurndownPointLike[],
  measure: BurndownMeasure,
  dayLabel: (date: string) => string,
  labels: { remaining: string; ideal: string },
  colors: { remaining: string; ideal: string },
): BaseChartData<'line'> {
  const actual = points.map((p) => {
    const value = measure === 'processes' ? p.remaining : p.remainingUnits;
    // NaN leaves a gap: Chart.js draws nothing for days that have not come yet.
    return value === null || value === undefined ? Number.NaN : value;
  });
  return {
    labels: points.map((p) => dayLabel(p.date)),
    datasets: [
      {
        label: labels.remaining,
        data: actual,
        borderColor: colors.remaining,
        backgroundColor: colors.remaining,
        borderWidth: 3,
        pointRadius: 3,
        tension: 0,
      },
      {
        label: labels.ideal,
        data: points.map((p) => (measure === 'processes' ? p.ideal : p.idealUnits)),
        borderColor: colors.ideal,
        backgroundColor: colors.ideal,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        tension: 0,
      },
    ],
  };
}

/** The last day with a measured value, for the chart's summary. */
export function latestBurndown<T extends BurndownPointLike>(points: readonly T[]): T | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (point.remaining !== null && point.remaining !== undefined) return point;
  }
  return null;
}

export interface VelocityRow {
  sprintId: string;
  name: string;
  processesDone: number;
  processesPlanned: number;
  unitsDone: number;
  revenueWon: string;
}

/** Bars per closed sprint: processes planned beside processes done. */
export function velocityChartData(
  rows: readonly VelocityRow[],
  labels: { planned: string; done: string },
  colors: { planned: string; done: string },
): BaseChartData<'bar'> {
  return {
    labels: rows.map((r) => r.name),
    datasets: [
      { label: labels.planned, data: rows.map((r) => r.processesPlanned), backgroundColor: colors.planned, borderRadius: 4 },
      { label: labels.done, data: rows.map((r) => r.processesDone), backgroundColor: colors.done, borderRadius: 4 },
    ],
  };
}

/** The mean of processes done over the sprints (null without any), and revenue won in all. */
export function velocitySummary(rows: readonly VelocityRow[]): { averageDone: number | null; revenue: number; completion: number | null } {
  if (rows.length === 0) return { averageDone: null, revenue: 0, completion: null };
  const done = rows.reduce((sum, r) => sum + r.processesDone, 0);
  const planned = rows.reduce((sum, r) => sum + r.processesPlanned, 0);
  const revenue = rows.reduce((sum, r) => sum + (toAmount(r.revenueWon) ?? 0), 0);
  return { averageDone: Math.round((done / rows.length) * 10) / 10, revenue, completion: planned > 0 ? done / planned : null };
}
