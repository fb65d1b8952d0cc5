import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumOrSkip } from './chromium';
import { REPO_ROOT, freePort, startServer, tempDataRoot, waitForHealthy, type ServerProcess } from './server-process';

export const SHOTS = join(REPO_ROOT, 'test-results', 'browser');

export interface BrowserSuite {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors seen so far (a test asserts it stays empty). */
  errors: string[];
}

/**
 * A describe() that runs against the real built server (its own DATA_DIR, the demo company)
 * in Debian Chromium; skipped with instructions when there is no Chromium (CI=true fails).
 */
export function describeInBrowser(title: string, label: string, body: (suite: BrowserSuite) => void): void {
  const executablePath = chromiumOrSkip();
  (executablePath ? describe : describe.skip)(title, () => {
    const suite = {} as { server: ServerProcess; browser: Browser };
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      suite.server = startServer({ DATA_DIR: join(tempDataRoot(label), 'data') }, await freePort());
      await waitForHealthy(suite.server);
      suite.browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS });
    });
    afterAll(async () => {
      await suite.browser?.close();
      if (suite.server) {
        suite.server.child.kill('SIGTERM');
        await suite.server.exited;
      }
    });
    body(suite);
  });
}

/** Opens a browser context in a language and signs in on the sign-in page (choosing that language there). */
export async function signIn(suite: BrowserSuite, email: string, locale: 'en' | 'ru', password = 'salescircle'): Promise<Session> {
  const context = await suite.browser.newContext({ locale: locale === 'ru' ? 'ru-RU' : 'en-US', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${suite.server.url}/login`);
  await page.selectOption('[data-testid="locale-switch"]', locale);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="current-user"]', { timeout: 20_000 });
  return { context, page, errors };
}

/** True when the canvas has drawn, non-transparent pixels. */
export async function canvasHasPixels(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return false;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
    return painted > 200;
  });
}

/** A full-page picture from the top (the header is sticky), kept as a test artifact. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}
