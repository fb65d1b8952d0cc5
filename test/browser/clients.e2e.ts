import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { canvasHasPixels, describeInBrowser, shoot, signIn as openSession, type Session } from '../support/browser-suite';

const REP = 'Иван Петров';

/**
 * The client base on the real built server with the demo company (~2,000 clients, the
 * article's routing rules and the four handoff rules): the list and its filters, a client's
 * owner history, the routing rules with their overlaps and the live simulator, the handoff
 * queue applied for real, and territory balance. The tests share the server and run in order.
 */
describeInBrowser('client base, routing, handoffs and balance in a real browser', 'clients', (suite) => {
  const signIn = (email: string, locale: 'en' | 'ru'): Promise<Session> => openSession(suite, email, locale);

  async function switchLocale(page: Page, locale: 'en' | 'ru', text: string): Promise<void> {
    await page.selectOption('[data-testid="locale-switch"]', locale);
    await page.waitForFunction((expected) => document.body.innerText.includes(expected), text);
    await page.waitForTimeout(300);
  }

  const total = async (page: Page): Promise<number> => Number(await page.getAttribute('[data-testid="clients-total"]', 'data-count'));

  /** Waits until the total differs from `before` and the table is settled. */
  async function waitForTotalChange(page: Page, before: number): Promise<number> {
    await page.waitForFunction(
      (previous) => {
        const el = document.querySelector('[data-testid="clients-total"]');
        const value = el?.getAttribute('data-count');
        return !!value && Number(value) !== previous && document.querySelector('[data-testid="clients-table"]')?.getAttribute('aria-busy') === 'false';
      },
      before,
      { timeout: 20_000 },
    );
    return total(page);
  }

  it('lists, filters and pages the clients for the director, and opens a client card with its owner history', async () => {
    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="clients"]');
      await page.waitForSelector('[data-testid="clients-table"] [data-testid="client-row"]', { timeout: 20_000 });
      const all = await total(page);
      expect(all).toBeGreaterThanOrEqual(1_900);
      expect(await page.locator('[data-testid="client-row"]').count()).toBe(50);
      expect(await page.innerText('[data-testid="clients-range"]')).toContain('1–50 of');

      // Names in the API's order, potential as roubles.
      const potential = await page.locator('[data-testid="client-potential"]').first().innerText();
      expect(potential).toMatch(/^₽[\d,]+$/);

      // Next page and back.
      await page.click('[data-testid="clients-next"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="clients-range"]')?.textContent?.startsWith('51–100'));
      await page.click('[data-testid="clients-prev"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="clients-range"]')?.textContent?.startsWith('1–50'));

      await page.fill('[data-testid="clients-filter-region"]', 'Урал');
      await page.press('[data-testid="clients-filter-region"]', 'Enter');
      const ural = await waitForTotalChange(page, all);
      expect(ural).toBeLessThan(all);
      await page.click('[data-testid="clients-filter-stage"] [data-value="ACTIVE"]');
      const uralActive = await waitForTotalChange(page, ural);
      expect(uralActive).toBeGreaterThan(0);
      expect(uralActive).toBeLessThan(ural);
      expect(page.url()).toContain('region=');
      expect(page.url()).toContain('stage=ACTIVE');

      const rows = page.locator('[data-testid="client-row"]');
      expect(await rows.count()).toBe(Math.min(50, uralActive));
      const regions = await page.locator('[data-testid="client-region"]').allInnerTexts();
      expect(new Set(regions)).toEqual(new Set(['Урал']));
      const stages = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-stage')));
      expect(new Set(stages)).toEqual(new Set(['ACTIVE']));
      await shoot(page, 'clients-en.png');

      // The CSV of the same filter: UTF-8 with BOM, ";"-separated, a header and one line per client.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="clients-export"]')]);
      expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).trim().split('\r\n');
      // in the page's language (English here): titles and segment values as the page shows them
      expect(lines[0]?.split(';')).toContain('Region');
      expect(lines).toHaveLength(uralActive + 1);
      expect(lines.slice(1).every((line) => line.includes(';Урал;') && line.includes(';Active;'))).toBe(true);

      await switchLocale(page, 'ru', 'Клиентская база');
      expect(await page.innerText('[data-testid="clients-total"]')).toMatch(/клиент/);
      expect(await page.locator('[data-testid="client-potential"]').first().innerText()).toMatch(/^[\d\s\u00a0]+₽$/);
      await shoot(page, 'clients-ru.png');

      // The card of the first client: its owner history has the routing entry with reasons.
      const name = await page.locator('[data-testid="client-link"]').first().innerText();
      await page.locator('[data-testid="client-link"]').first().click();
      await page.waitForSelector('[data-testid="client-card"] [data-testid="owner-timeline"]', { timeout: 20_000 });
      expect(await page.innerText('[data-testid="page-title"]')).toBe(name);
      const routing = page.locator('[data-testid="timeline-entry"][data-kind="ROUTING"]').last();
      await routing.waitFor();
      expect(await routing.locator('[data-testid="timeline-kind"]').innerText()).toBe('Распределён по правилам');
      expect(await routing.locator('[data-testid="timeline-rule"]').innerText()).toContain('Правило:');
      expect(await routing.locator('[data-testid="timeline-reasons"] li').count()).toBeGreaterThan(0);
      expect(await routing.locator('[data-testid="timeline-reasons"]').innerText()).toMatch(/подошло|выбран/);
      expect(await routing.locator('[data-testid="timeline-actor"]').innerText()).toBe('Система');

      await page.click('[data-testid="simulate-run"]');
      await page.waitForSelector('[data-testid="simulate-answer"] [data-testid="simulate-reasons"] li');
      expect((await page.innerText('[data-testid="simulate-member"]')).trim().length).toBeGreaterThan(0);
      await shoot(page, 'client-card-ru.png');
      await switchLocale(page, 'en', 'Owner history');
      expect(await routing.locator('[data-testid="timeline-kind"]').innerText()).toBe('Routed by the rules');
      await shoot(page, 'client-card-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a rep only their own clients", async () => {
    const { context, page, errors } = await signIn('rep@demo.local', 'ru');
    try {
      await page.click('[data-nav="clients"]');
      await page.waitForSelector('[data-testid="clients-table"] [data-testid="client-row"]', { timeout: 20_000 });
      const owners = await page.locator('[data-testid="client-owner"]').allInnerTexts();
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners.map((o) => o.trim()))).toEqual(new Set([REP]));
      expect(await page.locator('[data-testid="client-select"]').count()).toBe(0);
      expect(await page.locator('[data-testid="clients-filter-owner"]').count()).toBe(0);
      expect(await total(page)).toBeLessThan(1_000);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the handoff rules as sentences, previews the queue and applies it, for the director', async () => {
    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="handoffs"]');
      const rules = page.locator('[data-testid="handoff-rules"]');
      await rules.locator('[data-testid="handoff-rule"]').first().waitFor({ timeout: 20_000 });
      expect(await rules.locator('[data-testid="handoff-rule"]').count()).toBe(4);
      const transitions = await rules.locator('[data-testid="handoff-transition"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-transition')));
      expect(transitions).toEqual(['PROSPECT>ACTIVE', 'ACTIVE>REGULAR', 'REGULAR>STRATEGIC']);
      const sentences = await rules.locator('[data-testid="handoff-criterion"]').allInnerTexts();
      expect(sentences).toEqual(
        expect.arrayContaining([
          '2nd order or more',
          '≥ ₽1,000,000 purchased in total',
          'smallest monthly purchase ≥ ₽150,000 for 3 months',
          'bought Серверы',
          '5th order or more',
          'annual potential ≥ ₽50,000,000',
          '≥ ₽20,000,000 in 365 days',
        ]),
      );

      await page.click('[data-testid="handoff-preview-run"]');
      const preview = page.locator('[data-testid="handoff-preview"]');
      await preview.waitFor({ timeout: 60_000 });
      const items = Number(await page.getAttribute('[data-testid="handoff-preview-count"]', 'data-count'));
      expect(items).toBeGreaterThan(0);
      const groupCounts = await preview.locator('[data-testid="handoff-group"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
      expect(groupCounts.reduce((a, b) => a + b, 0)).toBe(items);
      expect(await page.innerText('[data-testid="handoff-apply"]')).toBe(`Apply ${items} handoff${items === 1 ? '' : 's'}`);
      await shoot(page, 'handoffs-en.png');

      await page.click('[data-testid="handoff-apply"]');
      await page.click('[data-testid="handoff-confirm-yes"]');
      const report = page.locator('[data-testid="handoff-report"]');
      await report.waitFor({ timeout: 60_000 });
      expect(Number(await report.getAttribute('data-applied'))).toBe(items);
      expect(Number(await report.getAttribute('data-changed'))).toBe(0);
      expect(await report.innerText()).toContain(`${items} client`);
      // the moved clients that already qualify for their next stage, said in the report: the next preview lists exactly them
      const nextLine = report.locator('[data-testid="handoff-report-next"]');
      const nextDue = (await nextLine.count()) ? Number(await nextLine.getAttribute('data-count')) : 0;

      await switchLocale(page, 'ru', 'Правила передачи');
      expect(await rules.innerText()).toContain('2-й заказ и более');
      expect(await report.innerText()).toContain('Передачи применены');
      await shoot(page, 'handoffs-ru.png');

      // Applied: a new preview does not find these clients again (only later handoffs they now qualify for).
      await page.click('[data-testid="handoff-preview-run"]');
      await page.waitForSelector('[data-testid="handoff-preview"], [data-testid="handoff-preview-empty"]', { timeout: 60_000 });
      const again = await page.locator('[data-testid="handoff-preview-count"]').getAttribute('data-count').catch(() => '0');
      expect(Number(again ?? 0)).toBeLessThan(items);
      expect(Number(again ?? 0)).toBe(nextDue);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the routing rules with their overlaps, and the live simulator follows the rules being edited', async () => {
    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="routing"]');
      const rules = page.locator('[data-testid="routing-rules"] [data-testid="routing-rule"]');
      await rules.first().waitFor({ timeout: 20_000 });
      expect(await rules.count()).toBe(13);
      const vipMoscow = rules.filter({ has: page.locator('[data-testid="routing-rule-name"]', { hasText: /^VIP Москва$/ }) });
      const vipRegions = rules.filter({ has: page.locator('[data-testid="routing-rule-name"]', { hasText: /^VIP регионы$/ }) });
      // The later rule carries the warning: "VIP Москва" comes first and takes the VIP clients of Moscow.
      await vipRegions.locator('[data-testid="overlap-warnings"] summary').click();
      const warning = vipRegions.locator('[data-testid="overlap-warning"]', { hasText: 'VIP Москва' });
      expect(await warning.count()).toBe(1);
      expect(await warning.innerText()).toBe('«VIP Москва» (rule 3) comes first and takes the clients with Region: Москва · VIP: VIP');
      expect(await vipMoscow.locator('[data-testid="overlap-warning"]', { hasText: 'VIP регионы' }).count()).toBe(0);
      expect(await vipMoscow.locator('[data-testid="routing-condition"]').allInnerTexts()).toEqual(['Region: Москва', 'VIP: VIP']);

      // The simulator: an active government client in Moscow goes by "Госсектор Москва".
      const simulator = page.locator('[data-testid="routing-simulator"]');
      await simulator.waitFor();
      await page.fill('[data-testid="sim-region"]', 'Москва');
      await page.selectOption('[data-testid="sim-stage"]', 'ACTIVE');
      await page.selectOption('[data-testid="sim-ownership"]', 'GOVERNMENT');
      await page.waitForFunction(() => document.querySelector('[data-testid="sim-rule"]')?.textContent?.includes('Госсектор Москва'));
      expect((await page.innerText('[data-testid="sim-member"]')).trim()).toBe('Юлия Зайцева');
      const steps = await page.locator('[data-testid="sim-reasons"] li').allInnerTexts();
      expect(steps[0]).toContain('did not match');
      expect(steps.some((s) => s.includes('«Госсектор Москва» matched'))).toBe(true);
      expect(steps[steps.length - 1]).toContain('Юлия Зайцева chosen');

      // VIP comes first: the VIP Moscow rule (or the VIP regions one when its person is full) takes it.
      await page.check('[data-testid="sim-vip"]');
      await page.waitForFunction(() => /VIP/.test(document.querySelector('[data-testid="sim-rule"]')?.textContent ?? ''));

      // Editing a rule changes the answer before it is saved: switch "Госсектор Москва" to another region.
      await page.uncheck('[data-testid="sim-vip"]');
      const gov = rules.filter({ has: page.locator('[data-testid="routing-rule-name"]', { hasText: /^Госсектор Москва$/ }) });
      await gov.locator('[data-testid="routing-edit"]').click();
      await page.fill('[data-testid="routing-regions"]', 'Сибирь');
      await page.press('[data-testid="routing-regions"]', 'Tab');
      await page.waitForFunction(() => !document.querySelector('[data-testid="sim-rule"]')?.textContent?.includes('Госсектор Москва'));
      expect(await page.innerText('[data-testid="routing-simulator"]')).toContain('Includes the rule being edited.');
      await shoot(page, 'routing-en.png');
      await page.click('[data-testid="routing-editor"] button[type="button"].btn-secondary');
      await page.waitForFunction(() => document.querySelector('[data-testid="sim-rule"]')?.textContent?.includes('Госсектор Москва'));

      await switchLocale(page, 'ru', 'Правила распределения');
      expect(await warning.innerText()).toBe('«VIP Москва» (правило 3) стоит раньше и забирает клиентов: Регион: Москва · VIP: VIP');
      expect(await page.innerText('[data-testid="sim-reasons"]')).toContain('не подошло');
      await shoot(page, 'routing-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('draws the territory balance of a team, proposes a rebalance and applies it, for the director', async () => {
    const { context, page, errors } = await signIn('director@demo.local', 'ru');
    try {
      await page.click('[data-nav="balance"]');
      await page.waitForSelector('[data-testid="balance-chart"]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid="balance-table"] [data-testid="balance-row"]');
      await page.waitForTimeout(300);
      expect(await canvasHasPixels(page, '[data-testid="balance-chart"]')).toBe(true);
      const rows = await page.locator('[data-testid="balance-row"]').count();
      expect(rows).toBeGreaterThanOrEqual(2);
      expect(await page.getAttribute('[data-testid="balance-chart"]', 'aria-label')).toContain('среднее');
      expect(await page.innerText('[data-testid="balance-mean"]')).toMatch(/^Среднее: [\d\s\u00a0]+₽$/);

      await page.check('[data-testid="balance-allow-protected"]');
      await page.click('[data-testid="balance-propose"]');
      await page.waitForSelector('[data-testid="balance-proposal"]', { timeout: 60_000 });
      const moves = await page.locator('[data-testid="balance-move"]').count();
      await page.waitForTimeout(300);
      expect(await canvasHasPixels(page, '[data-testid="balance-chart"]')).toBe(true);
      await shoot(page, 'balance-ru.png');
      if (moves > 0) {
        await page.click('[data-testid="balance-apply"]');
        await page.click('[data-testid="balance-confirm-yes"]');
        const report = page.locator('[data-testid="balance-report"]');
        await report.waitFor({ timeout: 60_000 });
        // Every proposed move is either applied or reported as changed meanwhile: nothing is lost silently.
        const applied = Number(await report.getAttribute('data-applied'));
        const changed = Number(await report.getAttribute('data-changed'));
        expect(applied).toBeGreaterThan(0);
        expect(applied + changed).toBe(moves);
      }
      await switchLocale(page, 'en', 'Territory balance');
      await page.waitForTimeout(300);
      expect(await canvasHasPixels(page, '[data-testid="balance-chart"]')).toBe(true);
      await shoot(page, 'balance-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
