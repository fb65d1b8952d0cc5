import { Injectable } from '@nestjs/common';
import type { AbsenceKind, CrossRoleKind, LineFact, LineKind, MemberFact, Role, StageRole, TeamFact, ViewerScope } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { runAll } from '../../database/run-all';
import { MemberEntity } from '../team/member.entity';
import type { MemberFilter } from './dto/member.inputs';
import { uuidArray } from '../../database/uuid-array';

export interface LineRow extends LineFact {
  id: string;
  scope: string | null;
}

export interface CrossRoleRow {
  id: string;
  memberId: string;
  kind: CrossRoleKind;
  products: string[];
  regions: string[];
}

export interface ScheduleRow {
  memberId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
}

export interface AbsenceRow {
  id: string;
  memberId: string;
  kind: AbsenceKind;
  startsOn: string;
  endsOn: string;
  note: string | null;
}

export interface StructureSnapshot {
  members: MemberFact[];
  lines: LineRow[];
  teams: TeamFact[];
}

export type MemberColumns = Partial<
  Pick<MemberEntity, 'name' | 'email' | 'role' | 'stageRole' | 'category' | 'active' | 'capacityClients' | 'capacityProcesses'>
>;

const MEMBER_COLUMNS: Record<keyof MemberColumns, string> = {
  name: 'name',
  email: 'email',
  role: 'role',
  stageRole: 'stage_role',
  category: 'category',
  active: 'active',
  capacityClients: 'capacity_clients',
  capacityProcesses: 'capacity_processes',
};

/** Teams a member belongs to in any way: as a member, or as its director, lead or coach. */
const TEAMS_OF_MEMBER = `
  SELECT tm.team_id, tm.member_id FROM team_member tm WHERE tm.member_id = ANY($1)
  UNION SELECT t.id, t.director_id FROM team t WHERE t.director_id = ANY($1)
  UNION SELECT t.id, t.lead_id FROM team t WHERE t.lead_id = ANY($1)
  UNION SELECT t.id, t.coach_id FROM team t WHERE t.coach_id = ANY($1)`;

function mapMember(repo: ReturnType<DataSource['getRepository']>, row: Record<string, unknown>): MemberEntity {
  return repo.create({
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    role: row.role,
    stageRole: row.stage_role,
    category: row.category,
    active: row.active,
    capacityClients: row.capacity_clients,
    capacityProcesses: row.capacity_processes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }) as MemberEntity;
}

/**
 * The circle's SQL: members, lines, cross roles, schedules and absences, the viewer's scope
 * and the row filter of who sees whom. Methods take arrays and run one statement each.
 */
