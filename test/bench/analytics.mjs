// Analytics at scale (issue 6 targets): the director dashboard in one GraphQL request (funnel +
// KPI summary + forecast) p95 ≤ 50 ms and ≤ 1.3× the SQL it runs; KPI progress for 1,000 reps
// ≤ 50 ms (KPI metrics from the trigger-kept day rows; the same over the base tables is printed
// beside it). The built server runs as its own process on an embedded PostgreSQL with the demo
// company plus BENCH_SCALE × (1,000 reps, 1M clients, 2M deals with stage history, 2M
// activities, 10M orders), the issue's large scale. Prints a table; nothing is asserted.
// BENCH_DB_DIR=<dir> keeps the generated database there and reuses it on the next run.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { gql, ms, root, startPostgres, startServer, timeIt } from './support.mjs';

const require = createRequire(import.meta.url);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const REPS = Math.max(20, Math.round(1000 * scale));
const DEALS = Math.round(2_000_000 * scale);
const ACTIVITIES = Math.round(2_000_000 * scale);
const ORDERS = Math.round(10_000_000 * scale);





/** What a kept database (BENCH_DB_DIR) already holds, or null when it must be generated. */
async function existing(db) {
  const { rows } = await db.query(`SELECT t.organization_id AS org, t.id AS team, p.id AS pipeline FROM team t JOIN pipeline p ON p.organization_id = t.organization_id AND p.is_default WHERE t.name = 'Bench'`);
  if (rows.length === 0) return null;
  const stages = (await db.query(`SELECT id, position, kind FROM pipeline_stage WHERE pipeline_id = $1 ORDER BY position`, [rows[0].pipeline])).rows;
  const counts = (await db.query(`SELECT (SELECT count(*) FROM deal) AS deals, (SELECT count(*) FROM deal_stage_history) AS history, (SELECT count(*) FROM activity) AS activities, (SELECT count(*) FROM client_order) AS orders`)).rows[0];
  return { ...rows[0], stages, ...counts };
}

/**
 * Order lines for the benchmark's orders that have none (a kept database generated before lines were): one to three of the
 * organization's products per order, the order's total split over them, with the order's organization, client and day as
 * the line trigger would copy them. The line triggers are off (a bulk load) and the product months rebuilt after. A product
 * manager's scope (a product line of three of the ten products) is then ~30% of a month's ~1M lines, as it would be.
 */
async function addOrderLines(db, org) {
  const [{ missing }] = (await db.query(`SELECT NOT EXISTS (SELECT 1 FROM order_line l JOIN client_order o ON o.id = l.order_id JOIN member m ON m.id = o.seller_member_id WHERE m.name LIKE 'Bench rep %') AS missing`)).rows;
  if (!missing) return false;
  await db.query('ALTER TABLE order_line DISABLE TRIGGER USER');
  await db.query(
    `INSERT INTO order_line (order_id, product_id, quantity, amount, organization_id, client_id, ordered_on)
     SELECT o.id, p.ids[1 + (o.h / 3 + i * 3) % array_length(p.ids, 1)], 1 + o.h % 5,
            CASE WHEN i < o.k THEN round(o.total / o.k, 2) ELSE o.total - round(o.total / o.k, 2) * (o.k - 1) END,
            o.organization_id, o.client_id, o.ordered_on
       FROM (SELECT o.id, o.total, o.organization_id, o.client_id, o.ordered_on, hashtext(o.id::text) & 2147483647 AS h, 1 + (hashtext(o.id::text) & 2147483647) % 3 AS k
               FROM client_order o JOIN member m ON m.id = o.seller_member_id WHERE m.name LIKE 'Bench rep %') o
      CROSS JOIN (SELECT array_agg(id ORDER BY name) AS ids FROM product WHERE organization_id = $1) p
      CROSS JOIN LATERAL generate_series(1, o.k) i`,
    [org],
  );
  await db.query('ALTER TABLE order_line ENABLE TRIGGER USER');
  await db.query('SELECT rebuild_product_month()');
  await db.query('SELECT rebuild_product_day()');
  await db.query('SELECT rebuild_product_scope_month($1)', [org]);
  await db.query('VACUUM ANALYZE order_line');
  return true;
}

