import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/database';
import { startTestApp, type TestApp } from '../support/test-app';

const REPO = join(__dirname, '..', '..');
// A copy of ../shared/datasets/maven-crm kept in the repo, so the tests run wherever the checkout is.
const SAMPLE = join(REPO, 'test', 'fixtures', 'maven-crm');
const CLI = join(REPO, 'backend', 'dist', 'cli', 'import.js');
const FILES = { salesTeams: 'sales_teams.csv', accounts: 'accounts.csv', products: 'products.csv', salesPipeline: 'sales_pipeline.csv' } as const;
type Texts = Record<keyof typeof FILES, string>;

function readSample(): Texts {
  return Object.fromEntries(Object.entries(FILES).map(([key, file]) => [key, readFileSync(join(SAMPLE, file), 'utf8')])) as Texts;
}

/** The sample holds no quoted fields (checked below), so plain splitting reads it: independent of the importer's CSV reader. */
function plainRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  const columns = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

const IMPORT = `mutation ($files: MavenCrmFilesInput!, $pipelineName: String!, $dryRun: Boolean, $outcome: ImportOutcome, $file: ImportFile) {
  importMavenCrm(files: $files, pipelineName: $pipelineName, dryRun: $dryRun) {
    runId status pipelineId pipelineName durationMs totalRows
    files { file fileName rows imported updated unchanged reconciled rejected }
    derived { what kind pipeline imported updated unchanged }
    notes { code message count params { name value } }
    rows(outcome: $outcome, file: $file) { file line externalId outcome change message reasons { kind code params { name value } message } }
  }
}`;

/** Deals of the sample at both ends of sales_pipeline.csv, with their coded reasons. */
const DEAL_REASONS = `mutation ($files: MavenCrmFilesInput!) {
  importMavenCrm(files: $files, pipelineName: "Maven CRM", dryRun: true) {
    early: rows(file: SALES_PIPELINE, limit: 50) { line externalId message reasons { kind code params { name value } message } }
    late: rows(file: SALES_PIPELINE, offset: 8300, limit: 2) { line externalId message reasons { kind code params { name value } message } }
  }
}`;

interface FileCounts {
  file: string;
  fileName: string;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  reconciled: number;
  rejected: number;
}
interface Report {
  runId: string | null;
  status: string;
  pipelineId: string | null;
  pipelineName: string;
  durationMs: number;
  totalRows: number;
  files: FileCounts[];
  derived: { what: string; kind: string | null; pipeline: string | null; imported: number; updated: number; unchanged: number }[];
  notes: { code: string; message: string; count: number; params: Param[] }[];
  rows: { file: string; line: number; externalId: string | null; outcome: string; change: string | null; message: string; reasons: Reason[] }[];
}
interface Param {
  name: string;
  value: string;
}
interface Reason {
  kind: string;
  code: string;
  params: Param[];
  message: string;
}

