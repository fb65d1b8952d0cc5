import { Client } from 'pg';
import { previousPeriod } from '@salescircle/shared';
import { AnalyticsRepository } from '../../backend/src/modules/analytics/analytics.repository';
import { directReplica } from '../support/direct-replica';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Retention per seller and month as the triggers keep it (migrations 1763900000012 and 1763900000023) against the
 * same figure over the orders, on the demo company, after inserts, updates and deletes of
 * orders, and with two transactions changing one seller's month at once.
 */
describe('member_retention_month: equal to retention over the orders', () => {
  let t: TestApp;
  let db: Client;
  let repo: AnalyticsRepository;
  let org: string;
  let members: string[];

  const repository = (connection: Client, prefix: string) => {
    const direct = directReplica(connection, prefix);
    return new AnalyticsRepository(direct as never, direct as never);
  };

  /** The calendar months from 14 months ago to next month. */
  const months = () => {
    const now = new Date();
    return Array.from({ length: 16 }, (_, i) => {
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 14 + i, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 0));
      return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
    });
  };

  /** Every member's retention in every month from both sides; returns how many members kept someone. */
  async function expectEqual(label: string, on = repo): Promise<number> {
    let kept = 0;
    for (const month of months()) {
      const before = previousPeriod(month.from, month.to);
      const [rollup, orders] = await Promise.all([on.retainedClients(members, before, month), on.retainedClientsFromOrders(members, before, month)]);
      for (const id of members) {
        const a = rollup.get(id) ?? { previous: 0, kept: 0 };
        const b = orders.get(id) ?? { previous: 0, kept: 0 };
        expect([label, month.from, id, a]).toEqual([label, month.from, id, b]);
        if (b.kept > 0) kept += 1;
      }
    }
    return kept;
  }

  beforeAll(async () => {
    t = await startTestApp('retention-rollup');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    repo = repository(db, 'ret');
    org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    members = (await db.query<{ id: string }>('SELECT id FROM member WHERE organization_id = $1 ORDER BY name', [org])).rows.map((r) => r.id);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('holds on the demo company for every member and month', async () => {
    expect(await expectEqual('demo')).toBeGreaterThan(3);
  });

  it('holds after inserts, updates and deletes of orders (and the rollup really moves)', async () => {
    const this_ = months()[14];
    const last = months()[13];
    // a client a seller sold to last month and who has not bought this month
    const pick = await db.query<{ client: string; seller: string }>(
      `SELECT o.client_id AS client, o.seller_member_id AS seller FROM client_order o
        WHERE o.organization_id = $1 AND o.seller_member_id IS NOT NULL AND o.ordered_on BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM client_order n WHERE n.client_id = o.client_id AND n.ordered_on BETWEEN $4 AND $5)
        LIMIT 1`,
      [org, last.from, last.to, this_.from, this_.to],
    );
    expect(pick.rows).toHaveLength(1);
    const { client, seller } = pick.rows[0];
    const keptOf = async () => (await repo.retainedClients([seller], previousPeriod(this_.from, this_.to), this_)).get(seller)?.kept ?? 0;
    const [other] = members.filter((m) => m !== seller);
    await db.query('BEGIN');
    try {
      const before = await keptOf();
      // bought again this month, from someone else: the seller kept the client
      const again = await db.query<{ id: string }>(
        `INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id) VALUES ($1, $2, $3, 1000, $4) RETURNING id`,
        [org, client, this_.from, other],
      );
      expect(await keptOf()).toBe(before + 1);
      expect(await expectEqual('bought again')).toBeGreaterThan(0);
      // the order moves to next month, then back, with another seller; a seller is cleared
      await db.query(`UPDATE client_order SET ordered_on = $2 WHERE id = $1`, [again.rows[0].id, months()[15].from]);
      expect(await keptOf()).toBe(before);
      await db.query(`UPDATE client_order SET ordered_on = $2, seller_member_id = $3 WHERE id = $1`, [again.rows[0].id, this_.to, seller]);
      await db.query(`UPDATE client_order SET seller_member_id = NULL WHERE id IN (SELECT id FROM client_order WHERE organization_id = $1 AND seller_member_id = $2 LIMIT 2)`, [org, other]);
      expect(await expectEqual('moved')).toBeGreaterThan(0);
      // many orders in one statement over several months; then the seller's last-month orders go away
      await db.query(
        `INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id)
         SELECT $1, c.id, ($2::date - g * 17), 700, (SELECT array_agg(id ORDER BY id) FROM member WHERE organization_id = $1)[1 + (g % 4)]
           FROM (SELECT id FROM client WHERE organization_id = $1 ORDER BY id LIMIT 12) c, generate_series(0, 9) g`,
        [org, this_.to],
      );
      expect(await expectEqual('bulk')).toBeGreaterThan(0);
      await db.query(`DELETE FROM client_order WHERE seller_member_id = $1 AND ordered_on BETWEEN $2 AND $3`, [seller, last.from, last.to]);
      expect(await expectEqual('deleted')).toBeGreaterThan(0);
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it('holds when two transactions change one seller’s month at once (the second waits for the first one’s row, then adds its own difference)', async () => {
    const this_ = months()[14];
    const last = months()[13];
    const seller = members[0];
    const clients = (await db.query<{ id: string }>(`SELECT id FROM client WHERE organization_id = $1 ORDER BY id LIMIT 2`, [org])).rows.map((r) => r.id);
    const a = new Client({ connectionString: t.databaseUrl });
    const b = new Client({ connectionString: t.databaseUrl });
    await a.connect();
    await b.connect();
    const created: string[] = [];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      // each sold last month to a different client, who both bought again this month
      // (on different days, so that nothing else the two write, such as the seller's KPI day row, makes them wait)
      const insert = (c: Client, client: string, day: number) =>
        c.query<{ id: string }>(
          `INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id) VALUES ($1, $2, $3::date + $6::int, 10, $4), ($1, $2, $5::date + $6::int, 10, NULL) RETURNING id`,
          [org, client, last.from, seller, this_.from, day],
        );
      created.push(...(await insert(a, clients[0], 0)).rows.map((r) => r.id));
      const second = insert(b, clients[1], 1); // waits for a's row of the seller's month
      await new Promise((r) => setTimeout(r, 300));
      await a.query('COMMIT');
      created.push(...(await second).rows.map((r) => r.id));
      await b.query('COMMIT');
      expect(await expectEqual('concurrent')).toBeGreaterThan(0);
    } finally {
      await db.query('DELETE FROM client_order WHERE id = ANY($1)', [created]);
      await a.end();
      await b.end();
    }
    expect(await expectEqual('cleaned up')).toBeGreaterThan(0);
  });
});
