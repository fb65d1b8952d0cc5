import { Injectable } from '@nestjs/common';
import type { Role, StageRole } from '@salescircle/shared';
import { DataSource, In } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { MemberEntity } from './member.entity';
import { TeamEntity } from './team.entity';

export interface CompositionRow {
  role: Role;
  stageRole: StageRole | null;
  count: number;
}

/**
 * Teams and members. Row filter: a viewer sees the teams of their organization that they
 * direct, lead, coach or belong to.
 */
@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  private visibleTeamsSql(viewerParam: string, orgParam: string): string {
    return `SELECT t.id FROM team t
             WHERE t.organization_id = ${orgParam}
               AND (t.director_id = ${viewerParam} OR t.lead_id = ${viewerParam} OR t.coach_id = ${viewerParam}
                    OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = t.id AND tm.member_id = ${viewerParam}))`;
  }

  async findVisibleTeams(viewer: Viewer): Promise<TeamEntity[]> {
    if (!viewer.memberId) return [];
    return this.dataSource
      .getRepository(TeamEntity)
      .createQueryBuilder('team')
      .where(`team.id IN (${this.visibleTeamsSql(':member', ':org')})`, { member: viewer.memberId, org: viewer.organizationId })
      .orderBy('team.name')
      .getMany();
  }

  async findVisibleTeam(viewer: Viewer, id: string): Promise<TeamEntity | null> {
    if (!viewer.memberId) return null;
    return this.dataSource
      .getRepository(TeamEntity)
      .createQueryBuilder('team')
      .where('team.id = :id', { id })
      .andWhere(`team.id IN (${this.visibleTeamsSql(':member', ':org')})`, { member: viewer.memberId, org: viewer.organizationId })
      .getOne();
  }

  findMembersByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.dataSource.getRepository(MemberEntity).findBy({ id: In([...ids]) });
  }

  findMembersByUserIds(userIds: readonly string[]): Promise<MemberEntity[]> {
    return userIds.length === 0 ? Promise.resolve([]) : this.dataSource.getRepository(MemberEntity).findBy({ userId: In([...userIds]) });
  }

  /** Members of many teams in one statement, ordered by name (a member may be in several teams). */
  async findMembersByTeamIds(teamIds: readonly string[]): Promise<{ teamId: string; member: MemberEntity }[]> {
    if (teamIds.length === 0) return [];
    const repo = this.dataSource.getRepository(MemberEntity);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT tm.team_id AS sc_team_id, m.* FROM team_member tm JOIN member m ON m.id = tm.member_id
        WHERE tm.team_id = ANY($1) ORDER BY m.name`,
      [teamIds],
    );
    return rows.map((row) => ({ teamId: row.sc_team_id as string, member: repo.create(mapMemberRow(row)) }));
  }

  /**
   * Active people of the given teams (members and the directors above them), each counted
   * once, grouped by role and stage role: one GROUP BY whatever the number of teams.
   */
  async composition(teamIds: readonly string[]): Promise<CompositionRow[]> {
    if (teamIds.length === 0) return [];
    const rows: { role: Role; stage_role: StageRole | null; count: string }[] = await this.dataSource.query(
      `SELECT m.role, m.stage_role, count(*) AS count
         FROM member m
        WHERE m.active
          AND m.id IN (SELECT tm.member_id FROM team_member tm WHERE tm.team_id = ANY($1)
                       UNION SELECT t.director_id FROM team t WHERE t.id = ANY($1) AND t.director_id IS NOT NULL)
        GROUP BY m.role, m.stage_role`,
      [teamIds],
    );
    return rows.map((r) => ({ role: r.role, stageRole: r.stage_role, count: Number(r.count) }));
  }
}

function mapMemberRow(row: Record<string, unknown>): Partial<MemberEntity> {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    userId: row.user_id as string | null,
    externalId: row.external_id as string | null,
    name: row.name as string,
    email: row.email as string | null,
    role: row.role as Role,
    stageRole: row.stage_role as StageRole | null,
    category: row.category as MemberEntity['category'],
    active: row.active as boolean,
    capacityClients: row.capacity_clients as number,
    capacityProcesses: row.capacity_processes as number,
    version: row.version as number,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
