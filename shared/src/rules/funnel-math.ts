/**
 * Funnel arithmetic (issue 6). Stages are in pipeline order; `reached` counts deals that ever
 * entered a stage. Conversion to the next open stage is reached(next) / reached(this); from
 * the last open stage it is the conversion to WON. Win rate is won / (won + lost).
 */
export interface FunnelStageInput {
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
  count: number;
  amount: number;
  reached: number;
}

export interface FunnelStageOutput extends FunnelStageInput {
  /** Null for WON/LOST stages and when nothing reached the stage. */
  conversionToNext: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function funnelConversions(stages: readonly FunnelStageInput[]): FunnelStageOutput[] {
  const open = stages.filter((s) => s.kind === 'OPEN');
  const won = stages.find((s) => s.kind === 'WON');
  return stages.map((stage) => {
    if (stage.kind !== 'OPEN' || stage.reached === 0) return { ...stage, conversionToNext: null };
    const i = open.indexOf(stage);
    const next = i + 1 < open.length ? open[i + 1] : won;
    return { ...stage, conversionToNext: next ? round4(next.reached / stage.reached) : null };
  });
}

/** won / (won + lost); null when nothing is closed yet. */
export function winRate(won: number, lost: number): number | null {
  return won + lost === 0 ? null : round4(won / (won + lost));
}

/** The median (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of values given as a histogram (value → how many), equal to median() of the expanded list. */
export function medianOfHistogram(bins: readonly { value: number; count: number }[]): number | null {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (k < seen) return b.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** Whether a period is whole months (both ends given or absent), so month rollups answer it exactly. */
export function isWholeMonths(from: string | null, to: string | null): boolean {
  if (from !== null && !from.endsWith('-01')) return false;
  if (to !== null) {
    const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
    if (!next.slice(8, 10).startsWith('01')) return false;
  }
  return true;
}
