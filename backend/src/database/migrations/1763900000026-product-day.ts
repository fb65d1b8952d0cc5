import type { MigrationInterface, QueryRunner } from 'typeorm';
import { lineRevenueRollup } from './line-revenue-rollup';

/**
 * Order-line revenue per product and day (`product_day`), kept exact by statement triggers on
 * order_line in the same transaction as every line written, moved or deleted, as product_month
 * (migration 1763900000019) is per month. A product manager's share over a period that is not
 * whole months (their sprint: the director's KPI summary counts people over their own sprints)
 * divides by the organization's line revenue of those days: half a month of lines at the
 * issue's scale (~500,000) summed on every request, now a row per product and day.
 *
 * Kept as product_month is (line-revenue-rollup.ts); test/api/kpi-rollup.spec.ts holds the
 * triggers' rows and the rebuilt ones equal to the lines.
 */
const ROLLUP = lineRevenueRollup('product_day', 'day', (day) => day);

export class ProductDay1763900000026 implements MigrationInterface {
  name = 'ProductDay1763900000026';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of ROLLUP.up) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of ROLLUP.down) await q.query(sql);
  }
}
