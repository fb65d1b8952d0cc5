import { previousPeriod } from '@salescircle/shared';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';

const CARD = 'query ($m: ID!) { scorecard(memberId: $m) { from to lines { metric actual target } } }';

interface Card {
  from: string;
  to: string;
  lines: { metric: string; actual: number; target: number }[];
}

/** Portfolio growth, retention and pipeline coverage on real scorecards, against SQL written here. */
describe('portfolio, retention and coverage KPIs', () => {
  let t: TestApp;
  let db: Client;
  let director: string;

  beforeAll(async () => {
    t = await startTestApp('portfolio-kpis');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    director = await t.login('director@demo.local');
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const card = async (memberId: string) => {
    const r = await t.gql<{ scorecard: Card }>(CARD, { m: memberId }, { token: director });
    expect(r.errors).toBeUndefined();
    return r.data!.scorecard;
  };
  const line = (c: Card, metric: string) => c.lines.find((l) => l.metric === metric)!;

  it("gives every farmer growth against the period just before and the share of last period's clients who bought again", async () => {
    const farmers = (await db.query<{ id: string }>(`SELECT id FROM member WHERE stage_role = 'FARMER' AND active ORDER BY name`)).rows.map((r) => r.id);
    expect(farmers.length).toBeGreaterThan(2);
    let seen = 0;
    let checked = 0;
    for (const id of farmers) {
      const c = await card(id);
      // a farmer whose lead set targets has those lines instead of the defaults
      if (!c.lines.some((l) => l.metric === 'PORTFOLIO_GROWTH')) continue;
      checked += 1;
      // the period before: as many days just before, or the months before when the period is whole months
      // (a card of December compares with November's 30 days, not with the 31 days before December 1)
      const before = previousPeriod(c.from, c.to);
      const [{ now, then }] = (await db.query<{ now: string; then: string }>(
        `SELECT coalesce(sum(total) FILTER (WHERE ordered_on BETWEEN $2 AND $3), 0) AS now, coalesce(sum(total) FILTER (WHERE ordered_on BETWEEN $4 AND $5), 0) AS then
           FROM client_order WHERE seller_member_id = $1`,
        [id, c.from, c.to, before.from, before.to],
      )).rows;
      const growth = Number(then) > 0 ? (Number(now) - Number(then)) / Number(then) : Number(now) > 0 ? 1 : 0;
      expect([id, line(c, 'PORTFOLIO_GROWTH').actual]).toEqual([id, Math.round(growth * 10_000) / 10_000]);
      const [{ previous, kept }] = (await db.query<{ previous: number; kept: number }>(
        `WITH b AS (SELECT DISTINCT client_id FROM client_order WHERE seller_member_id = $1 AND ordered_on BETWEEN $2 AND $3)
         SELECT count(*)::int AS previous, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_order o WHERE o.client_id = b.client_id AND o.ordered_on BETWEEN $4 AND $5))::int AS kept FROM b`,
        [id, before.from, before.to, c.from, c.to],
      )).rows;
      expect([id, line(c, 'RETENTION').actual]).toEqual([id, previous ? Math.round((kept / previous) * 10_000) / 10_000 : 0]);
      if (Number(then) > 0 || previous > 0) seen += 1;
    }
    expect(checked).toBeGreaterThan(1);
    expect(seen).toBeGreaterThan(0);
  });

  it("measures a lead's pipeline coverage: open deals expected to close in the period against the revenue still to make", async () => {
    const [{ id }] = (await db.query<{ id: string }>(`SELECT m.id FROM member m JOIN app_user u ON u.id = m.user_id WHERE u.email = 'lead@demo.local'`)).rows;
    const stage = (await db.query<{ id: string }>(`SELECT s.id FROM pipeline_stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.is_default AND s.kind = 'OPEN' ORDER BY s.position LIMIT 1`)).rows[0].id;
    // a revenue target well above what the lead sold, so there is revenue left to cover
    const period = await card(id);
    const set = await t.gql(
      'mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }',
      { i: { memberId: id, from: period.from, to: period.to, targets: [{ metric: 'REVENUE', target: 1_000_000_000, weight: 0.5 }, { metric: 'PIPELINE_COVERAGE', target: 3, weight: 0.5 }] } },
      { token: director },
    );
    expect(set.errors).toBeUndefined();
    const before = await card(id);
    // an open deal of the lead expected to close inside the period moves the figure
    await db.query(
      `INSERT INTO deal (organization_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, started_on, expected_close_on)
       SELECT m.organization_id, (SELECT id FROM client WHERE organization_id = m.organization_id LIMIT 1), m.id, s.pipeline_id, s.id, 'Покрытие плана', 7000000, $3::date, $3::date
         FROM member m, pipeline_stage s WHERE m.id = $1 AND s.id = $2`,
      [id, stage, before.to],
    );
    const c = await card(id);
    const [{ open }] = (await db.query<{ open: string }>(
      `SELECT coalesce(sum(d.amount), 0) AS open FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = $1 AND d.closed_on IS NULL AND d.expected_close_on BETWEEN $2 AND $3`,
      [id, c.from, c.to],
    )).rows;
    const revenue = line(c, 'REVENUE');
    const remaining = revenue.target - revenue.actual;
    const expected = remaining <= 0 ? 99 : Math.round((Number(open) / remaining) * 100) / 100;
    expect(line(c, 'PIPELINE_COVERAGE').actual).toBe(expected);
    expect(remaining).toBeGreaterThan(0);
    expect(line(c, 'PIPELINE_COVERAGE').actual).toBeGreaterThan(line(before, 'PIPELINE_COVERAGE').actual);
  });
});
