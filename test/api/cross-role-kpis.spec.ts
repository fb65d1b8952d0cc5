import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';
import { REBUILD_ORDER_AGGREGATES_SQL } from '../../backend/src/modules/clients/handoff-sql';

interface Line {
  metric: string;
  target: number;
  actual: number;
  weight: number;
}
interface Card {
  from: string;
  to: string;
  targetsSet: boolean;
  lines: Line[];
  crossRoleScopes: { kind: string; products: string[]; regions: string[] }[];
}
interface Money {
  members: number;
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
}

const CARD = 'query ($m: ID!) { scorecard(memberId: $m) { from to targetsSet lines { metric target actual weight } crossRoleScopes { kind products regions } } }';
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Issue 6: cross roles get KPIs for their scope (a product manager the products' volume across
 * all reps, a territory manager the region's), and the forecast rolls up by team, stage role and
 * category. Figures checked against SQL written here, independently of the server's.
 */
describe('cross-role KPIs and forecast roll-ups', () => {
  let t: TestApp;
  let db: Client;
  let org: string;
  let director: string;
  let pm: string;
  const ids = new Map<string, string>();
  const actual = (card: Card, metric: string) => card.lines.find((l) => l.metric === metric)?.actual;

  beforeAll(async () => {
    t = await startTestApp('cross-role-kpis');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    for (const r of (await db.query<{ id: string; email: string }>('SELECT id, email FROM member WHERE email IS NOT NULL')).rows) ids.set(r.email, r.id);
    [director, pm] = await Promise.all([t.login('director@demo.local'), t.login('pm@demo.local')]);

    // A product of our own, sold today by three different reps to three clients, plus a line of another product in one order and an order out of any period.
    const product = await db.query<{ id: string }>(`INSERT INTO product (organization_id, name, product_line, price) VALUES ($1, 'Тест-модуль X1', 'Тестовая линия', 1000) RETURNING id`, [org]);
    const other = (await db.query<{ id: string }>(`SELECT id FROM product WHERE organization_id = $1 AND product_line = 'Серверы' LIMIT 1`, [org])).rows[0].id;
    const clients = (await db.query<{ id: string }>(`SELECT id FROM client WHERE organization_id = $1 AND region = 'Урал' AND order_count = 0 ORDER BY id LIMIT 3`, [org])).rows.map((r) => r.id);
    expect(clients).toHaveLength(3);
    const sellers = ['rep@demo.local', 'rep2@demo.local', 'hunter@demo.local'].map((e) => ids.get(e)!);
    for (const [i, client] of clients.entries()) {
      const order = await db.query<{ id: string }>(`INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id) VALUES ($1, $2, current_date, $3, $4) RETURNING id`, [org, client, 1000 * (i + 1) + 640_000, sellers[i]]);
      await db.query('INSERT INTO order_line (order_id, product_id, quantity, amount) VALUES ($1, $2, $3, $4)', [order.rows[0].id, product.rows[0].id, i + 1, 1000 * (i + 1)]);
      if (i === 0) await db.query('INSERT INTO order_line (order_id, product_id, quantity, amount) VALUES ($1, $2, 1, 640000)', [order.rows[0].id, other]);
    }
    const old = await db.query<{ id: string }>(`INSERT INTO client_order (organization_id, client_id, ordered_on, total) VALUES ($1, $2, current_date - 800, 7000) RETURNING id`, [org, clients[0]]);
    await db.query('INSERT INTO order_line (order_id, product_id, quantity, amount) VALUES ($1, $2, 7, 7000)', [old.rows[0].id, product.rows[0].id]);
    // orders written here, not through recordOrder: the clients' order aggregates are rebuilt as after any bulk load
    for (const sql of REBUILD_ORDER_AGGREGATES_SQL) await db.query(sql, [org]);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it("gives the product manager their products' revenue, orders, clients and share over all reps, as plain SQL does", async () => {
    // a second scope entry: one product by its name (the first is the demo's product line, in another case)
    const assigned = await t.gql('mutation ($i: AssignCrossRoleInput!) { assignCrossRole(input: $i) { id } }', { i: { memberId: ids.get('pm@demo.local'), kind: 'PRODUCT_MANAGER', products: ['тест-модуль x1', 'СЕТЕВОЕ ОБОРУДОВАНИЕ'] } }, { token: director });
    expect(assigned.errors).toBeUndefined();
    const r = await t.gql<{ scorecard: Card }>(CARD, { m: ids.get('pm@demo.local') }, { token: pm });
    expect(r.errors).toBeUndefined();
    const card = r.data!.scorecard;
    expect(card.crossRoleScopes).toEqual([{ kind: 'PRODUCT_MANAGER', products: ['Сетевое оборудование', 'тест-модуль x1'], regions: [] }]);
    // no stage role: measured by the scope only, the weights adding up to one
    expect(card.lines.map((l) => l.metric)).toEqual(['PRODUCT_REVENUE', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE']);
    expect(card.lines.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(1, 3);

    const expected = (
      await db.query<{ revenue: string; orders: string; clients: string; sellers: string; total: string }>(
        `SELECT sum(ol.amount) AS revenue, count(DISTINCT o.id) AS orders, count(DISTINCT o.client_id) AS clients, count(DISTINCT o.seller_member_id) AS sellers,
                (SELECT sum(l2.amount) FROM order_line l2 JOIN client_order o2 ON o2.id = l2.order_id WHERE o2.organization_id = $1 AND o2.ordered_on BETWEEN $2 AND $3) AS total
           FROM order_line ol JOIN product p ON p.id = ol.product_id JOIN client_order o ON o.id = ol.order_id
          WHERE o.organization_id = $1 AND o.ordered_on BETWEEN $2 AND $3 AND (p.product_line = 'Сетевое оборудование' OR p.name = 'Тест-модуль X1')`,
        [org, card.from, card.to],
      )
    ).rows[0];
    expect(Number(expected.sellers)).toBeGreaterThan(1);
    expect(actual(card, 'PRODUCT_REVENUE')).toBeCloseTo(Number(expected.revenue), 2);
    expect(actual(card, 'PRODUCT_CLIENTS')).toBe(Number(expected.clients));
    expect(actual(card, 'PRODUCT_SHARE')).toBe(round4(Number(expected.revenue) / Number(expected.total)));

    // over whole calendar months the share's denominator comes from the product months (migration 1763900000019): the same as the lines give
    const today = new Date().toISOString().slice(0, 10);
    const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
    const wholeMonths = [
      { from: `${today.slice(0, 8)}01`, to: monthEnd(y, m) },
      { from: new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10), to: monthEnd(y, m) },
      { from: '2000-01-01', to: monthEnd(y, m) },
    ];
    for (const period of wholeMonths) {
      const progress = await t.gql<{ kpiProgress: Card[] }>(
        'query ($f: AnalyticsFilter!) { kpiProgress(filter: $f) { from to targetsSet lines { metric target actual weight } crossRoleScopes { kind products regions } } }',
        { f: { memberId: ids.get('pm@demo.local'), ...period } },
        { token: director },
      );
      expect(progress.errors).toBeUndefined();
      const [pmCard] = progress.data!.kpiProgress;
      expect([pmCard.from, pmCard.to]).toEqual([period.from, period.to]);
      const share = (
        await db.query<{ revenue: string; total: string }>(
          `SELECT (SELECT sum(ol.amount) FROM order_line ol JOIN product p ON p.id = ol.product_id JOIN client_order o ON o.id = ol.order_id
                    WHERE o.organization_id = $1 AND o.ordered_on BETWEEN $2 AND $3 AND (p.product_line = 'Сетевое оборудование' OR p.name = 'Тест-модуль X1')) AS revenue,
                  (SELECT sum(l2.amount) FROM order_line l2 JOIN client_order o2 ON o2.id = l2.order_id WHERE o2.organization_id = $1 AND o2.ordered_on BETWEEN $2 AND $3) AS total`,
          [org, period.from, period.to],
        )
      ).rows[0];
      expect(Number(share.total)).toBeGreaterThan(Number(share.revenue));
      expect(actual(pmCard, 'PRODUCT_SHARE')).toBe(round4(Number(share.revenue) / Number(share.total)));
    }

    // targets on the new metrics through the usual path
    const SET = 'mutation ($i: SetKpiTargetsInput!) { setKpiTargets(input: $i) }';
    const set = await t.gql(SET, { i: { memberId: ids.get('pm@demo.local'), from: card.from, to: card.to, targets: [{ metric: 'PRODUCT_REVENUE', target: 1_000_000, weight: 0.7 }, { metric: 'PRODUCT_ORDERS', target: 10, weight: 0.3 }] } }, { token: director });
    expect(set.errors).toBeUndefined();
    const after = (await t.gql<{ scorecard: Card }>(CARD, { m: ids.get('pm@demo.local') }, { token: pm })).data!.scorecard;
    expect(after.targetsSet).toBe(true);
    expect(after.lines.map((l) => [l.metric, l.target])).toEqual([['PRODUCT_REVENUE', 1_000_000], ['PRODUCT_ORDERS', 10]]);
    expect(actual(after, 'PRODUCT_ORDERS')).toBe(Number(expected.orders));

    // the batched paths give the same lines
    const batch = await t.gql<{ scorecards: Card[] }>('query ($m: [ID!]!) { scorecards(memberIds: $m) { from to targetsSet lines { metric target actual weight } crossRoleScopes { kind products regions } } }', { m: [ids.get('pm@demo.local')] }, { token: director });
    expect(batch.data!.scorecards).toEqual([after]);
  });

  it("gives the territory manager their regions' revenue, new and active clients, as plain SQL does", async () => {
    const vip2 = ids.get('vip2@demo.local')!;
    const card = (await t.gql<{ scorecard: Card }>(CARD, { m: vip2 }, { token: director })).data!.scorecard;
    expect(card.crossRoleScopes).toEqual([{ kind: 'TERRITORY_MANAGER', products: [], regions: ['Урал', 'Сибирь', 'Дальний Восток'] }]);
    // a key account manager keeps their own lines and gets the region's too
    expect(card.lines.map((l) => l.metric)).toEqual(['REVENUE', 'MEETINGS', 'REGION_REVENUE', 'REGION_NEW_CLIENTS', 'REGION_ACTIVE_CLIENTS']);
    const expected = (
      await db.query<{ revenue: string; active: string; fresh: string; sellers: string }>(
        `SELECT sum(o.total) AS revenue, count(DISTINCT o.client_id) AS active, count(DISTINCT o.seller_member_id) AS sellers,
                count(DISTINCT o.client_id) FILTER (WHERE o.client_id IN (SELECT client_id FROM client_order GROUP BY client_id HAVING min(ordered_on) >= $2)) AS fresh
           FROM client_order o JOIN client c ON c.id = o.client_id
          WHERE o.organization_id = $1 AND o.ordered_on BETWEEN $2 AND $3 AND c.region IN ('Урал', 'Сибирь', 'Дальний Восток')`,
        [org, card.from, card.to],
      )
    ).rows[0];
    expect(Number(expected.sellers)).toBeGreaterThan(1);
    expect(Number(expected.fresh)).toBeGreaterThanOrEqual(3);
    expect(actual(card, 'REGION_REVENUE')).toBeCloseTo(Number(expected.revenue), 2);
    expect(actual(card, 'REGION_ACTIVE_CLIENTS')).toBe(Number(expected.active));
    expect(actual(card, 'REGION_NEW_CLIENTS')).toBe(Number(expected.fresh));
  });

  it('lets the product manager read their own scorecard and nobody read a scorecard outside their teams', async () => {
    const [rep, hunter] = await Promise.all([t.login('rep@demo.local'), t.login('hunter@demo.local')]);
    expect((await t.gql(CARD, { m: ids.get('pm@demo.local') }, { token: pm })).errors).toBeUndefined();
    // rep and hunter are in different teams
    const refused = await t.gql(CARD, { m: ids.get('hunter@demo.local') }, { token: rep });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(refused.data).toBeNull();
    const alsoRefused = await t.gql(CARD, { m: ids.get('pm@demo.local') }, { token: hunter });
    expect(alsoRefused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notPm = await t.gql('query ($m: [ID!]!) { scorecards(memberIds: $m) { lines { metric } } }', { m: [ids.get('vip2@demo.local')] }, { token: rep });
    expect(notPm.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('rolls the forecast up by team, stage role and category: each row the sum of its members\' rows', async () => {
    const r = await t.gql<{ forecast: { byMember: (Omit<Money, 'members'> & { member: { id: string } })[]; byTeam: (Money & { teamId: string | null; teamName: string | null })[]; byStageRole: (Money & { stageRole: string | null })[]; byCategory: (Money & { category: number | null })[] } }>(
      `query { forecast(filter: { from: "2020-01-01", to: "2030-12-31" }) {
         byMember { member { id } closed commit bestCase pipeline weighted }
         byTeam { teamId teamName members closed commit bestCase pipeline weighted }
         byStageRole { stageRole members closed commit bestCase pipeline weighted }
         byCategory { category members closed commit bestCase pipeline weighted } } }`,
      {},
      { token: director },
    );
    expect(r.errors).toBeUndefined();
    const f = r.data!.forecast;
    expect(f.byMember.length).toBeGreaterThan(5);
    const people = (await db.query<{ id: string; stage_role: string | null; category: number | null; teams: string[] }>(
      `SELECT m.id, m.stage_role, m.category, array_remove(array_agg(DISTINCT x.team_id), NULL)::text[] AS teams
         FROM member m LEFT JOIN (SELECT member_id, team_id FROM team_member UNION SELECT lead_id, id FROM team) x ON x.member_id = m.id
        WHERE m.organization_id = $1 GROUP BY m.id`,
      [org],
    )).rows;
    const place = new Map(people.map((p) => [p.id, p]));
    const figures = ['closed', 'commit', 'bestCase', 'pipeline', 'weighted'] as const;
    const sumOf = (rows: Omit<Money, 'members'>[]) => Object.fromEntries(figures.map((k) => [k, Math.round(rows.reduce((s, x) => s + x[k], 0) * 100) / 100]));
    const expectRows = <R extends Money>(rows: R[], keyOf: (r: R) => unknown, membersOf: (key: unknown) => typeof f.byMember) => {
      for (const row of rows) {
        const members = membersOf(keyOf(row));
        expect([keyOf(row), row.members]).toEqual([keyOf(row), members.length]);
        for (const k of figures) expect([keyOf(row), k, row[k]]).toEqual([keyOf(row), k, sumOf(members)[k]]);
      }
    };
    const teams = (await db.query<{ id: string; name: string }>('SELECT id, name FROM team WHERE organization_id = $1', [org])).rows;
    // a row for every team with an owner among byMember, named
    const withOwners = teams.filter((team) => f.byMember.some((m) => place.get(m.member.id)!.teams.includes(team.id)));
    expect(withOwners.length).toBeGreaterThan(0);
    expect(f.byTeam.filter((x) => x.teamId).map((x) => [x.teamId, x.teamName]).sort()).toEqual(withOwners.map((x) => [x.id, x.name]).sort());
    expectRows(f.byTeam, (x) => x.teamId, (key) => f.byMember.filter((m) => (key === null ? place.get(m.member.id)!.teams.length === 0 : place.get(m.member.id)!.teams.includes(key as string))));
    expectRows(f.byStageRole, (x) => x.stageRole, (key) => f.byMember.filter((m) => place.get(m.member.id)!.stage_role === key));
    expectRows(f.byCategory, (x) => x.category, (key) => f.byMember.filter((m) => place.get(m.member.id)!.category === key));
    // the matrix axes split the total exactly
    expect(sumOf(f.byStageRole)).toEqual(sumOf(f.byMember));
    expect(sumOf(f.byCategory)).toEqual(sumOf(f.byMember));
    expect(f.byStageRole.reduce((s, x) => s + x.members, 0)).toBe(f.byMember.length);
  });
});
