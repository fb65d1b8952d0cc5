import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statementTriggers } from './statement-triggers';

/**
 * A territory's month (`region_month`): per organization, client region (case-insensitively)
 * and calendar month, the revenue of its clients' orders, how many of them ordered (active
 * clients) and how many ordered for the first time ever (new clients). A territory manager's
 * KPIs (issue 6: "a territory manager the region's") over one calendar month are then a row
 * per region instead of every order of the month of a third of the organization's clients
 * (1.5–3.1 s for three regions of a million clients; the KPI progress of everyone waits for it).
 *
 * Kept exact in the same transaction:
 * - statement triggers on `client_month` (the monthly rollup `insertOrder` keeps per client):
 *   a client's month counts its total and, while it holds an order, one active client, in its
 *   client's current region. An order's first statement already locks its client (the KPI
 *   triggers on client_order take FOR UPDATE on the order's clients, migrations 1763900000008
 *   and 1763900000012), so when the month's trigger reads the region, a change of region has
 *   committed before or waits for the order (a two-connection test holds this);
 * - a row trigger on `client`: a change of region moves the client's months and its first
 *   order to the new region; a change of its first order day moves its "new" count to the new
 *   month; a deleted client takes its figures out before its months go (their own trigger then
 *   finds no client, so nothing is taken twice). Deleting the organization skips all that
 *   (its rows go with it).
 * An upsert adds in key order, so two statements on the same months wait, not deadlock.
 * Active clients of several months are not a sum of months (a client ordering in both counts
 * once): those periods read the orders. `rebuild_region_month(org)` recomputes an organization
 * after a bulk load (`REBUILD_ORDER_AGGREGATES_SQL` ends with it); test/api/kpi-rollup.spec.ts
 * holds the kept rows equal to the clients and orders.
 */
export const REGION_MONTH_ADD = (rows: string) => `
  INSERT INTO region_month AS r (organization_id, region_key, month, revenue, active_clients, new_clients)
  SELECT x.organization_id, x.region_key, x.month, sum(x.revenue), sum(x.active), sum(x.fresh)
    FROM ${rows} x
   WHERE x.region_key IS NOT NULL AND x.month IS NOT NULL
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (organization_id, region_key, month) DO UPDATE
    SET revenue = r.revenue + excluded.revenue, active_clients = r.active_clients + excluded.active_clients, new_clients = r.new_clients + excluded.new_clients`;

/** Client months `t` (sign +1 or -1) of the client `client` counted in `region`: their revenue, and one active client each month with an order. */
const monthFigures = (client: string, region: string, sign: string) =>
  `SELECT ${client}.organization_id, lower(${region}) AS region_key, t.month, ${sign} * t.total AS revenue, ${sign} * (t.orders > 0)::int AS active, 0 AS fresh`;
/** One client's months, from `client_month`, in the region given. */
const monthsOf = (client: string, region: string, sign: string) => `${monthFigures(client, region, sign)} FROM client_month t WHERE t.client_id = ${client}.id`;
/** Client months of a transition table with their client `c` and its region. */
const monthRows = (table: string, sign: string) => `${monthFigures('c', 'c.region', sign)} FROM ${table} t JOIN client c ON c.id = t.client_id`;
/** A client's first order ever (sign +1 or -1) as one new client of its month and region. */
const firstOf = (client: string, sign: string) =>
  `SELECT ${client}.organization_id, lower(${client}.region) AS region_key, date_trunc('month', ${client}.first_order_on)::date AS month, 0 AS revenue, 0 AS active, ${sign} AS fresh`;

const MONTH_TRIGGERS = statementTriggers('client_month', 'region_month', 'region_month_on_client_month', 'month_new', 'month_old');

