import type { ChartData, ChartOptions } from 'chart.js';

/** The chart kinds registered in register.ts. */
export type ChartKind = 'doughnut' | 'bar';
export type BaseChartData = ChartData<ChartKind, number[], string>;
export type BaseChartOptions = ChartOptions<ChartKind>;
