// npm run bench:load: two built backend processes on one embedded PostgreSQL, autocannon against
// both at once (half the connections each), bounded in time (LOAD_SECONDS per scenario, default
// 15). Scenarios: a rep's "my KPIs" (scorecard of rep@demo.local) and the director dashboard
// (funnel + forecast + kpiProgress in one request). Reports req/s, p50/p99 latency and each
// server's RSS (now and peak, /proc/<pid>/status). The load generator runs on the same cores as
// the servers and PostgreSQL.
// The data: the demo company on a fresh database, seeded by `seed-demo` in its own process
// before the servers start (so neither server's memory holds the seeding); or, with
// LOAD_DB=<label> and BENCH_DB_DIR, a database a benchmark kept, e.g. LOAD_DB=analytics-1 after
// `BENCH_DB_DIR=… BENCH_SCALE=1 node test/bench/analytics.mjs`: the benchmark scale (the demo
// company plus 1,000 reps, 1M clients, 2M deals, 10M orders).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { gql, postgresCpuMs, processCpuMs, root, startPostgres, startServer } from './support.mjs';

const require = createRequire(import.meta.url);
const autocannon = require(join(root, 'node_modules/autocannon'));

const SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 32);
const TARGETS = { repRps: 1500, p99: 100, rssMb: 300 };
// The load generator: wrk (C, one thread per server: little of the two cores) when installed (`apt-get install -y wrk`),
// else autocannon (JavaScript: at ~1,000 req/s it takes a good part of a core from the servers). LOAD_TOOL picks one.
const TOOL = process.env.LOAD_TOOL ?? (hasWrk() ? 'wrk' : 'autocannon');

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version; a missing binary is ENOENT
    return error.code !== 'ENOENT';
  }
}

/** A production server with the jobs on (as deployed), healthy and then ready (migrations applied, jobs running). */
async function startReadyServer(databaseUrl, seed) {
  const server = await startServer({
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    AUTH_TOKEN_SECRET: 'load-benchmark-secret-0123456789abcdef',
    SEED_DEMO: String(seed),
    JOBS_ENABLED: 'true',
  });
  const started = Date.now();
  while (!(await fetch(`${server.url}/readyz`).then((r) => r.ok).catch(() => false))) {
    if (Date.now() - started > 180_000) throw new Error(`${server.url} did not become ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

function cannon(url, token, body) {
  return new Promise((ok, fail) => {
    const instance = autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        connections: CONNECTIONS / 2,
        duration: SECONDS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      },
      (error, result) => (error ? fail(error) : ok(result)),
    );
    instance.on('error', fail);
  });
}

const luaString = (text) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;

/** wrk against one server: a Lua script sets the POST, its headers and body; the latency percentiles come from its summary. */
function wrk(url, token, body) {
  const dir = mkdtempSync(join(tmpdir(), 'sc-wrk-'));
  const script = join(dir, 'post.lua');
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      `wrk.body = ${luaString(body)}`,
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.headers["Authorization"] = ${luaString(`Bearer ${token}`)}`,
      'done = function(summary, latency, requests)',
      '  io.write(string.format("JSON {\\"requests\\":%d,\\"duration\\":%f,\\"non2xx\\":%d,\\"errors\\":%d,\\"timeouts\\":%d,\\"p50\\":%f,\\"p99\\":%f}\\n",',
      '    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,',
      '    latency:percentile(50) / 1000, latency:percentile(99) / 1000))',
      'end',
    ].join('\n'),
  );
  return new Promise((ok, fail) => {
    execFile('wrk', ['-t1', `-c${CONNECTIONS / 2}`, `-d${SECONDS}s`, '--timeout', '10s', '-s', script, `${url}/graphql`], (error, stdout) => {
      if (error) return fail(error);
      const line = stdout.split('\n').find((l) => l.startsWith('JSON '));
      if (!line) return fail(new Error(`wrk said no summary: ${stdout}`));
      const r = JSON.parse(line.slice(5));
      ok({ requests: { total: r.requests }, duration: r.duration, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, latency: { p50: r.p50, p99: r.p99 } });
    });
  });
}

/** CPU seconds used so far: by each server process, by all PostgreSQL processes (exited backends included), and by the whole machine (/proc/stat). */
function cpuSeconds(serverPids) {
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number);
  const busy = all.reduce((a, b) => a + b, 0) - all[3] - all[4]; // minus idle and iowait
  return { servers: serverPids.map((pid) => processCpuMs(pid) / 1000), postgres: postgresCpuMs() / 1000, busy: busy / 100 };
}

/** How many members the database holds (printed with the figures: which scale was measured). */
async function memberCount(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query('SELECT count(*)::int AS n FROM member')).rows[0].n;
  } finally {
    await db.end();
  }
}

