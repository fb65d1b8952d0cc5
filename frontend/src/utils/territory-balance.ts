import type { BalanceFieldsFragment } from '@/graphql/generated';
import { toAmount } from './money';

/** One person's portfolio against the mean, before and (with a proposal) after the moves. */
export interface BalanceRow {
  id: string;
  name: string;
  potential: number;
  after: number;
  /** (potential − mean) / mean. */
  deviation: number;
  deviationAfter: number;
}

/** The people of a balance, largest portfolio first (ties by name). */
export function balanceRows(balance: Pick<BalanceFieldsFragment, 'members' | 'mean'>, locale = 'ru'): BalanceRow[] {
  const mean = toAmount(balance.mean) ?? 0;
  return balance.members
    .map((m) => {
      const potential = toAmount(m.potential) ?? 0;
      const after = toAmount(m.potentialAfter) ?? potential;
      return {
        id: m.member.id,
        name: m.member.name,
        potential,
        after,
        deviation: m.deviation,
        deviationAfter: mean > 0 ? (after - mean) / mean : 0,
      };
    })
    .sort((a, b) => b.potential - a.potential || a.name.localeCompare(b.name, locale));
}

export interface BalanceChartLabels {
  potential: string;
  after: string;
  mean: string;
}

export interface BalanceChartColors {
  potential: string;
  after: string;
  mean: string;
}

/** A bar dataset or the mean's line dataset, as the mixed bar chart takes them. */
export type BalanceDataset =
  | { type: 'bar'; label: string; data: number[]; backgroundColor: string; borderRadius: number; maxBarThickness: number; order: number }
  | { type: 'line'; label: string; data: number[]; borderColor: string; borderDash: number[]; borderWidth: number; pointRadius: number; pointHitRadius: number; fill: boolean; order: number };

/**
 * The chart of a balance: a bar per person (and a second bar after the proposal, when there
 * is one) and the mean as a dashed line across them.
 */
export function balanceChartData(rows: readonly BalanceRow[], mean: number, withAfter: boolean, labels: BalanceChartLabels, colors: BalanceChartColors): { labels: string[]; datasets: BalanceDataset[] } {
  const datasets: BalanceDataset[] = [
    { type: 'bar', label: labels.potential, data: rows.map((r) => r.potential), backgroundColor: colors.potential, borderRadius: 4, maxBarThickness: 40, order: 2 },
  ];
  if (withAfter) {
    datasets.push({ type: 'bar', label: labels.after, data: rows.map((r) => r.after), backgroundColor: colors.after, borderRadius: 4, maxBarThickness: 40, order: 2 });
  }
  datasets.push({
    type: 'line',
    label: labels.mean,
    data: rows.map(() => mean),
    borderColor: colors.mean,
    borderDash: [6, 4],
    borderWidth: 2,
    pointRadius: 0,
    pointHitRadius: 6,
    fill: false,
    order: 1,
  });
  return { labels: rows.map((r) => r.name), datasets };
}

/** The reps of a team: whose portfolios are compared by default. */
export function teamReps<T extends { id: string; role: string }>(members: readonly T[]): T[] {
  return members.filter((m) => m.role === 'SALES');
}

/** How far a deviation is from the 5% target: 'ok' within it, 'warn' within 15%, else 'far'. */
export function deviationTone(deviation: number): 'ok' | 'warn' | 'far' {
  const size = Math.abs(deviation);
  return size <= 0.05 ? 'ok' : size <= 0.15 ? 'warn' : 'far';
}
