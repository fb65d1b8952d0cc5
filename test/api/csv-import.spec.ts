import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const PREVIEW = `query ($input: CsvPreviewInput!) {
  previewCsvImport(input: $input) {
    entity delimiter headers totalRows mappingProblem notes
    noteReasons { code message count params { name value } }
    mapping { column field match }
    rows { line problems reconciled notes reasons { kind code params { name value } message } cells { column field value problem message } }
  }
}`;

const IMPORT = `mutation ($input: CsvImportInput!, $outcome: ImportOutcome) {
  importCsv(input: $input) {
    runId status pipelineId pipelineName totalRows
    files { file fileName rows imported updated unchanged reconciled rejected }
    derived { what kind pipeline imported updated unchanged }
    notes { code message count params { name value } }
    rows(outcome: $outcome) { file line externalId outcome change message reasons { kind code params { name value } message } }
  }
}`;

interface Reason {
  kind: string;
  code: string;
  params: { name: string; value: string }[];
  message: string;
}
/** A reason's values as an object. */
const values = (reason: Reason | undefined) => Object.fromEntries((reason?.params ?? []).map((p) => [p.name, p.value]));

interface Mapping {
  column: string;
  field: string | null;
}
interface Preview {
  entity: string;
  delimiter: string;
  headers: string[];
  totalRows: number;
  mappingProblem: string | null;
  notes: string[];
  noteReasons: { code: string; message: string; count: number; params: { name: string; value: string }[] }[];
  mapping: (Mapping & { match: string | null })[];
  rows: { line: number; problems: string[]; reconciled: string[]; notes: string[]; reasons: Reason[]; cells: { column: string; field: string | null; value: string; problem: string | null; message: string | null }[] }[];
}
interface Report {
  runId: string | null;
  status: string;
  pipelineId: string | null;
  pipelineName: string | null;
  totalRows: number;
  files: { file: string; fileName: string; rows: number; imported: number; updated: number; unchanged: number; reconciled: number; rejected: number }[];
  derived: { what: string; kind: string | null; pipeline: string | null; imported: number; updated: number; unchanged: number }[];
  notes: { code: string; message: string; count: number; params: { name: string; value: string }[] }[];
  rows: { file: string; line: number; externalId: string | null; outcome: string; change: string | null; message: string; reasons: Reason[] }[];
}

/**
 * The generic CSV import on a real server and PostgreSQL with the demo company: a Russian
 * amoCRM-style file of clients, then deals and activities that refer to them, mapped,
 * previewed, dry-run, imported, imported again (nothing changes), and refused whole when a
 * row is bad or the database fails midway.
 */
