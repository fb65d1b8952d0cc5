import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { Client } from 'pg';
import { knownMigrationNames } from '../../backend/src/database/data-source';
import { JobsService, REMINDER_SWEEP } from '../../backend/src/modules/jobs/jobs.service';
import { startTestApp, type TestApp } from '../support/test-app';

interface Ready {
  status: string;
  failed: string[];
  checks: Record<string, { ok: boolean; state?: string; pending?: string[]; applied?: number; error?: string }>;
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

async function metricsText(t: TestApp, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${t.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, matching the metric name and every given label (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('operations: /healthz, /readyz, /metrics', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp('ops', { config: { jobsEnabled: true } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('is ready when the database answers, every migration is applied and the jobs run', async () => {
    const { status, body } = await getJson<Ready>(`${t.url}/readyz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.failed).toEqual([]);
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations).toMatchObject({ ok: true, pending: [], applied: knownMigrationNames().length });
    expect(knownMigrationNames().length).toBeGreaterThanOrEqual(8);
    expect(body.checks.jobs).toMatchObject({ ok: true, state: 'running' });
    expect(body.checks.replica).toBeUndefined();
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('answers 503 naming the migration that is not applied', async () => {
    const last = knownMigrationNames().at(-1)!;
    const { rows } = await db.query<{ id: number; timestamp: string; name: string }>('DELETE FROM schema_migration WHERE name = $1 RETURNING id, timestamp, name', [last]);
    expect(rows).toHaveLength(1);
    try {
      const { status, body } = await getJson<Ready>(`${t.url}/readyz`);
      expect(status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.failed).toEqual(['migrations']);
      expect(body.checks.migrations.pending).toEqual([last]);
      // alive all the same: a load balancer keeps the process, it just sends it no traffic
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    } finally {
      await db.query('INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)', [rows[0].id, rows[0].timestamp, rows[0].name]);
    }
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it('answers 503 naming the database while PostgreSQL refuses it, and recovers by itself', async () => {
    const admin = new Client({ connectionString: process.env.SC_TEST_ADMIN_URL });
    await admin.connect();
    const name = new URL(t.databaseUrl).pathname.slice(1);
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'salescircle'`, [name]);
      const down = await until('readyz to fail on the database', async () => {
        const r = await getJson<Ready>(`${t.url}/readyz`);
        return r.status === 503 && r.body.failed.includes('database') ? r : null;
      });
      expect(down.body.checks.database.ok).toBe(false);
      expect(down.body.failed).toEqual(expect.arrayContaining(['database', 'migrations']));
      expect((await fetch(`${t.url}/healthz`)).status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await until('readyz to recover', async () => (await fetch(`${t.url}/readyz`)).status === 200);
    // the test's own connection was not touched (other application_name)
    await db.query('SELECT 1');
  });

  it('serves Prometheus metrics on loopback: HTTP and GraphQL durations, DB pool, process, jobs', async () => {
    const director = await t.login('director@demo.local');
    const result = await t.gql('query OpsDirectorDashboard { funnel(filter: {}) { stages { name } } }', {}, { token: director });
    expect(result.errors).toBeUndefined();
    const bad = await t.gql('mutation OpsBadLogin { login(email: "nobody@demo.local", password: "x") { accessToken } }');
    expect(bad.errors).toBeDefined();
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    const text = await metricsText(t);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'OpsDirectorDashboard', type: 'query', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'OpsBadLogin', type: 'mutation', outcome: 'error' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { method: 'POST', route: '/graphql', status: '200', le: '+Inf' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'db_pool_connections_total', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'db_pool_connections_idle', { pool: 'primary' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'db_pool_requests_waiting', { pool: 'primary' })).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts jobs that complete and jobs that fail', async () => {
    const jobs = t.app.get(JobsService);
    const completed = async () => sample(await metricsText(t), 'jobs_completed_total', { job: REMINDER_SWEEP }) ?? 0;
    const failed = async () => sample(await metricsText(t), 'jobs_failed_total', { job: REMINDER_SWEEP }) ?? 0;
    const before = await completed();
    await jobs.runNow(REMINDER_SWEEP);
    await until('a completed reminder sweep', async () => (await completed()) > before);

    const failedBefore = await failed();
    await db.query('ALTER TABLE reminder RENAME TO reminder_away');
    try {
      await jobs.runNow(REMINDER_SWEEP);
      await until('a failed reminder sweep', async () => (await failed()) > failedBefore);
    } finally {
      await db.query('ALTER TABLE reminder_away RENAME TO reminder');
    }
    const text = await metricsText(t);
    expect(sample(text, 'job_duration_seconds_count', { job: REMINDER_SWEEP, outcome: 'failed' })).toBeGreaterThanOrEqual(1);
  });

  it('reports the jobs as not ready once the workers stop', async () => {
    await t.app.get(JobsService).beforeApplicationShutdown();
    const { status, body } = await getJson<Ready>(`${t.url}/readyz`);
    expect(status).toBe(503);
    expect(body.failed).toEqual(['jobs']);
    expect(body.checks.jobs.state).toBe('stopped');
  });

  it('refuses /metrics from a non-loopback address when METRICS_TOKEN is unset', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!external) {
      console.warn('no non-loopback IPv4 interface here: the non-loopback refusal is not exercised');
      return;
    }
    // the same application, also listening on the machine's external address
    const server: Server = createServer(t.app.getHttpAdapter().getInstance());
    await new Promise<void>((r) => server.listen(0, external, r));
    try {
      const port = (server.address() as { port: number }).port;
      const response = await fetch(`http://${external}:${port}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(response.status).toBe(403);
      expect((await fetch(`http://${external}:${port}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'metrics-token-0123456789abcdef';
  beforeAll(async () => {
    t = await startTestApp('ops_token', { seedDemo: false, config: { metricsToken: token } });
  });
  afterAll(async () => t?.close());

  it('requires the bearer token, even on loopback', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    const text = await metricsText(t, { authorization: `Bearer ${token}` });
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});

describe('DATABASE_READ_URL: a replica pool beside the primary', () => {
  let db: Client;

  it('starts with DATABASE_READ_URL on the same database, checks the replica and keeps writes on the primary', async () => {
    const primary = await startTestApp('ops_replica');
    const replicated = await startTestApp('ops_replica_b', { seedDemo: false, config: { databaseUrl: primary.databaseUrl, databaseReadUrl: primary.databaseUrl, authTokenSecret: primary.config.authTokenSecret } });
    db = new Client({ connectionString: primary.databaseUrl });
    await db.connect();
    try {
      const { status, body } = await getJson<Ready>(`${replicated.url}/readyz`);
      expect(status).toBe(200);
      expect(body.checks.replica).toMatchObject({ ok: true });
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'salescircle-replica'`);
      expect(rows[0].n).toBeGreaterThanOrEqual(1);
      const text = await metricsText(replicated);
      expect(sample(text, 'db_pool_connections_total', { pool: 'replica' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'db_pool_connections_total', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
      // writes and read-your-writes work through the replicated server (they stay on the primary)
      const director = await replicated.login('director@demo.local');
      const kpis = await replicated.gql<{ funnel: { stages: unknown[] } }>('{ funnel(filter: {}) { stages { name } } }', {}, { token: director });
      expect(kpis.errors).toBeUndefined();
      expect(kpis.data!.funnel.stages.length).toBeGreaterThan(0);
    } finally {
      await db.end();
      await replicated.close();
      await primary.close();
    }
  });
});
