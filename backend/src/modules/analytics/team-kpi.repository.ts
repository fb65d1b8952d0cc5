import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadReplica } from '../../database/read-replica';

export interface TeamKpiRow {
  id: string;
  organizationId: string;
  name: string;
  paused: boolean;
  directorId: string | null;
  leadId: string | null;
  coachId: string | null;
}

/** Team KPI targets and the figures a team's scorecard needs beyond its members' cards: their SQL. */
@Injectable()
export class TeamKpiRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  async team(teamId: string): Promise<TeamKpiRow | null> {
    const rows: TeamKpiRow[] = await this.dataSource.query(
      `SELECT id, organization_id AS "organizationId", name, paused, director_id AS "directorId", lead_id AS "leadId", coach_id AS "coachId" FROM team WHERE id = $1`,
      [teamId],
    );
    return rows[0] ?? null;
  }

  /** The team's reps (active members of role SALES), by name: the people a team's figures are made of (shared combine-team-kpis.ts). */
  async repsOfTeam(teamId: string): Promise<{ id: string; role: string; stageRole: string | null }[]> {
    return this.dataSource.query(
      `SELECT m.id, m.role, m.stage_role AS "stageRole" FROM team_member tm JOIN member m ON m.id = tm.member_id
        WHERE tm.team_id = $1 AND m.active AND m.role = 'SALES' ORDER BY m.name, m.id`,
      [teamId],
    );
  }

  async targetsOfTeam(teamId: string, from: string, to: string): Promise<{ metric: string; target: number; weight: number }[]> {
    return this.dataSource.query(
      'SELECT metric, target::float8 AS target, weight::float8 AS weight FROM kpi_target WHERE team_id = $1 AND period_start = $2 AND period_end = $3 ORDER BY weight DESC, metric',
      [teamId, from, to],
    );
  }

  /** Replaces the team's targets of a period. */
  async replaceTeamTargets(
    tx: EntityManager,
    t: { organizationId: string; teamId: string; from: string; to: string; userId: string; targets: readonly { metric: string; target: number; weight: number }[] },
  ): Promise<void> {
    await tx.query('DELETE FROM kpi_target WHERE team_id = $1 AND period_start = $2 AND period_end = $3', [t.teamId, t.from, t.to]);
    await tx.query(
      `INSERT INTO kpi_target (organization_id, team_id, metric, period_start, period_end, target, weight, set_by)
       SELECT $1, $2, x.metric, $3, $4, x.target, x.weight, $5 FROM unnest($6::text[], $7::numeric[], $8::numeric[]) AS x(metric, target, weight)`,
      [t.organizationId, t.teamId, t.from, t.to, t.userId, t.targets.map((x) => x.metric), t.targets.map((x) => x.target), t.targets.map((x) => x.weight)],
    );
  }

  /**
   * Per member: the parts of the win rate and the average deal that the scorecards keep as
   * rates (deals closed, won amount), from the trigger-kept day rows (migration 0008) in one
   * grouped statement. Members without a row are absent.
   */
  async dealParts(memberIds: readonly string[], from: string, to: string): Promise<Map<string, { dealsClosed: number; wonAmount: number }>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: string; dealsClosed: number; wonAmount: number }[] = await this.replica.query(
      `SELECT member_id AS "memberId", sum(deals_closed)::float8 AS "dealsClosed", sum(won_amount)::float8 AS "wonAmount"
         FROM member_kpi_day WHERE member_id = ANY($1::uuid[]) AND day BETWEEN $2::date AND $3::date GROUP BY member_id`,
      [memberIds, from, to],
    );
    return new Map(rows.map((r) => [r.memberId, { dealsClosed: r.dealsClosed, wonAmount: r.wonAmount }]));
  }

  /** The team's last closed sprints, oldest first. */
  async closedSprints(teamId: string, last: number): Promise<{ id: string; startsOn: string; endsOn: string }[]> {
    const rows: { id: string; startsOn: string; endsOn: string }[] = await this.dataSource.query(
      `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM sprint WHERE team_id = $1 AND status = 'CLOSED' ORDER BY ends_on DESC, closed_at DESC LIMIT $2`,
      [teamId, last],
    );
    return rows.reverse();
  }
}