async function generate(db) {
  // A bulk load: the rollup triggers off, then the rollups rebuilt set-based (as the migration does).
  for (const table of ['deal', 'deal_stage_history', 'activity', 'client_order']) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  const [{ org }] = (await db.query(`SELECT id AS org FROM organization LIMIT 1`)).rows;
  const [{ pipeline }] = (await db.query(`SELECT id AS pipeline FROM pipeline WHERE organization_id = $1 AND is_default`, [org])).rows;
  const stages = (await db.query(`SELECT id, position, kind FROM pipeline_stage WHERE pipeline_id = $1 ORDER BY position`, [pipeline])).rows;
  const [{ team }] = (await db.query(`INSERT INTO team (organization_id, name) VALUES ($1, 'Bench') RETURNING id AS team`, [org])).rows;
  await db.query(
    `INSERT INTO member (organization_id, name, role, stage_role, category, capacity_clients)
     SELECT $1, 'Bench rep ' || g, 'SALES', (ARRAY['PROSPECTOR','HUNTER','FARMER','FARMER','KEY_ACCOUNT'])[1 + g % 5], 1 + g % 3, 500 FROM generate_series(1, $2) g`,
    [org, REPS],
  );
  await db.query(`INSERT INTO team_member (team_id, member_id) SELECT $1, id FROM member WHERE name LIKE 'Bench rep %'`, [team]);
  const reps = `(SELECT array_agg(id ORDER BY name) AS ids FROM member WHERE name LIKE 'Bench rep %')`;
  // Clients spread over the demo's regions (Moscow twice as often), industries, channels and ownership forms, one in
  // twenty VIP: a territory manager's three regions hold a third of them, as a real territory would.
  await db.query(
    `INSERT INTO client (organization_id, name, stage, owner_member_id, annual_potential, category, region, industry, channel, ownership_form, vip)
     SELECT $1, 'Bench client ' || g, 'ACTIVE', r.ids[1 + g % $3], 1000000, 1 + g % 3,
            (ARRAY['Москва','Москва','Приволжье','Северо-Запад','Центр','Юг','Урал','Сибирь','Дальний Восток'])[1 + h % 9],
            (ARRAY['Госсектор','Розница','IT-интеграторы','Логистика','Банки','Образование','Медицина','Телеком','Производство'])[1 + h / 9 % 9],
            (ARRAY['DEALER','DEALER','DEALER','RETAIL_CHAIN','DIRECT','KEY_CLIENT','FRANCHISE','OWN_NETWORK'])[1 + h / 81 % 8],
            (ARRAY['COMMERCIAL','COMMERCIAL','COMMERCIAL','COMMERCIAL','COMMERCIAL','COMMERCIAL','GOVERNMENT','PRIVATE_PERSON'])[1 + h / 648 % 8],
            h / 5184 % 20 = 0
       FROM (SELECT g, hashtext(g::text) & 2147483647 AS h FROM generate_series(1, $2) g) x, ${reps} r`,
    [org, Math.round(DEALS / 2), REPS],
  );
  const clients = `(SELECT array_agg(id) AS ids FROM client WHERE name LIKE 'Bench client %')`;
  // Deals: five in seven open in some stage, the rest won or lost, started over 18 months.
  await db.query(
    `INSERT INTO deal (organization_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, started_on, closed_on, expected_close_on)
     SELECT $1, c.ids[1 + g % array_length(c.ids, 1)], r.ids[1 + g % $4], $2, s.ids[1 + k], 'Bench deal ' || g, 10000 + (g % 97) * 5000,
            current_date - (g % 540), CASE WHEN k >= 5 THEN current_date - (g % 540) + (g % 60) END, CASE WHEN k < 5 THEN current_date - 270 + (g % 540) END
       FROM (SELECT g, (hashtext(g::text) & 2147483647) % 7 AS k FROM generate_series(1, $3) g) x, ${reps} r, ${clients} c,
            (SELECT array_agg(id ORDER BY position) AS ids FROM pipeline_stage WHERE pipeline_id = $2) s`,
    [org, pipeline, DEALS, REPS],
  );
  // Each deal for one of the organization's products (the funnel's product filter), with its client's
  // category and segments (what the triggers of migrations 0020 and 0024 copy to a deal written with the triggers on).
  await db.query(
    `UPDATE deal d SET product_id = p.ids[1 + abs(hashtext(d.id::text)) % array_length(p.ids, 1)], client_category = c.category,
            client_segments = client_funnel_segments(c.vip, c.channel, c.ownership_form, c.region, c.industry)
       FROM (SELECT array_agg(id ORDER BY name) AS ids FROM product WHERE organization_id = $1) p, client c WHERE c.id = d.client_id AND d.title LIKE 'Bench deal %'`,
    [org],
  );
  await db.query(
    `INSERT INTO deal_stage_history (deal_id, stage_id, entered_at)
     SELECT d.id, s.id, d.started_on + s.position FROM deal d JOIN pipeline_stage cur ON cur.id = d.stage_id
       JOIN pipeline_stage s ON s.pipeline_id = d.pipeline_id AND s.kind = 'OPEN' AND (s.position < cur.position OR cur.kind = 'WON' OR (cur.kind = 'LOST' AND s.position <= 2))
      WHERE d.title LIKE 'Bench deal %'`,
  );
  await db.query(
    `INSERT INTO activity (organization_id, kind, owner_member_id, at)
     SELECT $1, CASE WHEN g % 5 = 0 THEN 'MEETING' ELSE 'CALL' END, r.ids[1 + g % $3], now() - (g % 540) * interval '1 day' FROM generate_series(1, $2) g, ${reps} r`,
    [org, ACTIVITIES, REPS],
  );
  await db.query(
    `INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id)
     SELECT $1, c.ids[1 + g % array_length(c.ids, 1)], current_date - (g % 540), 1000 + g % 50000, r.ids[1 + g % $3] FROM generate_series(1, $2) g, ${reps} r, ${clients} c`,
    [org, ORDERS, REPS],
  );
  for (const table of ['deal', 'deal_stage_history', 'activity', 'client_order']) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  const { REBUILD_FUNNEL_ROLLUPS_SQL } = require(join(root, 'backend/dist/modules/analytics/analytics.repository.js'));
  for (const sql of REBUILD_FUNNEL_ROLLUPS_SQL) await db.query(sql);
  // the clients' order aggregates (count, volume, first and last order day, months), as recordOrder keeps them
  // (the row triggers of client and client_month off: the territories' months are rebuilt at the end of it)
  const { REBUILD_ORDER_AGGREGATES_SQL } = require(join(root, 'backend/dist/modules/clients/handoff-sql.js'));
  for (const table of ['client', 'client_month']) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  for (const sql of REBUILD_ORDER_AGGREGATES_SQL) await db.query(sql, [org]);
  for (const table of ['client', 'client_month']) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  await db.query('SELECT rebuild_deal_forecast_month()');
  await db.query('SELECT rebuild_member_kpi_day($1)', [org]);
  await db.query('SELECT rebuild_member_retention_month($1)', [org]);
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query(`SELECT (SELECT count(*) FROM deal) AS deals, (SELECT count(*) FROM deal_stage_history) AS history, (SELECT count(*) FROM activity) AS activities, (SELECT count(*) FROM client_order) AS orders`);
  return { org, pipeline, team, stages, ...rows[0] };
}

