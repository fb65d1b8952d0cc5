import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The forecast months (deal_forecast_month, migration 1763900000008) get a rebuild function as
 * the KPI day and retention month rollups have theirs (rebuild_member_kpi_day(org),
 * rebuild_member_retention_month(org)): `rebuild_deal_forecast_month()` recomputes every
 * organization's rows from the deals, after a bulk load with the triggers off. The statements
 * are those migration 1763900000008 ran to fill the table (empty it, then add up all deals as
 * its triggers add up inserted ones), written out here so that the function stays as it landed.
 * test/api/kpi-rollup.spec.ts holds the rebuilt rows equal to the ones the triggers keep.
 */
const REBUILD_FUNCTION = `
  CREATE FUNCTION rebuild_deal_forecast_month() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE deal_forecast_month;
  INSERT INTO deal_forecast_month (organization_id, month, closed, owner_key, stage_id, deals, amount)
  SELECT organization_id, month, closed, owner_key, stage_id, sum(deals), sum(amount) FROM (
  SELECT r.organization_id, coalesce(r.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_key, r.stage_id,
         date_trunc('month', coalesce(r.closed_on, r.expected_close_on))::date AS month, r.closed_on IS NOT NULL AS closed, r.sign AS deals, r.sign * r.amount AS amount
    FROM (SELECT 1 AS sign, d.* FROM deal d) r WHERE coalesce(r.closed_on, r.expected_close_on) IS NOT NULL) c
   GROUP BY organization_id, month, closed, owner_key, stage_id
  ON CONFLICT (organization_id, month, closed, owner_key, stage_id)
  DO UPDATE SET deals = deal_forecast_month.deals + excluded.deals, amount = deal_forecast_month.amount + excluded.amount;
  END $$`;

export class RebuildDealForecast1763900000017 implements MigrationInterface {
  name = 'RebuildDealForecast1763900000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(REBUILD_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION rebuild_deal_forecast_month()');
  }
}
