import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statementTriggers } from './statement-triggers';

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
const UPSERT = (rows: string) => `
  INSERT INTO product_month (product_id, month, organization_id, lines, amount)
  SELECT r.product_id, date_trunc('month', r.ordered_on)::date, r.organization_id, sum(r.sign), sum(r.sign * r.amount)
    FROM ${rows} r
   GROUP BY 1, 2, 3
   ORDER BY 1, 2
  ON CONFLICT (product_id, month) DO UPDATE SET lines = product_month.lines + excluded.lines, amount = product_month.amount + excluded.amount`;

const TRIGGERS = statementTriggers('order_line', 'product_month', 'product_month_on_order_line', 'line_new', 'line_old');

export class ProductMonth1763900000019 implements MigrationInterface {
  name = 'ProductMonth1763900000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_month (
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        month date NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        lines integer NOT NULL DEFAULT 0,
        amount numeric(20,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (product_id, month)
      )`);
    await q.query('CREATE INDEX product_month_organization_idx ON product_month (organization_id, month) INCLUDE (amount)');
    await q.query(`
      CREATE FUNCTION product_month_on_order_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${UPSERT('(SELECT 1 AS sign, n.product_id, n.ordered_on, n.organization_id, n.amount FROM line_new n)')};
        ELSIF TG_OP = 'UPDATE' THEN ${UPSERT(
          '(SELECT 1 AS sign, n.product_id, n.ordered_on, n.organization_id, n.amount FROM line_new n UNION ALL SELECT -1, o.product_id, o.ordered_on, o.organization_id, o.amount FROM line_old o)',
        )};
        ELSE ${UPSERT('(SELECT -1 AS sign, o.product_id, o.ordered_on, o.organization_id, o.amount FROM line_old o)')};
        END IF;
        RETURN NULL;
      END $$`);
    for (const sql of TRIGGERS.create) await q.query(sql);
    await q.query(`
      CREATE FUNCTION rebuild_product_month() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE product_month;
        INSERT INTO product_month (product_id, month, organization_id, lines, amount)
        SELECT product_id, date_trunc('month', ordered_on)::date, organization_id, count(*), sum(amount) FROM order_line GROUP BY 1, 2, 3;
      END $$`);
    await q.query('SELECT rebuild_product_month()');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of TRIGGERS.drop) await q.query(sql);
    await q.query('DROP FUNCTION product_month_on_order_line(), rebuild_product_month()');
    await q.query('DROP TABLE product_month');
  }
}
