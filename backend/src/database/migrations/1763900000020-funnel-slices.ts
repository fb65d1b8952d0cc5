import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ALL_OWNERS,
  dealHistoryDeltaSql,
  dealRollupAddSql,
  dealRollupApplyBody,
  dealStageTimeApplyBody,
  FUNNEL_ROLLUPS_V2,
  NO_OWNER,
  rebuildFunnelRollupsSql,
} from '../../modules/analytics/analytics.repository';
import {
  DEAL_ROLLUP_APPLY_V1_FUNCTION,
  DEAL_STAGE_TIME_APPLY_V1_FUNCTION,
  dealHistoryDeltaV1Sql,
  dealHistoryFunctionSql,
  REBUILD_FUNNEL_ROLLUPS_V1_SQL,
} from './funnel-rollups-v1';

/**
 * The deal's copy of its client's category: set when a deal is written with a client, copied to
 * the client's deals when the client's category changes (migration 1763900000024 replaces both
 * with the copy of the segments too, and puts these back on the way down).
 */
export const CATEGORY_COPY_TRIGGERS = [
  `
      CREATE FUNCTION deal_client_category() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.client_category := (SELECT c.category FROM client c WHERE c.id = NEW.client_id FOR SHARE);
        RETURN NEW;
      END $$`,
  'CREATE TRIGGER deal_client_category BEFORE INSERT OR UPDATE OF client_id ON deal FOR EACH ROW EXECUTE FUNCTION deal_client_category()',
  `
      CREATE FUNCTION client_category_to_deals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deal SET client_category = NEW.category WHERE client_id = NEW.id;
        RETURN NULL;
      END $$`,
  `
      CREATE TRIGGER client_category_to_deals AFTER UPDATE OF category ON client FOR EACH ROW
        WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION client_category_to_deals()`,
] as const;

/** Each funnel rollup: its name before this migration (now a view for the previous release), its name now, its columns before, its last key column. */
const ROLLUPS = [
  ['deal_rollup', 'funnel_rollup', 'pipeline_id, stage_id, owner_key, started_month, deals, amount, reached', 'stage_id'],
  ['deal_stage_time', 'funnel_stage_time', 'pipeline_id, stage_id, owner_key, started_month, deals, closed_seconds, open_visits, open_entered', 'stage_id'],
  ['deal_win_days', 'funnel_win_days', 'pipeline_id, owner_key, started_month, days, deals', 'days'],
] as const;

const ZERO = `'${NO_OWNER}'::uuid`;
const ALL = `'${ALL_OWNERS}'::uuid`;

/**
 * The funnel's client-category and product filters from the rollups (issue 6). Until now a
 * category or a product made the funnel read the deals and their history: at the benchmark's
 * scale (2M deals) a third of the deals by category took ~10 s, one product ~2 s.
 *
 * The three funnel rollups get two more key columns, a slice: `category` (0: every category)
 * and `product_key` (ALL: every product), and new names (deal_rollup → funnel_rollup,
 * deal_stage_time → funnel_stage_time, deal_win_days → funnel_win_days). Under the old names
 * views show the previous release what it read, the every-deal slice, so its replicas still
 * count right during a rolling upgrade (expand/contract, docs/DEPLOY.md); a later release
 * drops the views. A deal counts, for its owner and for the ALL owner,
 * in the slice of every deal, in its client's category's slice and in its product's slice
 * (`deal_funnel_keys`): six rows where it counted in two. A category and a product together,
 * or a segment (region, industry, channel, ownership, VIP), still read the deals.
 *
 * The category is the client's, so the deal carries a copy (`deal.client_category`), set from
 * the client when a deal is written with a client and copied to the client's deals when the
 * client's category changes. The rollups' row triggers then see a category change as a change
 * of the deal and move its counts from the old slice to the new one, like a change of owner.
 */
