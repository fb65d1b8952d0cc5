/**
 * Forecast categories (issue 6): CLOSED (won in the period), COMMIT, BEST_CASE, PIPELINE
 * (open deals expected to close in the period, by stage probability unless the owner set a
 * category), OMITTED (lost, or set aside by the owner). Weighted pipeline = Σ amount ×
 * probability over open deals.
 */
export const FORECAST_CATEGORIES = ['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export function defaultForecastCategory(stageKind: 'OPEN' | 'WON' | 'LOST', probability: number): ForecastCategory {
  if (stageKind === 'WON') return 'CLOSED';
  if (stageKind === 'LOST') return 'OMITTED';
  if (probability >= 0.8) return 'COMMIT';
  if (probability >= 0.4) return 'BEST_CASE';
  return 'PIPELINE';
}

/** Accuracy of a forecast against the actual: 1 − |actual − forecast| / actual (0 when off by all of it or more). */
export function forecastAccuracy(forecast: number, actual: number): number | null {
  if (actual <= 0) return forecast <= 0 ? 1 : 0;
  return Math.max(0, Math.round((1 - Math.abs(actual - forecast) / actual) * 10_000) / 10_000);
}
