import type { Page } from 'playwright-core';
import { describeInBrowser, shoot, signIn as openSession, type Session } from '../support/browser-suite';

const DEALERS = 'Дилерские продажи';
const POPOV = 'Сергей Попов';

/**
 * The circle, the matrix and the member page on the real built server with the demo
 * company, as the director, the lead and a rep see them. The tests run in order and share
 * the server: the lead's move in the matrix is what the member page's history shows.
 */
describeInBrowser('team circle, matrix and member page in a real browser', 'circle', (suite) => {
  const signIn = (email: string, locale: 'en' | 'ru'): Promise<Session> => openSession(suite, email, locale);

  async function switchLocale(page: Page, locale: 'en' | 'ru', text: string): Promise<void> {
    await page.selectOption('[data-testid="locale-switch"]', locale);
    await page.waitForFunction((expected) => document.body.innerText.includes(expected), text);
    await page.waitForTimeout(300);
  }

  const chip = (page: Page, name: string) => page.locator('[data-testid="matrix-chip"]', { hasText: name });
  const cell = (page: Page, stageRole: string, category: number) =>
    page.locator(`[data-testid="matrix-cell"][data-stage-role="${stageRole}"][data-category="${category}"]`);

  async function openMatrix(page: Page): Promise<void> {
    await page.click('[data-nav="matrix"]');
    await page.waitForSelector('[data-testid="matrix-grid"] [data-testid="matrix-chip"]', { timeout: 20_000 });
  }

  it('draws the circle of the dealer team for the director, in English and Russian, and pauses a group', async () => {
    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="teamCircle"]');
      await page.waitForSelector('[data-testid="team-picker"]');
      await page.selectOption('[data-testid="team-picker"]', { label: DEALERS });
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="circle-card"] h2')?.textContent?.trim() === name,
        DEALERS,
      );
      const svg = page.locator('svg[data-testid="team-circle"]');
      await svg.waitFor();
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.getAttribute('aria-label')).toContain(DEALERS);
      expect(await svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);

      const nodes = page.locator('[data-testid="circle-node"]');
      expect(await nodes.count()).toBeGreaterThanOrEqual(10);
      const places = await nodes.evaluateAll((els) => els.map((el) => el.getAttribute('data-place')));
      expect(places.filter((p) => p === 'DIRECTOR')).toHaveLength(1);
      expect(places.filter((p) => p === 'LEAD')).toHaveLength(1);
      expect(places.filter((p) => p === 'COACH')).toHaveLength(1);
      expect(await page.locator('[data-testid="circle-node"][data-place="RING"]', { hasText: POPOV }).count()).toBe(1);

      const kinds = await page.locator('[data-testid="circle-line"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
      expect(kinds.filter((k) => k === 'REPORTS_TO').length).toBeGreaterThanOrEqual(9);
      expect(kinds.filter((k) => k === 'MATRIX')).toHaveLength(3);
      expect(kinds).toContain('COACHES');

      // The coach sits beside the circle, outside the ring; the director above it.
      const box = async (place: string) => (await page.locator(`[data-testid="circle-node"][data-place="${place}"] circle`).first().boundingBox())!;
      const [director, lead, coach] = [await box('DIRECTOR'), await box('LEAD'), await box('COACH')];
      expect(director.y).toBeLessThan(lead.y);
      expect(coach.x).toBeGreaterThan(lead.x + 200);

      // Everyone is also in the list under the drawing, and the director may edit them.
      expect(await page.locator('[data-testid="circle-person"]').count()).toBe(await nodes.count());
      expect(await page.locator('[data-testid="circle-edit"]').count()).toBe(await nodes.count());
      await shoot(page, 'circle-en.png');

      await switchLocale(page, 'ru', 'Круг команды');
      expect(await svg.getAttribute('aria-label')).toContain('Круг команды');
      expect(await page.locator('[data-testid="circle-card"]').innerText()).toContain('Фермер · К3');
      await shoot(page, 'circle-ru.png');

      // Pause the telemarketing group and resume it.
      await page.selectOption('[data-testid="team-picker"]', { label: 'Телемаркетинг' });
      await page.waitForSelector('[data-testid="team-status"][data-paused="false"]');
      await page.click('[data-testid="pause-team"]');
      await page.waitForSelector('[data-testid="team-status"][data-paused="true"]');
      await page.waitForSelector('[data-testid="circle-node"][data-place="RING"][data-status="PAUSED"]');
      await page.click('[data-testid="pause-team"]');
      await page.waitForSelector('[data-testid="team-status"][data-paused="false"]');
      expect(await page.locator('[data-testid="circle-node"][data-status="PAUSED"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the lead drag a rep to another cell of the matrix, and the move is saved', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'en');
    try {
      await openMatrix(page);
      const popov = chip(page, POPOV);
      const memberId = await popov.getAttribute('data-member-id');
      expect(await popov.getAttribute('draggable')).toBe('true');
      expect(await cell(page, 'FARMER', 3).locator(`[data-member-id="${memberId}"]`).count()).toBe(1);

      await popov.dragTo(cell(page, 'HUNTER', 2));
      await cell(page, 'HUNTER', 2).locator(`[data-member-id="${memberId}"]`).waitFor();
      expect(await cell(page, 'FARMER', 3).locator(`[data-member-id="${memberId}"]`).count()).toBe(0);
      await page.waitForSelector('[data-testid="toast"][data-tone="success"]');
      expect(await page.locator('[data-testid="toast"][data-tone="error"]').count()).toBe(0);

      // The server has it: still there after a reload.
      await page.reload();
      await page.waitForSelector('[data-testid="matrix-grid"] [data-testid="matrix-chip"]');
      expect(await cell(page, 'HUNTER', 2).locator(`[data-member-id="${memberId}"]`).count()).toBe(1);
      expect(await cell(page, 'FARMER', 3).locator(`[data-member-id="${memberId}"]`).count()).toBe(0);
      expect(await cell(page, 'HUNTER', 2).locator('[data-testid="matrix-cell-count"]').innerText()).toBe('2');

      // The keyboard way: the chip's menu moves another rep, and back.
      const novikov = chip(page, 'Алексей Новиков');
      await novikov.locator('[data-testid="matrix-move"]').click();
      await page.locator('[data-testid="matrix-move-menu"] [data-stage-role="HUNTER"][data-category="1"]').click();
      await cell(page, 'HUNTER', 1).locator('[data-testid="matrix-chip"][aria-busy="false"]', { hasText: 'Алексей Новиков' }).waitFor();
      await chip(page, 'Алексей Новиков').locator('[data-testid="matrix-move"]').focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="matrix-move-menu"]').waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      expect(await page.locator('[data-testid="matrix-move-menu"]').count()).toBe(0);
      await chip(page, 'Алексей Новиков').locator('[data-testid="matrix-move"]').click();
      await page.locator('[data-testid="matrix-move-menu"] [data-stage-role="HUNTER"][data-category="2"]').click();
      await cell(page, 'HUNTER', 2).locator('[data-testid="matrix-chip"][aria-busy="false"]', { hasText: 'Алексей Новиков' }).waitFor();

      // The notices follow the language, and go away by themselves so they hide nothing in the pictures.
      await switchLocale(page, 'ru', 'Матрица специализации');
      expect(await page.locator('[data-testid="toast"]').last().innerText()).toContain('Охотник (МПК)');
      await switchLocale(page, 'en', 'Specialization matrix');
      await page.waitForFunction(() => !document.querySelector('[data-testid="toast"]'), null, { timeout: 10_000 });
      await shoot(page, 'matrix-en.png');
      await switchLocale(page, 'ru', 'Матрица специализации');
      expect(await page.locator('[data-testid="matrix-grid"]').innerText()).toContain('Охотник (МПК)');
      await shoot(page, 'matrix-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a rep the matrix and member pages read-only', async () => {
    const { context, page, errors } = await signIn('rep@demo.local', 'en');
    try {
      expect(await page.locator('[data-nav="matrix"]').count()).toBe(0);
      await page.goto(`${suite.server.url}/matrix`);
      await page.waitForSelector('[data-testid="matrix-grid"] [data-testid="matrix-chip"]', { timeout: 20_000 });
      expect(await page.locator('[data-testid="matrix-chip"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="matrix-chip"][draggable="true"]').count()).toBe(0);
      expect(await page.locator('[data-testid="matrix-move"]').count()).toBe(0);

      await chip(page, POPOV).locator('a').click();
      await page.waitForSelector('[data-testid="member-page"] [data-testid="member-header"]');
      expect(await page.locator('[data-testid="page-title"]').innerText()).toBe(POPOV);
      expect(await page.getAttribute('[data-testid="member-page"]', 'data-can-edit')).toBe('false');
      await page.waitForSelector('[data-testid="schedule-editor"]');
      for (const control of ['member-edit-profile', 'capacity-form', 'schedule-save', 'slot-add', 'absence-form', 'line-remove', 'cross-role-add', 'absence-remove']) {
        expect(await page.locator(`[data-testid="${control}"]`).count()).toBe(0);
      }
      expect(await page.locator('[data-testid="member-page"] input, [data-testid="member-page"] select').count()).toBe(0);
      // Another person's history is not the rep's to see.
      expect(await page.locator('[data-testid="member-history"]').count()).toBe(0);

      await page.click('[data-nav="teamCircle"]');
      await page.waitForSelector('svg[data-testid="team-circle"] [data-testid="circle-node"]');
      expect(await page.locator('[data-testid="pause-team"]').count()).toBe(0);
      expect(await page.locator('[data-testid="circle-edit"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the lead the move in the rep's history, and saves a schedule and an absence", async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'en');
    try {
      await openMatrix(page);
      await chip(page, POPOV).locator('a').click();
      const history = page.locator('[data-testid="member-history"]');
      await history.waitFor();
      const move = history.locator('[data-testid="history-entry"][data-action="updated"]').first();
      await move.waitFor();
      const moveText = await move.innerText();
      expect(moveText).toContain('Details changed');
      expect(await move.locator('[data-testid="history-actor"]').innerText()).toBe('Ольга Лебедева');
      expect(moveText).toMatch(/Stage role: Farmer →[\s\S]{0,12}Hunter[\s\S]*Category: 3 →[\s\S]{0,12}2/);

      // The lead may plan the rep's week and absences, not rename them.
      expect(await page.getAttribute('[data-testid="member-page"]', 'data-can-edit')).toBe('true');
      await page.locator('[data-testid="schedule-day"][data-weekday="1"] [data-testid="slot-add"]').click();
      await page.locator('[data-testid="schedule-day"][data-weekday="1"] [data-testid="slot-end"]').fill('14:00');
      await page.locator('[data-testid="schedule-day"][data-weekday="1"] [data-testid="slot-start"]').fill('10:00');
      await page.click('[data-testid="schedule-copy-monday"]');
      await page.click('[data-testid="schedule-save"]');
      await history.locator('[data-testid="history-entry"][data-action="schedule set"]').waitFor();
      expect(await page.locator('[data-testid="schedule-day"] [data-testid="schedule-slot"]').count()).toBe(5);

      const form = page.locator('[data-testid="absence-form"]');
      await form.locator('select[name="kind"]').selectOption('SICK_LEAVE');
      await form.locator('input[name="startsOn"]').fill('2030-05-06');
      await form.locator('input[name="endsOn"]').fill('2030-05-08');
      await form.locator('input[name="note"]').fill('Справка будет');
      await page.click('[data-testid="absence-save"]');
      await history.locator('[data-testid="history-entry"][data-action="absence added"]').waitFor();
      expect(await page.locator('[data-testid="absence"][data-phase="upcoming"]').innerText()).toContain('Sick leave');

      // Newest first.
      const actions = await history.locator('[data-testid="history-entry"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
      expect(actions.slice(0, 3)).toEqual(['absence added', 'schedule set', 'updated']);
      await shoot(page, 'member-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the member page to a Russian-speaking lead in a Russian browser', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'ru');
    try {
      await openMatrix(page);
      await chip(page, POPOV).locator('a').click();
      const move = page.locator('[data-testid="member-history"] [data-testid="history-entry"][data-action="updated"]').first();
      await move.waitFor();
      expect(await move.innerText()).toMatch(/Роль этапа: Фермер \(МРК\) →[\s\S]{0,12}Охотник \(МПК\)/);
      expect(await page.locator('[data-testid="member-page"]').innerText()).toContain('Больничный');
      await shoot(page, 'member-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