describe('CSV import: clients, deals and activities from a mapped file', () => {
  let t: TestApp;
  let db: DataSource;
  let director: string;
  let organizationId: string;
  const clientsCsv = fixture('clients-ru.csv');
  const dealsCsv = fixture('deals-ru.csv');
  const activitiesCsv = fixture('activities-ru.csv');

  const preview = async (input: Record<string, unknown>, token = director) => t.gql<{ previewCsvImport: Preview }>(PREVIEW, { input }, { token });
  const run = async (input: Record<string, unknown>, outcome?: string, token = director) => t.gql<{ importCsv: Report }>(IMPORT, { input, outcome }, { token });
  const suggested = async (entity: string, csv: string): Promise<Mapping[]> => {
    const result = await preview({ entity, csv });
    expect(result.errors).toBeUndefined();
    return result.data!.previewCsvImport.mapping.map(({ column, field }) => ({ column, field }));
  };
  const memberId = async (name: string): Promise<string> => (await db.query(`SELECT id FROM member WHERE organization_id = $1 AND name = $2`, [organizationId, name]))[0].id;

  /** What an import may touch, as one fingerprint (versions and timestamps included). */
  const fingerprint = async (): Promise<string> => {
    const [row]: { f: string; n: string }[] = await db.query(
      `SELECT md5(string_agg(x, '|' ORDER BY x)) AS f, count(*)::text AS n FROM (
         SELECT c::text AS x FROM client c WHERE c.organization_id = $1
         UNION ALL SELECT d::text FROM deal d WHERE d.organization_id = $1
         UNION ALL SELECT h::text FROM deal_stage_history h JOIN deal d ON d.id = h.deal_id WHERE d.organization_id = $1
         UNION ALL SELECT a::text FROM activity a WHERE a.organization_id = $1
         UNION ALL SELECT r::text FROM assignment_record r WHERE r.organization_id = $1
         UNION ALL SELECT p::text FROM pipeline p WHERE p.organization_id = $1
         UNION ALL SELECT s::text FROM pipeline_stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.organization_id = $1
       ) q`,
      [organizationId],
    );
    return `${row.n}:${row.f}`;
  };

  beforeAll(async () => {
    t = await startTestApp('csv_import');
    db = t.app.get(DataSource);
    director = await t.login('director@demo.local');
    [{ id: organizationId }] = await db.query(`SELECT id FROM organization`);
    // a client made in the app (no external id) that the file's row adopts by its INN
    await db.query(`INSERT INTO client (organization_id, name, inn, region) VALUES ($1, 'Горздрав', '7712345015', 'Москва')`, [organizationId]);
  });
  afterAll(() => t.close());

  it('previews the file: the suggested mapping, the rows read, and each cell problem', async () => {
    const broken = clientsCsv.replace('6603987652', '6603987653').replace('12 500 000,00', '12.500.000,00').replace(';да;', ';может;');
    const result = await preview({ entity: 'CLIENTS', csv: broken });
    expect(result.errors).toBeUndefined();
    const p = result.data!.previewCsvImport;
    expect(p).toMatchObject({ entity: 'CLIENTS', delimiter: ';', totalRows: 5, mappingProblem: null });
    expect(p.mapping.map((m) => [m.column, m.field, m.match])).toEqual([
      ['ID', 'externalId', 'EXACT'],
      ['Название компании', 'name', 'EXACT'],
      ['ИНН', 'inn', 'EXACT'],
      ['Регион', 'region', 'EXACT'],
      ['Город', 'city', 'EXACT'],
      ['Отрасль', 'industry', 'EXACT'],
      ['Форма собственности', 'ownershipForm', 'EXACT'],
      ['Канал продаж', 'channel', 'EXACT'],
      ['VIP', 'vip', 'EXACT'],
      ['Годовой потенциал', 'annualPotential', 'EXACT'],
      ['Категория', 'category', 'EXACT'],
      ['Статус', 'stage', 'EXACT'],
      ['Ответственный', 'owner', 'EXACT'],
      ['Охотник', 'hunter', 'EXACT'],
      ['Телефон', null, null],
    ]);
    const [first, second, , fourth, fifth] = p.rows;
    expect(first!.line).toBe(2);
    expect(first!.cells.find((c) => c.column === 'VIP')).toMatchObject({ field: 'vip', value: 'может', problem: 'NOT_A_BOOLEAN' });
    expect(first!.cells.find((c) => c.column === 'Годовой потенциал')).toMatchObject({ value: '12.500.000,00', problem: null });
    expect(second!.cells.find((c) => c.column === 'ИНН')).toMatchObject({ problem: 'INN_BAD_CHECKSUM', message: 'ИНН "6603987653" is not a valid INN: the check digits do not match' });
    expect(second!.problems).toEqual(['ИНН "6603987653" is not a valid INN: the check digits do not match']);
    // the same by code and values, for the page to say in Russian or English
    expect(second!.reasons).toEqual([
      {
        kind: 'REJECTED',
        code: 'INN_BAD_CHECKSUM',
        params: [{ name: 'column', value: 'ИНН' }, { name: 'field', value: 'inn' }, { name: 'value', value: '6603987653' }],
        message: 'ИНН "6603987653" is not a valid INN: the check digits do not match',
      },
    ]);
    expect(fourth!.reconciled).toEqual(['owner Кузнецова Елена → Елена Кузнецова']);
    expect(fourth!.reasons.map((r) => [r.kind, r.code, values(r)])).toEqual([['RECONCILED', 'VALUE_MATCHED', { field: 'owner', value: 'Кузнецова Елена', match: 'Елена Кузнецова' }]]);
    expect(fifth!.cells.find((c) => c.column === 'Название компании')!.value).toBe('ООО "Вектор; Плюс"');
    expect(fifth!.problems).toEqual([]);

    const unmapped = await preview({ entity: 'DEALS', csv: 'Что-то;Сумма\nx;1\n' });
    expect(unmapped.data!.previewCsvImport.mappingProblem).toBe('Map a column to title and stage: deals cannot be imported without it.');
  });

  it('writes nothing on a dry run, and reports every row', async () => {
    const before = await fingerprint();
    const result = await run({ entity: 'CLIENTS', csv: clientsCsv, mapping: await suggested('CLIENTS', clientsCsv), dryRun: true, fileName: 'clients-ru.csv' });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importCsv;
    expect(report).toMatchObject({ status: 'DRY_RUN', runId: null, pipelineName: null, totalRows: 5 });
    expect(report.files).toEqual([{ file: 'CSV_CLIENTS', fileName: 'clients-ru.csv', rows: 5, imported: 3, updated: 0, unchanged: 0, reconciled: 2, rejected: 0 }]);
    expect(await fingerprint()).toBe(before);
  });

  let clientsMapping: Mapping[];

  it('imports the clients: fields read, owners found by name or e-mail, an app-made client adopted by INN, owners recorded', async () => {
    clientsMapping = await suggested('CLIENTS', clientsCsv);
    const result = await run({ entity: 'CLIENTS', csv: clientsCsv, mapping: clientsMapping, fileName: 'clients-ru.csv' });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importCsv;
    expect(report.status).toBe('APPLIED');
    expect(report.runId).toEqual(expect.any(String));
    expect(report.rows.map((r) => [r.line, r.externalId, r.outcome, r.change, r.message])).toEqual([
      [2, 'csv:client:amo-1001', 'IMPORTED', 'IMPORTED', ''],
      [3, 'csv:client:amo-1002', 'IMPORTED', 'IMPORTED', ''],
      [4, 'csv:client:amo-1003', 'RECONCILED', 'UPDATED', 'reconciled matched the existing client «Горздрав» by INN 7712345015'],
      [5, 'csv:client#inn:231012345648', 'RECONCILED', 'IMPORTED', 'reconciled owner Кузнецова Елена → Елена Кузнецова'],
      [6, 'csv:client:amo-1005', 'IMPORTED', 'IMPORTED', ''],
    ]);
    expect(report.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['IGNORED_COLUMNS', 'DERIVED_KEYS']));
    expect(report.notes.find((n) => n.code === 'IGNORED_COLUMNS')!.message).toBe('columns not mapped, ignored: Телефон');
    expect(report.notes.find((n) => n.code === 'IGNORED_COLUMNS')!.params).toEqual([{ name: 'columns', value: 'Телефон' }]);
    expect(report.notes.find((n) => n.code === 'DERIVED_KEYS')!.params).toEqual([{ name: 'entity', value: 'CLIENTS' }, { name: 'prefix', value: 'csv:client' }]);
    expect(report.rows.map((r) => r.reasons.map((x) => `${x.kind} ${x.code}`))).toEqual([[], [], ['RECONCILED CLIENT_MATCHED_BY_INN'], ['RECONCILED VALUE_MATCHED'], []]);
    expect(values(report.rows[2]!.reasons[0])).toEqual({ client: 'Горздрав', inn: '7712345015' });

    const rows = await db.query(
      `SELECT external_id, name, inn, region, city, industry, ownership_form, channel, vip, annual_potential::text AS potential, currency, category, category_manual, stage,
              owner_member_id, hunter_member_id
         FROM client WHERE organization_id = $1 AND external_id LIKE 'csv:%' ORDER BY external_id`,
      [organizationId],
    );
    const [petrov, egorov, vasilyeva, zaytseva, kuznetsova, novikov] = await Promise.all(
      ['Иван Петров', 'Николай Егоров', 'Наталья Васильева', 'Юлия Зайцева', 'Елена Кузнецова', 'Алексей Новиков'].map(memberId),
    );
    expect(rows).toEqual([
      { external_id: 'csv:client#inn:231012345648', name: 'ИП Смирнова А. В.', inn: '231012345648', region: 'Юг', city: 'Краснодар', industry: 'Розница', ownership_form: 'PRIVATE_PERSON', channel: 'RETAIL_CHAIN', vip: false, potential: '0.00', currency: 'RUB', category: 3, category_manual: false, stage: 'LEAD', owner_member_id: kuznetsova, hunter_member_id: null },
      { external_id: 'csv:client:amo-1001', name: 'ООО «Северный ветер»', inn: '7801123455', region: 'Северо-Запад', city: 'Санкт-Петербург', industry: 'Логистика', ownership_form: 'COMMERCIAL', channel: 'DEALER', vip: true, potential: '12500000.00', currency: 'RUB', category: 2, category_manual: false, stage: 'ACTIVE', owner_member_id: petrov, hunter_member_id: egorov },
      { external_id: 'csv:client:amo-1002', name: 'АО «Уралмаш-Сервис»', inn: '6603987652', region: 'Урал', city: 'Екатеринбург', industry: 'Машиностроение', ownership_form: 'COMMERCIAL', channel: 'DIRECT', vip: false, potential: '4200000.00', currency: 'RUB', category: 3, category_manual: false, stage: 'PROSPECT', owner_member_id: vasilyeva, hunter_member_id: null },
      { external_id: 'csv:client:amo-1003', name: 'ГБУ «Горздрав»', inn: '7712345015', region: 'Москва', city: 'Москва', industry: 'Здравоохранение', ownership_form: 'GOVERNMENT', channel: 'DIRECT', vip: false, potential: '45000000.50', currency: 'RUB', category: 1, category_manual: true, stage: 'REGULAR', owner_member_id: zaytseva, hunter_member_id: null },
      { external_id: 'csv:client:amo-1005', name: 'ООО "Вектор; Плюс"', inn: null, region: 'Сибирь', city: 'Новосибирск', industry: 'ИТ', ownership_form: null, channel: null, vip: false, potential: '1.50', currency: 'RUB', category: 3, category_manual: false, stage: 'LEAD', owner_member_id: novikov, hunter_member_id: null },
    ]);
    const assignments = await db.query(
      `SELECT c.external_id, r.kind, r.from_member_id, r.to_member_id, r.reasons FROM assignment_record r JOIN client c ON c.id = r.client_id
        WHERE c.external_id LIKE 'csv:%' ORDER BY c.external_id`,
    );
    expect(assignments).toHaveLength(5);
    expect(assignments[1]).toEqual({ external_id: 'csv:client:amo-1001', kind: 'IMPORT', from_member_id: null, to_member_id: petrov, reasons: ['CSV import, line 2'] });
    expect(await db.query(`SELECT count(*)::int AS n FROM client WHERE organization_id = $1 AND name = 'Горздрав'`, [organizationId])).toEqual([{ n: 0 }]);
    const [kept] = await db.query(`SELECT kind, status FROM import_run WHERE id = $1`, [report.runId]);
    expect(kept).toEqual({ kind: 'CSV_CLIENTS', status: 'APPLIED' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await fingerprint();
    const result = await run({ entity: 'CLIENTS', csv: clientsCsv, mapping: clientsMapping });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importCsv;
    expect(report.status).toBe('APPLIED');
    expect(report.files[0]).toMatchObject({ rows: 5, imported: 0, updated: 0, rejected: 0 });
    expect(report.rows.every((r) => r.change === 'UNCHANGED')).toBe(true);
    expect(await fingerprint()).toBe(before);
  });

  it('rejects a bad row with its reason and writes nothing of the run (all or nothing)', async () => {
    const before = await fingerprint();
    const broken = `${clientsCsv.replace('6603987652', '6603987653').replace('Северо-Запад', 'СЗФО')}new-1;ООО «Новый»;;;;;;;;;;;;;\r\n`;
    const result = await run({ entity: 'CLIENTS', csv: broken, mapping: clientsMapping });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importCsv;
    expect(report.status).toBe('FAILED');
    expect(report.files[0]).toMatchObject({ rows: 6, rejected: 1, updated: 1, imported: 1 });
    expect(report.rows.find((r) => r.outcome === 'REJECTED')).toEqual({
      file: 'CSV_CLIENTS',
      line: 3,
      externalId: 'csv:client:amo-1002',
      outcome: 'REJECTED',
      change: null,
      message: 'ИНН "6603987653" is not a valid INN: the check digits do not match',
      reasons: [
        {
          kind: 'REJECTED',
          code: 'INN_BAD_CHECKSUM',
          params: [{ name: 'column', value: 'ИНН' }, { name: 'field', value: 'inn' }, { name: 'value', value: '6603987653' }],
          message: 'ИНН "6603987653" is not a valid INN: the check digits do not match',
        },
      ],
    });
    expect(await fingerprint()).toBe(before);
    const [kept] = await db.query(`SELECT status FROM import_run WHERE id = $1`, [report.runId]);
    expect(kept.status).toBe('FAILED');
  });

  it('rolls everything back when the database fails midway', async () => {
    const before = await fingerprint();
    await db.query(`CREATE FUNCTION csv_import_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER csv_import_boom BEFORE INSERT ON client FOR EACH ROW EXECUTE FUNCTION csv_import_boom()`);
    try {
      const result = await run({ entity: 'CLIENTS', csv: `${clientsCsv.replace('Северо-Запад', 'СЗФО')}boom-1;Boom;;;;;;;;;;;;;\r\n`, mapping: clientsMapping });
      expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors?.[0].message).not.toContain('boom');
    } finally {
      await db.query(`DROP TRIGGER csv_import_boom ON client`);
      await db.query(`DROP FUNCTION csv_import_boom()`);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('imports deals into the default pipeline: clients by external id or name, stages and products reconciled; twice changes nothing', async () => {
    const mapping = await suggested('DEALS', dealsCsv);
    expect(mapping.map((m) => m.field)).toEqual(['externalId', 'title', 'clientExternalId', 'clientName', 'owner', 'stage', 'amount', 'startedOn', 'closedOn', 'lostReason', 'product']);
    const result = await run({ entity: 'DEALS', csv: dealsCsv, mapping });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importCsv;
    expect(report).toMatchObject({ status: 'APPLIED', pipelineName: 'Основная воронка' });
    expect(report.rows.map((r) => [r.externalId, r.outcome, r.message])).toEqual([
      ['csv:deal:d-1', 'IMPORTED', ''],
      ['csv:deal:d-2', 'IMPORTED', ''],
      ['csv:deal:d-3', 'RECONCILED', 'reconciled stage проиграна → Проиграна; reconciled product сервер sc-s1 → Сервер SC-S1'],
    ]);
    const deals = await db.query(
      `SELECT d.external_id, d.title, c.external_id AS client, m.name AS owner, s.name AS stage, d.amount::text AS amount, d.currency, p.name AS product,
              d.started_on::text AS started, d.closed_on::text AS closed, d.lost_reason,
              (SELECT array_agg(hs.name ORDER BY h.entered_at) FROM deal_stage_history h JOIN pipeline_stage hs ON hs.id = h.stage_id WHERE h.deal_id = d.id) AS history
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id LEFT JOIN client c ON c.id = d.client_id LEFT JOIN member m ON m.id = d.owner_member_id
         LEFT JOIN product p ON p.id = d.product_id
        WHERE d.organization_id = $1 AND d.external_id LIKE 'csv:%' ORDER BY d.external_id`,
      [organizationId],
    );
    expect(deals).toEqual([
      { external_id: 'csv:deal:d-1', title: 'Поставка коммутаторов', client: 'csv:client:amo-1001', owner: 'Иван Петров', stage: 'Переговоры', amount: '1250000.50', currency: 'RUB', product: 'Коммутатор SC-24', started: '2025-09-01', closed: null, lost_reason: null, history: ['Переговоры'] },
      { external_id: 'csv:deal:d-2', title: 'Сервисный контракт', client: 'csv:client:amo-1002', owner: 'Наталья Васильева', stage: 'Выиграна', amount: '480000.00', currency: 'RUB', product: null, started: '2025-08-01', closed: '2025-10-15', lost_reason: null, history: ['Выиграна'] },
      { external_id: 'csv:deal:d-3', title: 'Пилот сервера', client: 'csv:client:amo-1005', owner: 'Алексей Новиков', stage: 'Проиграна', amount: '90000.00', currency: 'RUB', product: 'Сервер SC-S1', started: '2025-07-10', closed: '2025-08-20', lost_reason: 'Дорого', history: ['Проиграна'] },
    ]);
    const before = await fingerprint();
    const again = await run({ entity: 'DEALS', csv: dealsCsv, mapping });
    expect(again.data!.importCsv.files[0]).toMatchObject({ imported: 0, updated: 0, rejected: 0 });
    expect(await fingerprint()).toBe(before);

    // a deal moves on: its stage history says so
    const moved = await run({ entity: 'DEALS', csv: dealsCsv.replace(';Переговоры;', ';Выиграна;').replace('01.09.2025;;', '01.09.2025;20.10.2025;'), mapping });
    expect(moved.data!.importCsv.rows.map((r) => r.change)).toEqual(['UPDATED', 'UNCHANGED', 'UNCHANGED']);
    const [history] = await db.query(
      `SELECT array_agg(s.name ORDER BY h.entered_at, h.id) AS names, count(*) FILTER (WHERE h.left_at IS NULL)::int AS open
         FROM deal_stage_history h JOIN deal d ON d.id = h.deal_id JOIN pipeline_stage s ON s.id = h.stage_id WHERE d.external_id = 'csv:deal:d-1'`,
    );
    expect(history).toEqual({ names: ['Переговоры', 'Выиграна'], open: 1 });
  });

  it('refuses deal rows whose client, owner or stage is unknown, and plans a new pipeline from the file on a dry run', async () => {
    const mapping = await suggested('DEALS', dealsCsv);
    const bad = dealsCsv.replace(';amo-1001;', ';amo-9999;').replace('rep5@demo.local', 'nobody@demo.local').replace(';проиграна;', ';Думают;');
    const result = await run({ entity: 'DEALS', csv: bad, mapping, dryRun: true }, 'REJECTED');
    expect(result.data!.importCsv.status).toBe('FAILED');
    expect(result.data!.importCsv.rows.map((r) => [r.line, r.message])).toEqual([
      [2, 'ID компании "amo-9999" is not the external id of a client imported from CSV (import the clients first)'],
      [3, 'Ответственный "nobody@demo.local" is not a member of the organization (give a name or an e-mail)'],
      [4, 'Этап сделки "Думают" is not a stage of pipeline «Основная воронка» (Новый лид, Квалификация, Встреча, КП отправлено, Переговоры, Выиграна, Проиграна); reconciled product сервер sc-s1 → Сервер SC-S1'],
    ]);
    expect(result.data!.importCsv.rows.map((r) => r.reasons.map((x) => [x.kind, x.code, values(x)]))).toEqual([
      [['REJECTED', 'UNKNOWN_CLIENT_ID', { column: 'ID компании', field: 'clientExternalId', value: 'amo-9999' }]],
      [['REJECTED', 'UNKNOWN_MEMBER', { column: 'Ответственный', field: 'owner', value: 'nobody@demo.local' }]],
      [
        ['REJECTED', 'UNKNOWN_PIPELINE_STAGE', { column: 'Этап сделки', field: 'stage', value: 'Думают', pipeline: 'Основная воронка', stages: 'Новый лид, Квалификация, Встреча, КП отправлено, Переговоры, Выиграна, Проиграна' }],
        ['RECONCILED', 'VALUE_MATCHED', { field: 'product', value: 'сервер sc-s1', match: 'Сервер SC-S1' }],
      ],
    ]);

    const before = await fingerprint();
    const amo = await run({ entity: 'DEALS', csv: bad.replace('nobody@demo.local', 'rep5@demo.local').replace(';amo-9999;', ';amo-1001;'), mapping, pipelineName: 'amoCRM', dryRun: true });
    expect(amo.errors).toBeUndefined();
    const report = amo.data!.importCsv;
    expect(report).toMatchObject({ status: 'DRY_RUN', pipelineName: 'amoCRM', pipelineId: null });
    expect(report.derived).toEqual([{ what: 'stages of the new pipeline "amoCRM"', kind: 'PIPELINE_STAGES', pipeline: 'amoCRM', imported: 3, updated: 0, unchanged: 0 }]);
    expect(report.notes.find((n) => n.code === 'NEW_PIPELINE')!.message).toBe('created pipeline «amoCRM» with the stages Переговоры (OPEN), Думают (OPEN), Выиграна (WON)');
    expect(report.notes.find((n) => n.code === 'NEW_PIPELINE')!.params).toEqual([{ name: 'pipeline', value: 'amoCRM' }, { name: 'stages', value: 'Переговоры (OPEN), Думают (OPEN), Выиграна (WON)' }]);
    // a preview says what the import would create, by code too
    const planned = await preview({ entity: 'DEALS', csv: bad.replace('nobody@demo.local', 'rep5@demo.local').replace(';amo-9999;', ';amo-1001;'), mapping, pipelineName: 'amoCRM' });
    expect(planned.data!.previewCsvImport.notes).toEqual(['pipeline «amoCRM» does not exist: it will be created with the stages Переговоры (OPEN), Думают (OPEN), Выиграна (WON)']);
    expect(planned.data!.previewCsvImport.noteReasons).toEqual([
      {
        code: 'PIPELINE_TO_CREATE',
        message: 'pipeline «amoCRM» does not exist: it will be created with the stages Переговоры (OPEN), Думают (OPEN), Выиграна (WON)',
        count: 0,
        params: [{ name: 'pipeline', value: 'amoCRM' }, { name: 'stages', value: 'Переговоры (OPEN), Думают (OPEN), Выиграна (WON)' }],
      },
    ]);
    expect(await fingerprint()).toBe(before);
  });

  it('imports activities at the organization’s wall-clock time, linked to their deals and clients; twice changes nothing', async () => {
    const mapping = await suggested('ACTIVITIES', activitiesCsv);
    expect(mapping.map((m) => m.field)).toEqual(['externalId', 'kind', 'at', 'owner', 'clientExternalId', 'dealExternalId', 'outcome']);
    const result = await run({ entity: 'ACTIVITIES', csv: activitiesCsv, mapping });
    expect(result.errors).toBeUndefined();
    expect(result.data!.importCsv.files[0]).toMatchObject({ rows: 2, imported: 2 });
    const rows = await db.query(
      `SELECT a.external_id, a.kind, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at_utc, m.name AS owner, c.external_id AS client, d.external_id AS deal, a.outcome
         FROM activity a LEFT JOIN member m ON m.id = a.owner_member_id LEFT JOIN client c ON c.id = a.client_id LEFT JOIN deal d ON d.id = a.deal_id
        WHERE a.organization_id = $1 AND a.external_id LIKE 'csv:%' ORDER BY a.external_id`,
      [organizationId],
    );
    expect(rows).toEqual([
      { external_id: 'csv:activity:a-1', kind: 'CALL', at_utc: '2025-09-02 07:30', owner: 'Иван Петров', client: 'csv:client:amo-1001', deal: 'csv:deal:d-1', outcome: 'Обсудили сроки поставки' },
      { external_id: 'csv:activity:a-2', kind: 'MEETING', at_utc: '2025-09-05 12:00', owner: 'Наталья Васильева', client: 'csv:client:amo-1002', deal: 'csv:deal:d-2', outcome: 'Подписали акт' },
    ]);
    const before = await fingerprint();
    const again = await run({ entity: 'ACTIVITIES', csv: activitiesCsv, mapping });
    expect(again.data!.importCsv.files[0]).toMatchObject({ unchanged: 2 });
    expect(await fingerprint()).toBe(before);
  });

  it('refuses what cannot be imported at all with BAD_USER_INPUT, and anyone but the director', async () => {
    const noName = await run({ entity: 'CLIENTS', csv: clientsCsv, mapping: [{ column: 'ИНН', field: 'inn' }] });
    expect(noName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping', reason: 'BAD_MAPPING', params: { problem: 'REQUIRED_FIELD_UNMAPPED', fields: 'name', entity: 'CLIENTS' } });
    expect(noName.errors?.[0].message).toBe('Map a column to name: clients cannot be imported without it.');
    const quoting = await run({ entity: 'CLIENTS', csv: 'Название\n"ООО "Ромашка""\n', mapping: [{ column: 'Название', field: 'name' }] });
    expect(quoting.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv', reason: 'BAD_FILE', params: { problem: 'QUOTE_AFTER_CLOSING', line: 2 } });
    const huge = await run({ entity: 'CLIENTS', csv: `Название\n${'x'.repeat(5_000_001)}`, mapping: [{ column: 'Название', field: 'name' }] });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(huge.errors?.[0].message).toBe('The file is over 5,000,000 characters; split it into several imports.');
    const lead = await t.login('lead@demo.local');
    expect((await run({ entity: 'CLIENTS', csv: clientsCsv, mapping: clientsMapping }, undefined, lead)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await preview({ entity: 'CLIENTS', csv: clientsCsv }, lead)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
