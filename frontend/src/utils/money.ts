/** Formatters are costly to build: one per locale, currency and style. */
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

/** A decimal string from the API ("12500000.00") or a number; null when it is not a number. */
export function toAmount(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(amount) ? amount : null;
}

/**
 * An amount of money in the viewer's number format, in whole units: "12 500 000 ₽" (ru),
 * "₽12,500,000" (en). Kopecks are shown only when asked (`fractions`).
 */
export function formatMoney(value: string | number | null | undefined, locale: string, currency = 'RUB', fractions = false): string {
  const amount = toAmount(value);
  if (amount === null) return '—';
  return formatter(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: fractions ? 2 : 0,
    maximumFractionDigits: fractions ? 2 : 0,
  }).format(amount);
}

/** A short amount for chart axes and tight spots: "12 млн ₽", "₽12M". */
export function formatMoneyCompact(value: string | number | null | undefined, locale: string, currency = 'RUB'): string {
  const amount = toAmount(value);
  if (amount === null) return '—';
  return formatter(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/** A plain number in the viewer's format ("1 234", "1,234"). */
export function formatNumber(value: number, locale: string): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share as a signed percentage: 0.123 → "+12.3%" / "+12,3 %"; zero has no sign. */
export function formatDeviation(share: number, locale: string): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(share);
}

/** A share as a percentage without sign: 0.05 → "5%". */
export function formatPercent(share: number, locale: string): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
