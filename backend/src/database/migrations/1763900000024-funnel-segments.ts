import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ALL_OWNERS,
  dealHistoryDeltaSql,
  dealRollupAddSql,
  dealRollupApplyBody,
  dealStageTimeApplyBody,
  dealUpdateTriggerSql,
  FUNNEL_ROLLUPS,
  FUNNEL_ROLLUPS_V2,
  NO_OWNER,
  rebuildFunnelRollupsSql,
  SEGMENT_ROLLUPS,
} from '../../modules/analytics/analytics.repository';
import { CATEGORY_COPY_TRIGGERS } from './1763900000020-funnel-slices';
import { dealHistoryFunctionSql } from './funnel-rollups-v1';

const ZERO = `'${NO_OWNER}'::uuid`;
const ALL = `'${ALL_OWNERS}'::uuid`;

/** The client's segment keys as `funnelSegmentKeys` (shared) writes them; a segment the client lacks gives no key. */
const CLIENT_FUNNEL_SEGMENTS = `
  CREATE FUNCTION client_funnel_segments(vip boolean, channel text, ownership_form text, region text, industry text) RETURNS text[]
    LANGUAGE sql IMMUTABLE AS $$
    SELECT array_remove(ARRAY['vip:' || vip::text, 'channel:' || channel, 'ownership:' || ownership_form, 'region:' || region, 'industry:' || industry], NULL)
  $$`;

/** The row triggers of the deal that moved its rollup rows on an update, as migration 0020 left them. */
const ROW_UPDATE_TRIGGERS_V2 = [
  `CREATE TRIGGER deal_rollup_update AFTER UPDATE OF stage_id, owner_member_id, pipeline_id, started_on, amount, closed_on, client_id, client_category, product_id ON deal
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION deal_rollup_on_deal()`,
  `CREATE TRIGGER deal_stage_time_update AFTER UPDATE OF owner_member_id, pipeline_id, started_on, client_id, client_category, product_id ON deal FOR EACH ROW
      WHEN (OLD.owner_member_id IS DISTINCT FROM NEW.owner_member_id OR OLD.pipeline_id <> NEW.pipeline_id
            OR date_trunc('month', OLD.started_on) <> date_trunc('month', NEW.started_on)
            OR OLD.client_category IS DISTINCT FROM NEW.client_category OR OLD.product_id IS DISTINCT FROM NEW.product_id)
      EXECUTE FUNCTION deal_stage_time_on_deal()`,
];

/** The deal's rollup functions and insert trigger over a list of rollup families. */
async function rollupFunctions(q: QueryRunner, families: typeof FUNNEL_ROLLUPS): Promise<void> {
  await q.query(`CREATE OR REPLACE FUNCTION deal_rollup_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN ${dealRollupApplyBody(families)} END $$`);
  await q.query(`CREATE OR REPLACE FUNCTION deal_stage_time_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN ${dealStageTimeApplyBody(families)} END $$`);
  await q.query(dealHistoryFunctionSql((newRows, oldRows) => dealHistoryDeltaSql(newRows, oldRows, families)));
  await q.query(`
      CREATE OR REPLACE FUNCTION deal_rollup_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${dealRollupAddSql('new_deals', true, families).join(';\n')};
        RETURN NULL;
      END $$`);
}

/**
 * The funnel's segment filters from rollups (issue 6). A funnel of VIP clients, of one region,
 * industry, channel or ownership form read the deals joined to their clients and their stage
 * history: at the benchmark's scale (2M deals, 5.7M history rows) 6-15 s a page.
 *
 * A second family of funnel rollups, keyed by a segment instead of a category and a product:
 * `funnel_segment_rollup`, `funnel_segment_stage_time`, `funnel_segment_win_days`. Tables of
 * their own, so the readers of the first family (the dashboard's every-deal slice, the previous
 * release during a rolling upgrade) never see these rows. A deal counts, for its owner and for
 * the ALL owner, under each segment of its client (`vip:true|false`, `channel:…`, `ownership:…`,
 * `region:…`, `industry:…`): up to ten more rows where it counted in six. One segment filter
 * with whole months reads them (`funnelRollupSlice`); two filters together still read the deals.
 *
 * The segments are the client's, so the deal carries a copy (`deal.client_segments`, the keys),
 * set as the category copy of migration 0020 is: from the client when a deal is written with a
 * client (under FOR SHARE of the client), and copied to the client's deals when one of the
 * client's segments changes; the deal's update trigger then moves the deal's counts from its old
 * segments to its new ones.
 *
 * That trigger now works per statement (transition tables; the changed deals' old figures taken
 * back and their new ones added in one grouped upsert per table) instead of per row: with up to
 * eighteen keys a deal, the row triggers made re-importing the sample (7,320 deals moved to
 * another pipeline) take more than a minute.
 */
export class FunnelSegments1763900000024 implements MigrationInterface {
  name = 'FunnelSegments1763900000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(CLIENT_FUNNEL_SEGMENTS);
    await q.query('ALTER TABLE deal ADD COLUMN client_segments text[]');
    await q.query('ALTER TABLE deal DISABLE TRIGGER USER');
    await q.query(`UPDATE deal d SET client_segments = client_funnel_segments(c.vip, c.channel, c.ownership_form, c.region, c.industry) FROM client c WHERE c.id = d.client_id`);
    await q.query('ALTER TABLE deal ENABLE TRIGGER USER');

