import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeInBrowser, shoot, signIn } from '../support/browser-suite';

const FIXTURE = join(__dirname, '..', 'fixtures', 'csv', 'clients-ru.csv');

/**
 * The director's CSV import on the real built server with the demo company, in Chromium:
 * a Russian amoCRM-style file of clients uploaded, its suggested mapping adjusted, a bad
 * row seen in the preview and refused by a dry run, then the good file imported for real
 * and imported again (nothing changes), with the row-level report in both languages.
 */
describeInBrowser('CSV import of clients in a real browser', 'csv-import', (suite) => {
  async function switchLocale(page: Page, locale: 'en' | 'ru', text: string): Promise<void> {
    await page.selectOption('[data-testid="locale-switch"]', locale);
    await page.waitForFunction((expected) => document.body.innerText.includes(expected), text);
    await page.waitForTimeout(300);
  }

  /** Waits for the preview to answer the current mapping. */
  async function previewSettled(page: Page): Promise<void> {
    await page.waitForSelector('[data-testid="csv-preview"]', { timeout: 20_000 });
    await page.waitForTimeout(400);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
  }

  const mappingOf = (page: Page) =>
    page.locator('[data-testid="csv-mapping-row"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-column'), r.getAttribute('data-field')]));

  it('maps, previews, refuses a bad file whole, imports the good one and imports it again without a change', async () => {
    const good = readFileSync(FIXTURE, 'utf8');
    const folder = mkdtempSync(join(tmpdir(), 'sc-csv-'));
    const broken = join(folder, 'clients-broken.csv');
    writeFileSync(broken, good.replace('6603987652', '6603987653').replace('12 500 000,00', '12 500 000,00 млн'));

    const { context, page, errors } = await signIn(suite, 'director@demo.local', 'en');
    try {
      await page.click('[data-nav="analytics"]');
      await page.click('[data-testid="analytics-tabs"] [data-tab="import"]');
      await page.click('[data-testid="import-sources"] [data-source="csv"]');
      await page.waitForSelector('[data-testid="csv-import"]');
      expect(await page.inputValue('[data-testid="csv-entity"]')).toBe('CLIENTS');

      // the broken file: two cells marked in the preview, the dry run refuses the whole file
      await page.setInputFiles('[data-testid="csv-file"]', broken);
      await previewSettled(page);
      expect(await page.innerText('[data-testid="csv-chosen"]')).toBe('clients-broken.csv · 5 rows');
      expect(await mappingOf(page)).toContainEqual(['Телефон', '']);
      expect(await mappingOf(page)).toContainEqual(['Ответственный', 'owner']);
      const badCells = page.locator('[data-testid="csv-preview-cell"][data-problem]');
      expect(await badCells.evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-column'), c.getAttribute('data-problem')]))).toEqual([
        ['Годовой потенциал', 'NOT_A_NUMBER'],
        ['ИНН', 'INN_BAD_CHECKSUM'],
      ]);
      expect(await page.getAttribute('[data-testid="csv-preview-bad"]', 'data-lines')).toBe('2,3');
      await shoot(page, 'csv-import-preview-error-en.png');
      expect(await page.isChecked('[data-testid="csv-dry-run"]')).toBe(true);
      await page.click('[data-testid="csv-submit"]');
      await page.waitForSelector('[data-testid="import-report"][data-status="FAILED"]', { timeout: 60_000 });
      expect(await page.getAttribute('[data-testid="csv-outcomes"] [data-outcome="REJECTED"]', 'data-count')).toBe('2');
      await page.click('[data-testid="csv-outcomes"] [data-outcome="REJECTED"]');
      expect(await page.locator('[data-testid="csv-report-row"]').count()).toBe(2);
      expect(await page.innerText('[data-testid="csv-report-row"] >> nth=1')).toContain('ИНН «6603987653»: not a valid INN, the check digits do not match.');
      await shoot(page, 'csv-import-failed-en.png');

      // the good file: adjust one column, import for real
      await page.setInputFiles('[data-testid="csv-file"]', FIXTURE);
      await previewSettled(page);
      expect(await page.locator('[data-testid="csv-preview-cell"][data-problem]').count()).toBe(0);
      const phone = page.locator('[data-testid="csv-mapping-row"][data-column="Телефон"] select');
      await phone.selectOption('notes');
      await previewSettled(page);
      expect(await mappingOf(page)).toContainEqual(['Телефон', 'notes']);
      expect(await page.innerText('[data-testid="csv-preview"] thead')).toContain('Notes');
      await shoot(page, 'csv-import-mapping-en.png');
      await page.uncheck('[data-testid="csv-dry-run"]');
      expect(await page.innerText('[data-testid="csv-submit"]')).toBe('Import');
      await page.click('[data-testid="csv-submit"]');
      await page.waitForSelector('[data-testid="import-report"][data-status="APPLIED"]', { timeout: 60_000 });
      const count = (outcome: string) => page.getAttribute(`[data-testid="csv-outcomes"] [data-outcome="${outcome}"]`, 'data-count').then(Number);
      expect([await count('IMPORTED'), await count('RECONCILED'), await count('REJECTED')]).toEqual([4, 1, 0]);
      expect(await page.locator('[data-testid="csv-report-row"]').count()).toBe(5);
      expect(await page.innerText('[data-testid="csv-report"]')).toContain('Owner (name or e-mail): «Кузнецова Елена» → Елена Кузнецова');
      await page.waitForTimeout(300);
      await shoot(page, 'csv-import-report-en.png');

      // in Russian: the same page; the same file again changes nothing
      await switchLocale(page, 'ru', 'Столбцы');
      await page.uncheck('[data-testid="csv-dry-run"]');
      await page.click('[data-testid="csv-submit"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="csv-outcomes"] [data-outcome="UNCHANGED"]')?.getAttribute('data-count') === '4', undefined, { timeout: 60_000 });
      expect([await count('IMPORTED'), await count('UPDATED'), await count('RECONCILED')]).toEqual([0, 0, 1]);
      expect(await page.innerText('[data-testid="import-status"]')).toBe('Импортировано');
      // the row's reason in Russian, from its code
      expect(await page.innerText('[data-testid="csv-report"]')).toContain('Ответственный (имя или e-mail): «Кузнецова Елена» → Елена Кузнецова');
      await page.waitForTimeout(300);
      await shoot(page, 'csv-import-report-ru.png');
      await page.setInputFiles('[data-testid="csv-file"]', broken);
      await previewSettled(page);
      expect(await page.innerText('[data-testid="csv-preview-cell"][data-problem="INN_BAD_CHECKSUM"]')).toContain('Контрольные цифры ИНН не сходятся');
      await shoot(page, 'csv-import-preview-error-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
