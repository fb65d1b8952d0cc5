import type { Page } from 'playwright-core';
import { canvasHasPixels, describeInBrowser, SHOTS } from '../support/browser-suite';
import { join } from 'node:path';

describeInBrowser('foundation in a real browser', 'browser', (suite) => {
  async function signIn(page: Page, email: string, locale?: 'en' | 'ru'): Promise<void> {
    await page.goto(`${suite.server.url}/login`);
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
      const context = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
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
    const context = await suite.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.server.url}/login`);
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
    const context = await suite.browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.server.url}/`);
      await page.waitForSelector('[data-testid="login-form"]');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await page.screenshot({ path: join(SHOTS, 'login-ru.png') });

      await signIn(page, 'lead@demo.local');
      await page.waitForSelector('[data-testid="home-lead"]');
      await page.goto(`${suite.server.url}/no/such/page`);
      await page.waitForSelector('[data-testid="not-found"]');
      await page.screenshot({ path: join(SHOTS, 'not-found-ru.png') });

      await page.click('[data-testid="not-found-home"]');
      await page.waitForSelector('[data-testid="home-lead"]');
      await page.click('[data-testid="sign-out"]');
      await page.waitForSelector('[data-testid="login-form"]');
      await page.goto(`${suite.server.url}/`);
      await page.waitForSelector('[data-testid="login-form"]');
    } finally {
      await context.close();
    }
  });
});
