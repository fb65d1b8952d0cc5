import { Injectable } from '@nestjs/common';
import type { Role, StageRole, TeamFact } from '@salescircle/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { queryPrepared } from '../../database/prepared-statements';
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
/** Every column of MemberEntity under its property name. */
const MEMBERS_BY_IDS_SQL = `
SELECT id, organization_id AS "organizationId", user_id AS "userId", external_id AS "externalId", name, email, role, stage_role AS "stageRole",
       category, active, capacity_clients AS "capacityClients", capacity_processes AS "capacityProcesses", version,
       created_at AS "createdAt", updated_at AS "updatedAt"
  FROM member WHERE id = ANY($1::uuid[])`;

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

  async findVisibleTeam(viewer: Viewer, id: string, tx?: EntityManager, lock = false): Promise<TeamEntity | null> {
    if (!viewer.memberId) return null;
    const query = (tx ?? this.dataSource.manager)
      .getRepository(TeamEntity)
      .createQueryBuilder('team')
      .where('team.id = :id', { id })
      .andWhere(`team.id IN (${this.visibleTeamsSql(':member', ':org')})`, { member: viewer.memberId, org: viewer.organizationId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Teams of many members (as member, director, lead or coach), in one statement. */
  async findTeamsOfMembers(memberIds: readonly string[]): Promise<{ memberId: string; team: TeamEntity }[]> {
    if (memberIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT x.member_id AS sc_member_id, t.* FROM (
          SELECT tm.team_id, tm.member_id FROM team_member tm WHERE tm.member_id = ANY($1)
          UNION SELECT t.id, t.director_id FROM team t WHERE t.director_id = ANY($1)
       ) x JOIN team t ON t.id = x.team_id ORDER BY t.name`,
      [memberIds],
    );
    const repo = this.dataSource.getRepository(TeamEntity);
    return rows.map((row) => ({
      memberId: row.sc_member_id as string,
      team: repo.create({
        id: row.id as string,
        organizationId: row.organization_id as string,
        name: row.name as string,
        directorId: row.director_id as string | null,
        leadId: row.lead_id as string | null,
        coachId: row.coach_id as string | null,
        paused: row.paused as boolean,
        createdAt: row.created_at as Date,
      }),
    }));
  }

  async insertTeam(tx: EntityManager, organizationId: string, team: Omit<TeamFact, 'id'>): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      'INSERT INTO team (organization_id, name, director_id, lead_id, coach_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [organizationId, team.name, team.directorId, team.leadId, team.coachId],
    );
    return row.id;
  }

  async updateTeam(tx: EntityManager, id: string, team: Omit<TeamFact, 'id'>): Promise<void> {
    await tx.query('UPDATE team SET name = $2, director_id = $3, lead_id = $4, coach_id = $5 WHERE id = $1', [
      id,
      team.name,
      team.directorId,
      team.leadId,
      team.coachId,
    ]);
  }

  async nameTaken(tx: EntityManager, organizationId: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM team WHERE organization_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      organizationId,
      name,
      exceptId,
    ]);
    return rows.length > 0;
  }

  /** Adds people to a team (already there: nothing happens); returns how many joined. */
  async addMembers(tx: EntityManager, teamId: string, memberIds: string[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      'INSERT INTO team_member (team_id, member_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING member_id',
      [teamId, memberIds],
    );
    return rows.length;
  }

  async removeMember(tx: EntityManager, teamId: string, memberId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query('DELETE FROM team_member WHERE team_id = $1 AND member_id = $2', [teamId, memberId]);
    return count > 0;
  }

  async setPaused(tx: EntityManager, teamId: string, paused: boolean): Promise<void> {
    await tx.query('UPDATE team SET paused = $2 WHERE id = $1', [teamId, paused]);
  }

  /**
   * Members by id (the per-request member loader: every board card's owner, every scorecard's
   * member): one prepared statement, rows mapped by hand, which for a thousand members is
   * several times cheaper than the ORM's find.
   */
  async findMembersByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    if (ids.length === 0) return [];
    const rows = await queryPrepared<MemberEntity>(this.dataSource, MEMBERS_BY_IDS_SQL, [ids]);
    return rows.map((row) => Object.assign(new MemberEntity(), row));
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
