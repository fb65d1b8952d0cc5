// The client base at scale: BENCH_SCALE=1 is 1,000 reps, 1M clients, 10M orders, 2M deals (the
// issue's large organization); smaller scales for a quick look. Runs against the built backend on a
// fresh embedded PostgreSQL (or BENCH_DATABASE_URL; with BENCH_DB_DIR the generated database is kept
// and a later run at the same scale reuses it). Prints a table; nothing is asserted.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ms, percentile, root, startPostgres as startEmbeddedPostgres } from './support.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');

const scale = Number(process.env.BENCH_SCALE ?? 1);
const REPS = Math.max(20, Math.round(1000 * scale));
const CLIENTS = Math.round(1_000_000 * scale);
const ORDERS_PER_CLIENT = 10;
const DEALS_PER_CLIENT = 2;

/** BENCH_DATABASE_URL when given, else a throwaway embedded PostgreSQL. */
async function startPostgres() {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => {}, reused: false };
  return startEmbeddedPostgres(`client-base-${scale}`);
}

async function generate(db, orgId) {
  const t0 = performance.now();
  await db.query(`INSERT INTO organization (id, name) VALUES ($1, 'Bench')`, [orgId]);
  await db.query(`
    INSERT INTO member (organization_id, name, role, stage_role, category, capacity_clients)
    SELECT $1, 'Rep ' || g, 'SALES',
           (ARRAY['PROSPECTOR','HUNTER','FARMER','FARMER','FARMER','KEY_ACCOUNT'])[1 + g % 6],
           1 + g % 3, 2000
      FROM generate_series(1, $2) g`, [orgId, REPS]);
  await db.query(`INSERT INTO member (organization_id, name, role) VALUES ($1, 'Director', 'DIRECTOR')`, [orgId]);
  const regions = ['Москва', 'Центр', 'Северо-Запад', 'Юг', 'Приволжье', 'Урал', 'Сибирь', 'Дальний Восток'];
  await db.query(`
    INSERT INTO client (organization_id, name, region, industry, ownership_form, channel, vip, annual_potential, category, stage, owner_member_id)
    SELECT $1, 'Client ' || lpad(g::text, 7, '0'), ($3::text[])[1 + g % 8], 'Industry ' || (g % 12),
           CASE WHEN g % 7 = 0 THEN 'GOVERNMENT' ELSE 'COMMERCIAL' END, 'DEALER', g % 50 = 0,
           round((random() * 40000000)::numeric, 2), 1 + g % 3,
           (ARRAY['LEAD','PROSPECT','ACTIVE','ACTIVE','REGULAR','REGULAR','STRATEGIC','DORMANT'])[1 + g % 8],
           reps.ids[1 + g % $4]
      FROM generate_series(1, $2) g,
           (SELECT array_agg(id ORDER BY name) AS ids FROM member WHERE organization_id = $1 AND role = 'SALES') reps`, [orgId, CLIENTS, regions, REPS]);
  const tClients = performance.now();
  await db.query('DROP INDEX client_order_client_idx, client_order_date_idx');
  // a bulk load: the KPI day triggers off, the day rows rebuilt set-based after (as the migration does)
  await db.query('ALTER TABLE client_order DISABLE TRIGGER USER');
  await db.query(`
    INSERT INTO client_order (organization_id, client_id, ordered_on, total)
    SELECT $1, c.id, current_date - (random() * 540)::int, round((random() * 300000)::numeric, 2)
      FROM client c CROSS JOIN generate_series(1, $2) k
     WHERE c.organization_id = $1 AND (c.stage <> 'LEAD') AND k <= CASE c.stage WHEN 'PROSPECT' THEN 1 + (hashtext(c.id::text) & 1) ELSE $2 END`,
    [orgId, ORDERS_PER_CLIENT + 2]);
  await db.query('CREATE INDEX client_order_client_idx ON client_order (client_id, ordered_on)');
  await db.query('CREATE INDEX client_order_date_idx ON client_order (organization_id, ordered_on)');
  // the monthly rollup and the per-client order aggregates, as recording each order keeps them (the row triggers of
  // client and client_month off: the territories' months are rebuilt at the end of it)
  const { REBUILD_ORDER_AGGREGATES_SQL } = require(join(root, 'backend/dist/modules/clients/handoff-sql.js'));
  for (const table of ['client', 'client_month']) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  for (const sql of REBUILD_ORDER_AGGREGATES_SQL) await db.query(sql, [orgId]);
  for (const table of ['client', 'client_month']) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  await db.query('ALTER TABLE client_order ENABLE TRIGGER USER');
  const [{ id: pipelineId }] = (await db.query(`INSERT INTO pipeline (organization_id, name, is_default) VALUES ($1, 'Sales', true) RETURNING id`, [orgId])).rows;
  await db.query(`
    INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind)
    VALUES ($1, 1, 'Qualified', 0.1, 'OPEN'), ($1, 2, 'Proposal', 0.3, 'OPEN'), ($1, 3, 'Negotiation', 0.6, 'OPEN'), ($1, 4, 'Won', 1, 'WON'), ($1, 5, 'Lost', 0, 'LOST')`,
  [pipelineId]);
  const stageIds = (await db.query('SELECT id FROM pipeline_stage WHERE pipeline_id = $1 ORDER BY position', [pipelineId])).rows.map((r) => r.id);
  // deals too are a bulk load: their row triggers (each deal upserting the same few rollup rows in
  // one transaction) would make the load quadratic; the rollups are rebuilt set-based after
  await db.query('ALTER TABLE deal DISABLE TRIGGER USER');
  await db.query(`
    INSERT INTO deal (organization_id, client_id, client_category, client_segments, owner_member_id, pipeline_id, stage_id, title, amount, started_on)
    SELECT $1, c.id, c.category, client_funnel_segments(c.vip, c.channel, c.ownership_form, c.region, c.industry), c.owner_member_id, $2, ($3::uuid[])[1 + (hashtext(c.id::text || k) & 2147483647) % 5], 'Deal ' || k,
           round((random() * 2000000)::numeric, 2), current_date - (random() * 540)::int
      FROM client c CROSS JOIN generate_series(1, $4) k WHERE c.organization_id = $1`,
  [orgId, pipelineId, stageIds, DEALS_PER_CLIENT]);
  await db.query('ALTER TABLE deal ENABLE TRIGGER USER');
  const { REBUILD_FUNNEL_ROLLUPS_SQL } = require(join(root, 'backend/dist/modules/analytics/analytics.repository.js'));
  for (const sql of REBUILD_FUNNEL_ROLLUPS_SQL) await db.query(sql);
  await db.query('SELECT rebuild_deal_forecast_month()');
  await db.query('SELECT rebuild_member_kpi_day($1)', [orgId]);
  await db.query('SELECT rebuild_member_retention_month($1)', [orgId]);
  // a bulk load is followed by autovacuum on a live system (insert thresholds): vacuum now, so the visibility map is as it would be
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query('SELECT (SELECT count(*) FROM client) AS clients, (SELECT count(*) FROM client_order) AS orders, (SELECT count(*) FROM deal) AS deals');
  return { seconds: (performance.now() - t0) / 1000, clientSeconds: (tClients - t0) / 1000, ...rows[0] };
}

