import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statementTriggers } from './statement-triggers';

/**
 * A product manager's month (`product_scope_month`): per product manager and calendar month,
 * the revenue of the order lines of their products, how many orders had such a line and how
 * many clients bought them, whoever sold. A product manager's KPIs (issue 6: "a product
 * manager the product's volume across all reps") over one calendar month are then one row
 * instead of every line of the month of their products (at the scale ~30% of a
 * million lines a month for a product line of three products of ten), counted distinct by
 * order and by client.
 *
 * `product_scope` holds who manages which product: the products whose name or product line a
 * member's PRODUCT_MANAGER cross roles name (case-insensitively, trimmed), as
 * MatrixRepository.productScopeMetrics matches them. Statement triggers on `cross_role` and
 * `product` refresh it for the organizations a statement touched; a member whose products
 * changed gets their months rebuilt from the lines in the same transaction (22–27 s for a
 * product line of three products, 6M of 20M lines, at the scale; once per edit).
 *
 * Statement triggers on `order_line` keep the months exact in the same transaction as every
 * line written, moved (an order's day or client changed, migration 1763900000014) or deleted:
 * for each (manager, order, month, client) a statement touched, the order counts when it holds
 * at least one of the manager's lines after the statement and did not before (before = the
 * lines now, less those the statement added, plus those it took); likewise a client counts
 * when one of its orders of the month holds such a line. The lines now are read through the
 * order's own lines (order_line_order_idx) and the client's orders of the month
 * (client_order_client_idx), a few rows each (a client's month was read cold from its every
 * order: 6.6 ms an order at the benchmark's scale, 0.3 ms warm). A line statement first locks its clients (FOR UPDATE, in id order; an
 * order's own statement already did, migrations 1763900000008 and 1763900000012), so two
 * transactions writing lines of the same client count in turn, never both from the same
 * "before"; the month upserts add in key order, so they wait rather than deadlock.
 * Known limit: a single statement that moves several orders of one client to another client
 * or month (direct SQL; no path of the product moves an order) may count that client's month
 * from orders whose lines have not moved yet; `rebuild_product_scope_month(org)` repairs it, and
 * runs after bulk loads made with the triggers off. test/api/kpi-rollup.spec.ts holds the kept
 * rows equal to the lines.
 */

/** The organization's product managers and their products, as productScopeMetrics matches them (members still present). */
const SCOPE_OF = (org: string) => `
  SELECT DISTINCT cr.member_id, p.id AS product_id
    FROM cross_role cr
    JOIN member m ON m.id = cr.member_id
    JOIN product p ON p.organization_id = cr.organization_id
     AND EXISTS (SELECT 1 FROM unnest(cr.products) x WHERE lower(btrim(x)) IN (lower(p.name), lower(p.product_line)))
   WHERE cr.organization_id = ${org} AND cr.kind = 'PRODUCT_MANAGER'`;

/**
 * The month rows of the changes `rows` (order_id, client_id, ordered_on, product_id, amount, sign +1 for a line now, -1 for
 * a line before the statement): the revenue added, and the orders and clients that started or stopped holding a line of
 * the manager's products, added to the months in key order.
 */
