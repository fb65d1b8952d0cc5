import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_REPORT } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountImport(user: CurrentUser, overrides: Partial<Record<string, () => FakeReply>> = {}) {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute('/analytics/import', { fetch: fake.fetch });
  await flushPromises();
  return { root, ctx, fake };
}

/** Puts files into a file input as a person choosing them would. */
async function choose(input: { element: Element; trigger: (event: string) => Promise<void> }, files: File[]): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
}

const FILES = [
  new File(['account,sector\nAcme,technolgy\n'], 'accounts.csv', { type: 'text/csv' }),
  new File(['product,series,sales_price\nGTX Pro,GTX,4821\n'], 'products.csv', { type: 'text/csv' }),
  new File(['sales_agent,manager,regional_office\nAnna,Dustin,Central\n'], 'sales_teams.csv', { type: 'text/csv' }),
  new File(['opportunity_id,sales_agent\n1C1I7A6R,Anna\n'], 'sales_pipeline.csv', { type: 'text/csv' }),
];

const DIRECTOR_EN: CurrentUser = { ...USERS.DIRECTOR, locale: 'en' };

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ImportPage', () => {
  it('sends the four files as text with the pipeline name as a dry run, and shows the row-level report', async () => {
    const { root, fake } = await mountImport(DIRECTOR_EN, { ImportMavenCrm: () => ({ json: { data: { importMavenCrm: IMPORT_REPORT } } }) });
    await root.get('[data-testid="import-submit"]').trigger('submit');
    await root.get('[data-testid="import-form"]').trigger('submit');
    expect(root.get('[data-testid="import-form-error"]').text()).toBe('Choose all four files and name the pipeline.');

    await choose(root.get('[data-testid="import-files"]'), [...FILES, new File(['x'], 'data_dictionary.csv')]);
    expect(root.get('[data-testid="import-chosen-salesPipeline"]').text()).toBe('sales_pipeline.csv');
    expect(root.get('[data-testid="import-unknown"]').text()).toContain('data_dictionary.csv');
    await root.get('[data-testid="import-pipeline"]').setValue('Maven CRM');
    await root.get('[data-testid="import-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();

    const request = fake.requests.find((r) => r.body.operationName === 'ImportMavenCrm');
    expect(request?.body.variables).toEqual({
      files: { accounts: 'account,sector\nAcme,technolgy\n', products: 'product,series,sales_price\nGTX Pro,GTX,4821\n', salesTeams: 'sales_agent,manager,regional_office\nAnna,Dustin,Central\n', salesPipeline: 'opportunity_id,sales_agent\n1C1I7A6R,Anna\n' },
      pipelineName: 'Maven CRM',
      dryRun: true,
    });
    const report = root.get('[data-testid="import-report"]');
    expect(report.attributes('data-status')).toBe('DRY_RUN');
    expect(root.get('[data-testid="import-status"]').text()).toBe('Dry run: nothing written');
    const files = root.findAll('[data-testid="import-files-report-row"]');
    expect(files.map((r) => r.get('[data-col="file"]').text())).toEqual(['accounts.csv', 'products.csv', 'sales_teams.csv', 'sales_pipeline.csv']);
    expect(files[3]!.get('[data-col="rows"]').text()).toBe('8,800');
    expect(files[3]!.get('[data-col="rejected"]').text()).toBe('1');
    expect(root.get('[data-testid="import-notes"] [data-code="RECONCILED_PRODUCT_GTXPro"]').text()).toBe('1,480 · Product: «GTXPro» → GTX Pro');
    expect(root.get('[data-testid="import-notes"] [data-code="NO_ENGAGE_DATE"]').text()).toBe('500 · Open deals without an engage date: started on Dec 31, 2017, the latest date in sales_pipeline.csv.');
    expect(root.get('[data-testid="import-rejected"] h2').text()).toBe('Rejected rows (1)');
    expect(root.get('[data-testid="import-rejected-row"] [data-col="message"]').text()).toBe('close_value «12,5»: not a non-negative number.');
    expect(root.get('[data-testid="import-reconciled-row"] [data-col="message"]').text()).toBe('sector: «technolgy» → technology');
    // what the files imply, by its code
    expect(root.get('[data-testid="import-derived"]').text()).toContain('Teams (regional offices)');
  });

  it('says the maven-crm report\'s reasons and notes in Russian from their codes, not the server\'s English', async () => {
    const { root } = await mountImport({ ...USERS.DIRECTOR, locale: 'ru' }, { ImportMavenCrm: () => ({ json: { data: { importMavenCrm: IMPORT_REPORT } } }) });
    await choose(root.get('[data-testid="import-files"]'), FILES);
    await root.get('[data-testid="import-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    const notes = root.get('[data-testid="import-notes"]');
    // Russian groups thousands with a no-break space
    const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(nbsp(notes.get('[data-code="RECONCILED_PRODUCT_GTXPro"]').text())).toBe('1 480 · Продукт: «GTXPro» → GTX Pro');
    expect(nbsp(notes.get('[data-code="OPEN_DEAL_WITHOUT_ACCOUNT"]').text())).toBe('1 425 · Открытые сделки без клиента (account): импортированы без клиента.');
    expect(notes.get('[data-code="NO_ENGAGE_DATE"]').text()).toBe('500 · Открытые сделки без даты начала работы (engage_date): поставлена последняя дата в sales_pipeline.csv (31 дек. 2017 г.).');
    expect(notes.text()).not.toMatch(/reconciled|open deals/);
    expect(root.get('[data-testid="import-rejected-row"] [data-col="message"]').text()).toBe('close_value «12,5»: нужно неотрицательное число.');
    expect(root.get('[data-testid="import-reconciled-row"] [data-col="message"]').text()).toBe('sector: «technolgy» → technology');
    expect(root.get('[data-testid="import-derived"]').text()).toContain('Команды (региональные офисы)');
  });

  it('imports for real when the dry run is off, and shows a refusal', async () => {
    const { root, fake } = await mountImport(DIRECTOR_EN, { ImportMavenCrm: () => ({ json: graphQLError('BAD_USER_INPUT', 'sales_pipeline.csv: no header') }) });
    const keys = ['accounts', 'products', 'salesTeams', 'salesPipeline'];
    for (const [i, key] of keys.entries()) await choose(root.get(`[data-testid="import-file-${key}"]`), [FILES[i]!]);
    await root.get('[data-testid="import-dry-run"]').setValue(false);
    expect(root.get('[data-testid="import-submit"]').text()).toBe('Import');
    await root.get('[data-testid="import-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ImportMavenCrm')?.body.variables.dryRun).toBe(false);
    const refusal = root.get('[data-testid="import-form"] [data-testid="refusal"]');
    expect(refusal.attributes('data-error-code')).toBe('BAD_USER_INPUT');
    expect(refusal.text()).toContain('sales_pipeline.csv: no header');
    expect(root.find('[data-testid="import-report"]').exists()).toBe(false);
  });

  it('shows a file the server cannot read beside that file, with the reason in the page language', async () => {
    const { root } = await mountImport(
      { ...USERS.DIRECTOR, locale: 'ru' },
      { ImportMavenCrm: () => ({ json: graphQLError('BAD_USER_INPUT', 'sales_teams.csv: the header lacks sales_agent', {
            field: 'salesTeams',
            reason: 'BAD_FILE',
            params: { file: 'sales_teams.csv', problem: 'MISSING_COLUMNS', columns: 'sales_agent', expected: 'sales_agent, manager, regional_office' },
          }) }) },
    );
    const keys = ['accounts', 'products', 'salesTeams', 'salesPipeline'];
    for (const [i, key] of keys.entries()) await choose(root.get(`[data-testid="import-file-${key}"]`), [FILES[i]!]);
    await root.get('[data-testid="import-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    const refusals = root.findAll('[data-testid="import-form"] [data-testid="refusal"]');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.attributes('data-file')).toBe('salesTeams');
    expect(refusals[0]!.attributes('data-reason')).toBe('BAD_FILE');
    expect(refusals[0]!.text()).toBe('sales_teams.csv: в заголовке нет столбцов sales_agent. Нужны столбцы sales_agent, manager, regional_office.');
    expect(root.find('[data-testid="error-state"]').exists()).toBe(false);
  });

  it('is for the director only', async () => {
    const { root, fake } = await mountImport(USERS.LEAD);
    expect(root.get('[data-testid="import-refused"]').text()).toContain('Only the sales director imports data.');
    expect(root.find('[data-testid="import-form"]').exists()).toBe(false);
    expect(fake.requests.some((r) => r.body.operationName === 'ImportMavenCrm')).toBe(false);
  });
});