    await q.query('DROP TRIGGER deal_client_category ON deal');
    await q.query(`
      CREATE FUNCTION deal_client_slices() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.category, client_funnel_segments(c.vip, c.channel, c.ownership_form, c.region, c.industry)
          INTO NEW.client_category, NEW.client_segments
          FROM client c WHERE c.id = NEW.client_id FOR SHARE;
        IF NOT FOUND THEN
          NEW.client_category := NULL;
          NEW.client_segments := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query('CREATE TRIGGER deal_client_slices BEFORE INSERT OR UPDATE OF client_id ON deal FOR EACH ROW EXECUTE FUNCTION deal_client_slices()');
    await q.query('DROP FUNCTION deal_client_category()');
    await q.query('DROP TRIGGER client_category_to_deals ON client');
    await q.query(`
      CREATE FUNCTION client_slices_to_deals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deal SET client_category = NEW.category, client_segments = client_funnel_segments(NEW.vip, NEW.channel, NEW.ownership_form, NEW.region, NEW.industry)
         WHERE client_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER client_slices_to_deals AFTER UPDATE OF category, vip, channel, ownership_form, region, industry ON client FOR EACH ROW
        WHEN (OLD.category IS DISTINCT FROM NEW.category OR OLD.vip IS DISTINCT FROM NEW.vip OR OLD.channel IS DISTINCT FROM NEW.channel
              OR OLD.ownership_form IS DISTINCT FROM NEW.ownership_form OR OLD.region IS DISTINCT FROM NEW.region OR OLD.industry IS DISTINCT FROM NEW.industry)
        EXECUTE FUNCTION client_slices_to_deals()`);
    await q.query('DROP FUNCTION client_category_to_deals()');

    await q.query(`
      CREATE FUNCTION deal_funnel_segments(owner uuid, segments text[]) RETURNS TABLE (owner_key uuid, segment text) LANGUAGE sql IMMUTABLE AS $$
        SELECT o.key, s.segment FROM (VALUES (coalesce(owner, ${ZERO})), (${ALL})) o(key), unnest(segments) s(segment)
      $$`);
    const f = SEGMENT_ROLLUPS;
    await q.query(`
      CREATE TABLE ${f.rollup} (
        pipeline_id uuid NOT NULL, segment text NOT NULL, owner_key uuid NOT NULL, started_month date NOT NULL, stage_id uuid NOT NULL,
        deals integer NOT NULL DEFAULT 0, amount numeric(20,2) NOT NULL DEFAULT 0, reached integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, segment, owner_key, started_month, stage_id))`);
    await q.query(`
      CREATE TABLE ${f.stageTime} (
        pipeline_id uuid NOT NULL, segment text NOT NULL, owner_key uuid NOT NULL, started_month date NOT NULL, stage_id uuid NOT NULL,
        deals integer NOT NULL DEFAULT 0, closed_seconds numeric NOT NULL DEFAULT 0, open_visits integer NOT NULL DEFAULT 0, open_entered numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, segment, owner_key, started_month, stage_id))`);
    await q.query(`
      CREATE TABLE ${f.winDays} (
        pipeline_id uuid NOT NULL, segment text NOT NULL, owner_key uuid NOT NULL, started_month date NOT NULL, days integer NOT NULL, deals integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, segment, owner_key, started_month, days))`);

    await rollupFunctions(q, FUNNEL_ROLLUPS);
    // An update of deals moves their counts per statement (dealUpdateTriggerSql), no longer per row.
    await q.query('DROP TRIGGER deal_rollup_update ON deal');
    await q.query('DROP TRIGGER deal_stage_time_update ON deal');
    await q.query(`
      CREATE FUNCTION deal_rollup_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${dealUpdateTriggerSql(FUNNEL_ROLLUPS).join(';\n')};
        RETURN NULL;
      END $$`);
    await q.query('CREATE TRIGGER deal_rollup_update AFTER UPDATE ON deal REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_rollup_on_update()');
    for (const sql of rebuildFunnelRollupsSql([SEGMENT_ROLLUPS])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER deal_rollup_update ON deal');
    await q.query('DROP FUNCTION deal_rollup_on_update()');
    for (const sql of ROW_UPDATE_TRIGGERS_V2) await q.query(sql);
    await rollupFunctions(q, FUNNEL_ROLLUPS_V2);
    await q.query(`DROP TABLE ${SEGMENT_ROLLUPS.rollup}, ${SEGMENT_ROLLUPS.stageTime}, ${SEGMENT_ROLLUPS.winDays}`);
    await q.query('DROP FUNCTION deal_funnel_segments(uuid, text[])');

    await q.query('DROP TRIGGER client_slices_to_deals ON client');
    await q.query('DROP FUNCTION client_slices_to_deals()');
    await q.query('DROP TRIGGER deal_client_slices ON deal');
    await q.query('DROP FUNCTION deal_client_slices()');
    for (const sql of CATEGORY_COPY_TRIGGERS) await q.query(sql);
    await q.query('ALTER TABLE deal DROP COLUMN client_segments');
    await q.query('DROP FUNCTION client_funnel_segments(boolean, text, text, text, text)');
  }
}
