import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deals advanced (issue 6's KPI catalog; the rule in shared count-deal-advances.ts): the day
 * rows of member_kpi_day get `deals_advanced`, the moves of a deal to a later stage of its
 * pipeline or into a won stage (never into a lost one; a deal's first stage is not a move),
 * counted for the deal's current owner on the day the stage was entered (the organization's
 * time zone). AnalyticsRepository.metricsForMembersFromBase is the definition over the stage
 * history; test/api/kpi-rollup.spec.ts holds the two equal.
 *
 * Whether a visit is an advance depends on the visit before it, so the triggers recompute the
 * advances of every deal a statement touched as the history was before the statement (the
 * table now, less the statement's new rows, plus its old rows) and as it is now, and add the
 * difference. Statement triggers with transition tables on the history; on deals, the advances
 * move with a change of owner (as deals won do); on stages, a change of position, kind or
 * pipeline recounts the deals that visited them. A deleted deal takes its advances away in a
 * BEFORE DELETE row trigger, like deal_stage_time's: its history (deleted by cascade) is still
 * there to count, and the cascade's statement then finds no deal. rebuild_member_kpi_day(org)
 * fills the column too; the migration counts the history there is.
 */

/**
 * The advances among the visits of `history` (id, deal_id, stage_id, entered_at; every visit of
 * each deal in it), with the stages of `stages` and the owners of `deals`, as member and day rows
 * of `sign`.
 */
function advances(history: string, deals: string, stages: string, sign: number): string {
  return `
    SELECT d.owner_member_id AS member_id, (v.entered_at AT TIME ZONE o.timezone)::date AS day, ${sign} AS deals_advanced
      FROM (SELECT h.deal_id, h.stage_id, h.entered_at, lag(h.stage_id) OVER (PARTITION BY h.deal_id ORDER BY h.entered_at, h.id) AS left_stage FROM ${history} h) v
      JOIN ${deals} d ON d.id = v.deal_id
      JOIN organization o ON o.id = d.organization_id
      JOIN ${stages} s ON s.id = v.stage_id
      JOIN ${stages} p ON p.id = v.left_stage
     WHERE s.kind <> 'LOST' AND s.pipeline_id = p.pipeline_id AND (s.position > p.position OR (s.kind = 'WON' AND p.kind <> 'WON'))`;
}

/** Adds the rows of `contributions`, summed per member and day, to the day rows (only where they change something). */
function addAdvances(contributions: string): string {
  return `
    INSERT INTO member_kpi_day (member_id, day, deals_advanced)
    SELECT member_id, day, sum(deals_advanced) FROM (${contributions}) c
     WHERE member_id IS NOT NULL GROUP BY member_id, day HAVING sum(deals_advanced) <> 0
    ON CONFLICT (member_id, day) DO UPDATE SET deals_advanced = member_kpi_day.deals_advanced + excluded.deals_advanced`;
}

const VISIT = 'h.id, h.deal_id, h.stage_id, h.entered_at';

/** The history trigger: the touched deals' advances before the statement taken back, after it added. */
function onHistory(newRows: string | null, oldRows: string | null): string {
  const touched = [newRows && `SELECT deal_id FROM ${newRows}`, oldRows && `SELECT deal_id FROM ${oldRows}`].filter(Boolean).join(' UNION ');
  const now = `(SELECT ${VISIT} FROM deal_stage_history h WHERE h.deal_id IN (${touched}))`;
  const before = `(SELECT ${VISIT} FROM deal_stage_history h WHERE h.deal_id IN (${touched})${newRows ? ` AND h.id NOT IN (SELECT id FROM ${newRows})` : ''}${
    oldRows ? ` UNION ALL SELECT ${VISIT} FROM ${oldRows} h` : ''
  })`;
  return addAdvances(`${advances(before, 'deal', 'pipeline_stage', -1)} UNION ALL ${advances(now, 'deal', 'pipeline_stage', 1)}`);
}

/** The deal trigger: deals whose owner changed take their advances from the old owner to the new one. */
const ON_DEAL_OWNER = (() => {
  const moved = `(SELECT ${VISIT} FROM deal_stage_history h WHERE h.deal_id IN (SELECT n.id FROM adv_new n JOIN adv_old o ON o.id = n.id WHERE n.owner_member_id IS DISTINCT FROM o.owner_member_id))`;
  return addAdvances(`${advances(moved, 'adv_old', 'pipeline_stage', -1)} UNION ALL ${advances(moved, 'adv_new', 'pipeline_stage', 1)}`);
})();

/** The stage trigger: the deals that visited a stage whose position, kind or pipeline changed, counted with the stages before and after. */
const ON_STAGE = (() => {
  const changed = `SELECT n.id FROM adv_new n JOIN adv_old o ON o.id = n.id WHERE (n.position, n.kind, n.pipeline_id) IS DISTINCT FROM (o.position, o.kind, o.pipeline_id)`;
  const visits = `(SELECT ${VISIT} FROM deal_stage_history h WHERE h.deal_id IN (SELECT x.deal_id FROM deal_stage_history x WHERE x.stage_id IN (${changed})))`;
  const stagesBefore = '(SELECT s.* FROM pipeline_stage s WHERE s.id NOT IN (SELECT id FROM adv_new) UNION ALL SELECT o.* FROM adv_old o)';
  return addAdvances(`${advances(visits, 'deal', stagesBefore, -1)} UNION ALL ${advances(visits, 'deal', 'pipeline_stage', 1)}`);
})();

/** Every advance of an organization's deals (the rebuild) or of all deals (the migration), on columns holding none yet. */
const ALL_ADVANCES = (organization: string | null) =>
  addAdvances(
    advances(
      organization ? `(SELECT ${VISIT} FROM deal_stage_history h JOIN deal x ON x.id = h.deal_id WHERE x.organization_id = ${organization})` : 'deal_stage_history',
      'deal',
      'pipeline_stage',
      1,
    ),
  );

export class DealsAdvanced1763900000011 implements MigrationInterface {
  name = 'DealsAdvanced1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE member_kpi_day ADD COLUMN deals_advanced integer NOT NULL DEFAULT 0');
    await q.query(`
      CREATE FUNCTION member_kpi_day_advances_on_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${onHistory('adv_new', null)};
        ELSIF TG_OP = 'UPDATE' THEN ${onHistory('adv_new', 'adv_old')};
        ELSE ${onHistory(null, 'adv_old')};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_kpi_day_advances_insert AFTER INSERT ON deal_stage_history REFERENCING NEW TABLE AS adv_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_advances_on_history()`);
    await q.query(
      `CREATE TRIGGER member_kpi_day_advances_update AFTER UPDATE ON deal_stage_history REFERENCING OLD TABLE AS adv_old NEW TABLE AS adv_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_advances_on_history()`,
    );
    await q.query(`CREATE TRIGGER member_kpi_day_advances_delete AFTER DELETE ON deal_stage_history REFERENCING OLD TABLE AS adv_old FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_advances_on_history()`);
    await q.query(`
      CREATE FUNCTION member_kpi_day_advances_on_deal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${ON_DEAL_OWNER};
        RETURN NULL;
      END $$`);
    // (a trigger with transition tables cannot name columns: the function picks the deals whose owner changed)
    await q.query(`CREATE TRIGGER member_kpi_day_advances_owner AFTER UPDATE ON deal REFERENCING OLD TABLE AS adv_old NEW TABLE AS adv_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_advances_on_deal()`);
    await q.query(`
      CREATE FUNCTION member_kpi_day_advances_on_deal_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${addAdvances(advances(`(SELECT ${VISIT} FROM deal_stage_history h WHERE h.deal_id = OLD.id)`, '(SELECT OLD.*)', 'pipeline_stage', -1))};
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER member_kpi_day_advances_deal_delete BEFORE DELETE ON deal FOR EACH ROW EXECUTE FUNCTION member_kpi_day_advances_on_deal_delete()`);
    await q.query(`
      CREATE FUNCTION member_kpi_day_advances_on_stage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${ON_STAGE};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_kpi_day_advances_stage AFTER UPDATE ON pipeline_stage REFERENCING OLD TABLE AS adv_old NEW TABLE AS adv_new FOR EACH STATEMENT EXECUTE FUNCTION member_kpi_day_advances_on_stage()`);
    // The rebuild: the sources of migration 1763900000008 as they were, then the advances.
    await q.query('ALTER FUNCTION rebuild_member_kpi_day(uuid) RENAME TO rebuild_member_kpi_day_sources');
    await q.query(`
      CREATE OR REPLACE FUNCTION rebuild_member_kpi_day(org uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rebuild_member_kpi_day_sources(org);
        ${ALL_ADVANCES('org')};
      END $$`);
    // The history there is.
    await q.query(ALL_ADVANCES(null));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION rebuild_member_kpi_day(uuid)');
    await q.query('ALTER FUNCTION rebuild_member_kpi_day_sources(uuid) RENAME TO rebuild_member_kpi_day');
    await q.query('DROP TRIGGER member_kpi_day_advances_stage ON pipeline_stage');
    await q.query('DROP TRIGGER member_kpi_day_advances_deal_delete ON deal');
    await q.query('DROP TRIGGER member_kpi_day_advances_owner ON deal');
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER member_kpi_day_advances_${op} ON deal_stage_history`);
    await q.query(
      'DROP FUNCTION member_kpi_day_advances_on_history(), member_kpi_day_advances_on_deal(), member_kpi_day_advances_on_deal_delete(), member_kpi_day_advances_on_stage()',
    );
    await q.query('ALTER TABLE member_kpi_day DROP COLUMN deals_advanced');
  }
}
