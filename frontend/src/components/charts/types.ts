import type { ChartData, ChartOptions } from 'chart.js';

/** The chart kinds registered in register.ts ('bar' | 'line': bars with a line drawn over them). */
export type ChartKind = 'doughnut' | 'bar' | 'line';
/** Values may be null: a bar left out (grouped bars with skipNull), a gap in a line. */
export type BaseChartData<TKind extends ChartKind = ChartKind> = ChartData<TKind, (number | null)[], string>;
export type BaseChartOptions<TKind extends ChartKind = ChartKind> = ChartOptions<TKind>;