describe('real-data import of the maven-crm sample', () => {
  let t: TestApp;
  let db: DataSource;
  let director: string;
  let organizationId: string;
  const sample = readSample();
  const pipeline = plainRows(sample.salesPipeline);

  const runImport = async (files: Texts, variables: Record<string, unknown> = {}, token = director) => {
    const result = await t.gql<{ importMavenCrm: Report }>(IMPORT, { files, pipelineName: 'Maven CRM', ...variables }, { token });
    return result;
  };

  /** Everything the import may touch in the organization, as one fingerprint (versions and timestamps included). */
  const fingerprint = async (): Promise<string> => {
    const [row]: { f: string; n: string }[] = await db.query(
      `SELECT md5(string_agg(x, '|' ORDER BY x)) AS f, count(*)::text AS n FROM (
         SELECT d::text AS x FROM deal d WHERE d.organization_id = $1
         UNION ALL SELECT h::text FROM deal_stage_history h JOIN deal d ON d.id = h.deal_id WHERE d.organization_id = $1
         UNION ALL SELECT m::text FROM member m WHERE m.organization_id = $1
         UNION ALL SELECT c::text FROM client c WHERE c.organization_id = $1
         UNION ALL SELECT p::text FROM product p WHERE p.organization_id = $1
         UNION ALL SELECT tm::text FROM team tm WHERE tm.organization_id = $1
         UNION ALL SELECT x::text FROM team_member x JOIN team tt ON tt.id = x.team_id WHERE tt.organization_id = $1
         UNION ALL SELECT r::text FROM reporting_line r WHERE r.organization_id = $1
         UNION ALL SELECT s::text FROM pipeline_stage s JOIN pipeline pp ON pp.id = s.pipeline_id WHERE pp.organization_id = $1
         UNION ALL SELECT pl::text FROM pipeline pl WHERE pl.organization_id = $1
       ) q`,
      [organizationId],
    );
    return `${row.n}:${row.f}`;
  };

  let first: Report;

  beforeAll(async () => {
    t = await startTestApp('imports');
    db = t.app.get(DataSource);
    director = await t.login('director@demo.local');
    [{ id: organizationId }] = await db.query(`SELECT id FROM organization`);
    const result = await runImport(sample);
    expect(result.errors).toBeUndefined();
    first = result.data!.importMavenCrm;
  });
  afterAll(() => t.close());

  it('the sample has no quoted fields, so the plain reading of this test is exact', () => {
    for (const text of Object.values(sample)) expect(text.includes('"')).toBe(false);
    expect(pipeline).toHaveLength(8800);
  });

  it('imports every row, within 10 s: the outcomes of each file add up to its rows', async () => {
    expect(first.status).toBe('APPLIED');
    expect(first.runId).toEqual(expect.any(String));
    expect(first.durationMs).toBeLessThanOrEqual(10_000);
    // what the files imply, each with its code (the app says it in the viewer's language)
    expect(first.derived.map((d) => [d.kind, d.pipeline, d.imported])).toEqual([
      ['LEAD_MEMBERS', null, 6],
      ['TEAMS', null, 3],
      ['PIPELINE_STAGES', first.pipelineName, 4],
    ]);
    const expectedRows = { SALES_TEAMS: 35, ACCOUNTS: 85, PRODUCTS: 7, SALES_PIPELINE: 8800 };
    for (const f of first.files) {
      expect(f.rows).toBe(expectedRows[f.file as keyof typeof expectedRows]);
      expect(f.imported + f.updated + f.unchanged + f.reconciled + f.rejected).toBe(f.rows);
      expect(f.rejected).toBe(0);
      expect(f.updated + f.unchanged).toBe(0);
    }
    expect(first.totalRows).toBe(35 + 85 + 7 + 8800);
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM deal WHERE organization_id = $1 AND external_id LIKE 'maven:deal:%') AS deals,
              (SELECT count(*)::int FROM client WHERE organization_id = $1 AND external_id LIKE 'maven:account:%') AS clients,
              (SELECT count(*)::int FROM product WHERE organization_id = $1 AND external_id LIKE 'maven:product:%') AS products,
              (SELECT count(*)::int FROM member WHERE organization_id = $1 AND external_id LIKE 'maven:agent:%' AND role = 'SALES') AS agents,
              (SELECT count(*)::int FROM member WHERE organization_id = $1 AND external_id LIKE 'maven:manager:%' AND role = 'LEAD') AS leads`,
      [organizationId],
    );
    expect(counts).toEqual({ deals: 8800, clients: 85, products: 7, agents: 35, leads: 6 });
  });

  it('reconciles and reports the warts instead of dropping rows', async () => {
    const messages = first.notes.map((n) => n.message);
    expect(messages).toEqual(expect.arrayContaining(['reconciled GTXPro → GTX Pro', 'reconciled sector technolgy → technology']));
    expect(first.notes.find((n) => n.message === 'reconciled GTXPro → GTX Pro')?.count).toBe(pipeline.filter((r) => r.product === 'GTXPro').length);
    const noAccount = pipeline.filter((r) => r.account === '');
    expect(first.notes.find((n) => n.code === 'OPEN_DEAL_WITHOUT_ACCOUNT')?.count).toBe(noAccount.length);
    expect(first.notes.find((n) => n.code === 'AGENT_WITHOUT_DEALS')?.count).toBe(5);
    const reconciledDeals = first.rows.filter((r) => r.file === 'SALES_PIPELINE');
    expect(reconciledDeals.length).toBeLessThanOrEqual(1000);
    const [{ nulls }] = await db.query(
      `SELECT count(*)::int AS nulls FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.organization_id = $1 AND d.client_id IS NULL AND s.kind = 'OPEN'`,
      [organizationId],
    );
    expect(nulls).toBe(noAccount.length);
    const rows = await runImport(sample, { dryRun: true, outcome: 'RECONCILED', file: 'ACCOUNTS' });
    const acme = rows.data!.importMavenCrm.rows.find((r) => r.externalId === 'maven:account:Acme Corporation');
    expect(acme).toMatchObject({ line: 2, outcome: 'RECONCILED', change: 'UNCHANGED', message: 'reconciled sector technolgy → technology' });
    expect(acme!.reasons).toEqual([
      {
        kind: 'RECONCILED',
        code: 'COLUMN_VALUE_MATCHED',
        params: [{ name: 'column', value: 'sector' }, { name: 'value', value: 'technolgy' }, { name: 'match', value: 'technology' }],
        message: 'sector technolgy → technology',
      },
    ]);
    const [client] = await db.query(
      `SELECT c.industry, c.region, c.annual_potential::text AS potential, c.currency, p.name AS parent
         FROM client c LEFT JOIN client p ON p.id = c.parent_client_id WHERE c.organization_id = $1 AND c.name = 'Bluth Company'`,
      [organizationId],
    );
    expect(client).toEqual({ industry: 'technology', region: 'United States', potential: '1242320000.00', currency: 'USD', parent: 'Acme Corporation' });
    const [{ gtxPro }] = await db.query(
      `SELECT count(*)::int AS "gtxPro" FROM deal d JOIN product p ON p.id = d.product_id WHERE d.organization_id = $1 AND p.name = 'GTX Pro'`,
      [organizationId],
    );
    expect(gtxPro).toBe(pipeline.filter((r) => r.product === 'GTXPro' || r.product === 'GTX Pro').length);
    const agents = await db.query(
      `SELECT m.name, t.name AS team, boss.name AS manager FROM member m
         JOIN team_member tm ON tm.member_id = m.id JOIN team t ON t.id = tm.team_id
         JOIN reporting_line r ON r.from_member_id = m.id AND r.kind = 'REPORTS_TO' JOIN member boss ON boss.id = r.to_member_id
        WHERE m.organization_id = $1 AND m.name IN ('Carl Lin', 'Anna Snelling') ORDER BY m.name`,
      [organizationId],
    );
    expect(agents).toEqual([
      { name: 'Anna Snelling', team: 'Central', manager: 'Dustin Brinkmann' },
      { name: 'Carl Lin', team: 'West', manager: 'Summer Sewald' },
    ]);
  });

  it('gives every row reason and run note a stable code and the values it names, the English message unchanged', async () => {
    const notes = new Map(first.notes.map((n) => [n.code, n]));
    expect(notes.get('RECONCILED_SECTOR_technolgy')).toEqual({
      code: 'RECONCILED_SECTOR_technolgy',
      message: 'reconciled sector technolgy → technology',
      count: plainRows(sample.accounts).filter((r) => r.sector === 'technolgy').length,
      params: [{ name: 'from', value: 'technolgy' }, { name: 'to', value: 'technology' }],
    });
    expect(notes.get('RECONCILED_PRODUCT_GTXPro')).toMatchObject({ message: 'reconciled GTXPro → GTX Pro', params: [{ name: 'from', value: 'GTXPro' }, { name: 'to', value: 'GTX Pro' }] });
    const undated = pipeline.filter((r) => r.engage_date === '').length;
    expect(notes.get('NO_ENGAGE_DATE')).toEqual({
      code: 'NO_ENGAGE_DATE',
      message: 'open deals without engage_date: started_on = 2017-12-31, the latest date in sales_pipeline.csv',
      count: undated,
      params: [{ name: 'day', value: '2017-12-31' }],
    });
    expect(notes.get('TEAM_MANAGERS_Central')?.params).toEqual([
      { name: 'team', value: 'Central' },
      { name: 'count', value: '2' },
      { name: 'managers', value: 'Dustin Brinkmann, Melvin Marxen' },
      { name: 'lead', value: 'Dustin Brinkmann' },
    ]);
    expect(notes.get('AGENT_WITHOUT_DEALS')).toMatchObject({ message: 'agents without deals: imported as members', params: [] });
    const agents = first.rows.filter((r) => r.file === 'SALES_TEAMS' && r.reasons.length > 0);
    expect(agents).toHaveLength(5);
    for (const agent of agents) {
      expect(agent.message).toBe('no deals in sales_pipeline.csv: imported as a member');
      expect(agent.reasons).toEqual([{ kind: 'NOTE', code: 'NO_DEALS_MEMBER', params: [], message: 'no deals in sales_pipeline.csv: imported as a member' }]);
    }

    const result = await t.gql<{ importMavenCrm: { early: Report['rows']; late: Report['rows'] } }>(DEAL_REASONS, { files: sample }, { token: director });
    expect(result.errors).toBeUndefined();
    const { early, late } = result.data!.importMavenCrm;
    // line 46: OLVI7L8M, an Engaging deal of GTXPro without an account
    const noAccount = early.find((r) => r.line === 46)!;
    expect(noAccount.externalId).toBe('maven:deal:OLVI7L8M');
    expect(noAccount.message).toBe('reconciled product GTXPro → GTX Pro; open deal without an account: kept without a client');
    expect(noAccount.reasons).toEqual([
      { kind: 'RECONCILED', code: 'COLUMN_VALUE_MATCHED', params: [{ name: 'column', value: 'product' }, { name: 'value', value: 'GTXPro' }, { name: 'match', value: 'GTX Pro' }], message: 'product GTXPro → GTX Pro' },
      { kind: 'NOTE', code: 'DEAL_WITHOUT_ACCOUNT', params: [{ name: 'stageKind', value: 'OPEN' }], message: 'open deal without an account: kept without a client' },
    ]);
    // line 8303: 3LCLVRVV, a Prospecting deal without an account or an engage_date
    const prospect = late.find((r) => r.line === 8303)!;
    expect(prospect.externalId).toBe('maven:deal:3LCLVRVV');
    expect(prospect.reasons.map((r) => [r.kind, r.code, r.params])).toEqual([
      ['NOTE', 'DEAL_WITHOUT_ACCOUNT', [{ name: 'stageKind', value: 'OPEN' }]],
      ['NOTE', 'STARTED_ON_LAST_DATE', [{ name: 'day', value: '2017-12-31' }]],
    ]);
    expect(prospect.message).toBe("open deal without an account: kept without a client; no engage_date: started_on = 2017-12-31, the export's last date");
  });

  it('gets the figures right: stage counts, reached, won count and amount overall and per agent, win rate, median days to win', async () => {
    // from the CSV, in plain JS
    const byStage = new Map<string, number>();
    for (const r of pipeline) byStage.set(r.deal_stage, (byStage.get(r.deal_stage) ?? 0) + 1);
    const won = pipeline.filter((r) => r.deal_stage === 'Won');
    const lost = pipeline.filter((r) => r.deal_stage === 'Lost');
    const wonAmount = won.reduce((s, r) => s + Number(r.close_value), 0);
    const perAgent = new Map<string, { won: number; amount: number }>();
    for (const r of won) {
      const a = perAgent.get(r.sales_agent) ?? { won: 0, amount: 0 };
      a.won++;
      a.amount += Number(r.close_value);
      perAgent.set(r.sales_agent, a);
    }
    const reached = { Prospecting: pipeline.length, Engaging: pipeline.filter((r) => r.deal_stage !== 'Prospecting').length, Won: won.length, Lost: lost.length };

    // from the imported tables, in SQL
    const [{ id: pipelineId }] = await db.query(`SELECT id FROM pipeline WHERE organization_id = $1 AND name = 'Maven CRM'`, [organizationId]);
    const stages: { name: string; n: number; reached: number }[] = await db.query(
      `SELECT s.name, (SELECT count(*)::int FROM deal d WHERE d.stage_id = s.id) AS n,
              (SELECT count(DISTINCT h.deal_id)::int FROM deal_stage_history h WHERE h.stage_id = s.id) AS reached
         FROM pipeline_stage s WHERE s.pipeline_id = $1 ORDER BY s.position`,
      [pipelineId],
    );
    expect(stages).toEqual(
      ['Prospecting', 'Engaging', 'Won', 'Lost'].map((name) => ({ name, n: byStage.get(name), reached: reached[name as keyof typeof reached] })),
    );
    const [overall] = await db.query(
      `SELECT count(*) FILTER (WHERE s.kind = 'WON')::int AS won, count(*) FILTER (WHERE s.kind = 'LOST')::int AS lost,
              sum(d.amount) FILTER (WHERE s.kind = 'WON')::float8 AS "wonAmount",
              (count(*) FILTER (WHERE s.kind = 'WON'))::float8 / nullif(count(*) FILTER (WHERE s.kind IN ('WON', 'LOST')), 0) AS "winRate",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d.closed_on - d.started_on) FILTER (WHERE s.kind = 'WON') AS "medianDays"
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.pipeline_id = $1`,
      [pipelineId],
    );
    expect(overall.won).toBe(won.length);
    expect(overall.lost).toBe(lost.length);
    expect(overall.wonAmount).toBe(wonAmount);
    expect(overall.winRate).toBeCloseTo(won.length / (won.length + lost.length), 12);
    expect(overall.medianDays).toBe(median(won.map((r) => days(r.engage_date, r.close_date))));
    const agents: { name: string; won: number; amount: number }[] = await db.query(
      `SELECT m.name, count(*)::int AS won, sum(d.amount)::float8 AS amount
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id JOIN member m ON m.id = d.owner_member_id
        WHERE d.pipeline_id = $1 AND s.kind = 'WON' GROUP BY m.name ORDER BY m.name`,
      [pipelineId],
    );
    expect(agents).toEqual([...perAgent.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, a]) => ({ name, won: a.won, amount: a.amount })));
  });

  it('lists the pipelines with their stages for everyone signed in', async () => {
    const rep = await t.login('rep@demo.local');
    const result = await t.gql<{ pipelines: { name: string; isDefault: boolean; stages: { name: string; kind: string; probability: number; position: number }[] }[] }>(
      '{ pipelines { id name isDefault stages { id name kind probability position } } }',
      {},
      { token: rep },
    );
    expect(result.errors).toBeUndefined();
    const names = result.data!.pipelines.map((p) => [p.name, p.isDefault]);
    expect(names).toEqual([
      ['Основная воронка', true],
      ['Maven CRM', false],
    ]);
    expect(result.data!.pipelines[1].stages).toEqual([
      { id: expect.any(String), name: 'Prospecting', kind: 'OPEN', probability: 0.2, position: 1 },
      { id: expect.any(String), name: 'Engaging', kind: 'OPEN', probability: 0.6, position: 2 },
      { id: expect.any(String), name: 'Won', kind: 'WON', probability: 1, position: 3 },
      { id: expect.any(String), name: 'Lost', kind: 'LOST', probability: 0, position: 4 },
    ]);
  });

  it('changes nothing when run a second time', async () => {
    const before = await fingerprint();
    const second = await runImport(sample);
    expect(second.errors).toBeUndefined();
    const report = second.data!.importMavenCrm;
    expect(report.status).toBe('APPLIED');
    for (const f of report.files) {
      expect([f.imported, f.updated, f.rejected]).toEqual([0, 0, 0]);
      expect(f.unchanged + f.reconciled).toBe(f.rows);
    }
    expect(report.derived.every((d) => d.imported === 0 && d.updated === 0)).toBe(true);
    expect(await fingerprint()).toBe(before);
  });

  it('rolls everything back when a row is broken, and says which row and why', async () => {
    const before = await fingerprint();
    const lines = sample.salesPipeline.split('\n');
    lines[1] = lines[1].replace('2016-10-20', '2016-10-32'); // line 2: a bad date
    lines[4] = lines[4].replace(',Won,', ',Negotiating,'); // line 5: an unknown stage
    lines[6] = lines[6].replace(/,\d+$/, ',999999'); // line 7: a changed amount, which must not land
    const broken = { ...sample, salesPipeline: `${lines.join('\n').trimEnd()}\nNEW00001,Anna Snelling,GTX Basic,Cancity,Won,2017-01-01,2017-02-01,500\n` };
    const result = await runImport(broken, { outcome: 'REJECTED' });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importMavenCrm;
    expect(report.status).toBe('FAILED');
    expect(report.rows.map((r) => [r.file, r.line, r.message])).toEqual([
      ['SALES_PIPELINE', 2, 'engage_date "2016-10-32" is not a date (YYYY-MM-DD)'],
      ['SALES_PIPELINE', 5, 'deal_stage "Negotiating" is not one of Prospecting, Engaging, Won, Lost'],
    ]);
    expect(report.rows.map((r) => r.reasons.map((x) => [x.kind, x.code, x.params]))).toEqual([
      [['REJECTED', 'NOT_A_DAY', [{ name: 'column', value: 'engage_date' }, { name: 'value', value: '2016-10-32' }]]],
      [['REJECTED', 'UNKNOWN_DEAL_STAGE', [{ name: 'column', value: 'deal_stage' }, { name: 'value', value: 'Negotiating' }, { name: 'stages', value: 'Prospecting, Engaging, Won, Lost' }]]],
    ]);
    const counts = report.files.find((f) => f.file === 'SALES_PIPELINE')!;
    expect(counts).toMatchObject({ rows: 8801, rejected: 2, imported: 1, updated: 1 });
    expect(await fingerprint()).toBe(before);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM deal WHERE external_id = 'maven:deal:NEW00001'`);
    expect(n).toBe(0);
    const [run] = await db.query(`SELECT status, counts FROM import_run WHERE id = $1`, [report.runId]);
    expect(run.status).toBe('FAILED');
  });

  it('refuses unreadable files and oversized ones with BAD_USER_INPUT naming the file', async () => {
    const badHeader = await runImport({ ...sample, products: 'product;price\nX;1\n' });
    expect(badHeader.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'products',
      reason: 'BAD_FILE',
      params: { file: 'products.csv', problem: 'MISSING_COLUMNS', columns: 'series, sales_price', expected: 'product, series, sales_price' },
    });
    expect(badHeader.errors?.[0].message).toBe(
      'products.csv: the header lacks series, sales_price; expected the columns product, series, sales_price (found product, price)',
    );
    const huge = await runImport({ ...sample, products: `product,series,sales_price\n${'x'.repeat(1_000_001)}` });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'products' });
    const lead = await t.login('lead@demo.local');
    const forbidden = await runImport(sample, {}, lead);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a dry run writes nothing, not even the pipeline it would create', async () => {
    const before = await fingerprint();
    const result = await runImport(sample, { dryRun: true, pipelineName: 'Dry run pipeline', outcome: 'UPDATED' });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importMavenCrm;
    expect(report).toMatchObject({ status: 'DRY_RUN', runId: null, pipelineId: null });
    // moving every deal to another pipeline would update them all
    expect(report.files.find((f) => f.file === 'SALES_PIPELINE')!.updated).toBe(8800 - 1480);
    expect(await fingerprint()).toBe(before);
  });

  describe('refusals that name what to fix, and write nothing', () => {
    // The refusals come before any deal is read: the first hundred deals are enough, and quick.
    const few = { ...sample, salesPipeline: sample.salesPipeline.split('\n').slice(0, 101).join('\n') + '\n' };
    const refused = async (variables: Record<string, unknown>, extensions: Record<string, unknown>) => {
      const before = await fingerprint();
      const result = await runImport(few, variables);
      expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
      expect(await fingerprint()).toBe(before);
      return result.errors![0];
    };

    it('asks for a pipeline name of 1 to 200 characters (PIPELINE_NAME_REQUIRED, VALUE_TOO_LONG)', async () => {
      await refused({ pipelineName: '   ' }, { code: 'BAD_USER_INPUT', field: 'pipelineName', reason: 'PIPELINE_NAME_REQUIRED' });
      await refused({ pipelineName: 'В'.repeat(201) }, { code: 'BAD_USER_INPUT', field: 'pipelineName', reason: 'VALUE_TOO_LONG', limit: 200 });
    });

    it('refuses a product whose name another product with another external id has (PRODUCT_NAME_TAKEN)', async () => {
      // GTX Basic came from an ERP meanwhile: the same name under an id of its own
      await db.query(`UPDATE product SET external_id = 'erp:1001' WHERE organization_id = $1 AND external_id = 'maven:product:GTX Basic'`, [organizationId]);
      try {
        const error = await refused({}, { code: 'CONFLICT', reason: 'PRODUCT_NAME_TAKEN', params: { name: 'GTX Basic', externalId: 'erp:1001' } });
        expect(error.message).toBe('A product named "GTX Basic" already exists with another external id (erp:1001); rename one of them and import again.');
      } finally {
        await db.query(`UPDATE product SET external_id = 'maven:product:GTX Basic' WHERE organization_id = $1 AND external_id = 'erp:1001'`, [organizationId]);
      }
    });

    it('refuses a pipeline whose stage of the file\'s name is of another kind (PIPELINE_STAGES_MISMATCH)', async () => {
      // a pipeline where "WON" is a step of onboarding, still open
      const [{ id }]: { id: string }[] = await db.query(`INSERT INTO pipeline (organization_id, name, is_default) VALUES ($1, 'Воронка партнёров', false) RETURNING id`, [organizationId]);
      try {
        await db.query(`INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind) VALUES ($1, 1, 'Prospecting', 0.1, 'OPEN'), ($1, 2, 'WON', 0.5, 'OPEN')`, [id]);
        const error = await refused(
          { pipelineName: 'Воронка партнёров' },
          { code: 'BAD_USER_INPUT', field: 'pipelineName', reason: 'PIPELINE_STAGES_MISMATCH', params: { pipeline: 'Воронка партнёров', stage: 'WON', kind: 'OPEN', fileStage: 'Won', fileKind: 'WON' } },
        );
        expect(error.message).toBe('Pipeline "Воронка партнёров" has a stage "WON" of kind OPEN, but the file\'s "Won" deals are WON; choose another pipeline name.');
      } finally {
        await db.query('DELETE FROM pipeline_stage WHERE pipeline_id = $1', [id]);
        await db.query('DELETE FROM pipeline WHERE id = $1', [id]);
      }
    });
  });
});

