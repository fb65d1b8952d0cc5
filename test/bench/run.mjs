// npm run bench: starts the built server on a fresh embedded PostgreSQL (or DATABASE_URL)
// and measures GraphQL request latency on loopback. Bounded in count and time.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, startServer } from './support.mjs';

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
  // the server's own embedded PostgreSQL in DATA_DIR (the default start), unless DATABASE_URL is set
  const server = await startServer({ DATA_DIR: join(dataRoot, 'data'), ...(process.env.DATABASE_URL ? {} : { SEED_DEMO: 'true' }) });
  const { url } = server;
  try {
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
    await server.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
