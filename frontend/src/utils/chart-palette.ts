/** Fallbacks matching the --chart-N variables of styles/variables.css. */
const FALLBACK = ['#1d6a86', '#4f9d69', '#e0a43a', '#8e6bbf', '#d9644a', '#58a4c9', '#8a96a6', '#c5567a'];

/** The chart series colours, read from the CSS variables so the theme is in one place. */
export function chartPalette(): string[] {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return [...FALLBACK];
  const style = getComputedStyle(document.documentElement);
  return FALLBACK.map((fallback, i) => style.getPropertyValue(`--chart-${i + 1}`).trim() || fallback);
}

/** Colour `i` of the palette, cycling. */
export function paletteColor(palette: readonly string[], i: number): string {
  return palette[i % palette.length] ?? FALLBACK[0];
}
