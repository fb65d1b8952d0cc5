import type { MigrationInterface, QueryRunner } from 'typeorm';
import { lineRevenueRollup } from './line-revenue-rollup';

/**
 * Order-line revenue per product and calendar month (`product_month`), kept exact by statement
 * triggers on order_line in the same transaction as every line written, moved (an order's day
 * changed, see migration 1763900000014) or deleted. The product share of a product manager
 * (issue 6) divides their products' revenue by the organization's line revenue of the period:
 * over whole months that denominator is now the sum of one row per product and month instead of
 * every order line of the organization in the period (a million lines a month at the issue's
 * scale).
 *
 * A line statement locks the rows of its products' months until the transaction ends, in
 * product order (one upsert, sorted), so two orders of the same products wait for each other
 * rather than deadlock. `rebuild_product_month()` recomputes the table from the lines after a
 * bulk load with the triggers off; test/api/kpi-rollup.spec.ts holds the triggers' rows and
 * the rebuilt ones equal to the lines.
 */
const ROLLUP = lineRevenueRollup('product_month', 'month', (day) => `date_trunc('month', ${day})::date`);

export class ProductMonth1763900000019 implements MigrationInterface {
  name = 'ProductMonth1763900000019';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of ROLLUP.up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of ROLLUP.down) await q.query(sql);
  }
}
