import { funnelRollupSlice, funnelSegmentKeys, median, medianOfHistogram, salesVelocity } from '@salescircle/shared';
import { ALL_OWNERS, AnalyticsRepository } from '../../backend/src/modules/analytics/analytics.repository';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';

const FUNNEL = `query ($f: AnalyticsFilter!) { funnel(filter: $f) { pipelineName totalDeals won lost winRate medianDaysToWin wonAmount weightedPipeline
  stages { name kind count amount reached conversionToNext } } }`;

interface Funnel {
  totalDeals: number;
  won: number;
  lost: number;
  winRate: number | null;
  medianDaysToWin: number | null;
  wonAmount: number;
  stages: { name: string; kind: string; count: number; amount: number; reached: number; conversionToNext: number | null }[];
}

describe('analytics: funnel, performance, forecast and scorecards on the demo company', () => {
  let t: TestApp;
  let db: Client;
  let director: string;
  let rep: string;

  beforeAll(async () => {
    t = await startTestApp('analytics');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    [director, rep] = await Promise.all([t.login('director@demo.local'), t.login('rep@demo.local')]);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('counts the funnel exactly as plain SQL over the deals does', async () => {
    const r = await t.gql<{ funnel: Funnel }>(FUNNEL, { f: {} }, { token: director });
    expect(r.errors).toBeUndefined();
    const f = r.data!.funnel;
    const deals = (await db.query<{ kind: string; days: number | null; amount: string }>(
      `SELECT s.kind, d.closed_on - d.started_on AS days, d.amount FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id JOIN pipeline p ON p.id = d.pipeline_id WHERE p.is_default`,
    )).rows;
    expect(deals.length).toBeGreaterThan(20);
    expect(f.totalDeals).toBe(deals.length);
    const won = deals.filter((d) => d.kind === 'WON');
    const lost = deals.filter((d) => d.kind === 'LOST');
    expect(f.won).toBe(won.length);
    expect(f.lost).toBe(lost.length);
    expect(f.winRate).toBeCloseTo(won.length / (won.length + lost.length), 4);
    expect(f.medianDaysToWin).toBe(median(won.map((d) => d.days!)));
    expect(f.wonAmount).toBeCloseTo(won.reduce((s, d) => s + Number(d.amount), 0), 2);
    expect(f.stages.reduce((s, x) => s + x.count, 0)).toBe(deals.length);
    for (const stage of f.stages) expect(stage.reached).toBeGreaterThanOrEqual(stage.count);
    // Every deal entered the first stage; conversions are shares.
    expect(f.stages[0].reached).toBe(deals.length);
    for (const stage of f.stages.filter((s) => s.conversionToNext !== null)) expect(stage.conversionToNext!).toBeLessThanOrEqual(1);
  });

  it('shows a rep the funnel of their team, not another team\'s', async () => {
    const mine = await t.gql<{ funnel: Funnel }>(FUNNEL, { f: {} }, { token: rep });
    const expected = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deal d JOIN pipeline p ON p.id = d.pipeline_id AND p.is_default
        WHERE d.owner_member_id IN (SELECT tm.member_id FROM team_member tm WHERE tm.team_id IN (SELECT team_id FROM team_member WHERE member_id = (SELECT id FROM member WHERE email = 'rep@demo.local'))
                                    UNION SELECT lead_id FROM team t JOIN team_member tm ON tm.team_id = t.id WHERE tm.member_id = (SELECT id FROM member WHERE email = 'rep@demo.local'))`,
    )).rows[0].n;
    expect(mine.data!.funnel.totalDeals).toBe(expected);
    const other = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Телемаркетинг'`)).rows[0].id;
    const refused = await t.gql(FUNNEL, { f: { teamId: other } }, { token: rep });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SUBJECT_NOT_FOUND', params: { subject: 'TEAM' } });
    const bad = await t.gql(FUNNEL, { f: { from: '2026-12-31', to: '2026-01-01' } }, { token: director });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', reason: 'PERIOD_ENDS_BEFORE_START', params: { from: '2026-12-31', to: '2026-01-01' } });
    expect(bad.errors?.[0].message).toBe('The period ends on or after it starts.');
  });

  it('adds up member performance to the funnel, and the forecast per owner to its totals', async () => {
    const r = await t.gql<{ funnel: Funnel; memberPerformance: { member: { name: string }; won: number; lost: number; winRate: number | null; wonAmount: number }[]; forecast: { categories: { category: string; amount: number }[]; closed: number; commit: number; bestCase: number; byMember: { weighted: number; closed: number }[]; weightedPipeline: number } }>(
      `query { funnel(filter: {}) { won lost wonAmount }
               memberPerformance(filter: {}) { member { name } won lost winRate wonAmount }
               forecast(filter: { from: "2020-01-01", to: "2030-12-31" }) { closed commit bestCase weightedPipeline categories { category count amount weighted } byMember { member { name } closed commit weighted } } }`,
      {},
      { token: director },
    );
    expect(r.errors).toBeUndefined();
    const perf = r.data!.memberPerformance;
    expect(perf.reduce((s, m) => s + m.won, 0)).toBe(r.data!.funnel.won);
    expect(perf.reduce((s, m) => s + m.wonAmount, 0)).toBeCloseTo(r.data!.funnel.wonAmount, 1);
    for (const m of perf) if (m.won + m.lost > 0) expect(m.winRate).toBeCloseTo(m.won / (m.won + m.lost), 4);
    const fc = r.data!.forecast;
    expect(fc.closed).toBeCloseTo(r.data!.funnel.wonAmount, 1);
    expect(fc.commit).toBeGreaterThanOrEqual(fc.closed);
    expect(fc.bestCase).toBeGreaterThanOrEqual(fc.commit);
    expect(fc.byMember.reduce((s, m) => s + m.weighted, 0)).toBeCloseTo(fc.weightedPipeline, 0);
  });

  it('scores a rep against the defaults of their role, counting their calls in the sprint', async () => {
    const repId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'rep@demo.local'`)).rows[0].id;
    const r = await t.gql<{ scorecard: { from: string; to: string; sprintId: string | null; elapsed: number; score: number; targetsSet: boolean; lines: { metric: string; actual: number; target: number; status: string }[] } }>(
      'query ($m: ID!) { scorecard(memberId: $m) { from to sprintId elapsed score targetsSet lines { metric target actual weight pace attainment status } } }',
      { m: repId },
      { token: rep },
    );
    expect(r.errors).toBeUndefined();
    const card = r.data!.scorecard;
    expect(card.sprintId).not.toBeNull();
    // The lead set this rep's targets for the sprint (demo); the defaults of a farmer are revenue, calls, processes.
    expect(card.targetsSet).toBe(true);
    expect(card.lines.map((l) => l.metric)).toEqual(['REVENUE', 'MEETINGS', 'CALLS']);
    const calls = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activity WHERE owner_member_id = $1 AND kind = 'CALL'
          AND at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Moscow' AND at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow'`,
      [repId, card.from, card.to],
    )).rows[0].n;
    expect(card.lines.find((l) => l.metric === 'CALLS')!.actual).toBe(calls);
    expect(card.elapsed).toBeGreaterThan(0);
    // A rep of another team is not theirs to see.
    const stranger = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'gov@demo.local'`)).rows[0].id;
    const refused = await t.gql('query ($m: ID!) { scorecard(memberId: $m) { score } }', { m: stranger }, { token: rep });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // nobody by that id: the same answer
    const nobody = await t.gql('query ($m: ID!) { scorecard(memberId: $m) { score } }', { m: '00000000-0000-4000-8000-000000000000' }, { token: rep });
    expect(nobody.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets the lead set KPI targets whose weights add up to one, and ranks the team on a leaderboard the organization can turn off', async () => {
    const lead = await t.login('lead@demo.local');
    const rep2 = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'rep2@demo.local'`)).rows[0].id;
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE status = 'ACTIVE' LIMIT 1`)).rows[0].id;
    const SET = 'mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }';
    const wrong = await t.gql(SET, { i: { memberId: rep2, sprintId, targets: [{ metric: 'CALLS', target: 50, weight: 0.5 }] } }, { token: lead });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets', reason: 'WEIGHTS_NOT_ONE', params: { weightSum: 0.5 } });
    expect(wrong.errors?.[0].message).toBe('The weights add up to 0.50; they must add up to 1.');
    const twice = await t.gql(SET, { i: { memberId: rep2, sprintId, targets: [{ metric: 'CALLS', target: 50, weight: 0.5 }, { metric: 'CALLS', target: 5, weight: 0.5 }] } }, { token: lead });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets', reason: 'DUPLICATE_METRIC', params: { metric: 'CALLS' } });
    const ok = await t.gql(SET, { i: { memberId: rep2, sprintId, targets: [{ metric: 'CALLS', target: 50, weight: 0.4 }, { metric: 'DEALS_WON', target: 2, weight: 0.6 }] } }, { token: lead });
    expect(ok.errors).toBeUndefined();
    const card = await t.gql<{ scorecard: { targetsSet: boolean; lines: { metric: string; target: number }[] } }>('query ($m: ID!, $s: ID) { scorecard(memberId: $m, sprintId: $s) { targetsSet lines { metric target } } }', { m: rep2, s: sprintId }, { token: lead });
    expect(card.data!.scorecard).toEqual({ targetsSet: true, lines: [{ metric: 'DEALS_WON', target: 2 }, { metric: 'CALLS', target: 50 }] });
    const byRep = await t.gql(SET, { i: { memberId: rep2, sprintId, targets: [{ metric: 'CALLS', target: 1, weight: 1 }] } }, { token: rep });
    expect(byRep.errors?.[0]).toMatchObject({ message: 'Your role may not do this.', extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' } });

    const team = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
    const board = await t.gql<{ leaderboard: { rank: number; score: number; member: { name: string } }[] }>('query ($t: ID!) { leaderboard(teamId: $t) { rank score behind member { name } } }', { t: team }, { token: rep });
    expect(board.errors).toBeUndefined();
    expect(board.data!.leaderboard.length).toBeGreaterThanOrEqual(7);
    expect(board.data!.leaderboard.map((r) => r.rank)).toEqual(board.data!.leaderboard.map((_, i) => i + 1));
    for (let i = 1; i < board.data!.leaderboard.length; i += 1) expect(board.data!.leaderboard[i - 1].score).toBeGreaterThanOrEqual(board.data!.leaderboard[i].score);
    await t.gql('mutation { updateOrganizationSettings(input: { leaderboardEnabled: false }) { id } }', {}, { token: director });
    try {
      const off = await t.gql('query ($t: ID!) { leaderboard(teamId: $t) { rank } }', { t: team }, { token: rep });
      expect(off.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LEADERBOARD_OFF' });
    } finally {
      await t.gql('mutation { updateOrganizationSettings(input: { leaderboardEnabled: true }) { id } }', {}, { token: director });
    }
  });

  it('keeps a rep\'s forecast and the lead\'s adjustment (with a note), and measures accuracy from weekly snapshots', async () => {
    const lead = await t.login('lead@demo.local');
    const repId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'rep@demo.local'`)).rows[0].id;
    const SUBMIT = 'mutation ($i: SubmitForecastInput!) { submitForecast(input: $i) }';
    const period = { from: '2027-02-01', to: '2027-02-28' };
    expect((await t.gql(SUBMIT, { i: { ...period, amount: 900000 } }, { token: rep })).errors).toBeUndefined();
    const noNote = await t.gql(SUBMIT, { i: { ...period, amount: 700000, memberId: repId } }, { token: lead });
    const repName = (await db.query<{ name: string }>(`SELECT name FROM member WHERE id = $1`, [repId])).rows[0].name;
    expect(noNote.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note', reason: 'ADJUSTMENT_NOTE_REQUIRED', params: { name: repName } });
    expect((await t.gql(SUBMIT, { i: { ...period, amount: 700000, memberId: repId, note: 'Два дилера на паузе' } }, { token: lead })).errors).toBeUndefined();
    const list = await t.gql<{ forecastSubmissions: { kind: string; amount: number; note: string; byName: string }[] }>(
      'query ($f: AnalyticsFilter!) { forecastSubmissions(filter: $f) { kind amount note byName member { name } } }',
      { f: { memberId: repId, ...period } },
      { token: lead },
    );
    expect(list.data!.forecastSubmissions.map((x) => [x.kind, x.amount])).toEqual([['ADJUSTED', 700000], ['SUBMITTED', 900000]]);
    // The plan of a period is the revenue targets set inside it.
    await t.gql('mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }', { i: { memberId: repId, ...period, targets: [{ metric: 'REVENUE', target: 1000000, weight: 1 }] } }, { token: lead });
    const plan = await t.gql<{ forecast: { plan: number } }>('query ($f: AnalyticsFilter!) { forecast(filter: $f) { plan } }', { f: { memberId: repId, ...period } }, { token: lead });
    expect(plan.data!.forecast.plan).toBe(1000000);

    const accuracy = await t.gql<{ forecastAccuracy: { periodStart: string; forecast: number; actual: number; accuracy: number | null }[] }>(
      'query { forecastAccuracy(filter: {}) { periodStart periodEnd forecast actual accuracy members } }',
      {},
      { token: director },
    );
    expect(accuracy.errors).toBeUndefined();
    expect(accuracy.data!.forecastAccuracy.length).toBe(3);
    for (const p of accuracy.data!.forecastAccuracy) {
      expect(p.accuracy).not.toBeNull();
      expect(p.accuracy!).toBeGreaterThanOrEqual(0);
      expect(p.accuracy!).toBeLessThanOrEqual(1);
    }
    const { PerformanceService } = await import('../../backend/src/modules/analytics/performance.service');
    const org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    const service = t.app.get(PerformanceService);
    const reps = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE role = 'SALES' AND active`)).rows[0].n;
    expect(await service.snapshotAll([org])).toBe(reps);
    expect(await service.snapshotAll([org])).toBe(0);
  });

  it('keeps coaching notes between the coach and the coachee; the director sees the scores', async () => {
    const coach = await t.login('coach@demo.local');
    const lead2 = await t.login('lead2@demo.local');
    const repId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'rep@demo.local'`)).rows[0].id;
    const RECORD = 'mutation ($i: RecordCoachingSessionInput!) { recordCoachingSession(input: $i) }';
    const bad = await t.gql(RECORD, { i: { coacheeId: repId, heldOn: '2026-11-30', scores: [{ criterion: 'Подготовка / Call preparation', score: 6 }] } }, { token: coach });
    // over the input's own bound: the validation pipe's reason, with the bound
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores.0.score', reason: 'VALUE_TOO_LARGE', limit: 5 });
    const unknown = await t.gql(RECORD, { i: { coacheeId: repId, heldOn: '2026-11-30', scores: [{ criterion: 'Подготовка / Call preparation', score: 3 }] } }, { token: coach });
    expect(unknown.errors?.[0]).toMatchObject({
      message: '"Подготовка / Call preparation" is not a criterion of the template.',
      extensions: { code: 'BAD_USER_INPUT', field: 'scores', reason: 'NOT_A_CRITERION', params: { criterion: 'Подготовка / Call preparation' } },
    });
    const discovery = 'Выявление потребностей / Discovery';
    const twice = await t.gql(RECORD, { i: { coacheeId: repId, heldOn: '2026-11-30', scores: [{ criterion: discovery, score: 3 }, { criterion: discovery, score: 4 }] } }, { token: coach });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores', reason: 'CRITERION_SCORED_TWICE', params: { criterion: discovery } });
    const coachId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'coach@demo.local'`)).rows[0].id;
    const self = await t.gql(RECORD, { i: { coacheeId: coachId, heldOn: '2026-11-30' } }, { token: coach });
    expect(self.errors?.[0]).toMatchObject({ message: 'A session is with someone else.', extensions: { code: 'BAD_USER_INPUT', field: 'coacheeId', reason: 'SELF_SESSION' } });
    const future = await t.gql(RECORD, { i: { coacheeId: repId, heldOn: '2099-01-15' } }, { token: coach });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn', reason: 'FUTURE_SESSION' });
    const made = await t.gql<{ recordCoachingSession: string }>(
      RECORD,
      { i: { coacheeId: repId, heldOn: '2026-11-30', scores: [{ criterion: 'Выявление потребностей / Discovery', score: 4 }], notes: 'Личное: волнуется на встречах', actions: [{ title: 'Разобрать запись звонка', dueOn: '2026-12-07' }] } },
      { token: coach },
    );
    expect(made.errors).toBeUndefined();
    const notTheirs = await t.gql(RECORD, { i: { coacheeId: repId, heldOn: '2026-11-30' } }, { token: lead2 });
    const repName = (await db.query<{ name: string }>(`SELECT name FROM member WHERE id = $1`, [repId])).rows[0].name;
    expect(notTheirs.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_COACHEE', params: { name: repName } });
    const QUERY = 'query ($m: ID!) { coachingSessions(memberId: $m) { id score notes scores { criterion score } actions { id title done processId } coach { name } } }';
    type Sessions = { coachingSessions: { id: string; score: number | null; notes: string | null; actions: { id: string; title: string }[] }[] };
    const byDirector = await t.gql<Sessions>(QUERY, { m: repId }, { token: director });
    const mine = byDirector.data!.coachingSessions.find((s) => s.id === made.data!.recordCoachingSession)!;
    expect(mine.score).toBe(4);
    expect(mine.notes).toBeNull();
    expect(byDirector.data!.coachingSessions.every((s) => s.notes === null)).toBe(true);
    const byRep = await t.gql<Sessions>(QUERY, { m: repId }, { token: rep });
    expect(byRep.data!.coachingSessions.find((s) => s.id === mine.id)!.notes).toBe('Личное: волнуется на встречах');
    // The action item becomes a sprint process of the rep, waiting for the lead (the coach proposed it).
    const team = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
    const toProcess = await t.gql<{ coachingActionToProcess: string }>('mutation ($a: ID!, $t: ID!) { coachingActionToProcess(id: $a, teamId: $t) }', { a: mine.actions[0].id, t: team }, { token: coach });
    expect(toProcess.errors).toBeUndefined();
    const process = (await db.query<{ approval: string; owner: string }>('SELECT approval, owner_member_id AS owner FROM sales_process WHERE id = $1', [toProcess.data!.coachingActionToProcess])).rows[0];
    expect(process).toEqual({ approval: 'PENDING', owner: repId });
    const again = await t.gql('mutation ($a: ID!, $t: ID!) { coachingActionToProcess(id: $a, teamId: $t) }', { a: mine.actions[0].id, t: team }, { token: coach });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PROCESS', params: { title: 'Разобрать запись звонка' } });
  });

  it('names whose targets, forecast or coaching the viewer may not touch, and the criterion given twice', async () => {
    const memberOf = async (email: string) => (await db.query<{ id: string; name: string }>('SELECT id, name FROM member WHERE email = $1', [email])).rows[0];
    const repMember = await memberOf('rep@demo.local');
    const rep2Member = await memberOf('rep2@demo.local');
    const lead2Member = await memberOf('lead2@demo.local');
    const team = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
    const written = async () => {
      const { rows } = await db.query<{ f: string }>(
        `SELECT (SELECT count(*) FROM kpi_target) || ':' || (SELECT count(*) FROM forecast_submission) || ':' || (SELECT count(*) FROM coaching_template) AS f`,
      );
      return rows[0].f;
    };
    const refused = async (token: string, query: string, variables: Record<string, unknown>, extensions: Record<string, unknown>) => {
      const before = await written();
      const result = await t.gql(query, variables, { token });
      expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
      expect(await written()).toBe(before);
      return result.errors![0];
    };
    const period = { from: '2027-03-01', to: '2027-03-31' };
    const targets = [{ metric: 'CALLS', target: 40, weight: 1 }];

    // Павел Волков leads another team and sits in the dealer team as a member: he sees its people, he does not lead them
    await db.query('INSERT INTO team_member (team_id, member_id) VALUES ($1, $2)', [team, lead2Member.id]);
    try {
      const lead2 = await t.login('lead2@demo.local');
      const member = await refused(lead2, 'mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }', { i: { memberId: repMember.id, ...period, targets } }, {
        code: 'FORBIDDEN',
        reason: 'NOT_MEMBERS_LEAD',
        params: { name: repMember.name },
      });
      expect(member.message).toBe("The lead of the member's team (or the director) sets targets.");
      await refused(lead2, 'mutation ($i: SetTeamKpiTargetsInput!) { setTeamKpiTargets(input: $i) }', { i: { teamId: team, ...period, targets } }, {
        code: 'FORBIDDEN',
        reason: 'NOT_TEAM_LEAD',
        params: { team: 'Дилерские продажи' },
      });
      await refused(lead2, 'mutation ($i: SubmitForecastInput!) { submitForecast(input: $i) }', { i: { memberId: repMember.id, ...period, amount: 1, note: 'Чужой прогноз' } }, {
        code: 'FORBIDDEN',
        reason: 'FORECAST_NOT_MANAGED',
        params: { name: repMember.name },
      });
    } finally {
      await db.query('DELETE FROM team_member WHERE team_id = $1 AND member_id = $2', [team, lead2Member.id]);
    }

    // a rep: their own forecast and coaching only
    const other = await t.gql('mutation ($i: SubmitForecastInput!) { submitForecast(input: $i) }', { i: { memberId: rep2Member.id, ...period, amount: 1 } }, { token: rep });
    expect(other.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', reason: 'FORECAST_NOT_MANAGED', params: { name: rep2Member.name } }]);
    const sessions = await t.gql('query ($m: ID!) { coachingSessions(memberId: $m) { id } }', { m: rep2Member.id }, { token: rep });
    expect(sessions.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', reason: 'OWN_COACHING_ONLY' }]);

    // a day the calendar lacks is refused as an input, on a write and on a read, not left to the database
    const unreal = { code: 'BAD_USER_INPUT', field: 'to', reason: 'VALUE_NOT_DAY' };
    const submitted = await refused(rep, 'mutation ($i: SubmitForecastInput!) { submitForecast(input: $i) }', { i: { from: '2027-02-01', to: '2027-02-30', amount: 1 } }, unreal);
    expect(submitted.message).toBe('to must be a date as YYYY-MM-DD');
    const read = await t.gql('query ($f: AnalyticsFilter!) { forecast(filter: $f) { plan } }', { f: { from: '2027-02-01', to: '2027-02-30' } }, { token: director });
    expect(read.errors?.map((e) => e.extensions)).toEqual([unreal]);

    const coach = await t.login('coach@demo.local');
    await refused(coach, 'mutation ($i: CoachingTemplateInput!) { createCoachingTemplate(input: $i) { id } }', { i: { name: 'Звонок дилеру', criteria: [{ name: 'Подготовка', weight: 0.5 }, { name: ' Подготовка ', weight: 0.5 }] } }, {
      code: 'BAD_USER_INPUT',
      field: 'criteria',
      reason: 'DUPLICATE_CRITERION',
      params: { criterion: 'Подготовка' },
    });
    await refused(coach, 'mutation ($i: CoachingTemplateInput!) { createCoachingTemplate(input: $i) { id } }', { i: { name: 'Встреча с дилером', criteria: [{ name: 'Подготовка', weight: 1 }] } }, {
      code: 'BAD_USER_INPUT',
      field: 'name',
      reason: 'DUPLICATE',
      params: { name: 'Встреча с дилером' },
    });
  });

  it('tells the lead to pause telemarketing when the hunters are swamped, and counts handoff leakage by transition', async () => {
    const lead = await t.login('lead@demo.local');
    const hunter = (await db.query<{ id: string; organization_id: string }>(`SELECT id, organization_id FROM member WHERE stage_role = 'HUNTER' AND email = 'rep6@demo.local'`)).rows[0];
    const saved = (await db.query<{ id: string; capacity_clients: number }>(`SELECT id, capacity_clients FROM member WHERE stage_role = 'HUNTER'`)).rows;
    const [lead1] = (await db.query<{ id: string }>(
      `INSERT INTO client (organization_id, name, stage, owner_member_id, owner_since, annual_potential) VALUES ($1, 'Тёплый лид для хантера', 'PROSPECT', $2, now(), 0) RETURNING id`,
      [hunter.organization_id, hunter.id],
    )).rows;
    await db.query(`UPDATE member SET capacity_clients = 0 WHERE stage_role = 'HUNTER'`);
    try {
      const r = await t.gql<{ cascadeSignal: { waiting: number; hunterFreeCapacity: number; advice: string; telemarketingTeams: { name: string }[] } }>(
        '{ cascadeSignal { waiting hunterFreeCapacity load advice telemarketingTeams { name paused } } }',
        {},
        { token: lead },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.cascadeSignal).toMatchObject({ hunterFreeCapacity: 0, advice: 'PAUSE_TELEMARKETING' });
      expect(r.data!.cascadeSignal.waiting).toBeGreaterThanOrEqual(1);
      expect(r.data!.cascadeSignal.telemarketingTeams.map((x) => x.name)).toContain('Телемаркетинг');
      expect((await t.gql('{ cascadeSignal { advice } }', {}, { token: rep })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      for (const m of saved) await db.query('UPDATE member SET capacity_clients = $2 WHERE id = $1', [m.id, m.capacity_clients]);
    }
    // A client handed to a farmer ten days ago and lost five days later leaks on that transition.
    await db.query(
      `INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage, reasons, at)
       VALUES ($1, $2, 'HANDOFF', $3, $3, 'PROSPECT', 'ACTIVE', '{}', now() - interval '10 days')`,
      [hunter.organization_id, lead1.id, hunter.id],
    );
    await db.query(`UPDATE client SET stage = 'LOST', stage_changed_at = now() - interval '5 days' WHERE id = $1`, [lead1.id]);
    const leak = await t.gql<{ handoffLeakage: { fromStage: string; toStage: string; handoffs: number; leaked: number; rate: number }[] }>(
      '{ handoffLeakage(filter: {}, days: 30) { fromStage toStage handoffs leaked rate } }',
      {},
      { token: director },
    );
    expect(leak.errors).toBeUndefined();
    const row = leak.data!.handoffLeakage.find((x) => x.fromStage === 'PROSPECT' && x.toStage === 'ACTIVE')!;
    expect(row.leaked).toBeGreaterThanOrEqual(1);
    for (const x of leak.data!.handoffLeakage) expect(x.rate).toBeCloseTo(x.leaked / x.handoffs, 4);
  });

  it('gives the coach a member\'s KPI history over the last sprints and flags stalled deals', async () => {
    const coach = await t.login('coach@demo.local');
    const repId = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'rep@demo.local'`)).rows[0].id;
    const r = await t.gql<{ scorecardHistory: { sprintId: string; from: string; score: number }[]; memberFlags: { fallingPace: boolean; behind: string[]; stalledDeals: { days: number }[] } }>(
      'query ($m: ID!) { scorecardHistory(memberId: $m, last: 3) { sprintId from to score } memberFlags(memberId: $m) { fallingPace behind stalledDeals { id title days stageName } } }',
      { m: repId },
      { token: coach },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.scorecardHistory).toHaveLength(3);
    const starts = r.data!.scorecardHistory.map((c) => c.from);
    expect([...starts].sort()).toEqual(starts);
    for (const d of r.data!.memberFlags.stalledDeals) expect(d.days).toBeGreaterThanOrEqual(30);
    const stalled = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = $1 AND current_date - coalesce((SELECT max(h.entered_at)::date FROM deal_stage_history h WHERE h.deal_id = d.id), d.started_on) >= 30`,
      [repId],
    )).rows[0].n;
    expect(r.data!.memberFlags.stalledDeals).toHaveLength(Math.min(50, stalled));
  });

  it("gives the coach everyone's trend in one request, equal to each one's history, scorecard and flags", async () => {
    const coach = await t.login('coach@demo.local');
    const people = (await db.query<{ id: string }>(
      `SELECT DISTINCT m.id, m.name FROM team t JOIN team_member tm ON tm.team_id = t.id JOIN member m ON m.id = tm.member_id
        WHERE t.coach_id = (SELECT id FROM member WHERE email = 'coach@demo.local') AND m.role = 'SALES' AND m.active ORDER BY m.name, m.id`,
    )).rows.map((r) => r.id);
    expect(people.length).toBeGreaterThan(5);
    type Trend = { member: { id: string }; history: { sprintId: string; from: string; to: string; score: number }[]; current: { score: number; sprintId: string | null; lines: { metric: string; status: string }[] }; change: number | null; fallingPace: boolean; behind: string[]; stalledDeals: number };
    const r = await t.gql<{ memberTrends: Trend[] }>(
      'query ($m: [ID!]!) { memberTrends(memberIds: $m, last: 3) { member { id } history { sprintId from to score } current { score sprintId lines { metric status } } change fallingPace behind stalledDeals } }',
      { m: people },
      { token: coach },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.memberTrends.map((x) => x.member.id)).toEqual(people);
    let falling = 0;
    for (const trend of r.data!.memberTrends) {
      const one = await t.gql<{ scorecardHistory: { sprintId: string; from: string; to: string; score: number }[]; scorecard: { score: number; sprintId: string | null }; memberFlags: { fallingPace: boolean; behind: string[]; stalledDeals: { id: string }[] } }>(
        'query ($m: ID!) { scorecardHistory(memberId: $m, last: 3) { sprintId from to score } scorecard(memberId: $m) { score sprintId } memberFlags(memberId: $m) { fallingPace behind stalledDeals { id } } }',
        { m: trend.member.id },
        { token: coach },
      );
      expect(one.errors).toBeUndefined();
      expect(trend.history).toEqual(one.data!.scorecardHistory);
      expect([trend.current.score, trend.current.sprintId]).toEqual([one.data!.scorecard.score, one.data!.scorecard.sprintId]);
      expect([trend.fallingPace, trend.behind]).toEqual([one.data!.memberFlags.fallingPace, one.data!.memberFlags.behind]);
      expect(trend.stalledDeals).toBeGreaterThanOrEqual(one.data!.memberFlags.stalledDeals.length);
      if (one.data!.memberFlags.stalledDeals.length < 50) expect(trend.stalledDeals).toBe(one.data!.memberFlags.stalledDeals.length);
      const last = trend.history.at(-1);
      expect(trend.change).toBe(last ? Math.round((trend.current.score - last.score) * 10_000) / 10_000 : null);
      if (trend.fallingPace) falling += 1;
    }
    expect(falling).toBeLessThan(people.length);
    // another team's rep is as good as not there; too long a look back is refused on its argument
    const stranger = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'vip1@demo.local'`)).rows[0].id;
    const refusedPeople = await t.gql('query ($m: [ID!]!) { memberTrends(memberIds: $m) { stalledDeals } }', { m: [people[0], stranger] }, { token: await t.login('lead@demo.local') });
    expect(refusedPeople.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tooLong = await t.gql('query ($m: [ID!]!) { memberTrends(memberIds: $m, last: 7) { stalledDeals } }', { m: people }, { token: coach });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last', reason: 'VALUE_TOO_LARGE' });
  });

  it('computes the KPI progress of a whole team in one request, equal to each member\'s scorecard', async () => {
    const lead = await t.login('lead@demo.local');
    const team = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
    const r = await t.gql<{ kpiProgress: { member: { id: string }; score: number; lines: { metric: string; actual: number; target: number }[] }[] }>(
      'query ($t: ID!) { kpiProgress(filter: { teamId: $t }) { member { id } score lines { metric actual target } } }',
      { t: team },
      { token: lead },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.kpiProgress.length).toBeGreaterThanOrEqual(8);
    // asking more of the member than the id loads the members (only the id: nothing is loaded)
    const named = await t.gql<{ kpiProgress: { member: { id: string; name: string; email: string | null } }[] }>(
      'query ($t: ID!) { kpiProgress(filter: { teamId: $t }) { member { ...Who } } } fragment Who on Member { id name email }',
      { t: team },
      { token: lead },
    );
    expect(named.errors).toBeUndefined();
    expect(named.data!.kpiProgress.map((c) => c.member.id)).toEqual(r.data!.kpiProgress.map((c) => c.member.id));
    const names = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM member')).rows.map((m) => [m.id, m.name]));
    for (const c of named.data!.kpiProgress) expect(c.member.name).toBe(names.get(c.member.id));
    for (const card of r.data!.kpiProgress.slice(0, 4)) {
      const one = await t.gql<{ scorecard: { score: number; lines: { metric: string; actual: number; target: number }[] } }>(
        'query ($m: ID!) { scorecard(memberId: $m) { score lines { metric actual target } } }',
        { m: card.member.id },
        { token: lead },
      );
      expect(card.lines).toEqual(one.data!.scorecard.lines);
      expect(card.score).toBe(one.data!.scorecard.score);
    }
    // The batched scorecards of several people are each person's scorecard.
    const ids = r.data!.kpiProgress.slice(0, 5).map((c) => c.member.id);
    const batch = await t.gql<{ scorecards: { member: { id: string }; score: number; lines: unknown[] }[] }>('query ($ids: [ID!]!) { scorecards(memberIds: $ids) { member { id } score lines { metric actual target } } }', { ids }, { token: lead });
    expect(batch.data!.scorecards.map((c) => c.member.id)).toEqual(ids);
    for (const [i, c] of batch.data!.scorecards.entries()) expect(c.lines).toEqual(r.data!.kpiProgress[i].lines);
    const stranger = (await db.query<{ id: string }>(`SELECT id FROM member WHERE email = 'gov@demo.local'`)).rows[0].id;
    expect((await t.gql('query ($ids: [ID!]!) { scorecards(memberIds: $ids) { score } }', { ids: [stranger] }, { token: rep })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps the funnel rollups equal to the deals through inserts, stage moves with history, owner, category, segment and product changes and deletes (random, seeded)', async () => {
    const repo = t.app.get(AnalyticsRepository);
    const org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    const pipeline = (await db.query<{ id: string }>('SELECT id FROM pipeline WHERE is_default')).rows[0].id;
    const stages = (await db.query<{ id: string; kind: string }>('SELECT id, kind FROM pipeline_stage WHERE pipeline_id = $1 ORDER BY position', [pipeline])).rows;
    const owners = (await db.query<{ id: string }>(`SELECT id FROM member WHERE role = 'SALES' ORDER BY name LIMIT 6`)).rows.map((r) => r.id);
    // Clients of their own whose category and segments change (the category and segment slices), and the demo's products (the product slices).
    const regions = ['Москва', 'Казань', null];
    const industries = ['IT', 'Retail', null];
    const channels = ['DEALER', 'DIRECT', null];
    const forms = ['GOVERNMENT', 'COMMERCIAL', null];
    const clients = (await db.query<{ id: string }>(
      `INSERT INTO client (organization_id, name, category, vip, region, industry, channel, ownership_form)
       SELECT $1, 'prop client ' || g, (ARRAY[1, 2, 3, NULL])[g], g % 2 = 0, ($2::text[])[1 + g % 3], ($3::text[])[1 + (g + 1) % 3], ($4::text[])[1 + g % 3], ($5::text[])[1 + (g + 2) % 3]
         FROM generate_series(1, 4) g RETURNING id`,
      [org, regions, industries, channels, forms],
    )).rows.map((r) => r.id);
    const products = (await db.query<{ id: string }>('SELECT id FROM product WHERE organization_id = $1 ORDER BY name LIMIT 3', [org])).rows.map((r) => r.id);
    expect(products.length).toBeGreaterThan(1);
    const maybe = <T,>(xs: T[]) => (rnd() < 0.15 ? null : pick(xs));
    let seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100_000);
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const startSeed = seed;
    const ids: string[] = [];
    /** A moment in 2026 to the second (stage-history times). */
    const moment = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 330 * 86_400) * 1000).toISOString();
    for (let step = 0; step < 300; step += 1) {
      const op = rnd();
      if (op < 0.3 || ids.length === 0) {
        const stage = pick(stages);
        const started = new Date(Date.UTC(2026, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28))).toISOString().slice(0, 10);
        const closed = stage.kind === 'OPEN' ? null : new Date(Date.parse(started) + Math.floor(rnd() * 90) * 86_400_000).toISOString().slice(0, 10);
        // sometimes three deals of one key in one statement (an import): the insert trigger adds them per statement
        const inserted = (await db.query<{ id: string }>(
          `INSERT INTO deal (organization_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, started_on, closed_on, product_id)
           SELECT $1, $2, $3, $4, $5, 'prop', $6 + g, $7, $8, $9 FROM generate_series(1, $10) g RETURNING id`,
          [org, maybe(clients), rnd() < 0.1 ? null : pick(owners), pipeline, stage.id, Math.round(rnd() * 100_000), started, closed, maybe(products), rnd() < 0.25 ? 3 : 1],
        )).rows;
        ids.push(...inserted.map((r) => r.id));
      } else if (op < 0.5) {
        const id = pick(ids);
        const stage = pick(stages);
        await db.query('INSERT INTO deal_stage_history (deal_id, stage_id, entered_at) SELECT id, stage_id, $2 FROM deal WHERE id = $1', [id, moment()]);
        await db.query(`UPDATE deal SET stage_id = $2, closed_on = CASE WHEN $3 THEN NULL ELSE coalesce(closed_on, started_on + 10) END WHERE id = $1`, [id, stage.id, stage.kind === 'OPEN']);
      } else if (op < 0.6) {
        // The app's way: the open visit is left, and the new stage entered; sometimes several deals in one statement.
        const some = [pick(ids), pick(ids)];
        const at = moment();
        await db.query('UPDATE deal_stage_history SET left_at = greatest(entered_at, $2::timestamptz) WHERE deal_id = ANY($1) AND left_at IS NULL', [some, at]);
        await db.query('INSERT INTO deal_stage_history (deal_id, stage_id, entered_at) SELECT id, stage_id, $2 FROM deal WHERE id = ANY($1)', [some, at]);
      } else if (op < 0.67) {
        // One statement writing two visits of a deal to the same stage (an import of a history that came back to a stage).
        const id = pick(ids);
        const stage = pick(stages);
        const [a, b] = [moment(), moment()].sort();
        await db.query('INSERT INTO deal_stage_history (deal_id, stage_id, entered_at, left_at) VALUES ($1, $2, $3, $4), ($1, $2, $4, NULL)', [id, stage.id, a, b]);
      } else if (op < 0.72) {
        // Visits moved to another stage in one statement.
        await db.query('UPDATE deal_stage_history SET stage_id = $2 WHERE deal_id = $1', [pick(ids), pick(stages).id]);
      } else if (op < 0.78) {
        await db.query('UPDATE deal SET owner_member_id = $2, amount = amount + 1 WHERE id = $1', [pick(ids), pick(owners)]);
      } else if (op < 0.8) {
        await db.query(`UPDATE deal SET started_on = started_on - 40 WHERE id = $1`, [pick(ids)]);
      } else if (op < 0.84) {
        // A client's category set by hand or by its potential, or one of its segments changed: its deals move to the new slice.
        const change = rnd();
        if (change < 0.3) await db.query('UPDATE client SET category = $2 WHERE id = $1', [pick(clients), pick([1, 2, 3, null])]);
        else if (change < 0.45) await db.query('UPDATE client SET vip = NOT vip WHERE id = $1', [pick(clients)]);
        else if (change < 0.6) await db.query('UPDATE client SET region = $2 WHERE id = $1', [pick(clients), pick(regions)]);
        else if (change < 0.7) await db.query('UPDATE client SET industry = $2 WHERE id = $1', [pick(clients), pick(industries)]);
        else if (change < 0.8) await db.query('UPDATE client SET channel = $2 WHERE id = $1', [pick(clients), pick(channels)]);
        else if (change < 0.9) await db.query('UPDATE client SET ownership_form = $2 WHERE id = $1', [pick(clients), pick(forms)]);
        else await db.query('UPDATE client SET region = $2, vip = NOT vip, category = $3 WHERE id = $1', [pick(clients), pick(regions), pick([1, 2, 3, null])]);
      } else if (op < 0.88) {
        await db.query('UPDATE deal SET product_id = $2, client_id = $3 WHERE id = $1', [pick(ids), maybe(products), maybe(clients)]);
      } else if (op < 0.93) {
        // The last visit of a deal, or every visit of two deals in one statement.
        if (rnd() < 0.7) await db.query('DELETE FROM deal_stage_history WHERE id = (SELECT max(id) FROM deal_stage_history WHERE deal_id = $1)', [pick(ids)]);
        else await db.query('DELETE FROM deal_stage_history WHERE deal_id = ANY($1)', [[pick(ids), pick(ids)]]);
      } else {
        const id = ids.splice(Math.floor(rnd() * ids.length), 1)[0];
        await db.query('DELETE FROM deal WHERE id = $1', [id]);
      }
    }
    // A client deleted: its deals keep no client (and no category).
    await db.query('DELETE FROM client WHERE id = $1', [clients.pop()]);
    expect((await db.query(`SELECT count(*)::int AS n FROM deal d LEFT JOIN client c ON c.id = d.client_id WHERE d.client_category IS DISTINCT FROM c.category`)).rows[0].n).toBe(0);
    // the deal's copy of its client's segments is the shared rule's keys (null without a client)
    const copies = (await db.query<{ segments: string[] | null; vip: boolean | null; channel: string | null; ownership_form: string | null; region: string | null; industry: string | null }>(
      `SELECT d.client_segments AS segments, c.vip, c.channel, c.ownership_form, c.region, c.industry FROM deal d LEFT JOIN client c ON c.id = d.client_id WHERE d.title = 'prop'`,
    )).rows;
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      expect(c.segments).toEqual(c.vip === null ? null : funnelSegmentKeys({ vip: c.vip, channel: c.channel, ownershipForm: c.ownership_form, region: c.region, industry: c.industry }));
    }
    const asOf = new Date();
    const [first, second] = products;
    const scopes = [
      { organizationId: org, ownerIds: null, from: null, to: null },
      { organizationId: org, ownerIds: owners.slice(0, 3), from: null, to: null },
      { organizationId: org, ownerIds: null, from: '2026-03-01', to: '2026-08-31' },
      { organizationId: org, ownerIds: owners.slice(2, 5), from: '2026-05-01', to: '2026-12-31' },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { category: 1 } },
      { organizationId: org, ownerIds: owners.slice(0, 4), from: '2026-02-01', to: '2026-09-30', deals: { category: 2 } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { category: 3 } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { productId: first } },
      { organizationId: org, ownerIds: owners.slice(1, 4), from: '2026-04-01', to: '2026-12-31', deals: { productId: second } },
      // a category and a product together (migration 0025)
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { category: 1, productId: first } },
      { organizationId: org, ownerIds: owners.slice(0, 4), from: '2026-03-01', to: '2026-10-31', deals: { category: 2, productId: second } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { category: 3, productId: second } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { vip: true } },
      { organizationId: org, ownerIds: owners.slice(0, 3), from: '2026-03-01', to: '2026-10-31', deals: { vip: false } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { region: 'Москва' } },
      { organizationId: org, ownerIds: owners.slice(2, 6), from: null, to: null, deals: { region: 'Казань' } },
      { organizationId: org, ownerIds: null, from: '2026-02-01', to: '2026-11-30', deals: { industry: 'IT' } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { channel: 'DEALER' } },
      { organizationId: org, ownerIds: null, from: null, to: null, deals: { ownershipForm: 'GOVERNMENT' } },
    ];
    const sortBins = (bins: { value: number; count: number }[]) => [...bins].sort((a, b) => a.value - b.value);
    for (const scope of scopes) {
      const context = `seed ${startSeed}, scope ${JSON.stringify({ ...scope, organizationId: undefined })}`;
      const slice = funnelRollupSlice(scope.from, scope.to, scope.deals ?? {});
      expect(slice).not.toBeNull();
      const fromDeals = await repo.funnelStages(pipeline, scope, asOf);
      expect({ context, stages: await repo.funnelStagesFromRollup(pipeline, scope, asOf, slice!) }).toEqual({ context, stages: fromDeals });
      // a whole-organization scope counts deals (the comparison is not of two empty funnels)
      if (scope.ownerIds === null && !scope.from) expect({ context, reached: fromDeals.reduce((n, stage) => n + stage.reached, 0) }).not.toEqual({ context, reached: 0 });
      if (!scope.deals) expect({ context, median: medianOfHistogram(await repo.winDaysHistogram(pipeline, scope)) }).toEqual({ context, median: await repo.medianDaysToWin(pipeline, scope) });
      expect({ context, bins: sortBins(await repo.winDaysHistogram(pipeline, scope, slice!)) }).toEqual({ context, bins: sortBins(await repo.winDaysHistogramOfDeals(pipeline, scope)) });
      for (const p of [pipeline, null]) {
        expect({ context, p, members: await repo.memberPerformance(p, scope, slice) }).toEqual({ context, p, members: await repo.memberPerformance(p, scope) });
      }
    }
    // The previous release reads the old names during a rolling upgrade: views of the every-deal slice, so its funnel counts each deal once.
    const { rows: previousRelease } = await db.query<{ count: number }>(
      `SELECT coalesce(sum(r.deals), 0)::int AS count FROM pipeline_stage s LEFT JOIN deal_rollup r ON r.stage_id = s.id AND r.owner_key = $2
        WHERE s.pipeline_id = $1 GROUP BY s.id, s.position ORDER BY s.position`,
      [pipeline, ALL_OWNERS],
    );
    expect(previousRelease.map((r) => r.count)).toEqual((await repo.funnelStages(pipeline, scopes[0], asOf)).map((stage) => stage.count));
    // The set-based rebuild (bulk loads, the migration) gives exactly what the triggers kept.
    const snapshot = async () => (await db.query(
      `SELECT pipeline_id, category, product_key, owner_key, started_month, stage_id, deals, amount, reached FROM funnel_rollup WHERE deals <> 0 OR reached <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
    )).rows;
    const days = async () => (await db.query(`SELECT pipeline_id, category, product_key, owner_key, started_month, days, deals FROM funnel_win_days WHERE deals <> 0 ORDER BY 1, 2, 3, 4, 5, 6`)).rows;
    const times = async () => (await db.query(
      `SELECT pipeline_id, category, product_key, owner_key, started_month, stage_id, deals, round(closed_seconds, 6) AS closed, open_visits, round(open_entered, 6) AS open_entered FROM funnel_stage_time
        WHERE deals <> 0 OR closed_seconds <> 0 OR open_visits <> 0 OR open_entered <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
    )).rows;
    const segmentRows = async () => Promise.all([
      db.query(`SELECT pipeline_id, segment, owner_key, started_month, stage_id, deals, amount, reached FROM funnel_segment_rollup WHERE deals <> 0 OR reached <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4, 5`),
      db.query(`SELECT pipeline_id, segment, owner_key, started_month, days, deals FROM funnel_segment_win_days WHERE deals <> 0 ORDER BY 1, 2, 3, 4, 5`),
      db.query(`SELECT pipeline_id, segment, owner_key, started_month, stage_id, deals, round(closed_seconds, 6) AS closed, open_visits, round(open_entered, 6) AS open_entered
                  FROM funnel_segment_stage_time WHERE deals <> 0 OR closed_seconds <> 0 OR open_visits <> 0 OR open_entered <> 0 ORDER BY 1, 2, 3, 4, 5`),
    ]).then((results) => results.map((r) => r.rows));
    const [kept, keptDays, keptTimes, keptSegments] = [await snapshot(), await days(), await times(), await segmentRows()];
    expect(keptTimes.length).toBeGreaterThan(0);
    expect(keptSegments[2].length).toBeGreaterThan(0);
    const { REBUILD_FUNNEL_ROLLUPS_SQL } = await import('../../backend/src/modules/analytics/analytics.repository');
    for (const sql of REBUILD_FUNNEL_ROLLUPS_SQL) await db.query(sql);
    expect({ seed: startSeed, rows: await snapshot() }).toEqual({ seed: startSeed, rows: kept });
    expect(await days()).toEqual(keptDays);
    expect({ seed: startSeed, rows: await times() }).toEqual({ seed: startSeed, rows: keptTimes });
    expect({ seed: startSeed, rows: await segmentRows() }).toEqual({ seed: startSeed, rows: keptSegments });
    await db.query(`DELETE FROM deal WHERE title = 'prop'`);
    await db.query('DELETE FROM client WHERE id = ANY($1)', [clients]);
  });

  it("gives a deal written during a change of its client's category the new category (the deal waits for the change)", async () => {
    const org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    const pipeline = (await db.query<{ id: string; stage: string }>(
      `SELECT p.id, s.id AS stage FROM pipeline p JOIN pipeline_stage s ON s.pipeline_id = p.id WHERE p.is_default ORDER BY s.position LIMIT 1`,
    )).rows[0];
    const client = (await db.query<{ id: string }>(`INSERT INTO client (organization_id, name, category) VALUES ($1, 'race client', 1) RETURNING id`, [org])).rows[0].id;
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE client SET category = 3 WHERE id = $1', [client]);
      // written while the change is not committed yet: it must wait for it, then copy category 3
      const writing = db.query<{ client_category: number }>(
        `INSERT INTO deal (organization_id, client_id, pipeline_id, stage_id, title, started_on) VALUES ($1, $2, $3, $4, 'race', current_date) RETURNING client_category`,
        [org, client, pipeline.id, pipeline.stage],
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query('COMMIT');
      // (the rollups move a deal between category slices from this copy: the random test above)
      expect((await writing).rows[0].client_category).toBe(3);
    } finally {
      await other.end();
      await db.query(`DELETE FROM deal WHERE title = 'race'`);
      await db.query('DELETE FROM client WHERE id = $1', [client]);
    }
  });

  describe('funnel transparency: filters, time in stage, sales velocity (data built here, in a pipeline of its own)', () => {
    const FULL = `query ($f: AnalyticsFilter!) { funnel(filter: $f) { totalDeals won lost winRate medianDaysToWin wonAmount weightedPipeline avgWonAmount avgDaysToWin salesVelocity
      stages { name kind count amount reached conversionToNext avgDaysInStage } } }`;
    interface FullFunnel extends Funnel {
      weightedPipeline: number;
      avgWonAmount: number | null;
      avgDaysToWin: number | null;
      salesVelocity: number | null;
      stages: (Funnel['stages'][number] & { avgDaysInStage: number | null })[];
    }
    type StageKey = 'Q' | 'P' | 'W' | 'L';
    interface TestDeal {
      n: number;
      owner: 'farmer' | 'hunter' | 'kam';
      client: 'a' | 'b' | 'c';
      product: 'x' | 'y' | null;
      stage: StageKey;
      amount: number;
      started: string;
      closed: string | null;
      expected?: string;
      /** Stage visits: [stage, entered, left]; a left of null: still there. */
      visits: [StageKey, string, string | null][];
    }
    const DAY = 86_400_000;
    const nowMinus3 = 'NOW-3D';
    // Eight deals over March and April 2025 (far from the demo's), their clients in three segments, two products.
    const DEALS: TestDeal[] = [
      { n: 1, owner: 'farmer', client: 'a', product: 'x', stage: 'W', amount: 500_000.5, started: '2025-03-01', closed: '2025-03-08', visits: [['Q', '2025-03-01T00:00:00Z', '2025-03-03T00:00:00Z'], ['P', '2025-03-03T00:00:00Z', '2025-03-08T00:00:00Z'], ['W', '2025-03-08T00:00:00Z', null]] },
      { n: 2, owner: 'farmer', client: 'b', product: 'y', stage: 'L', amount: 200_000, started: '2025-03-02', closed: '2025-03-09', visits: [['Q', '2025-03-02T00:00:00Z', '2025-03-06T00:00:00Z'], ['P', '2025-03-06T00:00:00Z', '2025-03-07T00:00:00Z'], ['Q', '2025-03-07T00:00:00Z', '2025-03-09T00:00:00Z'], ['L', '2025-03-09T00:00:00Z', null]] },
      { n: 3, owner: 'hunter', client: 'c', product: 'x', stage: 'P', amount: 300_000, started: '2025-03-05', closed: null, expected: '2025-04-20', visits: [['Q', '2025-03-05T00:00:00Z', '2025-03-06T00:00:00Z'], ['P', nowMinus3, null]] },
      { n: 4, owner: 'hunter', client: 'a', product: 'y', stage: 'W', amount: 1_000_000, started: '2025-04-10', closed: '2025-04-30', visits: [] },
      { n: 5, owner: 'kam', client: 'b', product: 'x', stage: 'Q', amount: 750_000.25, started: '2025-04-15', closed: null, expected: '2025-04-25', visits: [] },
      { n: 6, owner: 'kam', client: 'c', product: null, stage: 'L', amount: 50_000, started: '2025-04-20', closed: '2025-04-21', visits: [] },
      { n: 7, owner: 'farmer', client: 'c', product: 'x', stage: 'W', amount: 250_000, started: '2025-04-01', closed: '2025-04-11', visits: [] },
      { n: 8, owner: 'hunter', client: 'b', product: 'x', stage: 'Q', amount: 120_000, started: '2025-03-20', closed: null, expected: '2025-05-15', visits: [] },
    ];
    const CLIENTS = {
      a: { category: 1, region: 'Тестовый край', industry: 'Тест-металл', channel: 'DEALER', ownershipForm: 'COMMERCIAL', vip: true },
      b: { category: 2, region: 'Тестовый край', industry: 'Тест-розница', channel: 'RETAIL_CHAIN', ownershipForm: 'GOVERNMENT', vip: false },
      c: { category: 3, region: 'Другой тестовый край', industry: 'Тест-металл', channel: 'DIRECT', ownershipForm: 'PRIVATE_PERSON', vip: false },
    } as const;
    const STAGES: { key: StageKey; name: string; kind: 'OPEN' | 'WON' | 'LOST'; probability: number }[] = [
      { key: 'Q', name: 'Квалификация (тест)', kind: 'OPEN', probability: 0.2 },
      { key: 'P', name: 'Предложение (тест)', kind: 'OPEN', probability: 0.6 },
      { key: 'W', name: 'Выиграна (тест)', kind: 'WON', probability: 1 },
      { key: 'L', name: 'Проиграна (тест)', kind: 'LOST', probability: 0 },
    ];
    let pipelineId: string;
    const ids = { owner: {} as Record<TestDeal['owner'], string>, client: {} as Record<TestDeal['client'], string>, product: {} as Record<'x' | 'y', string> };
    let dealerTeam: string;
    let dealerPeople: Set<string>;
    let stageRoles: Record<TestDeal['owner'], string>;

    beforeAll(async () => {
      const org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
      pipelineId = (await db.query<{ id: string }>(`INSERT INTO pipeline (organization_id, name) VALUES ($1, 'Воронка фильтров (тест)') RETURNING id`, [org])).rows[0].id;
      const stageIds = new Map<StageKey, string>();
      for (const [i, st] of STAGES.entries()) {
        stageIds.set(st.key, (await db.query<{ id: string }>('INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind) VALUES ($1, $2, $3, $4, $5) RETURNING id', [pipelineId, i + 1, st.name, st.probability, st.kind])).rows[0].id);
      }
      const member = async (email: string) => (await db.query<{ id: string; stage_role: string }>('SELECT id, stage_role FROM member WHERE email = $1', [email])).rows[0];
      const [farmer, hunter, kam] = [await member('rep@demo.local'), await member('rep6@demo.local'), await member('vip1@demo.local')];
      ids.owner = { farmer: farmer.id, hunter: hunter.id, kam: kam.id };
      stageRoles = { farmer: farmer.stage_role, hunter: hunter.stage_role, kam: kam.stage_role };
      expect(stageRoles).toEqual({ farmer: 'FARMER', hunter: 'HUNTER', kam: 'KEY_ACCOUNT' });
      dealerTeam = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
      dealerPeople = new Set((await db.query<{ id: string }>('SELECT member_id AS id FROM team_member WHERE team_id = $1 UNION SELECT lead_id FROM team WHERE id = $1', [dealerTeam])).rows.map((r) => r.id));
      for (const [key, c] of Object.entries(CLIENTS)) {
        ids.client[key as TestDeal['client']] = (await db.query<{ id: string }>(
          `INSERT INTO client (organization_id, name, region, industry, channel, ownership_form, vip, category, category_manual, stage) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, 'ACTIVE') RETURNING id`,
          [org, `Клиент фильтров ${key}`, c.region, c.industry, c.channel, c.ownershipForm, c.vip, c.category],
        )).rows[0].id;
      }
      for (const key of ['x', 'y'] as const) {
        ids.product[key] = (await db.query<{ id: string }>(`INSERT INTO product (organization_id, name, product_line) VALUES ($1, $2, 'Тестовая линия') RETURNING id`, [org, `Тестовый продукт ${key}`])).rows[0].id;
      }
      for (const d of DEALS) {
        const dealId = (await db.query<{ id: string }>(
          `INSERT INTO deal (organization_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, product_id, started_on, closed_on, expected_close_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [org, ids.client[d.client], ids.owner[d.owner], pipelineId, stageIds.get(d.stage), `ff-${d.n}`, d.amount, d.product ? ids.product[d.product] : null, d.started, d.closed, d.expected ?? null],
        )).rows[0].id;
        for (const [stage, entered, left] of d.visits) {
          await db.query(
            `INSERT INTO deal_stage_history (deal_id, stage_id, entered_at, left_at) VALUES ($1, $2, CASE WHEN $3 = '${nowMinus3}' THEN now() - interval '3 days' ELSE $3::timestamptz END, $4)`,
            [dealId, stageIds.get(stage), entered, left],
          );
        }
      }
    });

    /** What the funnel must say for the deals a predicate keeps: counted here, from the list above. */
    function expected(keep: (d: TestDeal) => boolean) {
      const deals = DEALS.filter(keep);
      const won = deals.filter((d) => d.stage === 'W');
      const lost = deals.filter((d) => d.stage === 'L');
      const open = deals.filter((d) => d.stage === 'Q' || d.stage === 'P');
      const wonAmount = won.reduce((n, d) => n + d.amount, 0);
      const winDays = won.map((d) => (Date.parse(d.closed!) - Date.parse(d.started)) / DAY);
      const rate = won.length + lost.length ? Math.round((won.length / (won.length + lost.length)) * 10_000) / 10_000 : null;
      const avgWonAmount = won.length ? Math.round((wonAmount / won.length) * 100) / 100 : null;
      const avgDaysToWin = winDays.length ? Math.round((winDays.reduce((a, b) => a + b, 0) / winDays.length) * 100) / 100 : null;
      return {
        totalDeals: deals.length,
        won: won.length,
        lost: lost.length,
        winRate: rate,
        wonAmount: Math.round(wonAmount * 100) / 100,
        medianDaysToWin: median(winDays),
        avgWonAmount,
        avgDaysToWin,
        salesVelocity: rate === null || avgWonAmount === null || !avgDaysToWin ? null : Math.round(((open.length * rate * avgWonAmount) / avgDaysToWin) * 100) / 100,
        stages: STAGES.map((st) => ({
          name: st.name,
          count: deals.filter((d) => d.stage === st.key).length,
          amount: Math.round(deals.filter((d) => d.stage === st.key).reduce((n, d) => n + d.amount, 0) * 100) / 100,
          reached: deals.filter((d) => d.stage === st.key || d.visits.some((v) => v[0] === st.key)).length,
        })),
      };
    }

    async function funnelOf(f: Record<string, unknown>, token = director): Promise<FullFunnel> {
      const r = await t.gql<{ funnel: FullFunnel }>(FULL, { f: { pipelineId, ...f } }, { token });
      expect(r.errors).toBeUndefined();
      return r.data!.funnel;
    }

    const pick = (f: FullFunnel) => ({
      totalDeals: f.totalDeals,
      won: f.won,
      lost: f.lost,
      winRate: f.winRate,
      wonAmount: f.wonAmount,
      medianDaysToWin: f.medianDaysToWin,
      avgWonAmount: f.avgWonAmount,
      avgDaysToWin: f.avgDaysToWin,
      salesVelocity: f.salesVelocity,
      stages: f.stages.map((s) => ({ name: s.name, count: s.count, amount: s.amount, reached: s.reached })),
    });

    it('narrows the funnel by each filter exactly as the deals built here say', async () => {
      const all = await funnelOf({});
      expect(pick(all)).toEqual(expected(() => true));
      const cases: [string, Record<string, unknown>, (d: TestDeal) => boolean][] = [
        ['stage role', { stageRole: 'HUNTER' }, (d) => stageRoles[d.owner] === 'HUNTER'],
        ['category', { category: 1 }, (d) => CLIENTS[d.client].category === 1],
        ['region', { region: 'Тестовый край' }, (d) => CLIENTS[d.client].region === 'Тестовый край'],
        ['industry', { industry: 'Тест-металл' }, (d) => CLIENTS[d.client].industry === 'Тест-металл'],
        ['channel', { channel: 'DEALER' }, (d) => CLIENTS[d.client].channel === 'DEALER'],
        ['ownership form', { ownershipForm: 'GOVERNMENT' }, (d) => CLIENTS[d.client].ownershipForm === 'GOVERNMENT'],
        ['VIP', { vip: true }, (d) => CLIENTS[d.client].vip],
        ['not VIP', { vip: false }, (d) => !CLIENTS[d.client].vip],
        ['product', { productId: 'x' }, (d) => d.product === 'x'],
        ['team', { teamId: 'dealers' }, (d) => dealerPeople.has(ids.owner[d.owner])],
        ['member', { memberId: 'kam' }, (d) => d.owner === 'kam'],
        ['whole month (rollups)', { from: '2025-03-01', to: '2025-03-31' }, (d) => d.started <= '2025-03-31'],
        ['days across months (deals)', { from: '2025-03-03', to: '2025-04-12' }, (d) => d.started >= '2025-03-03' && d.started <= '2025-04-12'],
        ['stage role and product', { stageRole: 'HUNTER', productId: 'x' }, (d) => stageRoles[d.owner] === 'HUNTER' && d.product === 'x'],
        ['segment of three fields', { region: 'Тестовый край', vip: false, channel: 'RETAIL_CHAIN' }, (d) => d.client === 'b'],
        ['a team and a category', { teamId: 'dealers', category: 3 }, (d) => dealerPeople.has(ids.owner[d.owner]) && CLIENTS[d.client].category === 3],
      ];
      for (const [label, raw, keep] of cases) {
        const f = { ...raw };
        if (f.productId === 'x') f.productId = ids.product.x;
        if (f.teamId === 'dealers') f.teamId = dealerTeam;
        if (f.memberId === 'kam') f.memberId = ids.owner.kam;
        const want = expected(keep);
        // Each filter keeps some deals and drops some: a filter that is ignored fails here.
        expect({ label, narrows: want.totalDeals > 0 && want.totalDeals < DEALS.length }).toEqual({ label, narrows: true });
        expect({ label, funnel: pick(await funnelOf(f)) }).toEqual({ label, funnel: want });
      }
    });

    it('averages the days in each open stage from the stage history, the same through the rollups and the deals', async () => {
      const viaRollups = await funnelOf({});
      const viaDeals = await funnelOf({ from: '2025-02-15', to: '2025-05-20' });
      expect(viaDeals.totalDeals).toBe(viaRollups.totalDeals);
      const days = (f: FullFunnel) => Object.fromEntries(f.stages.map((s) => [s.name, s.avgDaysInStage]));
      // Qualification: deal 1 two days, deal 2 four days and (back again) two more, deal 3 one day: 9 days over 3 deals.
      expect(days(viaRollups)['Квалификация (тест)']).toBe(3);
      // Proposal: deal 1 five days, deal 2 one day, deal 3 still there since three days ago: (5 + 1 + 3) / 3.
      expect(days(viaRollups)['Предложение (тест)']).toBeCloseTo(3, 2);
      // Closed stages have none: a deal stays there for good.
      expect(days(viaRollups)['Выиграна (тест)']).toBeNull();
      expect(days(viaRollups)['Проиграна (тест)']).toBeNull();
      expect(days(viaDeals)).toEqual(days(viaRollups));
      // Deals without a recorded visit do not count: the key account manager's two have none.
      const unrecorded = await funnelOf({ memberId: ids.owner.kam });
      expect(unrecorded.stages.map((s) => s.avgDaysInStage)).toEqual([null, null, null, null]);
      // A visit left now stops growing: the proposal of deal 3 ends after exactly three days.
      await db.query(`UPDATE deal_stage_history SET left_at = entered_at + interval '3 days' WHERE left_at IS NULL AND stage_id = (SELECT id FROM pipeline_stage WHERE pipeline_id = $1 AND position = 2)`, [pipelineId]);
      expect(days(await funnelOf({}))['Предложение (тест)']).toBe(3);
      expect(days(await funnelOf({ from: '2025-03-05', to: '2025-03-05' }))['Предложение (тест)']).toBe(3);
    });

    it('computes sales velocity from open deals, win rate, average won deal and days to win', async () => {
      const f = await funnelOf({});
      // 3 open deals; 3 won, 2 lost; won 1,750,000.50 over 3 deals; days to win 7, 20, 10.
      expect(f.avgWonAmount).toBe(583_333.5);
      expect(f.avgDaysToWin).toBe(12.33);
      expect(f.winRate).toBe(0.6);
      expect(f.salesVelocity).toBe(Math.round(((3 * 0.6 * 583_333.5) / 12.33) * 100) / 100);
      expect(f.salesVelocity).toBe(salesVelocity({ openDeals: 3, winRate: f.winRate, avgWonAmount: f.avgWonAmount, avgDaysToWin: f.avgDaysToWin }));
      // Nothing won: no velocity, no averages.
      const none = await funnelOf({ memberId: ids.owner.kam });
      expect({ velocity: none.salesVelocity, avgWon: none.avgWonAmount, days: none.avgDaysToWin, winRate: none.winRate }).toEqual({ velocity: null, avgWon: null, days: null, winRate: 0 });
    });

    it('applies the same filters to member performance and the forecast', async () => {
      const r = await t.gql<{ memberPerformance: { member: { id: string }; won: number; lost: number; open: number; wonAmount: number }[] }>(
        'query ($f: AnalyticsFilter!) { memberPerformance(filter: $f) { member { id } won lost open wonAmount } }',
        { f: { pipelineId, category: 3 } },
        { token: director },
      );
      expect(r.errors).toBeUndefined();
      const byOwner = new Map(r.data!.memberPerformance.map((m) => [m.member.id, m]));
      for (const owner of ['farmer', 'hunter', 'kam'] as const) {
        const mine = DEALS.filter((d) => d.owner === owner && d.client === 'c');
        const row = byOwner.get(ids.owner[owner]);
        expect({ owner, row: row ? { won: row.won, lost: row.lost, open: row.open, wonAmount: row.wonAmount } : null }).toEqual({
          owner,
          row: mine.length ? { won: mine.filter((d) => d.stage === 'W').length, lost: mine.filter((d) => d.stage === 'L').length, open: mine.filter((d) => d.stage === 'Q' || d.stage === 'P').length, wonAmount: mine.filter((d) => d.stage === 'W').reduce((n, d) => n + d.amount, 0) } : null,
        });
      }
      // A stage role keeps only the people who serve it.
      const hunters = await t.gql<{ memberPerformance: { member: { id: string; stageRole: string | null } }[] }>(
        'query ($f: AnalyticsFilter!) { memberPerformance(filter: $f) { member { id stageRole } } }',
        { f: { stageRole: 'HUNTER' } },
        { token: director },
      );
      expect(hunters.data!.memberPerformance.length).toBeGreaterThan(0);
      for (const m of hunters.data!.memberPerformance) expect(m.member.stageRole).toBe('HUNTER');

      const forecast = await t.gql<{ forecast: { closed: number; categories: { category: string; count: number; amount: number }[] } }>(
        'query ($f: AnalyticsFilter!) { forecast(filter: $f) { closed categories { category count amount } } }',
        { f: { from: '2025-03-01', to: '2025-04-30', productId: ids.product.x } },
        { token: director },
      );
      expect(forecast.errors).toBeUndefined();
      // Product x: won in the period deals 1 and 7; open and expected in it deals 3 and 5 (deal 8 expected in May).
      expect(forecast.data!.forecast.closed).toBe(750_000.5);
      expect(forecast.data!.forecast.categories.reduce((n, c) => n + c.count, 0)).toBe(4);
      expect(forecast.data!.forecast.categories.reduce((n, c) => n + c.amount, 0)).toBeCloseTo(500_000.5 + 250_000 + 300_000 + 750_000.25, 2);
    });

    it('offers the products, regions and industries to filter by, and refuses bad filters with stable codes', async () => {
      const options = await t.gql<{ analyticsFilterOptions: { products: { id: string; name: string; productLine: string }[]; regions: string[]; industries: string[] } }>(
        '{ analyticsFilterOptions { products { id name productLine } regions industries } }',
        {},
        { token: rep },
      );
      expect(options.errors).toBeUndefined();
      const o = options.data!.analyticsFilterOptions;
      expect(o.products.find((p) => p.id === ids.product.x)).toEqual({ id: ids.product.x, name: 'Тестовый продукт x', productLine: 'Тестовая линия' });
      expect(o.regions).toEqual(expect.arrayContaining(['Тестовый край', 'Другой тестовый край']));
      expect(o.industries).toEqual(expect.arrayContaining(['Тест-металл', 'Тест-розница']));
      const distinct = (await db.query<{ n: number }>('SELECT count(DISTINCT region)::int AS n FROM client WHERE region IS NOT NULL')).rows[0].n;
      expect(o.regions).toHaveLength(distinct);
      expect(o.regions).toEqual([...o.regions].sort());

      const refused = async (f: Record<string, unknown>) => (await t.gql(FULL, { f: { pipelineId, ...f } }, { token: director })).errors?.[0].extensions;
      expect(await refused({ stageRole: 'CHIEF' })).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await refused({ channel: 'TELEPATHY' })).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await refused({ category: 4 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
      expect(await refused({ category: 1.5 })).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await refused({ productId: 'server-1' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
      expect(await refused({ region: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
      expect(await refused({ productId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
      // A rep still sees only their team's deals: the key account manager's are not theirs to see.
      const repView = await funnelOf({ stageRole: 'KEY_ACCOUNT' }, rep);
      expect(repView.totalDeals).toBe(0);
    });
  });
});
