import { CSV_CELL_PROBLEMS, CSV_IMPORT_FIELDS } from '@salescircle/shared';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCsvMutation, PreviewCsvImportQuery } from '@/graphql/generated';
import { en } from '@/i18n/en';
import { ru } from '@/i18n/ru';
import { createFakeFetch, graphQLError, type RecordedRequest } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

const DIRECTOR_EN: CurrentUser = { ...USERS.DIRECTOR, locale: 'en' };
const CSV = 'Компания;ИНН;Телефон\nООО «Ромашка»;7707083893;+7 495 000-00-00\nАО «Лютик»;7707083894;\n';

type Preview = PreviewCsvImportQuery['previewCsvImport'];
type Mapping = { column: string; field: string | null }[];
type Reason = Preview['rows'][number]['reasons'][number];

/** A reason as the API gives it: its code, its values as text, and the English sentence. */
const reason = (kind: Reason['kind'], code: string, params: Record<string, string>, message: string): Reason => ({
  kind,
  code,
  params: Object.entries(params).map(([name, value]) => ({ name, value })),
  message,
});
const BAD_INN = reason('REJECTED', 'INN_BAD_CHECKSUM', { column: 'ИНН', field: 'inn', value: '7707083894' }, 'ИНН "7707083894" is not a valid INN: the check digits do not match');
const SAME_AS_LINE_2 = reason('REJECTED', 'DUPLICATE_RECORD', { line: '2', key: 'csv:client#name:x' }, 'the same record as line 2 (key csv:client#name:x)');
const OWNER_MATCHED = reason('RECONCILED', 'VALUE_MATCHED', { field: 'owner', value: 'Кузнецова Елена', match: 'Елена Кузнецова' }, 'owner Кузнецова Елена → Елена Кузнецова');

/** What the server answers for a mapping: the suggestion when none is given, the row with a bad INN marked. */
function preview(mapping: Mapping | null): Preview {
  const used = mapping ?? [
    { column: 'Компания', field: 'name' },
    { column: 'ИНН', field: 'inn' },
    { column: 'Телефон', field: null },
  ];
  const cell = (column: string, value: string, problem: string | null = null) => ({
    column,
    value,
    field: used.find((m) => m.column === column)?.field ?? null,
    problem,
    message: problem ? `${column} "${value}" is not a valid INN: the check digits do not match` : null,
  });
  return {
    entity: 'CLIENTS',
    delimiter: ';',
    headers: ['Компания', 'ИНН', 'Телефон'],
    totalRows: 2,
    mappingProblem: null,
    notes: ['pipeline «amoCRM» does not exist: it will be created with the stages Думают (OPEN)'],
    noteReasons: [{ code: 'PIPELINE_TO_CREATE', count: 0, message: 'pipeline «amoCRM» does not exist: it will be created with the stages Думают (OPEN)', params: [{ name: 'pipeline', value: 'amoCRM' }, { name: 'stages', value: 'Думают (OPEN)' }] }],
    mapping: used.map((m) => ({ ...m, match: mapping ? null : m.field ? 'EXACT' : null })),
    rows: [
      {
        line: 2,
        problems: [],
        reconciled: [OWNER_MATCHED.message],
        notes: [],
        reasons: [OWNER_MATCHED],
        cells: [cell('Компания', 'ООО «Ромашка»'), cell('ИНН', '7707083893'), cell('Телефон', '+7 495 000-00-00')],
      },
      {
        line: 3,
        problems: [BAD_INN.message, SAME_AS_LINE_2.message],
        reconciled: [],
        notes: [],
        reasons: [BAD_INN, SAME_AS_LINE_2],
        cells: [cell('Компания', 'АО «Лютик»'), cell('ИНН', '7707083894', 'INN_BAD_CHECKSUM'), cell('Телефон', '')],
      },
    ],
  };
}