@Injectable()
export class CircleRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The viewer's teams by relation: read with the viewer for a query (Viewer.scope), else here; inside a transaction always here. */
  async scopeOf(viewer: Viewer, tx?: EntityManager): Promise<ViewerScope> {
    if (!tx && viewer.scope) return viewer.scope;
    const empty: ViewerScope = {
      role: viewer.role,
      memberId: viewer.memberId,
      directedTeamIds: [],
      ledTeamIds: [],
      coachedTeamIds: [],
      memberOfTeamIds: [],
    };
    if (!viewer.memberId) return empty;
    const [row]: { directed: string[]; led: string[]; coached: string[]; member_of: string[] }[] = await this.db(tx).query(
      `SELECT coalesce(array_agg(t.id) FILTER (WHERE t.director_id = $1), '{}') AS directed,
              coalesce(array_agg(t.id) FILTER (WHERE t.lead_id = $1), '{}') AS led,
              coalesce(array_agg(t.id) FILTER (WHERE t.coach_id = $1), '{}') AS coached,
              coalesce((SELECT array_agg(tm.team_id) FROM team_member tm WHERE tm.member_id = $1), '{}') AS member_of
         FROM team t WHERE t.organization_id = $2`,
      [viewer.memberId, viewer.organizationId],
    );
    return { ...empty, directedTeamIds: row.directed, ledTeamIds: row.led, coachedTeamIds: row.coached, memberOfTeamIds: row.member_of };
  }

  /**
   * The row filter: people of the teams the viewer sees (members, directors, leads, coaches),
   * the viewer, and for a director the people not in any team yet.
   */
  async findVisibleMembers(viewer: Viewer, teamIds: readonly string[], filter: MemberFilter = {}, ids?: readonly string[]): Promise<MemberEntity[]> {
    const params: unknown[] = [viewer.organizationId, teamIds, viewer.memberId, viewer.role === 'DIRECTOR'];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (ids) add('m.id = ANY(?)', ids);
    if (filter.teamId) add(`m.id IN (SELECT member_id FROM (${TEAMS_OF_MEMBER.replace(/\$1/g, 'ARRAY(SELECT id FROM member)')}) x WHERE team_id = ?)`, filter.teamId);
    if (filter.role) add('m.role = ?', filter.role);
    if (filter.stageRole) add('m.stage_role = ?', filter.stageRole);
    if (filter.category) add('m.category = ?', filter.category);
    if (filter.active !== undefined && filter.active !== null) add('m.active = ?', filter.active);
    if (filter.search) add("(m.name ILIKE '%' || ? || '%' OR m.email ILIKE '%' || ? || '%')", filter.search.replace(/[\\%_]/g, '\\$&'));
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT m.* FROM member m
        WHERE m.organization_id = $1
          AND (m.id = $3
               OR m.id IN (SELECT tm.member_id FROM team_member tm WHERE tm.team_id = ANY($2))
               OR m.id IN (SELECT unnest(ARRAY[t.director_id, t.lead_id, t.coach_id]) FROM team t WHERE t.id = ANY($2))
               OR ($4 AND NOT EXISTS (SELECT 1 FROM team_member tm WHERE tm.member_id = m.id)
                      AND NOT EXISTS (SELECT 1 FROM team t WHERE m.id IN (t.director_id, t.lead_id, t.coach_id))))
          ${where.map((w) => `AND ${w}`).join(' ')}
        ORDER BY m.name, m.id
        LIMIT 5000`,
      params,
    );
    const repo = this.dataSource.getRepository(MemberEntity);
    return rows.map((row) => mapMember(repo, row));
  }

  async findMembers(ids: readonly string[], tx?: EntityManager, lock = false): Promise<MemberEntity[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.db(tx).query(
      `SELECT * FROM member WHERE id = ANY($1) ${lock ? 'FOR UPDATE' : ''}`,
      [ids],
    );
    const repo = this.dataSource.getRepository(MemberEntity);
    return rows.map((row) => mapMember(repo, row));
  }

  /** Team ids of each member (as member, director, lead or coach). */
  async teamIdsOfMembers(memberIds: readonly string[], tx?: EntityManager): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(memberIds.map((id) => [id, []]));
    if (memberIds.length === 0) return result;
    const rows: { team_id: string; member_id: string }[] = await this.db(tx).query(TEAMS_OF_MEMBER, [memberIds]);
    for (const row of rows) result.get(row.member_id)?.push(row.team_id);
    return result;
  }

  /** Serializes structure changes of one organization, so invariant checks see a stable picture. */
  async lockStructure(tx: EntityManager, organizationId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('circle:' || $1::text))`, [organizationId]);
  }

  async structureSnapshot(tx: EntityManager, organizationId: string): Promise<StructureSnapshot> {
    const [members, lines, teams] = await runAll<[MemberFact[], LineRow[], TeamFact[]]>(tx, [
      () => tx.query(`SELECT id, name, role, active FROM member WHERE organization_id = $1`, [organizationId]) as Promise<MemberFact[]>,
      () => tx.query(
        `SELECT id, from_member_id AS "fromId", to_member_id AS "toId", kind, scope FROM reporting_line WHERE organization_id = $1`,
        [organizationId],
      ) as Promise<LineRow[]>,
      () => tx.query(
        `SELECT id, name, director_id AS "directorId", lead_id AS "leadId", coach_id AS "coachId" FROM team WHERE organization_id = $1`,
        [organizationId],
      ) as Promise<TeamFact[]>,
    ]);
    return { members, lines, teams };
  }

  /**
   * Who else in the organization has this e-mail (compared as stored: trimmed, lower case). The
   * check holds a transaction lock on the address first, so two people saving the same new
   * address at once are checked one after the other.
   */
  async memberWithEmail(tx: EntityManager, organizationId: string, email: string, exceptId: string | null): Promise<{ id: string; name: string } | null> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('member-email:' || $1 || ':' || $2, 0))", [organizationId, email]);
    const [row]: { id: string; name: string }[] = await tx.query(
      'SELECT id, name FROM member WHERE organization_id = $1 AND email = $2 AND ($3::uuid IS NULL OR id <> $3) LIMIT 1',
      [organizationId, email, exceptId],
    );
    return row ?? null;
  }

  async insertMember(
    tx: EntityManager,
    values: { organizationId: string; name: string; email: string | null; role: Role; stageRole: StageRole | null; category: number | null },
  ): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO member (organization_id, name, email, role, stage_role, category) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [values.organizationId, values.name, values.email, values.role, values.stageRole, values.category],
    );
    return row.id;
  }

  /** Applies the changed columns and bumps the version. */
  async updateMember(tx: EntityManager, id: string, changes: MemberColumns): Promise<void> {
    const keys = Object.keys(changes) as (keyof MemberColumns)[];
    if (keys.length === 0) return;
    const sets = keys.map((key, i) => `${MEMBER_COLUMNS[key]} = $${i + 2}`);
    await tx.query(`UPDATE member SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, [
      id,
      ...keys.map((key) => changes[key]),
    ]);
  }

  async insertLine(tx: EntityManager, organizationId: string, line: { fromId: string; toId: string; kind: LineKind; scope: string | null }): Promise<LineRow> {
    const [row]: LineRow[] = await tx.query(
      `INSERT INTO reporting_line (organization_id, from_member_id, to_member_id, kind, scope) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, from_member_id AS "fromId", to_member_id AS "toId", kind, scope`,
      [organizationId, line.fromId, line.toId, line.kind, line.scope],
    );
    return row;
  }

  async deleteLine(tx: EntityManager, id: string): Promise<void> {
    await tx.query('DELETE FROM reporting_line WHERE id = $1', [id]);
  }

  async linesOfMembers(memberIds: readonly string[]): Promise<LineRow[]> {
    if (memberIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, from_member_id AS "fromId", to_member_id AS "toId", kind, scope FROM reporting_line
        WHERE from_member_id = ANY($1) OR to_member_id = ANY($1) ORDER BY kind, created_at`,
      [memberIds],
    );
  }

  async findLine(tx: EntityManager, id: string): Promise<(LineRow & { organizationId: string }) | null> {
    const [row] = await tx.query(
      `SELECT id, organization_id AS "organizationId", from_member_id AS "fromId", to_member_id AS "toId", kind, scope
         FROM reporting_line WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async insertCrossRole(tx: EntityManager, organizationId: string, role: Omit<CrossRoleRow, 'id'>): Promise<CrossRoleRow> {
    const [row]: CrossRoleRow[] = await tx.query(
      `INSERT INTO cross_role (organization_id, member_id, kind, products, regions) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, member_id AS "memberId", kind, products, regions`,
      [organizationId, role.memberId, role.kind, role.products, role.regions],
    );
    return row;
  }

  async findCrossRole(tx: EntityManager, id: string): Promise<(CrossRoleRow & { organizationId: string }) | null> {
    const [row] = await tx.query(
      `SELECT id, organization_id AS "organizationId", member_id AS "memberId", kind, products, regions FROM cross_role WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async deleteCrossRole(tx: EntityManager, id: string): Promise<void> {
    await tx.query('DELETE FROM cross_role WHERE id = $1', [id]);
  }

  async crossRolesOfMembers(memberIds: readonly string[]): Promise<CrossRoleRow[]> {
    if (memberIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, member_id AS "memberId", kind, products, regions FROM cross_role WHERE member_id = ANY($1) ORDER BY created_at`,
      [uuidArray(memberIds)],
    );
  }

  async replaceSchedule(tx: EntityManager, memberId: string, slots: Omit<ScheduleRow, 'memberId'>[]): Promise<void> {
    await tx.query('DELETE FROM work_schedule WHERE member_id = $1', [memberId]);
    if (slots.length === 0) return;
    await tx.query(
      `INSERT INTO work_schedule (member_id, weekday, starts_at, ends_at)
       SELECT $1, * FROM unnest($2::smallint[], $3::time[], $4::time[])`,
      [memberId, slots.map((s) => s.weekday), slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)],
    );
  }

  async schedulesOfMembers(memberIds: readonly string[], tx?: EntityManager): Promise<ScheduleRow[]> {
    if (memberIds.length === 0) return [];
    return this.db(tx).query(
      `SELECT member_id AS "memberId", weekday, to_char(starts_at, 'HH24:MI') AS "startsAt", to_char(ends_at, 'HH24:MI') AS "endsAt"
         FROM work_schedule WHERE member_id = ANY($1) ORDER BY weekday, starts_at`,
      [memberIds],
    );
  }

  async insertAbsence(tx: EntityManager, organizationId: string, absence: Omit<AbsenceRow, 'id'>): Promise<AbsenceRow> {
    const [row]: AbsenceRow[] = await tx.query(
      `INSERT INTO absence (organization_id, member_id, kind, starts_on, ends_on, note) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, member_id AS "memberId", kind, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
                 to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", note`,
      [organizationId, absence.memberId, absence.kind, absence.startsOn, absence.endsOn, absence.note],
    );
    return row;
  }

  async findAbsence(tx: EntityManager, id: string): Promise<(AbsenceRow & { organizationId: string }) | null> {
    const [row] = await tx.query(
      `SELECT id, organization_id AS "organizationId", member_id AS "memberId", kind, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", note FROM absence WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async deleteAbsence(tx: EntityManager, id: string): Promise<void> {
    await tx.query('DELETE FROM absence WHERE id = $1', [id]);
  }

  /** Absences that have not ended more than `keepDays` ago, per member. */
  async absencesOfMembers(memberIds: readonly string[], keepDays = 60, tx?: EntityManager): Promise<AbsenceRow[]> {
    if (memberIds.length === 0) return [];
    return this.db(tx).query(
      `SELECT id, member_id AS "memberId", kind, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", note
         FROM absence WHERE member_id = ANY($1) AND ends_on >= current_date - $2::int ORDER BY starts_on`,
      [memberIds, keepDays],
    );
  }

  /** Reps (SALES) who belong to a paused team. */
  async pausedMemberIds(memberIds: readonly string[], tx?: EntityManager): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows: { member_id: string }[] = await this.db(tx).query(
      `SELECT DISTINCT tm.member_id FROM team_member tm JOIN team t ON t.id = tm.team_id JOIN member m ON m.id = tm.member_id
        WHERE tm.member_id = ANY($1) AND t.paused AND m.role = 'SALES'`,
      [memberIds],
    );
    return new Set(rows.map((r) => r.member_id));
  }

  /** The people of an organization as routing sees them (one statement). */
  async routingPeople(organizationId: string, tx?: EntityManager): Promise<
    { id: string; name: string; role: Role; stageRole: StageRole | null; category: number | null; active: boolean; capacityClients: number }[]
  > {
    return this.db(tx).query(
      `SELECT id, name, role, stage_role AS "stageRole", category, active, capacity_clients AS "capacityClients"
         FROM member WHERE organization_id = $1 ORDER BY name, id`,
      [organizationId],
    );
  }

  /** The lead of each team member (the fallback owner of their clients). */
  async leadsOfMembers(organizationId: string, tx?: EntityManager): Promise<Map<string, string>> {
    const rows: { member_id: string; lead_id: string }[] = await this.db(tx).query(
      `SELECT tm.member_id, t.lead_id FROM team t JOIN team_member tm ON tm.team_id = t.id
        WHERE t.organization_id = $1 AND t.lead_id IS NOT NULL AND tm.member_id <> t.lead_id ORDER BY t.name`,
      [organizationId],
    );
    const leads = new Map<string, string>();
    for (const row of rows) if (!leads.has(row.member_id)) leads.set(row.member_id, row.lead_id);
    return leads;
  }

  /** Active clients (not dormant or lost) owned by each member, one GROUP BY. */
  async activeClientCounts(memberIds: readonly string[]): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows: { owner_member_id: string; n: number }[] = await this.dataSource.query(
      `SELECT owner_member_id, count(*)::int AS n FROM client WHERE owner_member_id = ANY($1) AND stage NOT IN ('DORMANT', 'LOST') GROUP BY owner_member_id`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.owner_member_id, r.n]));
  }
}