// The last whole calendar month: the figures do not depend on how far into this month today is.
const today = new Date().toISOString().slice(0, 10);
const lastMonth = (() => {
  const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
})();
const PERIOD = `{ from: "${lastMonth.from}", to: "${lastMonth.to}" }`;
// Sequential requests per timed figure (BENCH_REQUESTS): over 60 requests a p95 is one of the three or four slowest, and one noisy
// moment of a shared VM moved it by several milliseconds; over 200 it is about the tenth-slowest.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const dashboard = (filter) => `{ funnel(filter: ${filter}) { totalDeals won lost winRate medianDaysToWin wonAmount weightedPipeline stages { name count amount reached conversionToNext } }
  forecast(filter: ${filter}) { closed commit bestCase weightedPipeline categories { category count amount } }
  kpiSummary(filter: ${filter}) { overall { people behind averageScore } teams { team { id name } people onTrack behind averageScore metrics { metric behind } mostBehind { member { id name } score behindOn } } } }`;
const everyonesCards = (filter) => `{ funnel(filter: ${filter}) { totalDeals won lost winRate medianDaysToWin wonAmount weightedPipeline stages { name count amount reached conversionToNext } }
  forecast(filter: ${filter}) { closed commit bestCase weightedPipeline categories { category count amount } }
  kpiProgress(filter: ${filter}) { score member { id } } }`;

async function main() {
  const { url: databaseUrl, stop, reused } = await startPostgres(`analytics-${scale}`, { flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] });
  const server = await startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true', JOBS_ENABLED: 'false' }).catch(async (error) => {
    await stop();
    throw error;
  });
  const { url } = server;
  const db = new pg.Client({ connectionString: databaseUrl });
  const rows = [];
  try {
    await db.connect();
    const t0 = performance.now();
    const kept = reused ? await existing(db) : null;
    const gen = kept ?? (await generate(db));
    const lined = performance.now();
    if (await addOrderLines(db, gen.org)) console.log(`order lines of the benchmark's orders added in ${((performance.now() - lined) / 1000).toFixed(1)} s`);
    console.log(`BENCH_SCALE=${scale}: ${REPS} reps, ${gen.deals} deals, ${gen.history} stage-history rows, ${gen.activities} activities, ${gen.orders} orders ${kept ? 'reused from BENCH_DB_DIR' : `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`}; period ${lastMonth.from} .. ${lastMonth.to}`);
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const token = (await gql(url, null, 'mutation { login(email: "director@demo.local", password: "salescircle") { accessToken } }')).login.accessToken;

    // The dashboard over last month, and every statement it runs (pg_stat_statements: execution and planning time in PostgreSQL,
    // summed per request as if run one after the other, though the server runs some at once). Beside it, the same request with
    // everyone's card in place of the summary (what the director's home asked before the summary, 2026-12-03).
    const measure = async (query, label, target) => {
      for (let i = 0; i < 5; i += 1) await gql(url, token, query);
      await db.query('SELECT pg_stat_statements_reset()');
      const board = await timeIt(REQUESTS, () => gql(url, token, query));
      const statements = (
        await db.query(
          `SELECT calls, total_exec_time + total_plan_time AS total, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q FROM pg_stat_statements
            WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total DESC`,
        )
      ).rows;
      const requests = REQUESTS + Math.min(5, REQUESTS);
      const sqlPerRequest = statements.reduce((n, r) => n + r.total, 0) / requests;
      rows.push({ benchmark: label, ...board, target });
      rows.push({
        benchmark: `the SQL it runs: ${(statements.reduce((n, r) => n + Number(r.calls), 0) / requests).toFixed(1)} statements per request, summed`,
        p50: ms(sqlPerRequest),
        p95: '',
        target: `p50 ≤ 1.3× this: ${(board.p50 / sqlPerRequest).toFixed(2)}×`,
      });
      console.log(`${label}: its statements (per request: calls × mean ms):`);
      for (const r of statements.slice(0, 12)) console.log(`  ${(r.calls / requests).toFixed(2)} × ${ms(r.total / r.calls)} ms  ${r.q}`);
    };
    await measure(dashboard(PERIOD), `director dashboard over ${lastMonth.from.slice(0, 7)}: funnel + forecast + KPI summary per team (one request; the summary as the director's home asks it)`, 'p95 ≤ 50 ms');
    await measure(everyonesCards(PERIOD), 'the same with every card instead of the summary (the home before 2026-12-03)', '—');
    rows.push({ benchmark: 'director dashboard, this month (as the page opens)', ...(await timeIt(20, () => gql(url, token, dashboard('{}')))), target: '—' });

    // KPI progress before the naive figures below: those load large results into this process, whose garbage collection would then land in these timings
    const kpiReps = await timeIt(REQUESTS, () => gql(url, token, `{ kpiProgress(filter: { teamId: "${gen.team}", from: "${lastMonth.from}", to: "${lastMonth.to}" }) { score member { id } lines { metric actual target status } } }`));
    rows.push({ benchmark: `KPI progress of the ${REPS} reps (their team, ${lastMonth.from.slice(0, 7)}, one request)`, ...kpiReps, target: 'p95 ≤ 50 ms (1,000 reps)' });
    const kpi = await timeIt(REQUESTS, () => gql(url, token, `{ kpiProgress(filter: ${PERIOD}) { score member { id } lines { metric actual target status } } }`));
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM member WHERE active AND role <> 'DIRECTOR'`)).rows;
    rows.push({ benchmark: `KPI progress of everyone: ${n} members with the cross roles (one request)`, ...kpi, target: '—' });
    const { AnalyticsRepository } = require(join(root, 'backend/dist/modules/analytics/analytics.repository.js'));
    const names = new Map();
    const direct = {
      query: (sql, params) => db.query(sql, params).then((r) => r.rows),
      // prepared as the server prepares it: planned once on this connection
      prepared: (sql, params) => {
        if (!names.has(sql)) names.set(sql, `bench_${names.size}`);
        return db.query({ name: names.get(sql), text: sql, values: params }).then((r) => r.rows);
      },
      preparedArrays: (sql, params) => {
        if (!names.has(sql)) names.set(sql, `bench_${names.size}`);
        return db.query({ name: names.get(sql), text: sql, values: params, rowMode: 'array' }).then((r) => ({ names: r.fields.map((f) => f.name), rows: r.rows }));
      },
    };
    const repo = new AnalyticsRepository(direct, direct);
    const scope = { organizationId: gen.org, ownerIds: null, from: null, to: null };
    const month = lastMonth;
    const members = (await db.query(`SELECT id FROM member WHERE active AND role <> 'DIRECTOR'`)).rows.map((r) => r.id);
    const naive = await timeIt(1, async () => {
      await repo.funnelStages(gen.pipeline, scope);
      await repo.medianDaysToWin(gen.pipeline, scope);
    });
    rows.push({ benchmark: 'naive funnel over the base tables (deals ∪ stage history, percentile)', ...naive, target: '—' });

    // The funnel page's request (funnel + member performance) per filter: any set of owners (a stage role) with at most a
    // product, a client category (migration 0020), both (migration 0025) or one segment (migration 0024) reads the rollups' slices; a
    // segment with another filter the deals.
    const FUNNEL = '{ totalDeals salesVelocity stages { count reached avgDaysInStage } }';
    const page = (filter) => `{ funnel(filter: ${filter}) ${FUNNEL} memberPerformance(filter: ${filter}) { member { id } won lost winRate wonAmount } }`;
    const product = (await db.query(`SELECT id FROM product WHERE organization_id = $1 ORDER BY name LIMIT 1`, [gen.org])).rows[0].id;
    const quarter = today.slice(0, 4) + '-' + String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0') + '-01';
    for (const [label, filter, runs] of [
      ['funnel page, no filter (rollups)', '{}', 20],
      ['funnel page, one stage role (rollups)', '{ stageRole: FARMER }', 20],
      ['funnel page, one product (rollups, product slice)', `{ productId: "${product}" }`, 20],
      ['funnel page, client category 1 (rollups, category slice)', '{ category: 1 }', 20],
      ['funnel page, a stage role and a category, this quarter (rollups)', `{ stageRole: HUNTER, category: 2, from: "${quarter}" }`, 20],
      ['funnel page, a category and a product (rollups, category × product slice)', `{ category: 1, productId: "${product}" }`, 20],
      ['funnel page, VIP clients (rollups, segment slice)', '{ vip: true }', 20],
      ['funnel page, one region (rollups, segment slice)', '{ region: "Сибирь" }', 20],
      ['funnel page, one channel (rollups, segment slice)', '{ channel: DEALER }', 20],
      ['funnel page, government clients (rollups, segment slice)', '{ ownershipForm: GOVERNMENT }', 20],
      ['funnel page, one industry, a stage role, this quarter (rollups, segment slice)', `{ industry: "Розница", stageRole: HUNTER, from: "${quarter}" }`, 20],
      ['funnel page, VIP clients of one region (the deals ⋈ clients)', '{ vip: true, region: "Сибирь" }', 3],
    ]) {
      rows.push({ benchmark: label, ...(await timeIt(runs, () => gql(url, token, page(filter)))), target: '—' });
    }

    const kpiBase = await timeIt(1, () => repo.metricsForMembersFromBase(gen.org, members, month.from, month.to, 'Europe/Moscow'));
    rows.push({ benchmark: `naive KPI metrics of ${members.length} members over the base tables (activities, orders, deals, ...)`, ...kpiBase, target: '—' });
    console.table(rows);
  } finally {
    await db.end().catch(() => undefined);
    await server.stop();
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
