import type { Page } from 'playwright-core';
import { canvasHasPixels, describeInBrowser, shoot, signIn as openSession, type Session } from '../support/browser-suite';

type Status = 'TODO' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE';

/**
 * Sales sprints on the real built server with the demo company: the lead's team runs an
 * active sprint of 18 processes. A card dragged on one page moves the column counts on
 * another page of the same team live (graphql-ws); the charts draw; planning, the process
 * card, the review and the notification center work in both languages. The tests share the
 * server and run in order.
 */
describeInBrowser('sales sprints in a real browser', 'sprints', (suite) => {
  const signIn = (email: string, locale: 'en' | 'ru'): Promise<Session> => openSession(suite, email, locale);

  const column = (status: Status) => `[data-testid="board-column"][data-status="${status}"]`;
  const count = async (page: Page, status: Status): Promise<number> =>
    Number(await page.getAttribute(`[data-testid="column-count"][data-status="${status}"]`, 'data-count'));

  async function openBoard(page: Page): Promise<void> {
    await page.click('[data-nav="sprints"]');
    await page.waitForSelector(`${column('TODO')} [data-testid="process-card"]`, { timeout: 20_000 });
  }

  async function waitForCount(page: Page, status: Status, expected: number, timeout: number): Promise<void> {
    await page.waitForFunction(
      ([s, n]) => document.querySelector(`[data-testid="column-count"][data-status="${s}"]`)?.getAttribute('data-count') === String(n),
      [status, expected] as const,
      { timeout },
    );
  }

  it('drags a card on one page and the other page of the team sees the counts change live', async () => {
    const a = await signIn('lead@demo.local', 'ru');
    const b = await signIn('lead@demo.local', 'en');
    try {
      await openBoard(a.page);
      await openBoard(b.page);
      const total = (await Promise.all((['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const).map((s) => count(a.page, s)))).reduce((x, y) => x + y, 0);
      expect(total).toBeGreaterThanOrEqual(18);
      for (const s of ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const) expect(await count(a.page, s)).toBeGreaterThan(0);

      // WIP: the team's active of limit and a chip per person.
      const team = a.page.locator('[data-testid="wip-team"]');
      expect(Number(await team.getAttribute('data-limit'))).toBeGreaterThan(0);
      expect(await a.page.locator('[data-testid="wip-person"]').count()).toBeGreaterThan(1);
      expect(await a.page.innerText('[data-testid="wip-team"]')).toContain('Команда в работе');
      await shoot(a.page, 'sprint-board-ru.png');
      await shoot(b.page, 'sprint-board-en.png');

      const todo = await count(b.page, 'TODO');
      const doing = await count(b.page, 'IN_PROGRESS');
      // Let page B's subscription settle on its socket.
      await b.page.waitForTimeout(1_500);

      // Page A: drag the first card of To do onto the head of In progress (native HTML5 drag
      // and drop; a drop outside the cards puts it at the end of the column).
      const card = a.page.locator(`${column('TODO')} [data-testid="process-card"]`).first();
      const cardId = (await card.getAttribute('data-id'))!;
      await a.page.dragAndDrop(`${column('TODO')} [data-testid="process-card"][data-id="${cardId}"] [data-testid="process-title"]`, `${column('IN_PROGRESS')} .board-col__head`);
      await waitForCount(a.page, 'TODO', todo - 1, 5_000);
      await waitForCount(a.page, 'IN_PROGRESS', doing + 1, 5_000);
      await a.page.waitForSelector(`${column('IN_PROGRESS')} [data-testid="process-card"][data-id="${cardId}"]`);

      // Page B, never reloaded: the counts follow within a couple of seconds.
      const began = Date.now();
      await waitForCount(b.page, 'TODO', todo - 1, 3_000);
      await waitForCount(b.page, 'IN_PROGRESS', doing + 1, 3_000);
      expect(Date.now() - began).toBeLessThan(3_000);
      expect(await b.page.locator(`${column('IN_PROGRESS')} [data-testid="process-card"][data-id="${cardId}"]`).count()).toBe(1);
      expect(Number(await b.page.getAttribute('[data-testid="board-live"]', 'data-events'))).toBeGreaterThan(0);

      // Page B moves it to Blocked with the move menu (the keyboard way), giving a reason; A sees it.
      const inB = b.page.locator(`[data-testid="process-card"][data-id="${cardId}"]`);
      await inB.locator('[data-testid="card-move"]').click();
      await b.page.click('[data-testid="card-move-menu"] [role="menuitem"][data-status="BLOCKED"]');
      await b.page.waitForSelector('[data-testid="block-dialog"]');
      await b.page.click('[data-testid="block-submit"]');
      expect(await b.page.locator('[data-testid="block-dialog"] .field-error').count()).toBe(1);
      await b.page.fill('[data-testid="block-reason"]', 'Waiting for the price list');
      await b.page.click('[data-testid="block-submit"]');
      await b.page.waitForSelector(`${column('BLOCKED')} [data-testid="process-card"][data-id="${cardId}"] [data-testid="process-blocked"]`);
      await a.page.waitForSelector(`${column('BLOCKED')} [data-testid="process-card"][data-id="${cardId}"]`, { timeout: 3_000 });
      expect(await a.page.innerText(`[data-testid="process-card"][data-id="${cardId}"] [data-testid="process-blocked"]`)).toContain('Waiting for the price list');

      // And back to To do with the keyboard: the menu opens on Enter, arrows pick, Enter moves.
      await inB.locator('[data-testid="card-move"]').focus();
      await b.page.keyboard.press('Enter');
      await b.page.waitForSelector('[data-testid="card-move-menu"]');
      await b.page.keyboard.press('Home');
      await b.page.keyboard.press('Enter');
      await waitForCount(a.page, 'TODO', todo, 3_000);
      await waitForCount(b.page, 'TODO', todo, 3_000);
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('draws the burndown and velocity, and the timeline of the sprint, in Russian and English', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'en');
    try {
      await openBoard(page);
      await page.click('[data-tab="reports"]');
      await page.waitForSelector('[data-testid="burndown-chart"]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid="velocity-chart"]', { timeout: 20_000 });
      await page.waitForTimeout(400);
      expect(await canvasHasPixels(page, '[data-testid="burndown-chart"]')).toBe(true);
      expect(await canvasHasPixels(page, '[data-testid="burndown-units-chart"]')).toBe(true);
      expect(await canvasHasPixels(page, '[data-testid="velocity-chart"]')).toBe(true);
      expect(await page.locator('[data-testid="velocity-row"]').count()).toBe(3);
      expect(await page.getAttribute('[data-testid="burndown-chart"]', 'aria-label')).toMatch(/open now/);
      await shoot(page, 'sprint-reports-en.png');

      await page.selectOption('[data-testid="locale-switch"]', 'ru');
      await page.waitForFunction(() => document.body.innerText.includes('Изменения объёма'));
      await page.waitForTimeout(400);
      expect(await canvasHasPixels(page, '[data-testid="velocity-chart"]')).toBe(true);
      await shoot(page, 'sprint-reports-ru.png');

      await page.click('[data-tab="timeline"]');
      await page.waitForSelector('[data-testid="timeline"] [data-testid="timeline-row"]', { timeout: 20_000 });
      expect(await page.locator('[data-testid="timeline-row"]').count()).toBeGreaterThanOrEqual(18);
      expect(await page.locator('[data-testid="timeline-row"][data-overdue="true"]').count()).toBeGreaterThan(0);
      await shoot(page, 'sprint-timeline-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('plans from the backlog and the library with the velocity hint, and opens a process card', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'ru');
    try {
      await openBoard(page);
      await page.click('[data-tab="planning"]');
      await page.waitForSelector('[data-testid="plan-hint"]', { timeout: 20_000 });
      expect(Number(await page.getAttribute('[data-testid="plan-hint"]', 'data-hint'))).toBeGreaterThan(0);
      expect(await page.innerText('[data-testid="plan-hint"]')).toMatch(/Планируйте около \d+/);
      expect(await page.locator('[data-testid="backlog-item"][data-approval="PENDING"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="templates"] li').count()).toBeGreaterThanOrEqual(5);
      await shoot(page, 'sprint-planning-ru.png');

      // A process from the library straight into the backlog.
      const before = await page.locator('[data-testid="backlog-item"]').count();
      await page.selectOption('[data-testid="process-template"]', 'reactivation');
      await page.fill('[data-testid="process-title-input"]', 'Реактивация дилеров Сибири (e2e)');
      await page.uncheck('.plan-form__check input');
      await page.click('[data-testid="process-create"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="backlog-item"]').length === n + 1, before, { timeout: 10_000 });
      expect(await page.innerText('[data-testid="backlog"]')).toContain('Реактивация дилеров Сибири (e2e)');

      // The process card: target, checklist from the template, history; a step checked.
      await page.click('[data-testid="backlog"] a:has-text("Реактивация дилеров Сибири (e2e)")');
      await page.waitForSelector('[data-testid="process-page"] [data-testid="process-steps"]', { timeout: 20_000 });
      expect(await page.locator('[data-testid="process-step"]').count()).toBe(3);
      await page.locator('[data-testid="process-step"]').first().check();
      await page.waitForSelector('[data-testid="process-history"] [data-kind="STEP_CHECKED"]', { timeout: 10_000 });
      expect(await page.innerText('[data-testid="process-target"]')).toContain('из 6 встреч');
      await shoot(page, 'sprint-process-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('edits a process: title, due date typed the Russian way, a linked client; all still there after a reload', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'ru');
    try {
      await openBoard(page);
      const card = page.locator(`${column('TODO')} [data-testid="process-card"]`).last();
      const cardId = (await card.getAttribute('data-id'))!;
      await card.locator('[data-testid="process-title"]').click();
      await page.waitForSelector('[data-testid="process-page"] [data-testid="process-edit"]', { timeout: 20_000 });
      expect(page.url()).toContain(`/processes/${cardId}`);

      await page.click('[data-testid="process-edit"]');
      await page.waitForSelector('[data-testid="process-edit-form"]');
      // The date fields follow the app's language: this Chromium's own date field writes 12/28/2026 even for ru-RU.
      expect(await page.inputValue('[data-testid="process-edit-due"]')).toMatch(/^(\d{2}\.\d{2}\.\d{4})?$/);
      expect(await page.getAttribute('[data-testid="process-edit-due"]', 'placeholder')).toBe('ДД.ММ.ГГГГ');
      await page.fill('[data-testid="process-edit-title"]', 'Обзвон дилеров Поволжья (e2e)');
      // a week from today: inside the demo's sprint, which starts six days before today (a due day before it is refused)
      const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const [year, month, day] = due.split('-');
      await page.fill('[data-testid="process-edit-due"]', `${day}${month}${year}`);
      await page.locator('[data-testid="process-edit-due"]').blur();
      expect(await page.inputValue('[data-testid="process-edit-due"]')).toBe(`${day}.${month}.${year}`);

      // A client found by part of its name, linked (the first one not linked yet).
      await page.fill('[data-testid="process-edit-client-search"]', 'Альфа');
      await page.waitForSelector('[data-testid="process-edit-client-result"] [data-testid="process-edit-link-client"]', { timeout: 10_000 });
      const result = page.locator('[data-testid="process-edit-client-result"]:has([data-testid="process-edit-link-client"])').first();
      const clientName = (await result.locator('.pe-item__name').innerText()).trim();
      await result.locator('[data-testid="process-edit-link-client"]').click();
      await page.waitForSelector(`[data-testid="process-edit-linked-client"]:has-text("${clientName}")`);
      await shoot(page, 'sprint-process-edit-ru.png');

      await page.click('[data-testid="process-edit-save"]');
      await page.waitForSelector('[data-testid="process-edit-form"]', { state: 'detached', timeout: 10_000 });
      await page.waitForSelector('[data-testid="toast"][data-tone="success"]');
      expect(await page.innerText('[data-testid="page-title"]')).toBe('Обзвон дилеров Поволжья (e2e)');

      await page.reload();
      await page.waitForSelector('[data-testid="process-page"] [data-testid="process-clients"]', { timeout: 20_000 });
      expect(await page.innerText('[data-testid="page-title"]')).toBe('Обзвон дилеров Поволжья (e2e)');
      const dueShown = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${due}T00:00:00Z`));
      expect(await page.innerText('[data-testid="process-page"] .proc-facts')).toContain(dueShown.replace(/\s*г\.$/, ''));
      expect(await page.innerText('[data-testid="process-clients"]')).toContain(clientName);
      expect(await page.innerText('[data-testid="process-history"] [data-kind="UPDATED"]')).toContain('название, срок, клиенты');
      await shoot(page, 'sprint-process-edited-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the coach write the retrospective, in English', async () => {
    const { context, page, errors } = await signIn('coach@demo.local', 'en');
    try {
      await page.click('[data-nav="sprints"]');
      await page.click('[data-tab="review"]');
      await page.waitForSelector('[data-testid="retro-notes"]', { timeout: 20_000 });
      expect(await page.locator('[data-testid="sprint-close"]').count()).toBe(0);
      await page.fill('[data-testid="retro-notes"]', 'Fewer parallel calls campaigns; pair the new reps on tenders.');
      await page.click('[data-testid="notes-save"]');
      await page.waitForSelector('[data-testid="toast"][data-tone="success"]');
      await page.reload();
      await page.waitForSelector('[data-testid="retro-notes"]', { timeout: 20_000 });
      expect(await page.inputValue('[data-testid="retro-notes"]')).toContain('pair the new reps');
      await shoot(page, 'sprint-review-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the unread count in the bell, lists the notifications and marks them read', async () => {
    const { context, page, errors } = await signIn('lead@demo.local', 'ru');
    try {
      await page.waitForSelector('[data-testid="notification-count"]', { timeout: 20_000 });
      const unread = Number(await page.getAttribute('[data-testid="notification-count"]', 'data-count'));
      expect(unread).toBeGreaterThan(0);
      await page.click('[data-testid="notification-bell"]');
      await page.waitForSelector('[data-testid="notification-panel"] [data-testid="notification-item"]');
      await shoot(page, 'sprint-notifications-bell-ru.png');
      await page.click('[data-testid="notification-all"]');
      await page.waitForSelector('[data-testid="notifications-list"] [data-testid="notifications-row"]', { timeout: 20_000 });
      expect(await page.locator('[data-testid="notifications-row"][data-read="false"]').count()).toBe(unread);
      await shoot(page, 'sprint-notifications-ru.png');
      await page.click('[data-testid="notifications-mark-all"]');
      await page.waitForFunction(() => !document.querySelector('[data-testid="notification-count"]'), undefined, { timeout: 10_000 });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="notifications-row"][data-read="false"]').length === 0, undefined, { timeout: 10_000 });
      expect(await page.locator('[data-testid="notifications-row"]').count()).toBe(unread);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