async function main() {
  const { url, stop, reused } = await startPostgres();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { createDataSource, migrateWithLock } = require(join(root, 'backend/dist/database/data-source.js'));
  const ds = createDataSource(url, { poolSize: 4 });
  await ds.initialize();
  await migrateWithLock(ds);
  await ds.destroy();
  const orgId = '00000000-0000-4000-8000-0000000000aa';
  // a database kept by an earlier run (BENCH_DB_DIR) is timed again as it is: every write below is rolled back
  const kept = reused && (await db.query('SELECT 1 FROM organization WHERE id = $1', [orgId])).rowCount > 0;
  if (kept) {
    const { rows: [n] } = await db.query('SELECT (SELECT count(*) FROM client) AS clients, (SELECT count(*) FROM client_order) AS orders, (SELECT count(*) FROM deal) AS deals');
    console.log(`BENCH_SCALE=${scale}: ${n.clients} clients, ${n.orders} orders and ${n.deals} deals for ${REPS} reps, reused from BENCH_DB_DIR`);
    await db.query('VACUUM ANALYZE'); // the rolled-back writes of the last run, as autovacuum would have cleaned them
  } else {
    const gen = await generate(db, orgId);
    console.log(`BENCH_SCALE=${scale}: generated ${gen.clients} clients, ${gen.orders} orders and ${gen.deals} deals for ${REPS} reps in ${gen.seconds.toFixed(1)} s`);
  }

  const { NestFactory } = require(join(root, 'node_modules/@nestjs/core'));
  const { AppModule } = require(join(root, 'backend/dist/app.module.js'));
  const { AppConfig } = require(join(root, 'backend/dist/config/app-config.js'));
  const { RoutingService } = require(join(root, 'backend/dist/modules/clients/routing.service.js'));
  const { HandoffService } = require(join(root, 'backend/dist/modules/clients/handoff.service.js'));
  const { ClientsService } = require(join(root, 'backend/dist/modules/clients/clients.service.js'));
  const { ClientsRepository } = require(join(root, 'backend/dist/modules/clients/clients.repository.js'));
  const { DataSource } = require(join(root, 'node_modules/typeorm'));
  const config = new AppConfig({ nodeEnv: 'production', port: 0, host: '127.0.0.1', databaseUrl: url, databaseReadUrl: null, dataDir: tmpdir(), authTokenSecret: 'x'.repeat(40),
    authTokenTtlSeconds: 3600, embeddedDbPassword: '', logLevel: 'warn', seedDemo: false, trustProxy: false, jobsEnabled: false, frontendDist: tmpdir() });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
  const routing = app.get(RoutingService);
  const handoffs = app.get(HandoffService);
  const clientsService = app.get(ClientsService);
  const repo = app.get(ClientsRepository);
  const rows = [];
  // each figure is also printed as soon as it is measured (a run that fails later still reports it)
  const record = (row) => {
    rows.push(row);
    console.error(`${row.benchmark}: ${[row.p50 !== '' ? `p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms` : '', row.note].filter(Boolean).join('; ')}`);
  };

  // rules: one pool of hunters/farmers per region and stage
  const members = (await db.query("SELECT id, stage_role FROM member WHERE role = 'SALES'")).rows;
  const regions = ['Москва', 'Центр', 'Северо-Запад', 'Юг', 'Приволжье', 'Урал', 'Сибирь', 'Дальний Восток'];
  if (!kept) {
    let position = 1;
    for (const [i, region] of regions.entries()) {
      const pool = members.filter((_, k) => k % 8 === i).map((m) => m.id);
      await db.query(`INSERT INTO routing_rule (organization_id, position, name, conditions, target_kind, pool_member_ids, strategy) VALUES ($1, $2, $3, $4, 'POOL', $5, 'LEAST_LOADED')`,
        [orgId, position++, `Region ${region}`, JSON.stringify({ regions: [region] }), pool]);
    }
    await db.query(`INSERT INTO handoff_rule (organization_id, position, name, from_stage, to_stage, combinator, criteria) VALUES
       ($1, 1, 'second order', 'PROSPECT', 'ACTIVE', 'ANY', '[{"kind":"ORDER_COUNT","min":2},{"kind":"VOLUME","min":1000000}]'),
       ($1, 2, 'steady', 'ACTIVE', 'REGULAR', 'ALL', '[{"kind":"MIN_MONTHLY","min":150000,"months":3}]'),
       ($1, 3, 'size', 'REGULAR', 'STRATEGIC', 'ANY', '[{"kind":"POTENTIAL","min":39000000},{"kind":"VOLUME","min":2900000,"windowDays":365}]')`, [orgId]);
  }

  // routing one new client, and bulk routing
  let t0 = performance.now();
  const session = await routing.session(orgId, new Date(), true);
  const sessionMs = performance.now() - t0;
  const sample = await repo.routingClients((await db.query('SELECT id FROM client ORDER BY id LIMIT 20000')).rows.map((r) => r.id));
  const single = [];
  for (const client of sample.slice(0, 2000)) {
    const s = performance.now();
    routing.decide(session, client, null, false);
    single.push(performance.now() - s);
  }
  single.sort((a, b) => a - b);
  record({ benchmark: 'route one new client (in memory, session loaded)', p50: ms(percentile(single, 50)), p95: ms(percentile(single, 95)), p99: ms(percentile(single, 99)), note: `session load ${ms(sessionMs)} ms` });
  t0 = performance.now();
  for (const client of sample) routing.decide(session, client, null, true);
  const bulkSeconds = (performance.now() - t0) / 1000;
  record({ benchmark: 'bulk routing', p50: '', p95: '', p99: '', note: `${Math.round(sample.length / bulkSeconds)} clients/s` });

  // filtered clients page: as the clients page asks for it (the total counted up to 10,000, shown
  // as "10 000+" beyond), and with the exact total (the API's default)
  const viewer = { userId: null, organizationId: orgId, role: 'DIRECTOR', memberId: null, locale: 'ru' };
  for (const [label, countLimit] of [
    ['filtered clients page (50 rows + total up to 10,000, as the page asks)', 10_000],
    ['filtered clients page (50 rows + exact total)', null],
  ]) {
    const pages = [];
    for (let i = 0; i < 100; i += 1) {
      const s = performance.now();
      await clientsService.page(viewer, { regions: [regions[i % 8]], stages: ['ACTIVE', 'REGULAR'], categories: [1 + (i % 3)] }, 50, null, countLimit);
      pages.push(performance.now() - s);
    }
    pages.sort((a, b) => a - b);
    record({ benchmark: label, p50: ms(percentile(pages, 50)), p95: ms(percentile(pages, 95)), p99: ms(percentile(pages, 99)), note: 'region, 2 stages, category' });
  }
  // more shapes for reference (no target): a rep's own clients, and the director's whole list (every client counted, or up to 10,000)
  for (const [label, viewerOf, filterOf, countLimit] of [
    ["a rep's clients page (50 rows + exact total)", (i) => ({ ...viewer, role: 'SALES', memberId: members[i % members.length].id }), () => ({}), null],
    ['unfiltered clients page (50 rows + exact total of every client)', () => viewer, () => ({}), null],
    ['unfiltered clients page (50 rows + total up to 10,000, as the page asks)', () => viewer, () => ({}), 10_000],
  ]) {
    const times = [];
    for (let i = 0; i < 40; i += 1) {
      const s = performance.now();
      await clientsService.page(viewerOf(i), filterOf(i), 50, null, countLimit);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    record({ benchmark: label, p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), p99: ms(percentile(times, 99)), note: 'reference' });
  }

  // handoff. First the hand-written statements (rolled back): rule 1 alone over the raw orders
  // (the earlier reference), then all three rules in one statement over the same aggregates the
  // product reads: stage change, hunter of record, version and an audit row with the criterion
  // values, owners kept (a single statement cannot run the routing rules with their reasons).
  // Orders are never dated after today (recordOrder refuses them), which this version relies on.
  const handRule1 = `
    WITH facts AS (
      SELECT c.id, c.owner_member_id, count(o.id) AS n, coalesce(sum(o.total), 0) AS v
        FROM client c LEFT JOIN client_order o ON o.client_id = c.id AND o.ordered_on <= current_date
       WHERE c.organization_id = $1 AND c.stage = 'PROSPECT' GROUP BY c.id),
    moved AS (
      UPDATE client c SET stage = 'ACTIVE', hunter_member_id = coalesce(c.hunter_member_id, c.owner_member_id), version = c.version + 1
        FROM facts f WHERE c.id = f.id AND (f.n >= 2 OR f.v >= 1000000) RETURNING c.id, c.owner_member_id)
    INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage, rule_name)
    SELECT $1, id, 'HANDOFF', owner_member_id, owner_member_id, 'PROSPECT', 'ACTIVE', 'second order' FROM moved`;
  const handAll = `
    WITH steady AS (
      SELECT m.client_id, min(m.total) AS smallest FROM client_month m
       WHERE m.month >= (date_trunc('month', current_date) - interval '3 month')::date AND m.month < date_trunc('month', current_date)::date
         AND m.total >= 150000
       GROUP BY m.client_id HAVING count(*) = 3),
    firing AS (
      SELECT c.id, c.stage, c.owner_member_id, r.id AS rule_id, r.name AS rule_name, r.to_stage,
             CASE c.stage
               WHEN 'PROSPECT' THEN jsonb_build_object('orders', c.order_count, 'volume', c.order_volume)
               WHEN 'ACTIVE' THEN jsonb_build_object('minMonthly3m', s.smallest)
               ELSE jsonb_build_object('potential', c.annual_potential, 'volume365d', y.volume) END AS criteria
        FROM client c
        JOIN handoff_rule r ON r.organization_id = c.organization_id AND r.from_stage = c.stage AND r.active
        LEFT JOIN steady s ON c.stage = 'ACTIVE' AND s.client_id = c.id
        LEFT JOIN LATERAL (SELECT coalesce(sum(o.total), 0) AS volume FROM client_order o
                            WHERE c.stage = 'REGULAR' AND (c.annual_potential >= 39000000 OR (c.order_volume >= 2900000 AND c.last_order_on > current_date - 365))
                              AND o.client_id = c.id AND o.ordered_on > current_date - 365) y ON true
       WHERE c.organization_id = $1
         AND ((c.stage = 'PROSPECT' AND (c.order_count >= 2 OR c.order_volume >= 1000000))
           OR (c.stage = 'ACTIVE' AND s.client_id IS NOT NULL)
           OR (c.stage = 'REGULAR' AND (c.annual_potential >= 39000000
                                        OR y.volume >= 2900000)))),
    moved AS (
      UPDATE client c SET stage = f.to_stage, stage_changed_at = now(),
             hunter_member_id = CASE WHEN c.stage = 'PROSPECT' THEN coalesce(c.hunter_member_id, c.owner_member_id) ELSE c.hunter_member_id END,
             version = c.version + 1, updated_at = now()
        FROM firing f WHERE c.id = f.id RETURNING c.id)
    INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage, rule_id, rule_name, criteria)
    SELECT $1, f.id, 'HANDOFF', f.owner_member_id, f.owner_member_id, f.stage, f.to_stage, f.rule_id, f.rule_name, f.criteria
      FROM firing f JOIN moved USING (id)`;
  const rolledBack = async (sql) => {
    const s = performance.now();
    await db.query('BEGIN');
    const result = await db.query(sql, [orgId]);
    await db.query('ROLLBACK');
    return { seconds: (performance.now() - s) / 1000, moved: result.rowCount };
  };
  const rule1 = await rolledBack(handRule1);
  record({ benchmark: 'hand-written SQL, rule 1 only, over the raw orders', p50: '', p95: '', p99: '', note: `${rule1.seconds.toFixed(2)} s, ${rule1.moved} clients` });
  await rolledBack(handAll); // warm-up, as the sweep below runs on a warm cache too
  const hand = await rolledBack(handAll);
  record({ benchmark: 'hand-written single SQL, all rules, audit rows (rolled back)', p50: '', p95: '', p99: '', note: `${hand.seconds.toFixed(2)} s, ${hand.moved} clients` });
  // the sweep as the nightly job runs it (compute, route, write the moves and audit rows), in a
  // transaction rolled back afterwards like the hand-written statements (the rollback is not timed)
  const runner = app.get(DataSource).createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  t0 = performance.now();
  const report = await handoffs.sweep(orgId, undefined, undefined, runner.manager);
  const sweepSeconds = (performance.now() - t0) / 1000;
  await runner.rollbackTransaction();
  await runner.release();
  record({ benchmark: 'handoff sweep, all rules, re-routing and audit rows', p50: '', p95: '', p99: '', note: `${sweepSeconds.toFixed(2)} s, ${report.applied} clients moved` });
  record({ benchmark: 'sweep / hand-written (all rules)', p50: '', p95: '', p99: '', note: `${(sweepSeconds / hand.seconds).toFixed(2)}×` });
  console.table(rows);
  await app.close();
  await db.end();
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
