import { previousPeriod } from '@salescircle/shared';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';

interface Line {
  metric: string;
  target: number;
  actual: number;
  weight: number;
  pace: number;
  attainment: number;
  status: string;
}

interface Card {
  from: string;
  to: string;
  sprintId: string | null;
  elapsed: number;
  score: number;
  targetsSet: boolean;
  lines: Line[];
}

interface TeamCard extends Card {
  team: { id: string; name: string };
  members: (Card & { member: { id: string; name: string } })[];
}

const LINE = 'metric target actual weight pace attainment status';
const CARD = `from to sprintId elapsed score targetsSet lines { ${LINE} }`;
const TEAM_CARD = `query ($t: ID!, $s: ID) { teamScorecard(teamId: $t, sprintId: $s) { team { id name } ${CARD} members { member { id name } ${CARD} } } }`;
const SET = 'mutation ($i: SetTeamKpiTargetsInput!) { setTeamKpiTargets(input: $i) }';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** The team scorecard on the demo company, against figures summed here from the base tables. */
describe('team KPIs', () => {
  let t: TestApp;
  let db: Client;
  let director: string;
  let lead: string;
  let teamId: string;
  let reps: string[];
  let timezone: string;

  beforeAll(async () => {
    t = await startTestApp('team-kpis');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    director = await t.login('director@demo.local');
    lead = await t.login('lead@demo.local');
    teamId = (await db.query<{ id: string }>(`SELECT t.id FROM team t JOIN member m ON m.id = t.lead_id WHERE m.email = 'lead@demo.local'`)).rows[0].id;
    reps = (await db.query<{ id: string }>(
      `SELECT m.id FROM team_member tm JOIN member m ON m.id = tm.member_id WHERE tm.team_id = $1 AND m.role = 'SALES' AND m.active ORDER BY m.name, m.id`,
      [teamId],
    )).rows.map((r) => r.id);
    timezone = (await db.query<{ timezone: string }>(`SELECT o.timezone FROM organization o JOIN team t ON t.organization_id = o.id WHERE t.id = $1`, [teamId])).rows[0].timezone;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const teamCard = async (token: string, sprintId: string | null = null) => {
    const r = await t.gql<{ teamScorecard: TeamCard }>(TEAM_CARD, { t: teamId, s: sprintId }, { token });
    expect(r.errors).toBeUndefined();
    return r.data!.teamScorecard;
  };

  /** The team's figures over a period, from the activities, orders and deals themselves: sums, and rates from their sums. */
  async function expected(from: string, to: string, revenueTarget: number): Promise<Record<string, number>> {
    const one = async (sql: string, params: unknown[]) => Number(Object.values((await db.query(sql, params)).rows[0])[0] ?? 0);
    const span = [reps, from, to, timezone];
    const inPeriod = `a.at >= ($2::date)::timestamp AT TIME ZONE $4 AND a.at < ($3::date + 1)::timestamp AT TIME ZONE $4`;
    const calls = await one(`SELECT count(*) FROM activity a WHERE a.owner_member_id = ANY($1) AND a.kind = 'CALL' AND ${inPeriod}`, span);
    const meetings = await one(`SELECT count(*) FROM activity a WHERE a.owner_member_id = ANY($1) AND a.kind = 'MEETING' AND ${inPeriod}`, span);
    const revenueOf = (a: string, b: string) => one('SELECT coalesce(sum(total), 0) FROM client_order WHERE seller_member_id = ANY($1) AND ordered_on BETWEEN $2 AND $3', [reps, a, b]);
    const revenue = await revenueOf(from, to);
    const firstOrders = await one(
      `SELECT count(*) FROM client_order o WHERE o.seller_member_id = ANY($1) AND o.ordered_on BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM client_order e WHERE e.client_id = o.client_id AND (e.ordered_on, e.id) < (o.ordered_on, o.id))`,
      [reps, from, to],
    );
    const closed = (await db.query<{ won: number; lost: number; wonAmount: string }>(
      `SELECT count(*) FILTER (WHERE s.kind = 'WON')::int AS won, count(*) FILTER (WHERE s.kind = 'LOST')::int AS lost, coalesce(sum(d.amount) FILTER (WHERE s.kind = 'WON'), 0) AS "wonAmount"
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.owner_member_id = ANY($1) AND d.closed_on BETWEEN $2 AND $3 AND s.kind <> 'OPEN'`,
      [reps, from, to],
    )).rows[0];
    const before = previousPeriod(from, to);
    const revenueBefore = await revenueOf(before.from, before.to);
    // each rep's clients of the period before (a client of two reps counts for both), and those who bought again from anyone now
    const kept = (await db.query<{ previous: number; kept: number }>(
      `WITH b AS (SELECT DISTINCT seller_member_id, client_id FROM client_order WHERE seller_member_id = ANY($1) AND ordered_on BETWEEN $2 AND $3)
       SELECT count(*)::int AS previous, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_order o WHERE o.client_id = b.client_id AND o.ordered_on BETWEEN $4 AND $5))::int AS kept FROM b`,
      [reps, before.from, before.to, from, to],
    )).rows[0];
    const open = await one(
      `SELECT coalesce(sum(d.amount), 0) FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = ANY($1) AND d.closed_on IS NULL AND d.expected_close_on BETWEEN $2 AND $3`,
      [reps, from, to],
    );
    const won = closed.won;
    const remaining = revenueTarget - revenue;
    return {
      CALLS: calls,
      MEETINGS: meetings,
      REVENUE: revenue,
      FIRST_ORDERS: firstOrders,
      DEALS_WON: won,
      WIN_RATE: won + closed.lost > 0 ? round(won / (won + closed.lost), 4) : 0,
      AVERAGE_DEAL: won > 0 ? round(Number(closed.wonAmount) / won, 4) : 0,
      PORTFOLIO_GROWTH: revenueBefore > 0 ? round((revenue - revenueBefore) / revenueBefore, 4) : revenue > 0 ? 1 : 0,
      RETENTION: kept.previous > 0 ? round(kept.kept / kept.previous, 4) : 0,
      PIPELINE_COVERAGE: revenueTarget <= 0 ? 0 : remaining <= 0 ? 99 : round(open / remaining, 2),
    };
  }

  it("defaults to the reps' own targets combined, with the reps' figures combined as actuals and each rep's card behind", async () => {
    const card = await teamCard(lead);
    expect(card.team.id).toBe(teamId);
    expect(card.targetsSet).toBe(false);
    expect(card.sprintId).not.toBeNull();
    // the members' cards: the team's reps, the same cards each person's scorecard gives
    expect(card.members.map((m) => m.member.id)).toEqual(reps);
    for (const m of card.members.slice(0, 3)) {
      const own = await t.gql<{ scorecard: Card }>(`query ($m: ID!, $s: ID) { scorecard(memberId: $m, sprintId: $s) { ${CARD} } }`, { m: m.member.id, s: card.sprintId }, { token: lead });
      const { member: _member, ...rest } = m;
      expect(rest).toEqual(own.data!.scorecard);
    }
    // default targets: counts and money summed over the reps' plans, rates their mean, weights by how much of the plans they are
    const plans = card.members.map((m) => m.lines.filter((l) => !l.metric.startsWith('PRODUCT_') && !l.metric.startsWith('REGION_') && l.metric !== 'COACHEES_PROGRESS'));
    const metrics = [...new Set(plans.flat().map((l) => l.metric))];
    expect(card.lines.map((l) => l.metric)).toEqual(metrics);
    const rates = ['WIN_RATE', 'AVERAGE_DEAL', 'PORTFOLIO_GROWTH', 'RETENTION', 'PIPELINE_COVERAGE'];
    const allWeights = plans.flat().reduce((s, l) => s + l.weight, 0);
    for (const metric of metrics) {
      const of = plans.flat().filter((l) => l.metric === metric);
      const target = of.reduce((s, l) => s + l.target, 0) / (rates.includes(metric) ? of.length : 1);
      const line = card.lines.find((l) => l.metric === metric)!;
      expect([metric, line.target]).toEqual([metric, round(target, 4)]);
      expect(line.weight).toBeCloseTo(of.reduce((s, l) => s + l.weight, 0) / allWeights, 3);
    }
    // actuals: the reps' figures combined, from the base tables
    const revenueTarget = card.lines.find((l) => l.metric === 'REVENUE')?.target ?? 0;
    const want = await expected(card.from, card.to, revenueTarget);
    for (const line of card.lines) {
      expect(Object.keys(want)).toContain(line.metric);
      expect([line.metric, line.actual]).toEqual([line.metric, want[line.metric]]);
      const pace = rates.includes(line.metric) ? line.target : line.target * card.elapsed;
      expect(line.pace).toBeCloseTo(pace, 1);
    }
    expect(card.lines.some((l) => l.actual > 0)).toBe(true);
    const scored = card.lines.filter((l) => l.status !== 'NO_TARGET');
    expect(card.score).toBeCloseTo(scored.reduce((s, l) => s + l.attainment * l.weight, 0) / scored.reduce((s, l) => s + l.weight, 0), 3);
  });

  it("sets the team's targets for its sprint and month, leaving the members' scorecards and the forecast plan as they were", async () => {
    const current = await teamCard(lead);
    const repCard = async () => (await t.gql<{ scorecard: Card }>(`query ($m: ID!) { scorecard(memberId: $m) { ${CARD} } }`, { m: reps[1] }, { token: director })).data!.scorecard;
    const month = { from: `${current.from.slice(0, 7)}-01`, to: new Date(Date.UTC(Number(current.from.slice(0, 4)), Number(current.from.slice(5, 7)), 0)).toISOString().slice(0, 10) };
    const plan = async () => (await t.gql<{ forecast: { plan: number } }>('query ($f: AnalyticsFilter!) { forecast(filter: $f) { plan } }', { f: month }, { token: director })).data!.forecast.plan;
    const [memberBefore, planBefore] = [await repCard(), await plan()];

    const targets = [
      { metric: 'REVENUE', target: 900_000_000, weight: 0.3 },
      { metric: 'PIPELINE_COVERAGE', target: 3, weight: 0.2 },
      { metric: 'WIN_RATE', target: 0.35, weight: 0.2 },
      { metric: 'AVERAGE_DEAL', target: 400_000, weight: 0.1 },
      { metric: 'DEALS_WON', target: 12, weight: 0.2 },
    ];
    const set = await t.gql(SET, { i: { teamId, sprintId: current.sprintId, targets } }, { token: lead });
    expect(set.errors).toBeUndefined();
    const monthSet = await t.gql(SET, { i: { teamId, ...month, targets: [{ metric: 'REVENUE', target: 123_456_789, weight: 1 }] } }, { token: director });
    expect(monthSet.errors).toBeUndefined();

    const card = await teamCard(lead);
    expect(card.targetsSet).toBe(true);
    expect(card.lines.map((l) => [l.metric, l.target, l.weight])).toEqual([
      ['REVENUE', 900_000_000, 0.3],
      ['DEALS_WON', 12, 0.2],
      ['PIPELINE_COVERAGE', 3, 0.2],
      ['WIN_RATE', 0.35, 0.2],
      ['AVERAGE_DEAL', 400_000, 0.1],
    ]);
    const want = await expected(card.from, card.to, 900_000_000);
    for (const line of card.lines) expect([line.metric, line.actual]).toEqual([line.metric, want[line.metric]]);
    expect(want.PIPELINE_COVERAGE).toBeGreaterThanOrEqual(0);
    // the members keep their own plans; the organization's plan counts members' revenue targets only
    expect(await repCard()).toEqual(memberBefore);
    expect(await plan()).toBe(planBefore);
    // setting again replaces the period's targets
    await t.gql(SET, { i: { teamId, sprintId: current.sprintId, targets: [{ metric: 'CALLS', target: 500, weight: 1 }] } }, { token: lead });
    expect((await teamCard(director)).lines.map((l) => l.metric)).toEqual(['CALLS']);
  });

  it('refuses bad targets with the field at fault', async () => {
    const sprintId = (await teamCard(lead)).sprintId;
    const send = (targets: unknown[], extra: Record<string, unknown> = { sprintId }) => t.gql(SET, { i: { teamId, ...extra, targets } }, { token: lead });
    // each refusal with its reason and the values its sentence names (the app says it in the viewer's language)
    expect((await send([{ metric: 'CALLS', target: 50, weight: 0.5 }])).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets', reason: 'WEIGHTS_NOT_ONE', params: { weightSum: 0.5 } });
    expect((await send([{ metric: 'CALLS', target: 50, weight: 0.5 }, { metric: 'CALLS', target: 5, weight: 0.5 }])).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'targets',
      reason: 'DUPLICATE_METRIC',
      params: { metric: 'CALLS' },
    });
    expect((await send([{ metric: 'COACHEES_PROGRESS', target: 0.3, weight: 1 }])).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'targets',
      reason: 'NOT_TEAM_METRIC',
      params: { metrics: 'COACHEES_PROGRESS', count: 1 },
    });
    const crossRole = await send([{ metric: 'PRODUCT_REVENUE', target: 1, weight: 0.5 }, { metric: 'REGION_REVENUE', target: 1, weight: 0.5 }]);
    expect(crossRole.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets', reason: 'NOT_TEAM_METRIC', params: { metrics: 'PRODUCT_REVENUE,REGION_REVENUE', count: 2 } });
    expect(crossRole.errors?.[0].message).toMatch(/^Not a team metric: PRODUCT_REVENUE, REGION_REVENUE \(/);
    expect((await send([{ metric: 'CALLS', target: 1, weight: 1 }], {})).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from', reason: 'PERIOD_MISSING' });
    expect((await send([{ metric: 'CALLS', target: 1, weight: 1 }], { from: '2026-02-10', to: '2026-02-01' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
      reason: 'PERIOD_ENDS_BEFORE_START',
      params: { from: '2026-02-10', to: '2026-02-01' },
    });
    expect((await send([{ metric: 'CALLS', target: -1, weight: 1 }])).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // a sprint of another team is not this team's
    const [{ id: other }] = (await db.query<{ id: string }>(
      `INSERT INTO sprint (organization_id, team_id, name, starts_on, ends_on) SELECT organization_id, id, 'Чужой спринт', '2026-03-02', '2026-03-13' FROM team WHERE organization_id = (SELECT organization_id FROM team WHERE id = $1) AND id <> $1 LIMIT 1 RETURNING id`,
      [teamId],
    )).rows;
    expect((await send([{ metric: 'CALLS', target: 1, weight: 1 }], { sprintId: other })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(TEAM_CARD, { t: teamId, s: other }, { token: lead })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // a target row is a member's or a team's, never both
    await expect(
      db.query(`INSERT INTO kpi_target (organization_id, member_id, team_id, metric, period_start, period_end, target, weight) SELECT organization_id, $2, id, 'CALLS', '2026-01-01', '2026-01-31', 1, 1 FROM team WHERE id = $1`, [teamId, reps[0]]),
    ).rejects.toThrow(/kpi_target_owner/);
  });

  it("shows the team to its people and the director, and lets only the director and the team's lead set its targets", async () => {
    const targets = [{ metric: 'CALLS', target: 100, weight: 1 }];
    const sprintId = (await teamCard(director)).sprintId;
    const [rep, otherRep, otherLead, coach] = await Promise.all([t.login('rep@demo.local'), t.login('vip1@demo.local'), t.login('lead2@demo.local'), t.login('coach@demo.local')]);
    // a rep and the coach of the team see it; a rep and the lead of another team do not
    expect((await teamCard(rep)).members.length).toBe(reps.length);
    expect((await teamCard(coach)).team.id).toBe(teamId);
    for (const token of [otherRep, otherLead]) {
      expect((await t.gql(TEAM_CARD, { t: teamId, s: null }, { token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql('query ($t: ID!) { teamScorecardHistory(teamId: $t) { score } }', { t: teamId }, { token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    expect((await t.gql(SET, { i: { teamId, sprintId, targets } }, { token: otherLead })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // refused by the guard's table (their roles set no targets), with the reason the app says
    for (const token of [rep, otherRep, coach]) expect((await t.gql(SET, { i: { teamId, sprintId, targets } }, { token })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect((await t.gql(SET, { i: { teamId, sprintId, targets } }, { token: director })).errors).toBeUndefined();
    expect((await t.gql(TEAM_CARD, { t: '00000000-0000-4000-8000-000000000000', s: null }, { token: director })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it("keeps a history over the team's closed sprints, each the team's card of that sprint", async () => {
    const closed = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'CLOSED' ORDER BY ends_on DESC LIMIT 2`, [teamId])).rows.map((r) => r.id).reverse();
    expect(closed.length).toBe(2);
    const r = await t.gql<{ teamScorecardHistory: TeamCard[] }>(`query ($t: ID!) { teamScorecardHistory(teamId: $t, last: 2) { team { id name } ${CARD} members { member { id name } ${CARD} } } }`, { t: teamId }, { token: lead });
    expect(r.errors).toBeUndefined();
    expect(r.data!.teamScorecardHistory.map((c) => c.sprintId)).toEqual(closed);
    for (const [i, id] of closed.entries()) {
      const card = await teamCard(lead, id);
      expect(r.data!.teamScorecardHistory[i]).toEqual(card);
      expect(card.elapsed).toBe(1);
      const want = await expected(card.from, card.to, card.lines.find((l) => l.metric === 'REVENUE')?.target ?? 0);
      for (const line of card.lines) expect([line.metric, line.actual]).toEqual([line.metric, want[line.metric]]);
    }
    expect((await t.gql('query ($t: ID!) { teamScorecardHistory(teamId: $t, last: 0) { score } }', { t: teamId }, { token: lead })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last', reason: 'VALUE_TOO_SMALL', limit: 1 });
  });

  it('gives a team without reps an empty scorecard', async () => {
    const [{ id }] = (await db.query<{ id: string }>(`INSERT INTO team (organization_id, name) SELECT organization_id, 'Пустая группа' FROM team WHERE id = $1 RETURNING id`, [teamId])).rows;
    const r = await t.gql<{ teamScorecard: TeamCard }>(TEAM_CARD, { t: id, s: null }, { token: director });
    expect(r.errors).toBeUndefined();
    expect(r.data!.teamScorecard).toMatchObject({ team: { id, name: 'Пустая группа' }, lines: [], members: [], score: 0, targetsSet: false, sprintId: null });
  });

  it("sums up everyone's KPI progress per team from the cards their leads see (or over the period given), within what the viewer sees", async () => {
    type Group = { team: { id: string; name: string } | null; from: string | null; to: string | null; sprintId: string | null; people: number; withTargets: number; onTrack: number; behind: number; averageScore: number | null; metrics: { metric: string; people: number; behind: number }[]; mostBehind: { member: { id: string; name: string }; score: number; behindOn: string[] }[] };
    const GROUP = 'team { id name } from to sprintId people withTargets onTrack behind averageScore metrics { metric people behind } mostBehind { member { id name } score behindOn }';
    const SUMMARY = `query ($f: AnalyticsFilter!, $w: Int) { kpiSummary(filter: $f, worst: $w) { from to sprintId elapsed overall { ${GROUP} } teams { ${GROUP} } } }`;
    type Summary = { from: string | null; to: string | null; sprintId: string | null; elapsed: number | null; overall: Group; teams: Group[] };
    const summary = async (token: string, f: Record<string, unknown>, w: number | null = 20) => {
      const r = await t.gql<{ kpiSummary: Summary }>(SUMMARY, { f, w }, { token });
      expect(r.errors).toBeUndefined();
      return r.data!.kpiSummary;
    };
    type Card = { member: { id: string; name: string }; from: string; to: string; sprintId: string | null; score: number; lines: { metric: string; status: string }[] };
    const CARD_FIELDS = 'member { id name } from to sprintId score lines { metric status }';
    // the cards a summary is made of: over a period (or a team's sprint) kpiProgress's; else each person's own scorecard (their running sprint, else this month)
    const progress = async (token: string, f: Record<string, unknown>): Promise<Card[]> => {
      const r = await t.gql<{ kpiProgress: Card[] }>(`query ($f: AnalyticsFilter!) { kpiProgress(filter: $f) { ${CARD_FIELDS} } }`, { f }, { token });
      expect(r.errors).toBeUndefined();
      if ((f.from && f.to) || f.teamId) return r.data!.kpiProgress;
      const own = await t.gql<{ scorecards: Card[] }>(`query ($m: [ID!]!) { scorecards(memberIds: $m) { ${CARD_FIELDS} } }`, { m: r.data!.kpiProgress.map((c) => c.member.id) }, { token });
      expect(own.errors).toBeUndefined();
      return own.data!.scorecards.filter((c) => c.lines.length > 0);
    };
    // a group counted here, card by card, from the same cards
    const count = (cards: Awaited<ReturnType<typeof progress>>, ids: Set<string>) => {
      const mine = cards.filter((c) => ids.has(c.member.id));
      const scored = mine.filter((c) => c.lines.some((l) => l.status !== 'NO_TARGET'));
      const late = scored.filter((c) => c.lines.some((l) => l.status === 'BEHIND')).sort((a, b) => a.score - b.score || (a.member.id < b.member.id ? -1 : 1));
      const mean = scored.length ? round(scored.reduce((s, c) => s + c.score, 0) / scored.length, 4) : null;
      return { people: mine.length, withTargets: scored.length, behind: late.length, onTrack: scored.length - late.length, averageScore: mean, worst: late.map((c) => c.member.id) };
    };
    const teams = (await db.query<{ id: string; name: string; ids: string[] }>(
      `SELECT t.id, t.name, ARRAY(SELECT member_id::text FROM team_member WHERE team_id = t.id UNION SELECT t.lead_id::text WHERE t.lead_id IS NOT NULL) AS ids
         FROM team t WHERE t.organization_id = (SELECT organization_id FROM team WHERE id = $1) ORDER BY t.name, t.id`, [teamId])).rows;

    for (const f of [{}, { from: '2026-10-01', to: '2026-10-31' }, { stageRole: 'HUNTER' }]) {
      const [sum, cards] = await Promise.all([summary(director, f), progress(director, f)]);
      expect(cards.length).toBeGreaterThan(0);
      // a period given: everyone over it; else each over their own sprint or month, which differ here (the demo's sprints run, the coach's month)
      if ('from' in f) for (const g of [sum.overall, ...sum.teams]) expect([g.from, g.to, g.sprintId]).toEqual(g.people ? [f.from, f.to, null] : [null, null, null]);
      else {
        expect(new Set(cards.map((c) => `${c.from}/${c.to}`)).size).toBeGreaterThan(1);
        expect([sum.from, sum.to, sum.sprintId, sum.elapsed]).toEqual([null, null, null, null]);
        const running = (await db.query<{ id: string; startsOn: string; endsOn: string }>(`SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0];
        const leads = sum.teams.find((g) => g.team?.id === teamId)!;
        // the lead's team: its reps over its running sprint, unless someone in it (its coach) is over another
        const theirs = cards.filter((c) => teams.find((tm) => tm.id === teamId)!.ids.includes(c.member.id));
        if (theirs.every((c) => c.sprintId === running.id)) expect([leads.from, leads.to, leads.sprintId]).toEqual([running.startsOn, running.endsOn, running.id]);
        else expect(leads.from).toBeNull();
      }
      // every team of the organization by name, then the people in none (the coach, cross roles)
      const outside = new Set(cards.map((c) => c.member.id).filter((id) => !teams.some((tm) => tm.ids.includes(id))));
      expect(sum.teams.map((g) => g.team?.id ?? null)).toEqual([...teams.map((tm) => tm.id), ...(outside.size ? [null] : [])]);
      for (const [g, ids] of [[sum.overall, new Set(cards.map((c) => c.member.id))], ...sum.teams.map((g) => [g, g.team ? new Set(teams.find((tm) => tm.id === g.team!.id)!.ids) : outside] as const)] as [Group, Set<string>][]) {
        const want = count(cards, ids);
        expect({ people: g.people, withTargets: g.withTargets, behind: g.behind, onTrack: g.onTrack }).toEqual({ people: want.people, withTargets: want.withTargets, behind: want.behind, onTrack: want.onTrack });
        if (want.averageScore === null) expect(g.averageScore).toBeNull();
        else expect(g.averageScore).toBeCloseTo(want.averageScore, 3);
        expect(g.mostBehind.map((p) => p.member.id)).toEqual(want.worst.slice(0, 20));
        if (want.worst.length <= 20) expect(g.metrics.reduce((n, m) => n + m.behind, 0)).toBe(g.mostBehind.reduce((n, p) => n + p.behindOn.length, 0));
      }
    }
    // the demo has people behind: the dashboard names them, at most `worst` per team (3 by default)
    const by3 = await summary(director, {}, null);
    expect(by3.overall.behind).toBeGreaterThan(0);
    for (const g of by3.teams) expect(g.mostBehind.length).toBe(Math.min(3, g.behind));

    // a lead sees their teams only; a team given: that team alone, over its running sprint as kpiProgress
    const leadTeams = (await db.query<{ id: string }>(`SELECT t.id FROM team t JOIN member m ON m.id = t.lead_id WHERE m.email = 'lead@demo.local' ORDER BY t.name, t.id`)).rows.map((r) => r.id);
    const mine = await summary(lead, {});
    expect(mine.teams.filter((g) => g.team).map((g) => g.team!.id)).toEqual(leadTeams);
    const one = await summary(lead, { teamId });
    const cards = await progress(lead, { teamId });
    expect(one.teams.map((g) => g.team?.id)).toEqual([teamId]);
    expect([one.from, one.to]).toEqual([cards[0].from, cards[0].to]);
    expect(one.overall.people).toBe(cards.length);
    const other = teams.find((tm) => !leadTeams.includes(tm.id))!;
    expect((await t.gql(SUMMARY, { f: { teamId: other.id }, w: 3 }, { token: lead })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(SUMMARY, { f: {}, w: 21 }, { token: director })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'worst', reason: 'VALUE_TOO_LARGE' });
  });
});
