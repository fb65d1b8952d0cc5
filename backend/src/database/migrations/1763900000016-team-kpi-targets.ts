import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team KPI targets (issue 6: "targets per member and team per sprint or month"): a target row
 * belongs either to a member or to a team, never both. Members' rows keep their unique key
 * (member_id, metric, period) and index; team rows get their own unique key and index. A
 * team's rows go with the team.
 */
export class TeamKpiTargets1763900000016 implements MigrationInterface {
  name = 'TeamKpiTargets1763900000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE kpi_target ADD COLUMN team_id uuid REFERENCES team(id) ON DELETE CASCADE');
    await q.query('ALTER TABLE kpi_target ALTER COLUMN member_id DROP NOT NULL');
    await q.query('ALTER TABLE kpi_target ADD CONSTRAINT kpi_target_owner CHECK ((member_id IS NULL) <> (team_id IS NULL))');
    await q.query('ALTER TABLE kpi_target ADD CONSTRAINT kpi_target_team_key UNIQUE (team_id, metric, period_start, period_end)');
    await q.query('CREATE INDEX kpi_target_team_idx ON kpi_target (team_id, period_start) WHERE team_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX kpi_target_team_idx');
    await q.query('DELETE FROM kpi_target WHERE team_id IS NOT NULL');
    await q.query('ALTER TABLE kpi_target DROP CONSTRAINT kpi_target_team_key');
    await q.query('ALTER TABLE kpi_target DROP CONSTRAINT kpi_target_owner');
    await q.query('ALTER TABLE kpi_target ALTER COLUMN member_id SET NOT NULL');
    await q.query('ALTER TABLE kpi_target DROP COLUMN team_id');
  }
}