const APPLY = (rows: string) => `
  WITH c AS (
    SELECT s.member_id, x.order_id, x.client_id, date_trunc('month', x.ordered_on)::date AS month, x.sign, x.amount
      FROM ${rows} x JOIN product_scope s ON s.product_id = x.product_id
      -- a member deleted in this transaction (with its organization) has no months left to keep
      JOIN member m ON m.id = s.member_id
  ), touched AS (
    SELECT c.member_id, c.order_id, c.client_id, c.month, sum(c.sign) AS added, sum(c.sign * c.amount) AS revenue
      FROM c GROUP BY 1, 2, 3, 4
  ), orders AS (
    SELECT t.member_id, t.client_id, t.month, t.revenue, (n.lines > 0)::int - (n.lines - t.added > 0)::int AS counted
      FROM touched t
     CROSS JOIN LATERAL (
       SELECT count(*) AS lines FROM order_line l JOIN product_scope s ON s.product_id = l.product_id AND s.member_id = t.member_id
        WHERE l.order_id = t.order_id AND l.client_id = t.client_id AND l.ordered_on >= t.month AND l.ordered_on < (t.month + interval '1 month')::date
     ) n
  ), clients AS (
    SELECT o.member_id, o.client_id, o.month, sum(o.revenue) AS revenue, sum(o.counted) AS orders
      FROM orders o GROUP BY 1, 2, 3
  ), months AS (
    SELECT k.member_id, k.month, k.revenue, k.orders,
           CASE WHEN k.orders = 0 THEN 0 ELSE (n.orders > 0)::int - (n.orders - k.orders > 0)::int END AS clients
      FROM clients k
     CROSS JOIN LATERAL (
       SELECT count(DISTINCT l.order_id) AS orders
         FROM client_order o
         JOIN order_line l ON l.order_id = o.id AND l.client_id = k.client_id AND l.ordered_on >= k.month AND l.ordered_on < (k.month + interval '1 month')::date
         JOIN product_scope s ON s.product_id = l.product_id AND s.member_id = k.member_id
        WHERE o.client_id = k.client_id AND o.ordered_on >= k.month AND o.ordered_on < (k.month + interval '1 month')::date AND k.orders <> 0
     ) n
  )
  INSERT INTO product_scope_month AS p (member_id, month, revenue, orders, clients)
  SELECT member_id, month, sum(revenue), sum(orders), sum(clients) FROM months GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (member_id, month) DO UPDATE
    SET revenue = p.revenue + excluded.revenue, orders = p.orders + excluded.orders, clients = p.clients + excluded.clients`;

/** The clients of the changes `rows`, locked in id order before anything is counted. */
const LOCK = (rows: string) => `PERFORM 1 FROM client WHERE id IN (SELECT x.client_id FROM ${rows} x JOIN product_scope s ON s.product_id = x.product_id) ORDER BY id FOR UPDATE`;

const NEW_LINES = '(SELECT n.order_id, n.client_id, n.ordered_on, n.product_id, n.amount, 1 AS sign FROM line_new n)';
const OLD_LINES = '(SELECT o.order_id, o.client_id, o.ordered_on, o.product_id, o.amount, -1 AS sign FROM line_old o)';
const BOTH_LINES = `(${NEW_LINES.slice(1, -1)} UNION ALL ${OLD_LINES.slice(1, -1)})`;

const LINE_TRIGGERS = statementTriggers('order_line', 'product_scope_month', 'product_scope_month_on_order_line', 'line_new', 'line_old');
const CROSS_ROLE_TRIGGERS = statementTriggers('cross_role', 'product_scope_cross_role', 'product_scope_on_cross_role', 'role_new', 'role_old');
const PRODUCT_TRIGGERS = statementTriggers('product', 'product_scope_product', 'product_scope_on_product', 'product_new', 'product_old');

/** The body of a trigger function refreshing the scope of the organizations in its transition tables `newAlias` / `oldAlias`. */
const REFRESH_ORGANIZATIONS = (newAlias: string, oldAlias: string) => `
      BEGIN
        IF TG_OP = 'INSERT' THEN PERFORM refresh_product_scope(o) FROM (SELECT DISTINCT organization_id AS o FROM ${newAlias}) x;
        ELSIF TG_OP = 'UPDATE' THEN PERFORM refresh_product_scope(o) FROM (SELECT organization_id AS o FROM ${newAlias} UNION SELECT organization_id FROM ${oldAlias}) x;
        ELSE PERFORM refresh_product_scope(o) FROM (SELECT DISTINCT organization_id AS o FROM ${oldAlias}) x;
        END IF;
        RETURN NULL;
      END`;