export class RegionMonth1763900000021 implements MigrationInterface {
  name = 'RegionMonth1763900000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_month (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        region_key text NOT NULL,
        month date NOT NULL,
        revenue numeric(20,2) NOT NULL DEFAULT 0,
        active_clients integer NOT NULL DEFAULT 0,
        new_clients integer NOT NULL DEFAULT 0,
        PRIMARY KEY (organization_id, region_key, month)
      )`);
    await q.query(`
      CREATE FUNCTION region_month_on_client_month() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${REGION_MONTH_ADD(`(${monthRows('month_new', '1')})`)};
        ELSIF TG_OP = 'UPDATE' THEN ${REGION_MONTH_ADD(`(${monthRows('month_new', '1')} UNION ALL ${monthRows('month_old', '-1')})`)};
        ELSE ${REGION_MONTH_ADD(`(${monthRows('month_old', '-1')})`)};
        END IF;
        RETURN NULL;
      END $$`);
    for (const sql of MONTH_TRIGGERS.create) await q.query(sql);
    await q.query(`
      CREATE FUNCTION region_month_on_client() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          -- the organization's own deletion takes its rows with it
          IF EXISTS (SELECT 1 FROM organization WHERE id = OLD.organization_id) THEN
            ${REGION_MONTH_ADD(`(${monthsOf('OLD', 'OLD.region', '-1')} UNION ALL ${firstOf('OLD', '-1')})`)};
          END IF;
          RETURN OLD;
        END IF;
        IF lower(OLD.region) IS DISTINCT FROM lower(NEW.region) THEN
          ${REGION_MONTH_ADD(`(${monthsOf('NEW', 'OLD.region', '-1')} UNION ALL ${monthsOf('NEW', 'NEW.region', '1')} UNION ALL ${firstOf('OLD', '-1')} UNION ALL ${firstOf('NEW', '1')})`)};
        ELSE
          ${REGION_MONTH_ADD(`(${firstOf('OLD', '-1')} UNION ALL ${firstOf('NEW', '1')})`)};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER region_month_client AFTER UPDATE OF region, first_order_on ON client FOR EACH ROW
        WHEN (lower(OLD.region) IS DISTINCT FROM lower(NEW.region) OR OLD.first_order_on IS DISTINCT FROM NEW.first_order_on)
        EXECUTE FUNCTION region_month_on_client()`);
    await q.query('CREATE TRIGGER region_month_client_delete BEFORE DELETE ON client FOR EACH ROW EXECUTE FUNCTION region_month_on_client()');
    await q.query(`
      CREATE FUNCTION rebuild_region_month(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- the triggers' figures written out for one organization, not their fragments: those (signed
        -- sums, the organization as a grouping key, regions filtered after the union) made the
        -- rebuild of 9M client months 18 -> 43 s
        DELETE FROM region_month WHERE organization_id = org;
        INSERT INTO region_month (organization_id, region_key, month, revenue, active_clients, new_clients)
        SELECT org, region_key, month, sum(revenue), sum(active), sum(fresh)
          FROM (SELECT lower(c.region) AS region_key, m.month, m.total AS revenue, (m.orders > 0)::int AS active, 0 AS fresh
                  FROM client_month m JOIN client c ON c.id = m.client_id
                 WHERE c.organization_id = org AND c.region IS NOT NULL
                UNION ALL
                SELECT lower(c.region), date_trunc('month', c.first_order_on)::date, 0, 0, 1
                  FROM client c WHERE c.organization_id = org AND c.region IS NOT NULL AND c.first_order_on IS NOT NULL) x
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3;
      END $$`);
    await q.query('SELECT rebuild_region_month(id) FROM organization');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of MONTH_TRIGGERS.drop) await q.query(sql);
    await q.query('DROP TRIGGER region_month_client ON client');
    await q.query('DROP TRIGGER region_month_client_delete ON client');
    await q.query('DROP FUNCTION region_month_on_client_month(), region_month_on_client(), rebuild_region_month(uuid)');
    await q.query('DROP TABLE region_month');
  }
}
