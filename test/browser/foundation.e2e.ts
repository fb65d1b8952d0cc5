import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumOrSkip } from '../support/chromium';
import { REPO_ROOT, freePort, startServer, tempDataRoot, waitForHealthy, type ServerProcess } from '../support/server-process';

const executablePath = chromiumOrSkip();
const describeBrowser = executablePath ? describe : describe.skip;
const SHOTS = join(REPO_ROOT, 'test-results', 'browser');

/** True when the canvas has drawn, non-transparent pixels. */
async function canvasHasPixels(page: Page, selector: string): Promise<boolean> {
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

describeBrowser('foundation in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = startServer({ DATA_DIR: join(tempDataRoot('browser'), 'data') }, await freePort());
    await waitForHealthy(server);
    browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  async function signIn(page: Page, email: string, locale?: 'en' | 'ru'): Promise<void> {
    await page.goto(`${server.url}/login`);
    if (locale) await page.selectOption('[data-testid="locale-switch"]', locale);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', 'salescircle');
    await page.click('[data-testid="login-submit"]');
  }

  const roles = [
    { email: 'director@demo.local', home: 'home-director', en: 'Sales director', ru: 'Директор по продажам' },
    { email: 'lead@demo.local', home: 'home-lead', en: 'Team lead', ru: 'Руководитель группы' },
    { email: 'coach@demo.local', home: 'home-coach', en: 'Coach', ru: 'Коуч' },
    { email: 'rep@demo.local', home: 'home-rep', en: 'Sales rep', ru: 'Менеджер по продажам' },
  ];

  for (const role of roles) {
    it(`${role.email} signs in, sees the role dashboard with a drawn chart, and switches language`, async () => {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        // the choice made on the sign-in page wins over the user's saved language
        await signIn(page, role.email, 'en');
        await page.waitForSelector(`[data-testid="${role.home}"]`, { timeout: 20_000 });
        await page.waitForSelector('[data-testid="chart"]', { timeout: 20_000 });
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart"]').length > 0);
        await page.waitForTimeout(300);
        expect(await canvasHasPixels(page, '[data-testid="chart"]')).toBe(true);
        expect(await page.textContent('[data-testid="current-user-role"]')).toContain(role.en);
        await page.screenshot({ path: join(SHOTS, `${role.home}-en.png`), fullPage: true });

        await page.selectOption('[data-testid="locale-switch"]', 'ru');
        await page.waitForFunction((text) => document.body.innerText.includes(text), role.ru);
        expect(await page.getAttribute('html', 'lang')).toBe('ru');
        await page.waitForTimeout(300);
        expect(await canvasHasPixels(page, '[data-testid="chart"]')).toBe(true);
        await page.screenshot({ path: join(SHOTS, `${role.home}-ru.png`), fullPage: true });

        // the choice is remembered across a reload
        await page.reload();
        await page.waitForSelector(`[data-testid="${role.home}"]`);
        expect(await page.getAttribute('html', 'lang')).toBe('ru');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('shows a clear error for a wrong password and keeps the user on the sign-in page', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/login`);
      await page.fill('input[name="email"]', 'rep@demo.local');
      await page.fill('input[name="password"]', 'definitely-wrong');
      await page.click('[data-testid="login-submit"]');
      await page.waitForSelector('[data-testid="login-failure"]');
      expect(page.url()).toContain('/login');
      await page.screenshot({ path: join(SHOTS, 'login-error-en.png') });
    } finally {
      await context.close();
    }
  });

  it('sends a signed-out visitor to sign-in, shows a 404 for unknown pages, and signs out', async () => {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.waitForSelector('[data-testid="login-form"]');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await page.screenshot({ path: join(SHOTS, 'login-ru.png') });

      await signIn(page, 'lead@demo.local');
      await page.waitForSelector('[data-testid="home-lead"]');
      await page.goto(`${server.url}/no/such/page`);
      await page.waitForSelector('[data-testid="not-found"]');
      await page.screenshot({ path: join(SHOTS, 'not-found-ru.png') });

      await page.click('[data-testid="not-found-home"]');
      await page.waitForSelector('[data-testid="home-lead"]');
      await page.click('[data-testid="sign-out"]');
      await page.waitForSelector('[data-testid="login-form"]');
      await page.goto(`${server.url}/`);
      await page.waitForSelector('[data-testid="login-form"]');
    } finally {
      await context.close();
    }
  });
});
