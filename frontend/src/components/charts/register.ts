import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the app draws: doughnuts, bars, and lines over bars (the mean on the territory
// balance), with tooltips and legends. Anything new must be registered here.
Chart.register(
  DoughnutController,
  ArcElement,
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** Browser tests (webdriver) and reduced-motion users get charts drawn at once. */
export function chartAnimationsOff(): boolean {
  if (typeof navigator !== 'undefined' && navigator.webdriver) return true;
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** App-wide defaults, read from the CSS theme once (charts are created after the styles load). */
function applyDefaults(): void {
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  if (typeof document !== 'undefined') {
    const root = getComputedStyle(document.documentElement);
    Chart.defaults.color = root.getPropertyValue('--color-text-muted').trim() || '#5a6577';
    Chart.defaults.borderColor = root.getPropertyValue('--color-border').trim() || '#e2e7ee';
    Chart.defaults.font.family = root.getPropertyValue('--font-sans').trim() || 'system-ui, sans-serif';
  }
  if (chartAnimationsOff()) Chart.defaults.animation = false;
}

applyDefaults();

export { Chart };
