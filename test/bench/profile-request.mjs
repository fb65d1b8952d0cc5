// Where a request spends its time: the board by default, any query with PROFILE_QUERY (variables $team, $member) as PROFILE_USER;
// every statement the server runs per request (pg_stat_statements) and the CPU of the server and of PostgreSQL per request.
// On the demo company by default; PROFILE_DB=<label> with BENCH_DB_DIR runs on a database a benchmark kept (e.g. analytics-1
// after `BENCH_DB_DIR=… BENCH_SCALE=1 node test/bench/analytics.mjs`). PROFILE_CPU=<dir> writes a V8 CPU profile there.
// `node test/bench/profile-request.mjs` after a backend build.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { gql, ms, postgresCpuMs, startPostgres, startServer } from './support.mjs';

const BOARD = `query ($team: ID!) { activeSprint(teamId: $team) { id name startsOn endsOn wip { memberId active limit }
  processes { id title status priority targetKind target progress dueAt overdue blockedReason position version
    owner { id name } clients { id name } deals { id title stageKind } steps { id done } } } }`;
const QUERY = process.env.PROFILE_QUERY ?? BOARD;
const N = Number(process.env.PROFILE_REQUESTS ?? 200);

const { url: databaseUrl, stop } = await startPostgres(process.env.PROFILE_DB ?? 'profile', { sharedBuffers: process.env.PROFILE_DB ? '1GB' : '256MB', flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'pg_stat_statements.track_planning=on'] });
const server = await startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true', JOBS_ENABLED: 'false', }, { nodeArgs: [...(process.env.PROFILE_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(process.env.PROFILE_CPU ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_CPU}`] : [])] });
const db = new pg.Client({ connectionString: databaseUrl });
try {
  await db.connect();
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const [{ team }] = (await db.query(`SELECT id AS team FROM team WHERE name = 'Дилерские продажи'`)).rows;
  const [{ member }] = (await db.query(`SELECT m.id AS member FROM member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1`, [process.env.PROFILE_USER ?? 'lead@demo.local'])).rows;
  const activities = Number(process.env.PROFILE_ACTIVITIES ?? 0);
  if (activities > 0) {
    await db.query(
      `INSERT INTO activity (organization_id, kind, owner_member_id, client_id, at)
       SELECT t.organization_id, CASE WHEN g % 5 = 0 THEN 'MEETING' ELSE 'CALL' END, m.ids[1 + g % array_length(m.ids, 1)], NULL, now() - (g % 730) * interval '1 day' - (g % 600) * interval '1 minute'
         FROM generate_series(1, $2) g, team t, (SELECT array_agg(id) AS ids FROM member) m WHERE t.id = $1`,
      [team, activities],
    );
    await db.query('VACUUM ANALYZE activity');
  }
  const token = (await gql(server.url, null, `mutation { login(email: "${process.env.PROFILE_USER ?? 'lead@demo.local'}", password: "salescircle") { accessToken } }`)).login.accessToken;
  for (let i = 0; i < 30; i += 1) await gql(server.url, token, QUERY, { team, member });
  await db.query('SELECT pg_stat_statements_reset()');
  const times = () => readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map((t) => Number(t) * 10);
  const cpu = () => times().reduce((a, b) => a + b, 0);
  const sys = () => times()[1];
  const pgCpu = postgresCpuMs;
  const cpu0 = cpu();
  const sys0 = sys();
  const pg0 = pgCpu();
  const s = performance.now();
  for (let i = 0; i < N; i += 1) await gql(server.url, token, QUERY, { team, member });
  const wall = (performance.now() - s) / N;
  const serverCpu = (cpu() - cpu0) / N;
  const serverSys = (sys() - sys0) / N;
  const databaseCpu = (pgCpu() - pg0) / N;
  const { rows } = await db.query(
    `SELECT calls, rows, total_exec_time AS total, total_plan_time AS plan, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements
      WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC`,
  );
  console.log(`${process.env.PROFILE_QUERY ? 'query' : 'board'}: ${ms(wall)} ms per request (wall, sequential); CPU per request: server ${ms(serverCpu)} ms (kernel ${ms(serverSys)}), PostgreSQL ${ms(databaseCpu)} ms`);
  let sum = 0;
  let plan = 0;
  let calls = 0;
  for (const r of rows) {
    sum += r.total / N;
    plan += r.plan / N;
    calls += r.calls / N;
    console.log(`${(r.calls / N).toFixed(2).padStart(6)} × ${ms(r.total / r.calls).toString().padStart(6)} ms (plan ${ms(r.plan / r.calls)}) ${String(Math.round(r.rows / r.calls)).padStart(6)} rows  ${r.q}`);
  }
  console.log(`statements per request ${calls.toFixed(2)}, database time ${ms(sum)} ms executing, ${ms(plan)} ms planning`);
} finally {
  await db.end();
  await server.stop();
  await stop();
}
