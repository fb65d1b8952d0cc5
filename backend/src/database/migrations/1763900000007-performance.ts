import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEAL_ROLLUP_APPLY_V1_FUNCTION, REBUILD_DEAL_ROLLUPS_V1_SQL as REBUILD_DEAL_ROLLUPS_SQL } from './funnel-rollups-v1';

/** KPI targets, forecast submissions and weekly snapshots, coaching reviews (issue 6). */
export class Performance1763900000007 implements MigrationInterface {
  name = 'Performance1763900000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        metric text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        target numeric(18,4) NOT NULL CHECK (target >= 0),
        weight numeric(6,4) NOT NULL CHECK (weight > 0 AND weight <= 1),
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT kpi_target_period CHECK (period_end >= period_start),
        CONSTRAINT kpi_target_key UNIQUE (member_id, metric, period_start, period_end)
      )`);
    await q.query(`CREATE INDEX kpi_target_member_idx ON kpi_target (member_id, period_start)`);
    await q.query(`
      CREATE TABLE forecast_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        period_end date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SUBMITTED', 'ADJUSTED')),
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        by_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX forecast_submission_member_idx ON forecast_submission (member_id, period_start, at DESC)`);
    await q.query(`
      CREATE TABLE forecast_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        period_end date NOT NULL,
        taken_on date NOT NULL,
        closed numeric(18,2) NOT NULL,
        commit numeric(18,2) NOT NULL,
        best_case numeric(18,2) NOT NULL,
        weighted numeric(18,2) NOT NULL,
        submitted numeric(18,2),
        CONSTRAINT forecast_snapshot_key UNIQUE (member_id, period_start, taken_on)
      )`);
    await q.query(`CREATE INDEX forecast_snapshot_period_idx ON forecast_snapshot (organization_id, period_start, taken_on)`);
    await q.query(`
      CREATE TABLE coaching_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        stage_role text CHECK (stage_role IN ('PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT')),
        criteria jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT coaching_template_name_key UNIQUE (organization_id, name)
      )`);
    await q.query(`
      CREATE TABLE coaching_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        coach_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        coachee_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        template_id uuid REFERENCES coaching_template(id) ON DELETE SET NULL,
        held_on date NOT NULL,
        scores jsonb NOT NULL DEFAULT '[]',
        score numeric(4,2),
        notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT coaching_session_not_self CHECK (coach_member_id <> coachee_member_id)
      )`);
    await q.query(`CREATE INDEX coaching_session_coachee_idx ON coaching_session (coachee_member_id, held_on DESC)`);
    await q.query(`CREATE INDEX coaching_session_coach_idx ON coaching_session (coach_member_id, held_on DESC)`);
    await q.query(`
      CREATE TABLE coaching_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES coaching_session(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_on date,
        done_at timestamptz,
        process_id uuid REFERENCES sales_process(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX coaching_action_session_idx ON coaching_action (session_id)`);
    // Funnel rollups, kept exact by triggers in the same transaction as every deal and
    // stage-history change: per pipeline, stage, owner (and an ALL row) and month started,
    // the deals now in the stage, their amount, and the deals that ever entered it; and a
    // histogram of days from start to win. The funnel reads them for month-aligned periods.
    await q.query(`
      CREATE TABLE deal_rollup (
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        owner_key uuid NOT NULL,
        started_month date NOT NULL,
        deals integer NOT NULL DEFAULT 0,
        amount numeric(20,2) NOT NULL DEFAULT 0,
        reached integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, owner_key, started_month, stage_id)
      )`);
    await q.query(`
      CREATE TABLE deal_win_days (
        pipeline_id uuid NOT NULL,
        owner_key uuid NOT NULL,
        started_month date NOT NULL,
        days integer NOT NULL,
        deals integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pipeline_id, owner_key, started_month, days)
      )`);
    await q.query(DEAL_ROLLUP_APPLY_V1_FUNCTION);
    await q.query(`
      CREATE FUNCTION deal_rollup_on_deal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM deal_rollup_apply(OLD, -1); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM deal_rollup_apply(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    // BEFORE DELETE: the stage history (deleted by cascade) is still there to subtract.
    await q.query(`
      CREATE FUNCTION deal_rollup_on_deal_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM deal_rollup_apply(OLD, -1);
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER deal_rollup_insert AFTER INSERT ON deal FOR EACH ROW EXECUTE FUNCTION deal_rollup_on_deal()`);
    await q.query(`
      CREATE TRIGGER deal_rollup_update AFTER UPDATE OF stage_id, owner_member_id, pipeline_id, started_on, amount, closed_on ON deal
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION deal_rollup_on_deal()`);
    await q.query(`CREATE TRIGGER deal_rollup_delete BEFORE DELETE ON deal FOR EACH ROW EXECUTE FUNCTION deal_rollup_on_deal_delete()`);
    // A history row adds "reached" when its stage is new for the deal; removing one takes it back.
    await q.query(`
      CREATE FUNCTION deal_rollup_on_history() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        d deal;
        h deal_stage_history;
        sign integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN h := NEW; sign := 1; ELSE h := OLD; sign := -1; END IF;
        SELECT * INTO d FROM deal WHERE id = h.deal_id;
        IF NOT FOUND OR d.stage_id = h.stage_id
           OR EXISTS (SELECT 1 FROM deal_stage_history x WHERE x.deal_id = h.deal_id AND x.stage_id = h.stage_id AND x.id <> h.id) THEN
          RETURN NULL;
        END IF;
        INSERT INTO deal_rollup (pipeline_id, stage_id, owner_key, started_month, deals, amount, reached)
        SELECT d.pipeline_id, h.stage_id, o, date_trunc('month', d.started_on)::date, 0, 0, sign
          FROM unnest(ARRAY[coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid]) o
        ON CONFLICT (pipeline_id, owner_key, started_month, stage_id) DO UPDATE SET reached = deal_rollup.reached + excluded.reached;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER deal_rollup_history AFTER INSERT OR DELETE ON deal_stage_history FOR EACH ROW EXECUTE FUNCTION deal_rollup_on_history()`);
    // Deals that exist already.
    for (const sql of REBUILD_DEAL_ROLLUPS_SQL) await q.query(sql);
    // KPI progress and forecasts over many members at once: by period first.
    await q.query(`CREATE INDEX deal_closed_idx ON deal (organization_id, closed_on) WHERE closed_on IS NOT NULL`);
    await q.query(`CREATE INDEX deal_expected_close_idx ON deal (organization_id, expected_close_on) WHERE closed_on IS NULL`);
    await q.query(`CREATE INDEX activity_period_idx ON activity (organization_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX deal_closed_idx, deal_expected_close_idx, activity_period_idx');
    await q.query('DROP TRIGGER deal_rollup_history ON deal_stage_history');
    await q.query('DROP TRIGGER deal_rollup_insert ON deal');
    await q.query('DROP TRIGGER deal_rollup_update ON deal');
    await q.query('DROP TRIGGER deal_rollup_delete ON deal');
    await q.query('DROP FUNCTION deal_rollup_on_history(), deal_rollup_on_deal(), deal_rollup_on_deal_delete(), deal_rollup_apply(deal, integer)');
    await q.query('DROP TABLE deal_win_days, deal_rollup');
    for (const table of ['coaching_action', 'coaching_session', 'coaching_template', 'forecast_snapshot', 'forecast_submission', 'kpi_target']) await q.query(`DROP TABLE ${table}`);
  }
}