async function scenario(name, servers, token, query, variables) {
  // correctness first: the query answers without errors on both servers
  for (const s of servers) await gql(s.url, token, query, variables);
  const body = JSON.stringify({ query, variables });
  const before = cpuSeconds(servers.map((s) => s.pid));
  const results = await Promise.all(servers.map((s) => (TOOL === 'wrk' ? wrk : cannon)(s.url, token, body)));
  const after = cpuSeconds(servers.map((s) => s.pid));
  const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
  const seconds = Math.max(...results.map((r) => r.duration));
  const bad = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  const mem = servers.map((s) => memory(s.pid));
  return {
    scenario: name,
    requests,
    'req/s': Math.round(requests / seconds),
    // per-server percentiles: p50 averaged, p99 the worse of the two
    'p50 ms': Number((results.reduce((sum, r) => sum + r.latency.p50, 0) / results.length).toFixed(1)),
    'p99 ms': Math.max(...results.map((r) => r.latency.p99)),
    'errors/non-2xx': bad,
    'RSS MB (A, B)': mem.map((m) => m.rssMb).join(', '),
    'peak RSS MB (A, B)': mem.map((m) => m.peakMb).join(', '),
    // CPU milliseconds per request: the two servers together, PostgreSQL, everything else (the load generator, the VM)
    'CPU ms/req servers': Number((after.servers.reduce((a, b, i) => a + b - before.servers[i], 0) * 1000 / requests).toFixed(2)),
    'CPU ms/req postgres': Number(((after.postgres - before.postgres) * 1000 / requests).toFixed(2)),
    'CPU ms/req other': Number(((after.busy - before.busy - (after.postgres - before.postgres) - after.servers.reduce((a, b, i) => a + b - before.servers[i], 0)) * 1000 / requests).toFixed(2)),
  };
}

async function main() {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const kept = process.env.LOAD_DB ?? null;
  if (kept && !process.env.BENCH_DB_DIR) throw new Error('LOAD_DB names a database kept in BENCH_DB_DIR: set BENCH_DB_DIR too');
  // LOAD_SOCKET=unix: the servers reach PostgreSQL over a Unix-domain socket instead of loopback TCP
  const unixSocket = process.env.LOAD_SOCKET === 'unix';
  const pgServer = await startPostgres(kept ?? 'load', { sharedBuffers: kept ? '1GB' : '256MB', flags: ['-c', 'max_connections=200'], unixSocket });
  const databaseUrl = unixSocket ? pgServer.socketUrl : pgServer.url;
  const servers = [];
  try {
    if (kept && !pgServer.reused) throw new Error(`LOAD_DB=${kept}: no database kept in ${process.env.BENCH_DB_DIR}/${kept}`);
    // the demo company, seeded (migrations first) by its own process: the servers' memory is what serving takes
    execFileSync(process.execPath, [join(root, 'backend/dist/cli/seed-demo.js')], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, AUTH_TOKEN_SECRET: 'load-benchmark-secret-0123456789abcdef' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    servers.push(await startReadyServer(databaseUrl, false));
    servers.push(await startReadyServer(databaseUrl, false));
    console.log(`data: ${kept ? `kept database ${kept}` : 'the demo company'} (${await memberCount(pgServer.url)} members)`);
    const [a] = servers;
    const login = async (email) => (await gql(a.url, null, 'mutation ($e: String!) { login(email: $e, password: "salescircle") { accessToken } }', { e: email })).login.accessToken;
    const rep = await login('rep@demo.local');
    const director = await login('director@demo.local');
    const memberId = (await gql(a.url, rep, '{ me { member { id } } }')).me.member.id;

    const MY_KPIS = `query MyKpis($member: ID!) { scorecard(memberId: $member) { from to elapsed score targetsSet lines { metric actual target pace attainment status weight } } }`;
    const DASHBOARD = `query DirectorDashboard {
      funnel(filter: {}) { pipelineName totalDeals lost medianDaysToWin stages { count amount conversionToNext } }
      forecast(filter: {}) { closed bestCase categories { category amount count } byMember { member { id name } closed commit bestCase pipeline weighted } }
      kpiProgress(filter: {}) { score member { id name } lines { metric actual target pace status } } }`;

    const rows = [];
    // warm-up: JIT, PostgreSQL caches, pools
    await scenario('warm-up', servers, rep, MY_KPIS, { member: memberId }).catch((e) => {
      throw new Error(`warm-up failed: ${e.message}`);
    });
    rows.push(await scenario("rep: my KPIs (scorecard)", servers, rep, MY_KPIS, { member: memberId }));
    rows.push(await scenario('director dashboard (funnel + forecast + kpiProgress)', servers, director, DASHBOARD, {}));
    // reference: the cost of the stack itself (auth, GraphQL, one indexed lookup)
    rows.push(await scenario('reference: me', servers, rep, 'query Me { me { id name role } }', {}));

    console.log(`bench:load (${TOOL}, PostgreSQL over ${unixSocket ? 'a Unix socket' : 'loopback TCP'}) — 2 servers × ${CONNECTIONS / 2} connections, ${SECONDS} s per scenario, ${cpus().length} cores, load average before start ${load}`);
    console.table(rows);
    const repRow = rows[0];
    const peak = Math.max(...rows.flatMap((r) => r['peak RSS MB (A, B)'].split(', ').map(Number)));
    console.log(
      `targets: rep ≥ ${TARGETS.repRps} req/s: ${repRow['req/s'] >= TARGETS.repRps ? 'met' : 'NOT met'} (${repRow['req/s']}); ` +
        `p99 ≤ ${TARGETS.p99} ms: ${repRow['p99 ms'] <= TARGETS.p99 ? 'met' : 'NOT met'} (${repRow['p99 ms']} ms); ` +
        `peak RSS ≤ ${TARGETS.rssMb} MB: ${peak <= TARGETS.rssMb ? 'met' : 'NOT met'} (${peak} MB)`,
    );
    if (rows.some((r) => r['errors/non-2xx'] > 0)) throw new Error('some requests failed');
  } finally {
    for (const s of servers) await s.stop();
    await pgServer.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
