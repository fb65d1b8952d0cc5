// Sprints at scale (issue 5 targets): the board of a 20-process sprint with links and progress
// (p95 ≤ 20 ms), a reminder sweep of 100,000 due reminders (≤ 10 s), and a board change reaching
// another open page (≤ 300 ms). The built server runs as its own process on an embedded
// PostgreSQL with the demo company plus BENCH_SCALE × 2M generated activities. Prints a table.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { gql, ms, percentile, root, startPostgres, startServer } from './support.mjs';

const require = createRequire(import.meta.url);
const { createClient } = require(join(root, 'node_modules/graphql-ws'));
const WebSocket = require(join(root, 'node_modules/ws'));

const scale = Number(process.env.BENCH_SCALE ?? 1);
const ACTIVITIES = Math.round(2_000_000 * scale);
const REMINDERS = 100_000;




const BOARD = `query ($team: ID!) { activeSprint(teamId: $team) { id name startsOn endsOn wip { memberId active limit }
  processes { id title status priority targetKind target progress dueAt overdue blockedReason position version
    owner { id name } clients { id name } deals { id title stageKind } steps { id done } } } }`;

async function main() {
  const { url: databaseUrl, stop } = await startPostgres('sprints');
  const server = await startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true', JOBS_ENABLED: 'false' }).catch(async (error) => {
    await stop();
    throw error;
  });
  const { url } = server;
  const db = new pg.Client({ connectionString: databaseUrl });
  const rows = [];
  try {
    await db.connect();
    const [{ org, team }] = (await db.query(`SELECT organization_id AS org, id AS team FROM team WHERE name = 'Дилерские продажи'`)).rows;

    // Scale: activities of every member over two years (the board's progress walks them by index).
    const t0 = performance.now();
    await db.query(
      `INSERT INTO activity (organization_id, kind, owner_member_id, client_id, at)
       SELECT $1, CASE WHEN g % 5 = 0 THEN 'MEETING' ELSE 'CALL' END, m.ids[1 + g % array_length(m.ids, 1)], NULL, now() - (g % 730) * interval '1 day' - (g % 600) * interval '1 minute'
         FROM generate_series(1, $2) g, (SELECT array_agg(id) AS ids FROM member WHERE organization_id = $1) m`,
      [org, ACTIVITIES],
    );
    await db.query('VACUUM ANALYZE activity');
    const generated = (performance.now() - t0) / 1000;

    const login = await gql(url, null, 'mutation { login(email: "lead@demo.local", password: "salescircle") { accessToken } }');
    const token = login.login.accessToken;

    // 1. The board.
    const board = await gql(url, token, BOARD, { team });
    const processCount = board.activeSprint.processes.length;
    for (let i = 0; i < 20; i += 1) await gql(url, token, BOARD, { team });
    const latencies = [];
    for (let i = 0; i < 300; i += 1) {
      const s = performance.now();
      await gql(url, token, BOARD, { team });
      latencies.push(performance.now() - s);
    }
    latencies.sort((a, b) => a - b);
    rows.push({ benchmark: `board: ${processCount} processes with links, steps and progress (${ACTIVITIES.toLocaleString('en')} activities)`, 'p50 ms': ms(percentile(latencies, 50)), 'p95 ms': ms(percentile(latencies, 95)), target: 'p95 ≤ 20 ms' });

    // 2. A board change reaching another open page (subscription on the same server; the fan-out goes through PostgreSQL NOTIFY either way).
    const client = createClient({ url: url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const waiting = [];
    const dispose = client.subscribe(
      { query: 'subscription ($team: ID!) { boardChanged(teamId: $team) { kind processId } }', variables: { team } },
      { next: () => waiting.shift()?.(), error: (e) => console.error('subscription error', e), complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 500));
    const card = board.activeSprint.processes.find((p) => p.status === 'IN_PROGRESS');
    const live = [];
    for (let i = 0; i < 60; i += 1) {
      const status = i % 2 === 0 ? 'TODO' : 'IN_PROGRESS';
      const s = performance.now();
      const arrived = new Promise((r) => waiting.push(r));
      await gql(url, token, 'mutation ($id: ID!, $s: ProcessStatus!) { moveProcess(id: $id, status: $s) { id } }', { id: card.id, s: status });
      await arrived;
      live.push(performance.now() - s);
    }
    dispose();
    await client.dispose();
    live.sort((a, b) => a - b);
    rows.push({ benchmark: 'board change → event on another open page (mutation sent → event received)', 'p50 ms': ms(percentile(live, 50)), 'p95 ms': ms(percentile(live, 95)), target: '≤ 300 ms' });

    // 3. The reminder sweep: 100,000 due reminders, swept by the server's own service in a separate process.
    const [{ recipients }] = (await db.query(`SELECT array_agg(m.id) AS recipients FROM member m JOIN team_member tm ON tm.member_id = m.id WHERE tm.team_id = $1 AND m.user_id IS NOT NULL`, [team])).rows;
    const [{ processes }] = (await db.query(`SELECT array_agg(id) AS processes FROM sales_process WHERE team_id = $1 AND status <> 'DONE' AND sprint_id IS NOT NULL`, [team])).rows;
    await db.query('DELETE FROM reminder');
    await db.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, every_days, next_at, note)
       SELECT $1, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], ($3::uuid[])[1 + g % array_length($3::uuid[], 1)],
              CASE WHEN g % 3 = 0 THEN 'RECURRING' ELSE 'AT' END, now() - (g % 1440) * interval '1 minute',
              CASE WHEN g % 3 = 0 THEN 1 + g % 7 END, now() - (g % 1440) * interval '1 minute', 'bench'
         FROM generate_series(1, $4) g`,
      [org, processes, recipients, REMINDERS],
    );
    await db.query('VACUUM ANALYZE reminder');
    const { NestFactory } = require(join(root, 'node_modules/@nestjs/core'));
    const { AppModule } = require(join(root, 'backend/dist/app.module.js'));
    const { AppConfig } = require(join(root, 'backend/dist/config/app-config.js'));
    const { RemindersService } = require(join(root, 'backend/dist/modules/sprints/reminders.service.js'));
    const config = new AppConfig({ nodeEnv: 'production', port: 0, host: '127.0.0.1', databaseUrl, databaseReadUrl: null, dataDir: tmpdir(), authTokenSecret: 'x'.repeat(40),
      authTokenTtlSeconds: 3600, embeddedDbPassword: '', logLevel: 'warn', seedDemo: false, trustProxy: false, jobsEnabled: false, frontendDist: tmpdir() });
    const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
    const sweepStart = performance.now();
    const result = await app.get(RemindersService).sweep(new Date());
    const sweepSeconds = (performance.now() - sweepStart) / 1000;
    await app.close();
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'REMINDER'`)).rows;
    rows.push({ benchmark: `reminder sweep: ${result.taken.toLocaleString('en')} due → ${n.toLocaleString('en')} notifications (batches of 5,000)`, 'p50 ms': null, 'p95 ms': null, seconds: Number(sweepSeconds.toFixed(2)), target: '100,000 in ≤ 10 s' });

    console.log(`BENCH_SCALE=${scale}: ${ACTIVITIES.toLocaleString('en')} activities generated in ${generated.toFixed(1)} s`);
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
