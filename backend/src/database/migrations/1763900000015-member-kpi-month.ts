import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI figures per member and calendar month beside the day rows (member_kpi_day, migrations
 * 1763900000008 and 0011): KPI progress of a thousand people over a month reads a thousand month
 * rows instead of thirty thousand day rows; a period that is not whole months reads the months
 * inside it and the days at its edges.
 *
 * The month rows follow the day rows, not the sources: statement-level triggers on
 * member_kpi_day add what each statement's new rows give and take back what its old rows gave,
 * per member and month, as increments (so concurrent writers commute). Every writer of the day
 * rows (the source triggers, rebuild_member_kpi_day, the time-zone rebuild) is thereby covered.
 * The counters are the day table's columns when this runs; a migration that adds a counter to
 * the day rows adds it here too (the trigger function is generated from the column list).
 *
 * Also a covering index for the forecast's per-category totals of an organization's months.
 */
const KEY = ['member_id', 'day'];

export class MemberKpiMonth1763900000015 implements MigrationInterface {
  name = 'MemberKpiMonth1763900000015';

  async up(q: QueryRunner): Promise<void> {
    const columns: { name: string; type: string }[] = await q.query(
      `SELECT column_name AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = 'member_kpi_day'::regclass AND a.attname = c.column_name
        WHERE c.table_name = 'member_kpi_day' AND c.table_schema = current_schema() ORDER BY c.ordinal_position`,
    );
    const counters = columns.filter((c) => !KEY.includes(c.name));
    await q.query(`
      CREATE TABLE member_kpi_month (
        member_id uuid NOT NULL,
        month date NOT NULL,
        ${counters.map((c) => `${c.name} ${c.type} NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (member_id, month)
      )`);
    const apply = (rows: string) => `
      INSERT INTO member_kpi_month (member_id, month, ${counters.map((c) => c.name).join(', ')})
      SELECT r.member_id, date_trunc('month', r.day)::date, ${counters.map((c) => `sum(r.sign * r.${c.name})`).join(', ')}
        FROM ${rows} r GROUP BY 1, 2
      ON CONFLICT (member_id, month) DO UPDATE SET ${counters.map((c) => `${c.name} = member_kpi_month.${c.name} + excluded.${c.name}`).join(', ')}`;
    await q.query(`
      CREATE FUNCTION member_kpi_month_on_day() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${apply('(SELECT 1 AS sign, n.* FROM kday_new n)')};
        ELSIF TG_OP = 'UPDATE' THEN ${apply('(SELECT 1 AS sign, n.* FROM kday_new n UNION ALL SELECT -1, o.* FROM kday_old o)')};
        ELSE ${apply('(SELECT -1 AS sign, o.* FROM kday_old o)')};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_kpi_month_insert AFTER INSERT ON member_kpi_day REFERENCING NEW TABLE AS kday_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_month_on_day()`);
    await q.query(
      `CREATE TRIGGER member_kpi_month_update AFTER UPDATE ON member_kpi_day REFERENCING OLD TABLE AS kday_old NEW TABLE AS kday_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_month_on_day()`,
    );
    await q.query(`CREATE TRIGGER member_kpi_month_delete AFTER DELETE ON member_kpi_day REFERENCING OLD TABLE AS kday_old FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_month_on_day()`);
    await q.query(apply('(SELECT 1 AS sign, d.* FROM member_kpi_day d)'));
    // The forecast's totals of an organization's months (no owner asked for) read this index alone.
    await q.query('CREATE INDEX deal_forecast_month_totals_idx ON deal_forecast_month (organization_id, month) INCLUDE (closed, stage_id, deals, amount)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX deal_forecast_month_totals_idx');
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER member_kpi_month_${op} ON member_kpi_day`);
    await q.query('DROP FUNCTION member_kpi_month_on_day()');
    await q.query('DROP TABLE member_kpi_month');
  }
}