const REPORT: ImportCsvMutation['importCsv'] = {
  status: 'FAILED',
  runId: 'run-1',
  pipelineId: null,
  pipelineName: null,
  totalRows: 2,
  durationMs: 180,
  files: [{ file: 'CSV_CLIENTS', fileName: 'clients.csv', rows: 2, imported: 1, updated: 0, unchanged: 0, reconciled: 0, rejected: 1 }],
  derived: [],
  notes: [
    { code: 'IGNORED_COLUMNS', count: 0, message: 'columns not mapped, ignored: Телефон', params: [{ name: 'columns', value: 'Телефон' }] },
    { code: 'DERIVED_KEYS', count: 2, message: 'rows without an external id: found again by INN, else normalized name (csv:client#…)', params: [{ name: 'entity', value: 'CLIENTS' }, { name: 'prefix', value: 'csv:client' }] },
  ],
  rows: [
    { file: 'CSV_CLIENTS', line: 2, externalId: 'csv:client#inn:7707083893', outcome: 'RECONCILED', change: 'IMPORTED', message: `reconciled ${OWNER_MATCHED.message}`, reasons: [OWNER_MATCHED] },
    { file: 'CSV_CLIENTS', line: 3, externalId: 'csv:client#name:аолютик', outcome: 'REJECTED', change: null, message: BAD_INN.message, reasons: [BAD_INN] },
  ],
  rejected: [{ file: 'CSV_CLIENTS', line: 3, externalId: 'csv:client#name:аолютик', outcome: 'REJECTED', change: null, message: BAD_INN.message, reasons: [BAD_INN] }],
};

async function mountCsv(user: CurrentUser, importReply: () => unknown = () => ({ json: { data: { importCsv: REPORT } } })) {
  seedSession(user);
  const base = dashboardHandler(user);
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fake = createFakeFetch((request: RecordedRequest) => {
    if (request.body.operationName === 'PreviewCsvImport') {
      const input = request.body.variables.input as { csv: string; mapping: Mapping | null };
      // an empty file is refused, as the server does
      if (input.csv.trim() === '') return { json: graphQLError('BAD_USER_INPUT', 'The file has no header row.', { field: 'csv', reason: 'BAD_FILE' }) };
      return { json: { data: { previewCsvImport: preview(input.mapping) } } };
    }
    if (request.body.operationName === 'ImportCsv') return importReply() as ReturnType<typeof base>;
    return base(request);
  });
  // the import answers only when the test lets it, so that the busy state can be seen
  const fetch: typeof fake.fetch = async (url, init) => {
    if (typeof init.body === 'string' && init.body.includes('"operationName":"ImportCsv"')) await gate;
    return fake.fetch(url, init);
  };
  const { root } = await mountRoute('/analytics/import?source=csv', { fetch });
  await flushPromises();
  return { root, fake, release };
}