describe('npm run import (the CLI as a child process, DATABASE_URL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let work: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the backend first (npm run build -w shared && npm run build -w backend)`);
    database = await createTestDatabase('imports_cli');
    work = mkdtempSync(join(tmpdir(), 'sc-import-'));
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await database.drop();
  });

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: join(work, 'data'), INIT_CWD: REPO },
      timeout: 60_000,
    });

  it('imports the sample into a new organization, prints the summary and the time, writes the full report', () => {
    const report = join(work, 'report.csv');
    const run = cli(SAMPLE, '--pipeline', 'Maven CRM', '--organization', 'Maven Analytics', '--report', report);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Organization: "Maven Analytics" (created)');
    expect(run.stdout).toMatch(/sales_pipeline\.csv\s+8800\s+7320\s+0\s+0\s+1480\s+0/);
    expect(run.stdout).toContain('reconciled GTXPro → GTX Pro');
    expect(run.stdout).toContain('reconciled sector technolgy → technology');
    const seconds = Number(/Time: import ([\d.]+) s/.exec(run.stdout)?.[1]);
    expect(seconds).toBeLessThanOrEqual(10);
    const csv = readFileSync(report, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('file,line,external_id,outcome,change,message');
    expect(csv).toHaveLength(1 + 35 + 85 + 7 + 8800);
    expect(csv).toContain('sales_pipeline.csv,3,maven:deal:Z063OYW0,RECONCILED,IMPORTED,reconciled product GTXPro → GTX Pro');

    const again = cli(SAMPLE, '--pipeline', 'Maven CRM');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Organization: "Maven Analytics"\n');
    expect(again.stdout).toMatch(/sales_pipeline\.csv\s+8800\s+0\s+0\s+7320\s+1480\s+0/);
  });

  it('says clearly what is wrong: a missing folder, a missing file, a bad header', async () => {
    const missing = cli(join(work, 'nope'), '--pipeline', 'X');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`Folder ${join(work, 'nope')} does not exist.`);
    const folder = join(work, 'partial');
    spawnSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, 'sales_teams.csv'), 'sales_agent,manager\nA,B\n');
    const noFiles = cli(folder, '--pipeline', 'X');
    expect(noFiles.status).toBe(2);
    expect(noFiles.stderr).toContain('accounts.csv, products.csv, sales_pipeline.csv not found in');
    for (const f of ['accounts.csv', 'products.csv', 'sales_pipeline.csv']) writeFileSync(join(folder, f), readFileSync(join(SAMPLE, f)));
    const badHeader = cli(folder, '--pipeline', 'X', '--organization', 'Never');
    expect(badHeader.status).toBe(1);
    expect(badHeader.stderr).toContain('sales_teams.csv: the header lacks regional_office; expected the columns sales_agent, manager, regional_office');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      // the organization created for the failed run went again: all or nothing
      expect((await client.query(`SELECT name FROM organization ORDER BY name`)).rows).toEqual([{ name: 'Maven Analytics' }]);
    } finally {
      await client.end();
    }
    const noPipeline = cli(SAMPLE);
    expect(noPipeline.status).toBe(2);
    expect(noPipeline.stderr).toContain('Give the pipeline name');
  });
});
