import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-client order aggregates (count, volume, first and last order date), kept in the same
 * transaction as every order, so the handoff sweep reads one client row instead of its
 * orders; an index for the monthly rollup by month (the smallest-monthly-purchase
 * criterion over every client); statistics on the correlated segment fields, and the
 * indexes that give the clients list in name order: whole, per owner, per region × stage ×
 * category.
 */
export class ClientAggregates1763900000004 implements MigrationInterface {
  name = 'ClientAggregates1763900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE client
        ADD COLUMN order_count integer NOT NULL DEFAULT 0 CHECK (order_count >= 0),
        ADD COLUMN order_volume numeric(20,2) NOT NULL DEFAULT 0 CHECK (order_volume >= 0),
        ADD COLUMN first_order_on date,
        ADD COLUMN last_order_on date`);
    await q.query(`
      UPDATE client c SET order_count = a.n, order_volume = a.volume, first_order_on = a.first_on, last_order_on = a.last_on
        FROM (SELECT client_id, count(*)::int AS n, sum(total) AS volume, min(ordered_on) AS first_on, max(ordered_on) AS last_on
                FROM client_order GROUP BY client_id) a
       WHERE c.id = a.client_id`);
    // the sweep now reads the monthly rollup instead of the orders: make sure it matches them
    await q.query(`
      INSERT INTO client_month (client_id, month, total, orders)
      SELECT client_id, date_trunc('month', ordered_on)::date, sum(total), count(*) FROM client_order GROUP BY 1, 2
      ON CONFLICT (client_id, month) DO UPDATE SET total = excluded.total, orders = excluded.orders
      WHERE (client_month.total, client_month.orders) IS DISTINCT FROM (excluded.total, excluded.orders)`);
    await q.query(`CREATE INDEX client_month_month_idx ON client_month (month, total) INCLUDE (client_id)`);
    await q.query(`CREATE STATISTICS client_segment_stats (mcv, dependencies) ON region, stage, category FROM client`);
    // one ordered range per region × stage × category (the clients page); it also serves what (organization_id, region) did
    await q.query(`CREATE INDEX client_segment_name_idx ON client (organization_id, region, stage, category, lower(name), id)`);
    await q.query(`DROP INDEX client_region_idx`);
    // one ordered range per owner (a rep's or a team's clients page)
    await q.query(`CREATE INDEX client_owner_name_idx ON client (owner_member_id, lower(name), id)`);
    // the whole list in name order: ORDER BY lower(name) needs the default operator class (text_pattern_ops
    // orders by other operators, and the search is a substring match no btree serves)
    await q.query(`CREATE INDEX client_list_name_idx ON client (organization_id, lower(name), id)`);
    await q.query(`DROP INDEX client_name_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX client_name_idx ON client (organization_id, lower(name) text_pattern_ops, id)`);
    await q.query('DROP INDEX client_list_name_idx');
    await q.query('DROP INDEX client_owner_name_idx');
    await q.query(`CREATE INDEX client_region_idx ON client (organization_id, region)`);
    await q.query('DROP INDEX client_segment_name_idx');
    await q.query('DROP STATISTICS client_segment_stats');
    await q.query('DROP INDEX client_month_month_idx');
    await q.query('ALTER TABLE client DROP COLUMN order_count, DROP COLUMN order_volume, DROP COLUMN first_order_on, DROP COLUMN last_order_on');
  }
}
