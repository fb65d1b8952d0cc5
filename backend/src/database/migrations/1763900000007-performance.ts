import type { MigrationInterface, QueryRunner } from 'typeorm';

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
    // KPI progress and forecasts over many members at once: by period first.
    await q.query(`CREATE INDEX deal_closed_idx ON deal (organization_id, closed_on) WHERE closed_on IS NOT NULL`);
    await q.query(`CREATE INDEX deal_expected_close_idx ON deal (organization_id, expected_close_on) WHERE closed_on IS NULL`);
    await q.query(`CREATE INDEX activity_period_idx ON activity (organization_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX deal_closed_idx, deal_expected_close_idx, activity_period_idx');
    for (const table of ['coaching_action', 'coaching_session', 'coaching_template', 'forecast_snapshot', 'forecast_submission', 'kpi_target']) await q.query(`DROP TABLE ${table}`);
  }
}
