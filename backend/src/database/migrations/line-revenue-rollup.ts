import { statementTriggers } from './statement-triggers';

/**
 * Order-line revenue per product and period (`product_month` per calendar month, migration
 * 1763900000019; `product_day` per day, 1763900000026): the table, the statement triggers on
 * order_line that keep it exact in the same transaction as every line written, moved or deleted
 * (a line statement's rows upserted in product and period order, so two orders of the same
 * products wait for each other rather than deadlock), and `rebuild_<table>()` that recomputes it
 * from the lines after a bulk load with the triggers off. `period` turns a day expression into
 * the table's period (the day itself, or its month).
 */
export function lineRevenueRollup(table: string, column: string, period: (day: string) => string): { up: string[]; down: string[] } {
  const upsert = (rows: string) => `
  INSERT INTO ${table} (product_id, ${column}, organization_id, lines, amount)
  SELECT r.product_id, ${period('r.ordered_on')}, r.organization_id, sum(r.sign), sum(r.sign * r.amount)
    FROM ${rows} r
   GROUP BY 1, 2, 3
   ORDER BY 1, 2
  ON CONFLICT (product_id, ${column}) DO UPDATE SET lines = ${table}.lines + excluded.lines, amount = ${table}.amount + excluded.amount`;
  const fn = `${table}_on_order_line`;
  const triggers = statementTriggers('order_line', table, fn, 'line_new', 'line_old');
  return {
    up: [
      `
      CREATE TABLE ${table} (
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        ${column} date NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        lines integer NOT NULL DEFAULT 0,
        amount numeric(20,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (product_id, ${column})
      )`,
      `CREATE INDEX ${table}_organization_idx ON ${table} (organization_id, ${column}) INCLUDE (amount)`,
      `
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${upsert('(SELECT 1 AS sign, n.product_id, n.ordered_on, n.organization_id, n.amount FROM line_new n)')};
        ELSIF TG_OP = 'UPDATE' THEN ${upsert(
          '(SELECT 1 AS sign, n.product_id, n.ordered_on, n.organization_id, n.amount FROM line_new n UNION ALL SELECT -1, o.product_id, o.ordered_on, o.organization_id, o.amount FROM line_old o)',
        )};
        ELSE ${upsert('(SELECT -1 AS sign, o.product_id, o.ordered_on, o.organization_id, o.amount FROM line_old o)')};
        END IF;
        RETURN NULL;
      END $$`,
      ...triggers.create,
      `
      CREATE FUNCTION rebuild_${table}() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE ${table};
        INSERT INTO ${table} (product_id, ${column}, organization_id, lines, amount)
        SELECT product_id, ${period('ordered_on')}, organization_id, count(*), sum(amount) FROM order_line GROUP BY 1, 2, 3;
      END $$`,
      `SELECT rebuild_${table}()`,
    ],
    down: [...triggers.drop, `DROP FUNCTION ${fn}(), rebuild_${table}()`, `DROP TABLE ${table}`],
  };
}
