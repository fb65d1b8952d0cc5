import { Client } from 'pg';
import { coacheesProgress, DEFAULT_COACHING_CRITERIA, scorecardLine, type CoachingReview } from '@salescircle/shared';
import { startTestApp, type TestApp } from '../support/test-app';

const CARD = 'query ($m: ID!) { scorecard(memberId: $m) { from to lines { metric actual target weight pace status } } }';
const RECORD = 'mutation ($i: RecordCoachingSessionInput!) { recordCoachingSession(input: $i) }';

interface Card {
  from: string;
  to: string;
  lines: { metric: string; actual: number; target: number; weight: number; pace: number; status: string }[];
}

/** The coach's second default KPI on a real scorecard: their coachees' review scores, latest in the period against the one before. */
describe("coachees' progress", () => {
  let t: TestApp;
  let db: Client;
  let coach: string;
  let coachId: string;
  /** The coach's period, where the second test records reviews. */
  let coachPeriod: { from: string; to: string };

  beforeAll(async () => {
    t = await startTestApp('coachees-progress');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    coach = await t.login('coach@demo.local');
    coachId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'coach@demo.local'`)).rows[0].id;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const memberId = async (email: string) => (await db.query<{ id: string }>('SELECT id FROM member WHERE email = $1', [email])).rows[0].id;
  const card = async (id: string, token = coach) => {
    const r = await t.gql<{ scorecard: Card }>(CARD, { m: id }, { token });
    expect(r.errors).toBeUndefined();
    return r.data!.scorecard;
  };
  const progressLine = (c: Card) => c.lines.find((l) => l.metric === 'COACHEES_PROGRESS');
  const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  /** Every criterion of the default template scored the same: the review's total is that score. */
  const record = async (token: string, coacheeId: string, heldOn: string, score: number | null) => {
    const scores = score === null ? [] : DEFAULT_COACHING_CRITERIA.map((c) => ({ criterion: c.name, score }));
    const r = await t.gql<{ recordCoachingSession: string }>(RECORD, { i: { coacheeId, heldOn, scores } }, { token });
    expect(r.errors).toBeUndefined();
    return r.data!.recordCoachingSession;
  };
  /** The coach's reviews as stored, for the rule in shared. */
  const reviews = async (): Promise<CoachingReview[]> =>
    (await db.query<CoachingReview>(
      `SELECT id, coach_member_id AS "coachMemberId", coachee_member_id AS "coacheeMemberId", held_on::text AS "heldOn", created_at AS "recordedAt", score::float8 AS score
         FROM coaching_session WHERE coach_member_id = $1`,
      [coachId],
    )).rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() }));

  it("is on the coach's scorecard by default beside the sessions held, as a rate, from the demo reviews", async () => {
    const c = await card(coachId);
    expect(c.lines.map((l) => l.metric)).toEqual(['COACHING_SESSIONS', 'COACHEES_PROGRESS']);
    const line = progressLine(c)!;
    expect(line).toMatchObject({ target: 0.3, pace: 0.3, weight: 0.4 });
    // the demo: Иван Петров reviewed 20 days ago (2.75) and 6 days ago (3.75); everyone else once
    const demo = (await db.query<{ heldOn: string; score: number }>(
      `SELECT held_on::text AS "heldOn", score::float8 AS score FROM coaching_session WHERE coach_member_id = $1 AND coachee_member_id = $2 ORDER BY held_on`,
      [coachId, await memberId('rep@demo.local')],
    )).rows;
    expect(demo.map((r) => r.score)).toEqual([2.75, 3.75]);
    const expected = demo[1].heldOn >= c.from && demo[1].heldOn <= c.to ? 1 : 0;
    expect(line.actual).toBe(expected);
    expect(line.actual).toBe(coacheesProgress(coachId, await reviews(), c.from, c.to));
  });

  it("averages each coachee's latest review in the period against the one before, leaving out first reviews, unscored ones, later ones and other reviewers'", async () => {
    const period = await card(coachId);
    const ids: string[] = [];
    for (const email of ['rep@demo.local', 'rep2@demo.local', 'rep3@demo.local', 'vip1@demo.local', 'rep5@demo.local']) ids.push(await memberId(email));
    const [rep, a, b, first, other] = ids;
    const lead = await t.login('lead@demo.local');
    const { from, to } = period;
    coachPeriod = { from, to };
    // a: 2 on the first day, 4 the day after (+2); a 1 after the period and an unscored review change nothing
    await record(coach, a, from, 2);
    await record(coach, a, dayAfter(from, 1), 4);
    await record(coach, a, dayAfter(from, 1), null);
    // (the API records held sessions only: a review dated after the period is written straight to the table)
    await db.query('UPDATE coaching_session SET held_on = $2 WHERE id = $1', [await record(coach, a, from, 1), dayAfter(to, 1)]);
    // b: 1 long before, 5 on the first day, 4 the day after: -1 against the 5, the 1 is not compared
    await record(coach, b, dayAfter(from, -40), 1);
    await record(coach, b, from, 5);
    await record(coach, b, dayAfter(from, 1), 4);
    // a first review has nothing to compare with; the lead's reviews are the lead's
    await record(coach, first, dayAfter(from, 1), 5);
    await record(lead, other, from, 1);
    await record(lead, other, dayAfter(from, 1), 5);

    const c = await card(coachId);
    expect([c.from, c.to]).toEqual([from, to]);
    // the demo rep: +1 when the review of 6 days ago is in the period (and the one of 20 days ago before it)
    const repLatest = (await db.query<{ heldOn: string }>(`SELECT max(held_on)::text AS "heldOn" FROM coaching_session WHERE coach_member_id = $1 AND coachee_member_id = $2 AND held_on <= $3`, [coachId, rep, to])).rows[0].heldOn;
    const changes = [2, -1, ...(repLatest >= from ? [1] : [])];
    const expected = Math.round((changes.reduce((s, x) => s + x, 0) / changes.length) * 10_000) / 10_000;
    const line = progressLine(c)!;
    expect(line.actual).toBe(expected);
    expect(line.actual).toBe(coacheesProgress(coachId, await reviews(), from, to));
    expect(expected).toBeGreaterThan(0.4);
    expect(line.status).toBe(scorecardLine('COACHEES_PROGRESS', 0.3, expected, 0.4, 0.5).status);
    // the director sees the same card; a lead's card has no such line (read only for the plans that have it)
    const director = await t.login('director@demo.local');
    expect(progressLine(await card(coachId, director))!.actual).toBe(expected);
    expect(progressLine(await card(await memberId('lead@demo.local'), director))).toBeUndefined();
  });

  it('can be a target of anyone who coaches: the lead who reviews counts the same way', async () => {
    const director = await t.login('director@demo.local');
    const leadId = await memberId('lead@demo.local');
    const period = await card(leadId, director);
    const set = await t.gql(
      'mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }',
      { i: { memberId: leadId, from: period.from, to: period.to, targets: [{ metric: 'REVENUE', target: 1_000_000, weight: 0.5 }, { metric: 'COACHEES_PROGRESS', target: 0.5, weight: 0.5 }] } },
      { token: director },
    );
    expect(set.errors).toBeUndefined();
    const c = await card(leadId, director);
    const line = progressLine(c)!;
    expect(line).toMatchObject({ target: 0.5, pace: 0.5 });
    const leadReviews = (await db.query<CoachingReview>(
      `SELECT id, coach_member_id AS "coachMemberId", coachee_member_id AS "coacheeMemberId", held_on::text AS "heldOn", created_at AS "recordedAt", score::float8 AS score
         FROM coaching_session WHERE coach_member_id = $1`,
      [leadId],
    )).rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() }));
    // the lead's two reviews of Наталья Васильева in the test before: 1, then 5 the day after the coach's period began
    const latest = dayAfter(coachPeriod.from, 1);
    expect(line.actual).toBe(latest >= c.from && latest <= c.to ? 4 : 0);
    expect(line.actual).toBe(coacheesProgress(leadId, leadReviews, c.from, c.to));
  });
});
