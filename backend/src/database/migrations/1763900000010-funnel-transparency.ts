import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  DEAL_STAGE_TIME_APPLY_V1_FUNCTION,
  dealHistoryDeltaV1Sql as dealHistoryDeltaSql,
  dealHistoryFunctionSql,
  REBUILD_FUNNEL_ROLLUPS_V1_SQL as REBUILD_FUNNEL_ROLLUPS_SQL,
} from './funnel-rollups-v1';

/**
 * Funnel transparency (issue 6): time in stage and the funnel's deal-level filters.
 *
 * `deal_stage_time` keeps, beside `deal_rollup` and with the same key (pipeline, stage, owner
 * and an ALL row, month started), what the average time in a stage needs from the stage
 * history: the deals that visited the stage, the seconds of the visits already left, and the
 * count and the summed start (epoch seconds) of the visits not left yet, so that the time up
 * to any moment T is closed + open_visits × T − open_entered. Triggers keep it exact in the
 * same transaction as every history change and every change of a deal's owner, pipeline or
 * start; the whole-month funnel reads it instead of the history. The history triggers become
 * statement triggers over transition tables (for deal_rollup.reached too).
 *
 * Indexes for the filters that read the base tables: deals by product, clients by category
 * and industry, VIP clients.
 */
export class FunnelTransparency1763900000010 implements MigrationInterface {
  name = 'FunnelTransparency1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_stage_time (
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        owner_key uuid NOT NULL,
        started_month date NOT NULL,
        deals integer NOT NULL DEFAULT 0,
        closed_seconds numeric NOT NULL DEFAULT 0,
        open_visits integer NOT NULL DEFAULT 0,
        open_entered numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, owner_key, started_month, stage_id)
      )`);
    // Everything one deal's stage history adds (sign 1) or takes back (sign -1).
    await q.query(DEAL_STAGE_TIME_APPLY_V1_FUNCTION);
    await q.query(`
      CREATE FUNCTION deal_stage_time_on_deal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM deal_stage_time_apply(OLD, -1);
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        PERFORM deal_stage_time_apply(NEW, 1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER deal_stage_time_update AFTER UPDATE OF owner_member_id, pipeline_id, started_on ON deal FOR EACH ROW
        WHEN (OLD.owner_member_id IS DISTINCT FROM NEW.owner_member_id OR OLD.pipeline_id <> NEW.pipeline_id
              OR date_trunc('month', OLD.started_on) <> date_trunc('month', NEW.started_on))
        EXECUTE FUNCTION deal_stage_time_on_deal()`);
    // BEFORE DELETE: the history (deleted by cascade) is still there to subtract; the cascade then finds no deal.
    await q.query(`CREATE TRIGGER deal_stage_time_delete BEFORE DELETE ON deal FOR EACH ROW EXECUTE FUNCTION deal_stage_time_on_deal()`);
    // The stage history, per statement with its transition tables: the visits' time, and each
    // deal counted once per stage it visited (here and in deal_rollup.reached). This replaces
    // the row trigger of deal_rollup, which counted a deal twice or not at all when one
    // statement wrote two visits of the deal to the same stage.
    await q.query('DROP TRIGGER deal_rollup_history ON deal_stage_history');
    await q.query(dealHistoryFunctionSql(dealHistoryDeltaSql));
    await q.query(`CREATE TRIGGER deal_history_insert AFTER INSERT ON deal_stage_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_history_changed()`);
    await q.query(`CREATE TRIGGER deal_history_update AFTER UPDATE ON deal_stage_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_history_changed()`);
    await q.query(`CREATE TRIGGER deal_history_delete AFTER DELETE ON deal_stage_history REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_history_changed()`);
    // Both rollups from the deals: the new one filled, and any count the old row trigger got wrong put right.
    for (const sql of REBUILD_FUNNEL_ROLLUPS_SQL) await q.query(sql);

    await q.query(`CREATE INDEX deal_product_idx ON deal (product_id, started_on) WHERE product_id IS NOT NULL`);
    await q.query(`CREATE INDEX client_category_idx ON client (organization_id, category)`);
    await q.query(`CREATE INDEX client_industry_idx ON client (organization_id, industry)`);
    await q.query(`CREATE INDEX client_vip_idx ON client (organization_id) WHERE vip`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX deal_product_idx, client_category_idx, client_industry_idx, client_vip_idx');
    for (const t of ['deal_history_insert', 'deal_history_update', 'deal_history_delete']) await q.query(`DROP TRIGGER ${t} ON deal_stage_history`);
    await q.query('DROP FUNCTION deal_history_changed()');
    await q.query(`CREATE TRIGGER deal_rollup_history AFTER INSERT OR DELETE ON deal_stage_history FOR EACH ROW EXECUTE FUNCTION deal_rollup_on_history()`);
    await q.query('DROP TRIGGER deal_stage_time_update ON deal');
    await q.query('DROP TRIGGER deal_stage_time_delete ON deal');
    await q.query('DROP FUNCTION deal_stage_time_on_deal(), deal_stage_time_apply(deal, integer)');
    await q.query('DROP TABLE deal_stage_time');
  }
}