async function choose(input: { element: Element; trigger: (event: string) => Promise<void> }, files: File[]): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const previews = (fake: { requests: RecordedRequest[] }) => fake.requests.filter((r) => r.body.operationName === 'PreviewCsvImport');

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the CSV import section', () => {
  it('asks for the preview of a refused (empty) file once, and again when the file is chosen again', async () => {
    const { root, fake } = await mountCsv(DIRECTOR_EN);
    await choose(root.get('[data-testid="csv-file"]'), [new File([''], 'empty.csv', { type: 'text/csv' })]);
    await flushPromises();
    await wait(400);
    await flushPromises();
    expect(previews(fake)).toHaveLength(1);
    expect(root.find('[data-testid="refusal"]').exists()).toBe(true);
    await choose(root.get('[data-testid="csv-file"]'), [new File([''], 'empty.csv', { type: 'text/csv' })]);
    await flushPromises();
    await wait(400);
    expect(previews(fake)).toHaveLength(2);
  });

  it('reads the chosen file, shows the suggested mapping and the preview with its cell problems, and re-reads it after a change', async () => {
    const { root, fake } = await mountCsv(DIRECTOR_EN);
    expect(root.get('[data-testid="import-sources"] [data-source="csv"]').attributes('aria-selected')).toBe('true');
    expect(root.find('[data-testid="import-form"]').exists()).toBe(false);

    await choose(root.get('[data-testid="csv-file"]'), [new File([CSV], 'clients.csv', { type: 'text/csv' })]);
    await flushPromises();
    await flushPromises();
    expect(previews(fake)[0]!.body.variables).toEqual({ input: { entity: 'CLIENTS', csv: CSV, mapping: null, pipelineName: null } });
    expect(root.get('[data-testid="csv-chosen"]').text()).toBe('clients.csv · 2 rows');

    const mappingRows = root.findAll('[data-testid="csv-mapping-row"]');
    expect(mappingRows.map((r) => [r.attributes('data-column'), r.attributes('data-field')])).toEqual([
      ['Компания', 'name'],
      ['ИНН', 'inn'],
      ['Телефон', ''],
    ]);
    expect(mappingRows[0]!.text()).toContain('ООО «Ромашка»');
    expect(mappingRows[0]!.text()).toContain('suggested');

    const bad = root.get('[data-testid="csv-preview-row"][data-line="3"]');
    expect(bad.attributes('data-bad')).toBe('true');
    expect(root.get('[data-testid="csv-preview-bad"]').text()).toBe('1 row cannot be imported as it is (line 3): the whole run would be refused. Fix the file or the mapping.');
    const cell = bad.get('[data-problem="INN_BAD_CHECKSUM"]');
    expect(cell.get('.csv-preview__value').text()).toBe('7707083894');
    expect(cell.get('.csv-preview__why').text()).toBe('INN check digits do not match');
    expect(cell.attributes('title')).toBe('INN check digits do not match');
    // what is not a cell's problem is said beside the row, from its code
    expect(bad.get('[data-testid="csv-preview-row-notes"]').text()).toBe('The same record as line 2 (key csv:client#name:x).');
    expect(root.get('[data-testid="csv-preview-row"][data-line="2"] [data-testid="csv-preview-row-notes"]').text()).toBe('Owner (name or e-mail): «Кузнецова Елена» → Елена Кузнецова');
    expect(root.get('[data-testid="csv-preview-notes"]').text()).toBe('The pipeline «amoCRM» does not exist: it will be created with the stages Думают (open).');
    expect(root.get('[data-testid="csv-preview"] thead').text()).toContain('Name');

    await mappingRows[2]!.get('select').setValue('notes');
    await wait(300);
    await flushPromises();
    expect(previews(fake).at(-1)!.body.variables.input).toMatchObject({
      mapping: [
        { column: 'Компания', field: 'name' },
        { column: 'ИНН', field: 'inn' },
        { column: 'Телефон', field: 'notes' },
      ],
    });

    // the name is required: without it nothing can be imported
    await root.findAll('[data-testid="csv-mapping-row"]')[0]!.get('select').setValue('');
    expect(root.get('[data-testid="csv-mapping-missing"]').text()).toBe('Choose a column for: Name.');
    expect(root.get('[data-testid="csv-submit"]').attributes('disabled')).toBeDefined();
  });

  it('runs a dry run with the mapping, shows the busy state, then the report with outcome filters and a CSV export', async () => {
    const { root, fake, release } = await mountCsv(DIRECTOR_EN);
    await choose(root.get('[data-testid="csv-file"]'), [new File([CSV], 'clients.csv', { type: 'text/csv' })]);
    await flushPromises();
    await flushPromises();
    expect(root.get('[data-testid="csv-submit"]').text()).toBe('Check the file');
    await root.get('[data-testid="csv-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="csv-progress"]').text()).toMatch(/^Importing 2 rows in one transaction… \d+ s$/);
    expect(root.get('[data-testid="csv-submit"]').attributes('disabled')).toBeDefined();
    release();
    await flushPromises();
    await flushPromises();

    const request = fake.requests.find((r) => r.body.operationName === 'ImportCsv')!;
    expect(request.body.variables).toEqual({
      input: {
        entity: 'CLIENTS',
        csv: CSV,
        fileName: 'clients.csv',
        mapping: [
          { column: 'Компания', field: 'name' },
          { column: 'ИНН', field: 'inn' },
          { column: 'Телефон', field: null },
        ],
        pipelineName: null,
        dryRun: true,
      },
    });
    expect(root.find('[data-testid="csv-progress"]').exists()).toBe(false);
    expect(root.get('[data-testid="import-report"]').attributes('data-status')).toBe('FAILED');
    expect(root.get('[data-testid="import-status"]').text()).toBe('Failed: nothing written');
    expect(root.get('[data-testid="import-report"]').text()).toContain('2 rows · 0.2 s');
    expect(root.findAll('[data-testid="import-notes"] li').map((li) => li.text())).toEqual([
      'Columns not mapped, ignored: Телефон.',
      '2 · Rows without an external id: found again by INN, else the normalized name (csv:client#…).',
    ]);
    expect(root.get('[data-testid="csv-outcomes"] [data-outcome="REJECTED"]').text()).toBe('Rejected 1');
    expect(root.findAll('[data-testid="csv-report-row"]')).toHaveLength(2);

    await root.get('[data-testid="csv-outcomes"] [data-outcome="REJECTED"]').trigger('click');
    const rows = root.findAll('[data-testid="csv-report-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.get('[data-col="message"]').text()).toBe('ИНН «7707083894»: not a valid INN, the check digits do not match.');
    expect(rows[0]!.get('[data-col="outcome"]').text()).toBe('Rejected');
    expect(root.get('[data-testid="csv-report-csv"]').attributes('disabled')).toBeUndefined();
  });

  it('says the preview and the report in Russian from the reasons\' codes, not the server\'s English', async () => {
    const director = { ...USERS.DIRECTOR, locale: 'ru' as const };
    const { root, release } = await mountCsv(director);
    release();
    await choose(root.get('[data-testid="csv-file"]'), [new File([CSV], 'clients.csv', { type: 'text/csv' })]);
    await flushPromises();
    await flushPromises();
    const bad = root.get('[data-testid="csv-preview-row"][data-line="3"]');
    expect(bad.get('[data-problem="INN_BAD_CHECKSUM"] .csv-preview__why').text()).toBe('Контрольные цифры ИНН не сходятся');
    expect(bad.get('[data-testid="csv-preview-row-notes"]').text()).toBe('Та же запись, что в строке 2 (ключ csv:client#name:x).');
    expect(root.get('[data-testid="csv-preview-row"][data-line="2"] [data-testid="csv-preview-row-notes"]').text()).toBe('Ответственный (имя или e-mail): «Кузнецова Елена» → Елена Кузнецова');
    expect(root.get('[data-testid="csv-preview-notes"]').text()).toBe('Воронки «amoCRM» нет: она будет создана с этапами Думают (открытый).');

    await root.get('[data-testid="csv-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    expect(root.findAll('[data-testid="import-notes"] li').map((li) => li.text())).toEqual([
      'Столбцы без поля не импортируются: Телефон.',
      '2 · Строки без внешнего id: при повторном импорте находятся по ИНН, а без него по названию (csv:client#…).',
    ]);
    const messages = root.findAll('[data-testid="csv-report-row"] [data-col="message"]').map((c) => c.text());
    expect(messages).toEqual(['Ответственный (имя или e-mail): «Кузнецова Елена» → Елена Кузнецова', 'ИНН «7707083894»: неверный ИНН, контрольные цифры не сходятся.']);
    expect(root.text()).not.toContain('is not a valid INN');
  });

  it('says why the server refused the file, and switches to deals with a pipeline name', async () => {
    const { root, fake, release } = await mountCsv(DIRECTOR_EN, () => ({ json: graphQLError('BAD_USER_INPUT', 'The file is over 5,000,000 characters; split it into several imports.') }));
    release();
    await root.get('[data-testid="csv-entity"]').setValue('DEALS');
    await choose(root.get('[data-testid="csv-file"]'), [new File([CSV], 'deals.csv')]);
    await flushPromises();
    await flushPromises();
    expect(previews(fake).at(-1)!.body.variables.input).toMatchObject({ entity: 'DEALS', mapping: null, pipelineName: null });
    await root.get('[data-testid="csv-pipeline"]').setValue('amoCRM');
    await wait(300);
    await flushPromises();
    expect(previews(fake).at(-1)!.body.variables.input).toMatchObject({ entity: 'DEALS', pipelineName: 'amoCRM' });
    // the fake answers with the clients' suggestion: a deal needs a title and a stage
    expect(root.get('[data-testid="csv-mapping-missing"]').text()).toBe('Choose a column for: Title, Stage.');
    await root.findAll('[data-testid="csv-mapping-row"]')[0]!.get('select').setValue('title');
    await root.findAll('[data-testid="csv-mapping-row"]')[1]!.get('select').setValue('stage');
    await root.get('[data-testid="csv-form"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ImportCsv')!.body.variables.input).toMatchObject({ entity: 'DEALS', pipelineName: 'amoCRM' });
    expect(root.get('[data-testid="refusal"]').text()).toContain('The file is over 5,000,000 characters');
    expect(root.find('[data-testid="import-report"]').exists()).toBe(false);
  });

  it('has a label in both languages for every field and cell problem', () => {
    for (const messages of [en, ru]) {
      const csv = messages.analytics.import.csv;
      for (const specs of Object.values(CSV_IMPORT_FIELDS)) for (const f of specs) expect(csv.fields[f.key as keyof typeof csv.fields], f.key).toEqual(expect.any(String));
      for (const code of CSV_CELL_PROBLEMS) expect(csv.problems[code], code).toEqual(expect.any(String));
      // a cell's finer reasons (the row's reason for its field) in a few words too
      for (const code of ['INACTIVE_MEMBER', 'UNKNOWN_CLIENT_ID', 'UNKNOWN_CLIENT', 'AMBIGUOUS_CLIENT', 'UNKNOWN_PIPELINE_STAGE', 'UNKNOWN_PRODUCT', 'UNKNOWN_DEAL_ID'] as const) {
        expect(csv.problems[code], code).toEqual(expect.any(String));
      }
    }
  });
});
