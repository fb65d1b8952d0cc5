import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import WebSocket from 'ws';
import { knownMigrationNames } from '../../backend/src/database/data-source';
import { HANDOFF_SWEEP, REMINDER_SWEEP } from '../../backend/src/modules/jobs/jobs.service';
import { createEmptyDatabase } from '../support/database';
import { freePort, startServer, tempDataRoot, waitForHealthy, type ServerProcess } from '../support/server-process';

// Two real server processes (`node backend/dist/main.js`) on one fresh PostgreSQL database.

const REMINDERS = 150_000;
const BATCH = 5_000; // RemindersService.sweep's batch size

async function gql<T>(server: ServerProcess, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function login(server: ServerProcess, email: string): Promise<string> {
  const data = await gql<{ login: { accessToken: string } }>(server, 'mutation ($e: String!) { login(email: $e, password: "salescircle") { accessToken } }', { e: email });
  return data.login.accessToken;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 120_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A counter of /metrics (served to loopback) summed over the samples with the given label. */
async function counter(server: ServerProcess, name: string, label: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** The pid (among `pids`) of the process holding the TCP connection whose local port is `clientPort` (Linux /proc). */
function processOfConnection(clientPort: number, pids: number[]): number | null {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(':')[1], 16);
      if (localPort === clientPort) inodes.add(cols[9]);
    }
  }
  for (const pid of pids) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

describe('scale-out: two server processes on one PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: ServerProcess;
  let b: ServerProcess;
  let db: Client;
  let boss: PgBoss;
  const dataRoot = tempDataRoot('scaleout');
  const secret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    database = await createEmptyDatabase('scaleout');
    const common = { DATABASE_URL: database.url, AUTH_TOKEN_SECRET: secret, JOBS_ENABLED: 'true', LOG_LEVEL: 'info' };
    const [portA, portB] = [await freePort(), await freePort()];
    // both at once, on an empty database: they race for the migration lock
    a = startServer({ ...common, SEED_DEMO: 'true', DATA_DIR: join(dataRoot, 'a') }, portA);
    b = startServer({ ...common, SEED_DEMO: 'false', DATA_DIR: join(dataRoot, 'b') }, portB);
    await Promise.all([waitForHealthy(a, 180_000), waitForHealthy(b, 180_000)]);
    db = new Client({ connectionString: database.url });
    await db.connect();
    // a pg-boss client of the test's own, only to queue jobs (no maintenance, no schedules)
    boss = new PgBoss({ connectionString: database.url, schema: 'pgboss', supervise: false, schedule: false, migrate: false, max: 2 });
    boss.on('error', () => undefined);
    await boss.start();
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await db?.end().catch(() => undefined);
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await database?.drop();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('applies the migrations exactly once when both start at once, and both become healthy and ready', async () => {
    const { rows } = await db.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name ORDER BY name');
    expect(rows.map((r) => r.name).sort()).toEqual([...knownMigrationNames()].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // exactly one of the two logged that it applied them; the other waited on the advisory lock and found nothing to do
    const appliedBy = [a, b].filter((s) => s.output().includes('Applied migrations'));
    expect(appliedBy).toHaveLength(1);
    for (const server of [a, b]) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { jobs: { state: 'running' }, migrations: { pending: [] } } });
    }
  });

  it('is stateless: a token issued by A works on B, a tampered one is refused by B', async () => {
    const token = await login(a, 'lead@demo.local');
    const me = await gql<{ me: { email: string } }>(b, '{ me { email } }', {}, token);
    expect(me.me.email).toBe('lead@demo.local');
    // a garbage token is refused by B all the same (no server-side session to fall back on)
    await expect(gql(b, '{ me { email } }', {}, token.slice(0, -2) + 'xx')).rejects.toThrow(/UNAUTHENTICATED|sign in/i);
  });

  it('delivers a board change made through A to a subscription open on B', async () => {
    const token = await login(a, 'lead@demo.local');
    const { rows } = await db.query<{ team: string; card: string }>(
      `SELECT s.team_id AS team, p.id AS card FROM sprint s JOIN sales_process p ON p.sprint_id = s.id
        JOIN team t ON t.id = s.team_id JOIN member m ON m.id = t.lead_id JOIN app_user u ON u.id = m.user_id
       WHERE s.status = 'ACTIVE' AND p.status = 'TODO' AND p.approval = 'APPROVED' AND u.email = 'lead@demo.local' LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const { team, card } = rows[0];
    const client: WsClient = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    try {
      const received = new Promise<{ kind: string; processId: string; status: string }>((resolve, reject) => {
        client.subscribe<{ boardChanged: { kind: string; processId: string; status: string } }>(
          { query: 'subscription ($team: ID!) { boardChanged(teamId: $team) { kind processId status } }', variables: { team } },
          { next: (v) => (v.errors ? reject(new Error(JSON.stringify(v.errors))) : resolve(v.data!.boardChanged)), error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))), complete: () => undefined },
        );
      });
      // the subscription is registered once B LISTENs for it; graphql-ws sends no acknowledgement, so move the card until the event arrives
      let event: { kind: string; processId: string; status: string } | null = null;
      void received.then((e) => (event = e));
      const statuses = ['IN_PROGRESS', 'TODO'];
      for (let i = 0; !event && i < 40; i += 1) {
        await gql(a, 'mutation ($id: ID!, $s: ProcessStatus!) { moveProcess(id: $id, status: $s) { id } }', { id: card, s: statuses[i % 2] }, token);
        await Promise.race([received, new Promise((r) => setTimeout(r, 500))]);
      }
      const got = await received;
      expect(got).toMatchObject({ kind: 'MOVED', processId: card });
      expect(statuses).toContain(got.status);
    } finally {
      await client.dispose();
    }
  });

  it('runs a queued handoff sweep exactly once across the two servers', async () => {
    const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM handoff_batch WHERE kind = 'SWEEP'");
    const completedBefore = (await counter(a, 'jobs_completed_total', `job="${HANDOFF_SWEEP}"`)) + (await counter(b, 'jobs_completed_total', `job="${HANDOFF_SWEEP}"`));
    const jobId = await boss.send(HANDOFF_SWEEP, {});
    expect(jobId).toBeTruthy();
    await until('the sweep job to complete', async () => {
      const { rows } = await db.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [jobId]);
      return rows[0]?.state === 'completed';
    });
    const organizations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organization');
    const after = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM handoff_batch WHERE kind = 'SWEEP'");
    expect(after.rows[0].n - before.rows[0].n).toBe(organizations.rows[0].n);
    // one worker in all ran it: the two servers' job counters add up to one more completion
    const completedAfter = (await counter(a, 'jobs_completed_total', `job="${HANDOFF_SWEEP}"`)) + (await counter(b, 'jobs_completed_total', `job="${HANDOFF_SWEEP}"`));
    expect(completedAfter - completedBefore).toBe(1);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND id = $2`, [HANDOFF_SWEEP, jobId]);
    expect(rows[0].n).toBe(1);
  });

  it('a server killed with SIGKILL mid-sweep leaves only whole batches, and the other server finishes the work', async () => {
    // 150,000 due one-off reminders (30 batches) on open processes, to people who sign in
    await db.query('DELETE FROM notification');
    await db.query('DELETE FROM reminder');
    const { rows: orgRows } = await db.query<{ org: string; processes: string[]; recipients: string[] }>(
      `SELECT p.organization_id AS org, array_agg(DISTINCT p.id) AS processes,
              (SELECT array_agg(m.id) FROM member m WHERE m.organization_id = p.organization_id AND m.user_id IS NOT NULL) AS recipients
         FROM sales_process p WHERE p.status <> 'DONE' GROUP BY p.organization_id LIMIT 1`,
    );
    const { org, processes, recipients } = orgRows[0];
    await db.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, next_at, note)
       SELECT $1, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], ($3::uuid[])[1 + g % array_length($3::uuid[], 1)],
              'AT', now() - (g % 1440) * interval '1 minute', now() - (g % 1440) * interval '1 minute', 'scale-out'
         FROM generate_series(1, $4) g`,
      [org, processes, recipients, REMINDERS],
    );
    await db.query('VACUUM ANALYZE reminder');

    const fired = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reminder WHERE last_fired_at IS NOT NULL')).rows[0].n;
    await boss.send(REMINDER_SWEEP, {});

    // wait until a sweep has committed at least one batch and is running its next statement; find the server running it
    const servers = [a, b];
    const victim = await until(
      'a sweep in progress',
      async () => {
        if ((await fired()) < BATCH) return null;
        const { rows } = await db.query<{ port: number }>(
          `SELECT client_port AS port FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%FOR UPDATE OF r SKIP LOCKED%' AND pid <> pg_backend_pid()`,
        );
        for (const row of rows) {
          const pid = processOfConnection(row.port, servers.map((s) => s.child.pid!));
          if (pid !== null) return servers.find((s) => s.child.pid === pid)!;
        }
        return null;
      },
      180_000,
      20,
    );
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivor = victim === a ? b : a;
    const firedAtKill = await fired();
    expect(firedAtKill).toBeGreaterThanOrEqual(BATCH);
    expect(firedAtKill).toBeLessThan(REMINDERS); // the kill came mid-sweep

    // no half-applied batch: every batch transaction (one created_at = its start) wrote exactly BATCH notifications,
    // and a reminder is marked fired exactly when its notification exists
    const consistent = async () => {
      const groups = await db.query<{ size: number }>(`SELECT count(*)::int AS size FROM notification WHERE kind = 'REMINDER' GROUP BY created_at`);
      const mismatched = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reminder r
          WHERE (r.last_fired_at IS NOT NULL) <> EXISTS (SELECT 1 FROM notification n WHERE n.reminder_id = r.id)
             OR (r.last_fired_at IS NOT NULL) <> (r.next_at IS NULL)`,
      );
      return { sizes: groups.rows.map((g) => g.size), mismatched: mismatched.rows[0].n };
    };
    const atKill = await consistent();
    expect(atKill.mismatched).toBe(0);
    expect(atKill.sizes.length).toBeGreaterThanOrEqual(1);
    expect(atKill.sizes.every((size) => size === BATCH)).toBe(true);

    // the survivor finishes: its scheduled sweep (every minute), or a sweep queued now, whichever comes first
    await boss.send(REMINDER_SWEEP, {});
    await until('every reminder to have fired', async () => (await fired()) === REMINDERS, 240_000, 500);
    const done = await consistent();
    expect(done.mismatched).toBe(0);
    const totals = await db.query<{ n: number; reminders: number }>(`SELECT count(*)::int AS n, count(DISTINCT reminder_id)::int AS reminders FROM notification WHERE kind = 'REMINDER'`);
    expect(totals.rows[0]).toEqual({ n: REMINDERS, reminders: REMINDERS });
    expect(done.sizes.reduce((s, x) => s + x, 0)).toBe(REMINDERS);
    expect((await fetch(`${survivor.url}/readyz`)).status).toBe(200);
  });
});
