import { existsSync } from 'node:fs';

/** Where Debian's Chromium lives (CHROMIUM_PATH overrides). */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Without a Chromium the browser suites are skipped with instructions; with CI=true a
 * missing Chromium fails the run instead.
 */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path) return path;
  const message =
    'Browser tests SKIPPED: no Chromium found at /usr/bin/chromium (set CHROMIUM_PATH). Install it with: sudo apt-get install -y chromium';
  if (process.env.CI === 'true') throw new Error(`${message} — CI=true requires it.`);
  process.stdout.write(`\n${message}\n\n`);
  return null;
}