export class ProductScopeMonth1763900000022 implements MigrationInterface {
  name = 'ProductScopeMonth1763900000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_scope (
        product_id uuid NOT NULL REFERENCES product(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        PRIMARY KEY (product_id, member_id)
      )`);
    await q.query('CREATE INDEX product_scope_member_idx ON product_scope (member_id)');
    await q.query('CREATE INDEX product_scope_organization_idx ON product_scope (organization_id)');
    await q.query(`
      CREATE TABLE product_scope_month (
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        month date NOT NULL,
        revenue numeric(20,2) NOT NULL DEFAULT 0,
        orders integer NOT NULL DEFAULT 0,
        clients integer NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, month)
      )`);
    // the months of the given members, from their products' lines
    await q.query(`
      CREATE FUNCTION rebuild_product_scope_months(members uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM product_scope_month WHERE member_id = ANY(members);
        INSERT INTO product_scope_month (member_id, month, revenue, orders, clients)
        SELECT s.member_id, date_trunc('month', l.ordered_on)::date, sum(l.amount), count(DISTINCT l.order_id), count(DISTINCT l.client_id)
          FROM product_scope s JOIN order_line l ON l.product_id = s.product_id
         WHERE s.member_id = ANY(members)
         GROUP BY 1, 2
         ORDER BY 1, 2;
      END $$`);
    // an organization's scope recomputed; the members whose products changed get their months rebuilt
    await q.query(`
      CREATE FUNCTION refresh_product_scope(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        changed uuid[];
      BEGIN
        WITH fresh AS (${SCOPE_OF('org')}), kept AS (SELECT member_id, product_id FROM product_scope WHERE organization_id = org)
        SELECT array_agg(DISTINCT member_id) INTO changed FROM ((TABLE fresh EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE fresh)) d;
        IF changed IS NULL THEN RETURN; END IF;
        DELETE FROM product_scope WHERE organization_id = org AND member_id = ANY(changed);
        INSERT INTO product_scope (product_id, member_id, organization_id)
        SELECT product_id, member_id, org FROM (${SCOPE_OF('org')}) s WHERE member_id = ANY(changed);
        PERFORM rebuild_product_scope_months(changed);
      END $$`);
    await q.query(`
      CREATE FUNCTION rebuild_product_scope_month(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM product_scope WHERE organization_id = org;
        INSERT INTO product_scope (product_id, member_id, organization_id) SELECT product_id, member_id, org FROM (${SCOPE_OF('org')}) s;
        DELETE FROM product_scope_month p USING member m WHERE m.id = p.member_id AND m.organization_id = org;
        PERFORM rebuild_product_scope_months(ARRAY(SELECT DISTINCT member_id FROM product_scope WHERE organization_id = org));
      END $$`);
    await q.query(`
      CREATE FUNCTION product_scope_month_on_order_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${LOCK(NEW_LINES)};
          ${APPLY(NEW_LINES)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${LOCK(BOTH_LINES)};
          ${APPLY(BOTH_LINES)};
        ELSE
          ${LOCK(OLD_LINES)};
          ${APPLY(OLD_LINES)};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION product_scope_on_cross_role() RETURNS trigger LANGUAGE plpgsql AS $$${REFRESH_ORGANIZATIONS('role_new', 'role_old')} $$`);
    await q.query(`CREATE FUNCTION product_scope_on_product() RETURNS trigger LANGUAGE plpgsql AS $$${REFRESH_ORGANIZATIONS('product_new', 'product_old')} $$`);
    for (const sql of [...LINE_TRIGGERS.create, ...CROSS_ROLE_TRIGGERS.create, ...PRODUCT_TRIGGERS.create]) await q.query(sql);
    await q.query('SELECT rebuild_product_scope_month(id) FROM organization');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [...LINE_TRIGGERS.drop, ...CROSS_ROLE_TRIGGERS.drop, ...PRODUCT_TRIGGERS.drop]) await q.query(sql);
    await q.query(
      'DROP FUNCTION product_scope_month_on_order_line(), product_scope_on_cross_role(), product_scope_on_product(), rebuild_product_scope_month(uuid), refresh_product_scope(uuid), rebuild_product_scope_months(uuid[])',
    );
    await q.query('DROP TABLE product_scope_month');
    await q.query('DROP TABLE product_scope');
  }
}
