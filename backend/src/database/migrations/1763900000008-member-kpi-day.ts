import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI figures per member and calendar day (the organization's time zone), kept exact by
 * statement-level triggers in the same transaction as every write to their sources, so KPI
 * progress of a thousand reps reads a month of day rows instead of the month's activities,
 * orders and deals. `rebuild_member_kpi_day(org)` recomputes an organization's rows from the
 * base tables (after a bulk load with the triggers off, and when the time zone changes).
 * AnalyticsRepository.metricsForMembersFromBase is the same figures over the base tables; a
 * test holds the two equal through inserts, updates and deletes of every source.
 *
 * Likewise the forecast per month: open deals by the month they are expected to close, closed
 * deals by the month they closed, per owner and stage (deal_forecast_month), so the forecast of
 * whole months reads a few thousand rows; AnalyticsRepository.forecastDealsFromBase is its
 * definition over the deals.
 */

/** The counters of a day row and the metric each one feeds. */
export const KPI_DAY_COLUMNS = [
  'calls',
  'meetings',
  'revenue',
  'first_orders',
  'deals_won',
  'deals_closed',
  'won_amount',
  'warm_leads',
  'new_clients',
  'processes_done',
  'coaching_sessions',
] as const;
type KpiDayColumn = (typeof KPI_DAY_COLUMNS)[number];

/**
 * What the rows of one source add to the day rows: a SELECT over `r` (the source's rows with a
 * `sign` column, +1 or -1) giving member_id, day and the source's counters.
 */
interface KpiSource {
  table: string;
  columns: KpiDayColumn[];
  contribution: (rows: string) => string;
}

const SOURCES: KpiSource[] = [
  {
    table: 'activity',
    columns: ['calls', 'meetings'],
    contribution: (rows) => `
      SELECT r.owner_member_id AS member_id, (r.at AT TIME ZONE o.timezone)::date AS day,
             r.sign * (r.kind = 'CALL')::int AS calls, r.sign * (r.kind = 'MEETING')::int AS meetings
        FROM ${rows} r JOIN organization o ON o.id = r.organization_id
       WHERE r.kind IN ('CALL', 'MEETING')`,
  },
  {
    table: 'client_order',
    columns: ['revenue'],
    contribution: (rows) => `SELECT r.seller_member_id AS member_id, r.ordered_on AS day, r.sign * r.total AS revenue FROM ${rows} r`,
  },
  {
    table: 'deal',
    columns: ['deals_won', 'deals_closed', 'won_amount'],
    contribution: (rows) => `
      SELECT r.owner_member_id AS member_id, r.closed_on AS day, r.sign * (s.kind = 'WON')::int AS deals_won, r.sign AS deals_closed,
             CASE WHEN s.kind = 'WON' THEN r.sign * r.amount ELSE 0 END AS won_amount
        FROM ${rows} r JOIN pipeline_stage s ON s.id = r.stage_id AND s.kind <> 'OPEN'
       WHERE r.closed_on IS NOT NULL`,
  },
  {
    table: 'assignment_record',
    columns: ['warm_leads', 'new_clients'],
    contribution: (rows) => `
      SELECT CASE WHEN r.kind = 'HANDOFF' THEN r.from_member_id ELSE r.to_member_id END AS member_id, (r.at AT TIME ZONE o.timezone)::date AS day,
             r.sign * (r.kind = 'HANDOFF')::int AS warm_leads, r.sign * (r.kind IN ('ROUTING', 'IMPORT'))::int AS new_clients
        FROM ${rows} r JOIN organization o ON o.id = r.organization_id
       WHERE r.kind IN ('HANDOFF', 'ROUTING', 'IMPORT')`,
  },
  {
    table: 'sales_process',
    columns: ['processes_done'],
    contribution: (rows) => `
      SELECT r.owner_member_id AS member_id, (r.done_at AT TIME ZONE o.timezone)::date AS day, r.sign AS processes_done
        FROM ${rows} r JOIN organization o ON o.id = r.organization_id
       WHERE r.status = 'DONE' AND r.done_at IS NOT NULL`,
  },
  {
    table: 'coaching_session',
    columns: ['coaching_sessions'],
    contribution: (rows) => `SELECT r.coach_member_id AS member_id, r.held_on AS day, r.sign AS coaching_sessions FROM ${rows} r`,
  },
];

/** Adds the contributions, summed per member and day, to the day rows. */
function upsert(columns: readonly KpiDayColumn[], contributions: string): string {
  return `
    INSERT INTO member_kpi_day (member_id, day, ${columns.join(', ')})
    SELECT member_id, day, ${columns.map((c) => `sum(${c})`).join(', ')} FROM (${contributions}) c
     WHERE member_id IS NOT NULL AND day IS NOT NULL GROUP BY member_id, day
    ON CONFLICT (member_id, day) DO UPDATE SET ${columns.map((c) => `${c} = member_kpi_day.${c} + excluded.${c}`).join(', ')}`;
}

/**
 * First orders: the client's earliest order (by date, then id) counts for its seller on its day.
 * For the clients a statement touched, the stored first order is compared with the current one
 * and the difference applied. The client rows are locked first so two transactions adding
 * orders to one client take turns (each then sees the other's order).
 */
const FIRST_ORDERS_SQL = (clients: string) => `
  WITH cur AS (
    SELECT DISTINCT ON (o.client_id) o.client_id, o.id AS order_id, o.seller_member_id AS member_id, o.ordered_on AS day
      FROM client_order o WHERE o.client_id IN (${clients}) ORDER BY o.client_id, o.ordered_on, o.id
  ), prev AS (
    SELECT f.client_id, f.order_id, f.member_id, f.day FROM client_first_order f WHERE f.client_id IN (${clients})
  ), diff AS (
    SELECT p.member_id, p.day, -1 AS first_orders FROM prev p LEFT JOIN cur c ON c.client_id = p.client_id
     WHERE (c.order_id, c.member_id, c.day) IS DISTINCT FROM (p.order_id, p.member_id, p.day)
    UNION ALL
    SELECT c.member_id, c.day, 1 FROM cur c LEFT JOIN prev p ON p.client_id = c.client_id
     WHERE (c.order_id, c.member_id, c.day) IS DISTINCT FROM (p.order_id, p.member_id, p.day)
  ), counted AS (${upsert(['first_orders'], 'SELECT * FROM diff')}
  ), gone AS (
    DELETE FROM client_first_order f WHERE f.client_id IN (SELECT client_id FROM prev) AND f.client_id NOT IN (SELECT client_id FROM cur)
  )
  INSERT INTO client_first_order (client_id, order_id, member_id, day) SELECT client_id, order_id, member_id, day FROM cur
  ON CONFLICT (client_id) DO UPDATE SET order_id = excluded.order_id, member_id = excluded.member_id, day = excluded.day
   WHERE (client_first_order.order_id, client_first_order.member_id, client_first_order.day) IS DISTINCT FROM (excluded.order_id, excluded.member_id, excluded.day)`;

/** The trigger function of a source: subtracts what the old rows gave, adds what the new rows give. */
function triggerFunction(source: KpiSource): string {
  const rows = (op: 'INSERT' | 'UPDATE' | 'DELETE') =>
    op === 'INSERT'
      ? '(SELECT 1 AS sign, n.* FROM kpi_new n)'
      : op === 'DELETE'
        ? '(SELECT -1 AS sign, o.* FROM kpi_old o)'
        : '(SELECT 1 AS sign, n.* FROM kpi_new n UNION ALL SELECT -1, o.* FROM kpi_old o)';
  const firstOrders = (op: 'INSERT' | 'UPDATE' | 'DELETE') => {
    if (source.table !== 'client_order') return '';
    const clients = op === 'INSERT' ? 'SELECT client_id FROM kpi_new' : op === 'DELETE' ? 'SELECT client_id FROM kpi_old' : 'SELECT client_id FROM kpi_new UNION SELECT client_id FROM kpi_old';
    return `
        PERFORM 1 FROM client WHERE id IN (${clients}) ORDER BY id FOR UPDATE;
        ${FIRST_ORDERS_SQL(clients)};`;
  };
  const branch = (op: 'INSERT' | 'UPDATE' | 'DELETE') => `${upsert(source.columns, source.contribution(rows(op)))};${firstOrders(op)}`;
  return `
    CREATE FUNCTION member_kpi_day_on_${source.table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${branch('INSERT')}
      ELSIF TG_OP = 'UPDATE' THEN ${branch('UPDATE')}
      ELSE ${branch('DELETE')}
      END IF;
      RETURN NULL;
    END $$`;
}

/** Recomputes an organization's day rows and first orders from the base tables. */
const REBUILD_FUNCTION = `
  CREATE FUNCTION rebuild_member_kpi_day(org uuid) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM member_kpi_day WHERE member_id IN (SELECT id FROM member WHERE organization_id = org);
    DELETE FROM client_first_order WHERE client_id IN (SELECT id FROM client WHERE organization_id = org);
    ${SOURCES.map((s) => `${upsert(s.columns, s.contribution(`(SELECT 1 AS sign, t.* FROM ${s.table} t WHERE t.organization_id = org)`))};`).join('\n    ')}
    INSERT INTO client_first_order (client_id, order_id, member_id, day)
    SELECT DISTINCT ON (o.client_id) o.client_id, o.id, o.seller_member_id, o.ordered_on
      FROM client_order o WHERE o.organization_id = org ORDER BY o.client_id, o.ordered_on, o.id;
    ${upsert(['first_orders'], 'SELECT f.member_id, f.day, 1 AS first_orders FROM client_first_order f JOIN client c ON c.id = f.client_id WHERE c.organization_id = org')};
  END $$`;

/** What deals add to the forecast months: closed ones on the month they closed, open ones on the month they are expected to close. */
const FORECAST_CONTRIBUTION = (rows: string) => `
  SELECT r.organization_id, coalesce(r.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_key, r.stage_id,
         date_trunc('month', coalesce(r.closed_on, r.expected_close_on))::date AS month, r.closed_on IS NOT NULL AS closed, r.sign AS deals, r.sign * r.amount AS amount
    FROM ${rows} r WHERE coalesce(r.closed_on, r.expected_close_on) IS NOT NULL`;

const FORECAST_UPSERT = (rows: string) => `
  INSERT INTO deal_forecast_month (organization_id, month, closed, owner_key, stage_id, deals, amount)
  SELECT organization_id, month, closed, owner_key, stage_id, sum(deals), sum(amount) FROM (${FORECAST_CONTRIBUTION(rows)}) c
   GROUP BY organization_id, month, closed, owner_key, stage_id
  ON CONFLICT (organization_id, month, closed, owner_key, stage_id)
  DO UPDATE SET deals = deal_forecast_month.deals + excluded.deals, amount = deal_forecast_month.amount + excluded.amount`;

/** Recomputes the forecast months from the deals (fills the new table; later rebuilds: rebuild_deal_forecast_month(), migration 1763900000017). */
const REBUILD_DEAL_FORECAST_SQL = ['TRUNCATE deal_forecast_month', FORECAST_UPSERT('(SELECT 1 AS sign, d.* FROM deal d)')] as const;

export class MemberKpiDay1763900000008 implements MigrationInterface {
  name = 'MemberKpiDay1763900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_kpi_day (
        member_id uuid NOT NULL,
        day date NOT NULL,
        calls integer NOT NULL DEFAULT 0,
        meetings integer NOT NULL DEFAULT 0,
        revenue numeric(20,2) NOT NULL DEFAULT 0,
        first_orders integer NOT NULL DEFAULT 0,
        deals_won integer NOT NULL DEFAULT 0,
        deals_closed integer NOT NULL DEFAULT 0,
        won_amount numeric(20,2) NOT NULL DEFAULT 0,
        warm_leads integer NOT NULL DEFAULT 0,
        new_clients integer NOT NULL DEFAULT 0,
        processes_done integer NOT NULL DEFAULT 0,
        coaching_sessions integer NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, day)
      )`);
    await q.query(`
      CREATE TABLE client_first_order (
        client_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        member_id uuid,
        day date NOT NULL
      )`);
    for (const source of SOURCES) {
      await q.query(triggerFunction(source));
      await q.query(`CREATE TRIGGER member_kpi_day_insert AFTER INSERT ON ${source.table} REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_on_${source.table}()`);
      await q.query(`CREATE TRIGGER member_kpi_day_update AFTER UPDATE ON ${source.table} REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_on_${source.table}()`);
      await q.query(`CREATE TRIGGER member_kpi_day_delete AFTER DELETE ON ${source.table} REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_on_${source.table}()`);
    }
    await q.query(`
      CREATE TABLE deal_forecast_month (
        organization_id uuid NOT NULL,
        month date NOT NULL,
        closed boolean NOT NULL,
        owner_key uuid NOT NULL,
        stage_id uuid NOT NULL,
        deals integer NOT NULL DEFAULT 0,
        amount numeric(20,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (organization_id, month, closed, owner_key, stage_id)
      )`);
    await q.query(`
      CREATE FUNCTION deal_forecast_month_on_deal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${FORECAST_UPSERT('(SELECT 1 AS sign, n.* FROM kpi_new n)')};
        ELSIF TG_OP = 'UPDATE' THEN ${FORECAST_UPSERT('(SELECT 1 AS sign, n.* FROM kpi_new n UNION ALL SELECT -1, o.* FROM kpi_old o)')};
        ELSE ${FORECAST_UPSERT('(SELECT -1 AS sign, o.* FROM kpi_old o)')};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER deal_forecast_month_insert AFTER INSERT ON deal REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION deal_forecast_month_on_deal()`);
    await q.query(`CREATE TRIGGER deal_forecast_month_update AFTER UPDATE ON deal REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION deal_forecast_month_on_deal()`);
    await q.query(`CREATE TRIGGER deal_forecast_month_delete AFTER DELETE ON deal REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION deal_forecast_month_on_deal()`);
    for (const sql of REBUILD_DEAL_FORECAST_SQL) await q.query(sql);
    // A stage that changes kind (open, won, lost) changes what its closed deals count for.
    await q.query(`
      CREATE FUNCTION member_kpi_day_on_stage_kind() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert(
          ['deals_won', 'deals_closed', 'won_amount'],
          `SELECT d.owner_member_id AS member_id, d.closed_on AS day, x.sign * (x.kind = 'WON')::int AS deals_won, x.sign AS deals_closed,
                  CASE WHEN x.kind = 'WON' THEN x.sign * d.amount ELSE 0 END AS won_amount
             FROM deal d CROSS JOIN (VALUES (-1, OLD.kind), (1, NEW.kind)) x(sign, kind)
            WHERE d.stage_id = NEW.id AND d.closed_on IS NOT NULL AND x.kind <> 'OPEN'`,
        )};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_kpi_day_stage_kind AFTER UPDATE OF kind ON pipeline_stage
        FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION member_kpi_day_on_stage_kind()`);
    await q.query(REBUILD_FUNCTION);
    // Another time zone moves the calendar days of timestamps.
    await q.query(`
      CREATE FUNCTION member_kpi_day_on_timezone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rebuild_member_kpi_day(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_kpi_day_timezone AFTER UPDATE OF timezone ON organization
        FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION member_kpi_day_on_timezone()`);
    await q.query('SELECT rebuild_member_kpi_day(id) FROM organization');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER deal_forecast_month_${op} ON deal`);
    await q.query('DROP FUNCTION deal_forecast_month_on_deal()');
    await q.query('DROP TABLE deal_forecast_month');
    await q.query('DROP TRIGGER member_kpi_day_timezone ON organization');
    await q.query('DROP TRIGGER member_kpi_day_stage_kind ON pipeline_stage');
    for (const source of SOURCES) {
      for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER member_kpi_day_${op} ON ${source.table}`);
      await q.query(`DROP FUNCTION member_kpi_day_on_${source.table}()`);
    }
    await q.query('DROP FUNCTION member_kpi_day_on_timezone(), member_kpi_day_on_stage_kind(), rebuild_member_kpi_day(uuid)');
    await q.query('DROP TABLE client_first_order, member_kpi_day');
  }
}