export class FunnelSlices1763900000020 implements MigrationInterface {
  name = 'FunnelSlices1763900000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deal ADD COLUMN client_category smallint');
    await q.query('ALTER TABLE deal DISABLE TRIGGER USER');
    await q.query('UPDATE deal d SET client_category = c.category FROM client c WHERE c.id = d.client_id AND c.category IS NOT NULL');
    await q.query('ALTER TABLE deal ENABLE TRIGGER USER');
    // FOR SHARE: a deal written while another transaction changes its client's category waits for
    // that change and copies the new category; without the lock it copied the old one, and the
    // change, which could not see the uncommitted deal, never reached it.
    for (const sql of CATEGORY_COPY_TRIGGERS) await q.query(sql);

    await q.query(`
      CREATE FUNCTION deal_funnel_keys(owner uuid, client_category smallint, product uuid)
        RETURNS TABLE (owner_key uuid, category smallint, product_key uuid) LANGUAGE sql IMMUTABLE AS $$
        SELECT o.key, s.category, s.product_key
          FROM (VALUES (coalesce(owner, ${ZERO})), (${ALL})) o(key),
               (VALUES (0::smallint, ${ALL}), (client_category, ${ALL}), (0::smallint, product)) s(category, product_key)
         WHERE s.category IS NOT NULL AND s.product_key IS NOT NULL
      $$`);
    for (const [before, table, columns, last] of ROLLUPS) {
      await q.query(`TRUNCATE ${before}`);
      await q.query(`ALTER TABLE ${before} RENAME TO ${table}`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${before}_pkey, ADD COLUMN category smallint NOT NULL, ADD COLUMN product_key uuid NOT NULL`);
      await q.query(`ALTER TABLE ${table} ADD PRIMARY KEY (pipeline_id, category, product_key, owner_key, started_month, ${last})`);
      // The two slice columns are far from independent (a row has a category or a product, never both): without
      // their joint frequencies the planner put the every-deal slice at 3.5x its rows and read the whole table.
      await q.query(`CREATE STATISTICS ${table}_slice (mcv) ON category, product_key FROM ${table}`);
      await q.query(`CREATE VIEW ${before} AS SELECT ${columns} FROM ${table} WHERE category = 0 AND product_key = ${ALL}`);
    }
    // The rollups' SQL of this migration's families (FUNNEL_ROLLUPS_V2): later families (0024) are not there yet.
    await q.query(`CREATE OR REPLACE FUNCTION deal_rollup_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN ${dealRollupApplyBody(FUNNEL_ROLLUPS_V2)} END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION deal_stage_time_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN ${dealStageTimeApplyBody(FUNNEL_ROLLUPS_V2)} END $$`);
    await q.query(dealHistoryFunctionSql((newRows, oldRows) => dealHistoryDeltaSql(newRows, oldRows, FUNNEL_ROLLUPS_V2)));
    // Inserted deals per statement, set-based: with three slices a row trigger made eighteen
    // upserts per deal, and importing the 8,800 deals of the sample took 1.5-2 s longer.
    await q.query('DROP TRIGGER deal_rollup_insert ON deal');
    await q.query(`
      CREATE FUNCTION deal_rollup_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${dealRollupAddSql('new_deals', true, FUNNEL_ROLLUPS_V2).join(';\n')};
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER deal_rollup_insert AFTER INSERT ON deal REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_rollup_on_insert()');
    await q.query('DROP TRIGGER deal_rollup_update ON deal');
    await q.query(`
      CREATE TRIGGER deal_rollup_update AFTER UPDATE OF stage_id, owner_member_id, pipeline_id, started_on, amount, closed_on, client_id, client_category, product_id ON deal
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION deal_rollup_on_deal()`);
    await q.query('DROP TRIGGER deal_stage_time_update ON deal');
    await q.query(`
      CREATE TRIGGER deal_stage_time_update AFTER UPDATE OF owner_member_id, pipeline_id, started_on, client_id, client_category, product_id ON deal FOR EACH ROW
        WHEN (OLD.owner_member_id IS DISTINCT FROM NEW.owner_member_id OR OLD.pipeline_id <> NEW.pipeline_id
              OR date_trunc('month', OLD.started_on) <> date_trunc('month', NEW.started_on)
              OR OLD.client_category IS DISTINCT FROM NEW.client_category OR OLD.product_id IS DISTINCT FROM NEW.product_id)
        EXECUTE FUNCTION deal_stage_time_on_deal()`);
    for (const sql of rebuildFunnelRollupsSql(FUNNEL_ROLLUPS_V2)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER deal_stage_time_update ON deal');
    await q.query(`
      CREATE TRIGGER deal_stage_time_update AFTER UPDATE OF owner_member_id, pipeline_id, started_on ON deal FOR EACH ROW
        WHEN (OLD.owner_member_id IS DISTINCT FROM NEW.owner_member_id OR OLD.pipeline_id <> NEW.pipeline_id
              OR date_trunc('month', OLD.started_on) <> date_trunc('month', NEW.started_on))
        EXECUTE FUNCTION deal_stage_time_on_deal()`);
    await q.query('DROP TRIGGER deal_rollup_update ON deal');
    await q.query(`
      CREATE TRIGGER deal_rollup_update AFTER UPDATE OF stage_id, owner_member_id, pipeline_id, started_on, amount, closed_on ON deal
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION deal_rollup_on_deal()`);
    await q.query(dealHistoryFunctionSql(dealHistoryDeltaV1Sql));
    await q.query('DROP TRIGGER deal_rollup_insert ON deal');
    await q.query('DROP FUNCTION deal_rollup_on_insert()');
    await q.query('CREATE TRIGGER deal_rollup_insert AFTER INSERT ON deal FOR EACH ROW EXECUTE FUNCTION deal_rollup_on_deal()');
    await q.query(DEAL_ROLLUP_APPLY_V1_FUNCTION);
    await q.query(DEAL_STAGE_TIME_APPLY_V1_FUNCTION);
    for (const [before, table, , last] of ROLLUPS) {
      await q.query(`DROP VIEW ${before}`);
      await q.query(`TRUNCATE ${table}`);
      await q.query(`DROP STATISTICS ${table}_slice`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, DROP COLUMN category, DROP COLUMN product_key`);
      await q.query(`ALTER TABLE ${table} RENAME TO ${before}`);
      await q.query(`ALTER TABLE ${before} ADD PRIMARY KEY (pipeline_id, owner_key, started_month, ${last})`);
    }
    await q.query('DROP FUNCTION deal_funnel_keys(uuid, smallint, uuid)');
    await q.query('DROP TRIGGER client_category_to_deals ON client');
    await q.query('DROP FUNCTION client_category_to_deals()');
    await q.query('DROP TRIGGER deal_client_category ON deal');
    await q.query('DROP FUNCTION deal_client_category()');
    await q.query('ALTER TABLE deal DROP COLUMN client_category');
    for (const sql of REBUILD_FUNNEL_ROLLUPS_V1_SQL) await q.query(sql);
  }
}
