// npm run bench: starts the built server on a fresh embedded PostgreSQL (or DATABASE_URL)
// and measures GraphQL request latency on loopback. Bounded in count and time.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

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

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name, url, body, token, { requests = 3000, concurrency = 8, maxSeconds = 30 } = {}) {
  const latencies = [];
  const deadline = Date.now() + maxSeconds * 1000;
  let sent = 0;
  const began = performance.now();
  async function worker() {
    while (sent < requests && Date.now() < deadline) {
      sent += 1;
      const t0 = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const json = await response.json();
      if (json.errors) throw new Error(`${name}: ${JSON.stringify(json.errors)}`);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const row = {
    benchmark: name,
    requests: latencies.length,
    'req/s': Math.round(latencies.length / seconds),
    'p50 ms': +percentile(latencies, 50).toFixed(2),
    'p95 ms': +percentile(latencies, 95).toFixed(2),
    'p99 ms': +percentile(latencies, 99).toFixed(2),
  };
  return row;
}

async function main() {
  const dataRoot = mkdtempSync(join(tmpdir(), 'sc-bench-'));
  chmodSync(dataRoot, 0o755);
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), DATA_DIR: join(dataRoot, 'data') };
  if (!process.env.DATABASE_URL) env.SEED_DEMO = 'true';
  const server = spawn(process.execPath, [join(root, 'backend/dist/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  try {
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() - started > 60_000) throw new Error('server did not become healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "director@demo.local", password: "salescircle") { accessToken } }' }),
    }).then((r) => r.json());
    const token = login.data.login.accessToken;
    const rows = [];
    rows.push(await measure('me (auth + 1 row)', `${url}/graphql`, JSON.stringify({ query: '{ me { id name role } }' }), token));
    rows.push(
      await measure(
        'home dashboard (teams + members + composition)',
        `${url}/graphql`,
        JSON.stringify({ query: '{ teams { id name lead { name } coach { name } members { id name role stageRole } } teamComposition { key count } }' }),
        token,
      ),
    );
    console.table(rows);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
