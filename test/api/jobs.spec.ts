import { Client } from 'pg';
import { FORECAST_SNAPSHOT, HANDOFF_SWEEP, JobsService, REMINDER_SWEEP } from '../../backend/src/modules/jobs/jobs.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('scheduled jobs on pg-boss', () => {
  let a: TestApp;
  let b: TestApp;
  let db: Client;

  beforeAll(async () => {
    a = await startTestApp('jobs', { config: { jobsEnabled: true } });
    // a second server on the same database, as in a multi-server deployment
    b = await startTestApp('jobs_b', { seedDemo: false, config: { jobsEnabled: true, databaseUrl: a.databaseUrl } });
    db = new Client({ connectionString: a.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await b?.close();
    await a?.close();
  });

  it('schedules the nightly handoff sweep once, and a queued sweep runs exactly once across two servers', async () => {
    const schedules = await db.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule');
    expect(schedules.rows).toEqual(
      expect.arrayContaining([
        { name: HANDOFF_SWEEP, cron: '0 3 * * *' },
        { name: REMINDER_SWEEP, cron: '* * * * *' },
        { name: FORECAST_SNAPSHOT, cron: '0 6 * * 1' },
      ]),
    );
    expect(schedules.rows).toHaveLength(3);

    const pending = await a.gql<{ previewHandoffs: { totalCount: number } }>('{ previewHandoffs { totalCount } }', {}, { token: await a.login('director@demo.local') });
    expect(pending.data!.previewHandoffs.totalCount).toBeGreaterThan(0);

    await a.app.get(JobsService).runNow(HANDOFF_SWEEP);
    const deadline = Date.now() + 30_000;
    let done = 0;
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'", [HANDOFF_SWEEP]);
      done = rows[0].n;
      if (done > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(done).toBe(1);
    const batches = await db.query<{ n: number; moved: number }>(
      "SELECT count(*)::int AS n, (SELECT count(*)::int FROM assignment_record WHERE kind = 'HANDOFF') AS moved FROM handoff_batch WHERE kind = 'SWEEP'",
    );
    expect(batches.rows[0].n).toBe(1);
    expect(batches.rows[0].moved).toBe(pending.data!.previewHandoffs.totalCount);
    // one step per sweep: what is left are clients that just moved and now qualify for the next stage
    const after = await a.gql<{ previewHandoffs: { items: { fromStage: string; client: { id: string } }[] } }>(
      '{ previewHandoffs { items { fromStage client { id } } } }',
      {},
      { token: await a.login('director@demo.local') },
    );
    const movedNow = await db.query<{ client_id: string; to_stage: string }>("SELECT client_id, to_stage FROM assignment_record WHERE kind = 'HANDOFF'");
    const movedTo = new Map(movedNow.rows.map((r) => [r.client_id, r.to_stage]));
    expect(after.data!.previewHandoffs.items.every((i) => movedTo.get(i.client.id) === i.fromStage)).toBe(true);
  });
});
