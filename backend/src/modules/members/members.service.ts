import { Injectable } from '@nestjs/common';
import {
  checkCircleStructure,
  isCalendarDay,
  mayChangeMember,
  newViolations,
  scheduleProblemList,
  visibleTeamIds,
  type CircleViolation,
  type MemberChange,
  type ShiftSlot,
  type StructureSnapshotLike,
  type ViewerScope,
  CATEGORIES,
  STAGE_ROLES,
} from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository, type ChangeLogWrite } from '../audit/change-log.repository';
import type { MemberEntity } from '../team/member.entity';
import { TeamRepository } from '../team/team.repository';
import { CircleErrorReason, circleViolationError, staleVersionError } from './circle.errors';
import { CircleRepository, type AbsenceRow, type CrossRoleRow, type LineRow, type MemberColumns, type StructureSnapshot } from './circle.repository';
import type {
  AddAbsenceInput,
  AddReportingLineInput,
  AssignCrossRoleInput,
  CreateMemberInput,
  MemberFilter,
  SetWorkScheduleInput,
  UpdateMemberInput,
} from './dto/member.inputs';
import { toMemberModel } from './member.mapper';
import type { MatrixCellModel, MemberModel } from './member.model';

/** Use cases of the circle's people: who sees them, who changes what, and the invariants. */
/** What a refused change of a member is called in the English message (the app says it from `change`). */
const MEMBER_CHANGE_WORDS: Record<MemberChange, string> = {
  PROFILE: 'the name or e-mail',
  ROLE: 'the role',
  MATRIX: 'the stage role or category',
  CAPACITY: 'the capacity',
  ACTIVE: 'the active status',
  SCHEDULE: 'the schedule',
  ABSENCE: 'the absences',
  TEAMS: 'the teams',
};

@Injectable()
export class MembersService {
  constructor(
    private readonly circle: CircleRepository,
    private readonly changeLog: ChangeLogRepository,
    private readonly transactions: TransactionRunner,
    private readonly teams: TeamRepository,
  ) {}

  async members(viewer: Viewer, filter: MemberFilter = {}): Promise<MemberModel[]> {
    const scope = await this.circle.scopeOf(viewer);
    return (await this.circle.findVisibleMembers(viewer, visibleTeamIds(scope), filter)).map(toMemberModel);
  }

  async member(viewer: Viewer, id: string): Promise<MemberModel | null> {
    const scope = await this.circle.scopeOf(viewer);
    const [member] = await this.circle.findVisibleMembers(viewer, visibleTeamIds(scope), {}, [id]);
    return member ? toMemberModel(member) : null;
  }

  /** Stage roles × categories with the visible reps in each cell (plus reps not yet placed). */
  async matrix(viewer: Viewer, teamId: string | null): Promise<MatrixCellModel[]> {
    const reps = await this.members(viewer, { role: 'SALES', active: true, ...(teamId ? { teamId } : {}) });
    const cells: MatrixCellModel[] = [];
    for (const stageRole of STAGE_ROLES) {
      for (const category of CATEGORIES) {
        cells.push({ stageRole, category, members: reps.filter((m) => m.stageRole === stageRole && m.category === category) });
      }
    }
    const unplaced = reps.filter((m) => m.stageRole === null || m.category === null);
    if (unplaced.length > 0) cells.push({ stageRole: null, category: null, members: unplaced });
    return cells;
  }

  async createMember(viewer: Viewer, input: CreateMemberInput): Promise<MemberModel> {
    const id = await this.transactions.run(async (tx) => {
      const scope = await this.circle.scopeOf(viewer, tx);
      if (input.teamId && !scope.directedTeamIds.includes(input.teamId)) throw DomainError.forbidden('You can add people only to teams you direct.', CircleErrorReason.NOT_DIRECTED_TEAM);
      const matrix = this.matrixFor(input.role, input.stageRole ?? null, input.category ?? null);
      const email = input.email?.trim().toLowerCase() || null;
      await this.checkEmailFree(tx, viewer.organizationId, email, null);
      const memberId = await this.circle.insertMember(tx, {
        organizationId: viewer.organizationId,
        name: input.name.trim(),
        email,
        role: input.role,
        ...matrix,
      });
      if (input.teamId) await this.teams.addMembers(tx, input.teamId, [memberId]);
      await this.changeLog.record(tx, [
        this.entry(viewer, 'member', memberId, memberId, 'created', null, { name: input.name, role: input.role, ...matrix, teamId: input.teamId ?? null }),
      ]);
      return memberId;
    });
    return this.mustSee(viewer, id);
  }

  async updateMember(viewer: Viewer, id: string, input: UpdateMemberInput): Promise<MemberModel> {
    await this.transactions.run(async (tx) => {
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== member.version) {
        throw staleVersionError(member.name);
      }
      const changes = this.diffMember(member, input);
      const kinds = new Set<MemberChange>();
      if ('name' in changes || 'email' in changes) kinds.add('PROFILE');
      if ('role' in changes) kinds.add('ROLE');
      if ('stageRole' in changes || 'category' in changes) kinds.add('MATRIX');
      if ('capacityClients' in changes || 'capacityProcesses' in changes) kinds.add('CAPACITY');
      if ('active' in changes) kinds.add('ACTIVE');
      for (const kind of kinds) {
        if (!mayChangeMember(scope, { id, role: member.role, teamIds }, kind)) {
          throw DomainError.forbidden(`Your role may not change ${MEMBER_CHANGE_WORDS[kind]} of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: kind });
        }
      }
      if (Object.keys(changes).length === 0) return;
      if (changes.email) await this.checkEmailFree(tx, viewer.organizationId, changes.email, id);
      if ('role' in changes || 'active' in changes) {
        // the role a team needs of its lead, coach and director, and that they stay active
        const next = { ...('role' in changes ? { role: changes.role! } : {}), ...('active' in changes ? { active: changes.active! } : {}) };
        await this.checkStructure(tx, viewer, (s) => ({ ...s, members: s.members.map((m) => (m.id === id ? { ...m, ...next } : m)) }), 'role' in changes ? 'role' : 'active');
      }
      await this.circle.updateMember(tx, id, changes);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, member[k as keyof MemberColumns]]));
      await this.changeLog.record(tx, [this.entry(viewer, 'member', id, id, 'updated', before, changes)]);
    });
    return this.mustSee(viewer, id);
  }

  /** An e-mail names one person of the organization: another's address is refused, naming whose it is. */
  private async checkEmailFree(tx: EntityManager, organizationId: string, email: string | null, exceptId: string | null): Promise<void> {
    if (!email) return;
    const holder = await this.circle.memberWithEmail(tx, organizationId, email, exceptId);
    if (holder) throw new DomainError('BAD_USER_INPUT', `${email} is the e-mail of ${holder.name} already.`, { field: 'email', reason: CircleErrorReason.DUPLICATE_EMAIL, params: { email, name: holder.name } });
  }

  async addReportingLine(viewer: Viewer, input: AddReportingLineInput): Promise<LineRow> {
    return this.transactions.run(async (tx) => {
      const from = await this.loadForChange(tx, viewer, input.fromMemberId);
      const to = await this.loadInOrganization(tx, viewer, input.toMemberId);
      if (!mayChangeMember(from.scope, { id: from.member.id, role: from.member.role, teamIds: from.teamIds }, 'ROLE')) {
        throw DomainError.forbidden(`You may not change the lines of ${from.member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: from.member.name, change: 'LINES' });
      }
      const line = { fromId: input.fromMemberId, toId: input.toMemberId, kind: input.kind, scope: input.scope?.trim() || null };
      const snapshot = await this.checkStructure(tx, viewer, (s) => ({ ...s, lines: [...s.lines, { ...line, id: 'new' }] }), 'toMemberId');
      if (snapshot.lines.some((l) => l.fromId === line.fromId && l.toId === line.toId && l.kind === line.kind)) {
        throw new DomainError('CONFLICT', `${from.member.name} already has this ${line.kind} line to ${to.name}.`, { reason: CircleErrorReason.DUPLICATE_LINE, params: { name: from.member.name, kind: line.kind, to: to.name } });
      }
      const saved = await this.circle.insertLine(tx, viewer.organizationId, line);
      await this.changeLog.record(tx, [
        this.entry(viewer, 'reporting_line', saved.id, line.fromId, 'line added', null, { kind: line.kind, to: to.name, scope: line.scope }),
        this.entry(viewer, 'reporting_line', saved.id, line.toId, 'line added', null, { kind: line.kind, from: from.member.name, scope: line.scope }),
      ]);
      return saved;
    });
  }

  async removeReportingLine(viewer: Viewer, lineId: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const line = await this.circle.findLine(tx, lineId);
      if (!line || line.organizationId !== viewer.organizationId) throw DomainError.notFound('LINE');
      const from = await this.loadForChange(tx, viewer, line.fromId);
      if (!mayChangeMember(from.scope, { id: from.member.id, role: from.member.role, teamIds: from.teamIds }, 'ROLE')) {
        throw DomainError.forbidden(`You may not change the lines of ${from.member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: from.member.name, change: 'LINES' });
      }
      await this.circle.lockStructure(tx, viewer.organizationId);
      await this.circle.deleteLine(tx, lineId);
      await this.changeLog.record(tx, [
        this.entry(viewer, 'reporting_line', lineId, line.fromId, 'line removed', { kind: line.kind, toMemberId: line.toId }, null),
        this.entry(viewer, 'reporting_line', lineId, line.toId, 'line removed', { kind: line.kind, fromMemberId: line.fromId }, null),
      ]);
      return true;
    });
  }

  async assignCrossRole(viewer: Viewer, input: AssignCrossRoleInput): Promise<CrossRoleRow> {
    return this.transactions.run(async (tx) => {
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, input.memberId);
      if (!mayChangeMember(scope, { id: member.id, role: member.role, teamIds }, 'ROLE')) throw DomainError.forbidden(`You may not change the roles of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: 'CROSS_ROLE' });
      const clean = (values?: string[]) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
      const role = { memberId: member.id, kind: input.kind, products: clean(input.products), regions: clean(input.regions) };
      if (role.kind === 'PRODUCT_MANAGER' && role.products.length === 0) {
        throw DomainError.badInput('products', 'A product manager needs at least one product or product line in scope.', CircleErrorReason.CROSS_ROLE_SCOPE_REQUIRED, { kind: role.kind });
      }
      if (role.kind === 'TERRITORY_MANAGER' && role.regions.length === 0) {
        throw DomainError.badInput('regions', 'A territory manager needs at least one region in scope.', CircleErrorReason.CROSS_ROLE_SCOPE_REQUIRED, { kind: role.kind });
      }
      const saved = await this.circle.insertCrossRole(tx, viewer.organizationId, role);
      await this.changeLog.record(tx, [this.entry(viewer, 'cross_role', saved.id, member.id, 'cross role assigned', null, role)]);
      return saved;
    });
  }

  async removeCrossRole(viewer: Viewer, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const role = await this.circle.findCrossRole(tx, id);
      if (!role || role.organizationId !== viewer.organizationId) throw DomainError.notFound('CROSS_ROLE');
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, role.memberId);
      if (!mayChangeMember(scope, { id: member.id, role: member.role, teamIds }, 'ROLE')) throw DomainError.forbidden(`You may not change the roles of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: 'CROSS_ROLE' });
      await this.circle.deleteCrossRole(tx, id);
      await this.changeLog.record(tx, [this.entry(viewer, 'cross_role', id, member.id, 'cross role removed', { kind: role.kind, products: role.products, regions: role.regions }, null)]);
      return true;
    });
  }

  async setWorkSchedule(viewer: Viewer, memberId: string, input: SetWorkScheduleInput): Promise<MemberModel> {
    const slots = input.slots.map((s) => ({ weekday: s.weekday, startsAt: s.startsAt, endsAt: s.endsAt })) as ShiftSlot[];
    const problems = scheduleProblemList(slots);
    if (problems.length > 0) {
      // the first problem's values (which slot, which hours, what is wrong, and the slot it overlaps): the app says what to fix
      const [first] = problems;
      const params = { slot: first.slot, startsAt: first.startsAt, endsAt: first.endsAt, problem: first.problem, count: problems.length, ...(first.other ? { otherSlot: first.other.slot, otherStartsAt: first.other.startsAt, otherEndsAt: first.other.endsAt } : {}) };
      throw new DomainError('BAD_USER_INPUT', `The schedule has problems: ${problems.map((p) => p.message).join('; ')}.`, { field: 'slots', reason: CircleErrorReason.BAD_SCHEDULE, params });
    }
    await this.transactions.run(async (tx) => {
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, memberId);
      if (!mayChangeMember(scope, { id: member.id, role: member.role, teamIds }, 'SCHEDULE')) throw DomainError.forbidden(`You may not change the schedule of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: 'SCHEDULE' });
      const before = await this.circle.schedulesOfMembers([memberId], tx);
      await this.circle.replaceSchedule(tx, memberId, slots);
      await this.changeLog.record(tx, [
        this.entry(viewer, 'schedule', memberId, memberId, 'schedule set', { slots: before.map(({ memberId: _m, ...s }) => s) }, { slots }),
      ]);
    });
    return this.mustSee(viewer, memberId);
  }

  async addAbsence(viewer: Viewer, input: AddAbsenceInput): Promise<AbsenceRow> {
    // days of the calendar only: Date.parse rolls 2027-02-30 over into March, and the database refuses it
    if (!isCalendarDay(input.startsOn) || !isCalendarDay(input.endsOn)) {
      throw DomainError.badInput('startsOn', 'The dates must be real calendar dates.', CircleErrorReason.BAD_ABSENCE, { startsOn: input.startsOn, endsOn: input.endsOn });
    }
    if (input.endsOn < input.startsOn) throw DomainError.badInput('endsOn', 'The absence must end on or after the day it starts.', CircleErrorReason.ABSENCE_ENDS_BEFORE_START, { startsOn: input.startsOn, endsOn: input.endsOn });
    return this.transactions.run(async (tx) => {
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, input.memberId);
      if (!mayChangeMember(scope, { id: member.id, role: member.role, teamIds }, 'ABSENCE')) throw DomainError.forbidden(`You may not record absences of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: 'ABSENCE' });
      const saved = await this.circle.insertAbsence(tx, viewer.organizationId, {
        memberId: member.id,
        kind: input.kind,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        note: input.note?.trim() || null,
      });
      await this.changeLog.record(tx, [this.entry(viewer, 'absence', saved.id, member.id, 'absence added', null, { kind: saved.kind, startsOn: saved.startsOn, endsOn: saved.endsOn })]);
      return saved;
    });
  }

  async removeAbsence(viewer: Viewer, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const absence = await this.circle.findAbsence(tx, id);
      if (!absence || absence.organizationId !== viewer.organizationId) throw DomainError.notFound('ABSENCE');
      const { member, scope, teamIds } = await this.loadForChange(tx, viewer, absence.memberId);
      if (!mayChangeMember(scope, { id: member.id, role: member.role, teamIds }, 'ABSENCE')) throw DomainError.forbidden(`You may not change absences of ${member.name}.`, CircleErrorReason.MEMBER_CHANGE_NOT_ALLOWED, { name: member.name, change: 'ABSENCE' });
      await this.circle.deleteAbsence(tx, id);
      await this.changeLog.record(tx, [this.entry(viewer, 'absence', id, member.id, 'absence removed', { kind: absence.kind, startsOn: absence.startsOn, endsOn: absence.endsOn }, null)]);
      return true;
    });
  }

  /**
   * Refuses making a member inactive when the circle's rules keep them active (a team's lead,
   * coach or director: TEAM_HOLDER_INACTIVE, on `field`). Holds the structure lock for the rest
   * of the transaction, so no one makes them a team's holder meanwhile.
   */
  async checkMayDeactivate(tx: EntityManager, viewer: Viewer, memberId: string, field: string): Promise<void> {
    await this.checkStructure(tx, viewer, (s) => ({ ...s, members: s.members.map((m) => (m.id === memberId ? { ...m, active: false } : m)) }), field);
  }

  /**
   * Makes a member inactive once the circle's rules allow it (checkMayDeactivate), bumping
   * their version; the caller records why (offboarding writes its own change-log entry).
   */
  async deactivate(tx: EntityManager, viewer: Viewer, memberId: string, field: string): Promise<void> {
    // the member's row before the structure lock, the order updateMember takes them in, so the two never wait on each other
    await this.circle.findMembers([memberId], tx, true);
    await this.checkMayDeactivate(tx, viewer, memberId, field);
    await this.circle.updateMember(tx, memberId, { active: false });
  }

  /**
   * Locks the organization's structure, applies a change to its picture in memory and
   * refuses it when it would break an invariant of the circle it did not break before.
   */
  async checkStructure(tx: EntityManager, viewer: Viewer, change: (s: StructureSnapshot) => StructureSnapshotLike, field?: string | ((violation: CircleViolation) => string)): Promise<StructureSnapshot> {
    await this.circle.lockStructure(tx, viewer.organizationId);
    const snapshot = await this.circle.structureSnapshot(tx, viewer.organizationId);
    const after = change(snapshot);
    const added = newViolations(
      checkCircleStructure(snapshot.members, snapshot.lines, snapshot.teams),
      checkCircleStructure(after.members, after.lines, after.teams),
    );
    if (added.length > 0) throw circleViolationError(added[0], typeof field === 'function' ? field(added[0]) : field);
    return snapshot;
  }

  private matrixFor(role: MemberEntity['role'], stageRole: MemberEntity['stageRole'], category: number | null): Pick<MemberEntity, 'stageRole' | 'category'> {
    if (role !== 'SALES' && (stageRole !== null || category !== null)) {
      throw new DomainError('BAD_USER_INPUT', 'A stage role and a client category are set only for sales reps (role SALES).', {
        field: stageRole !== null ? 'stageRole' : 'category',
        reason: CircleErrorReason.MATRIX_ONLY_FOR_SALES,
      });
    }
    return { stageRole, category: category as MemberEntity['category'] };
  }

  /** The columns that really change; leaving SALES clears the matrix cell. */
  private diffMember(member: MemberEntity, input: UpdateMemberInput): MemberColumns {
    const next: MemberColumns = {};
    if (input.name !== undefined && input.name.trim() !== member.name) {
      if (!input.name.trim()) throw DomainError.badInput('name', 'The name cannot be empty.', 'NAME_REQUIRED');
      next.name = input.name.trim();
    }
    if (input.email !== undefined && (input.email?.trim().toLowerCase() || null) !== member.email) next.email = input.email?.trim().toLowerCase() || null;
    if (input.role !== undefined && input.role !== null && input.role !== member.role) next.role = input.role;
    if (input.active !== undefined && input.active !== null && input.active !== member.active) next.active = input.active;
    if (input.capacityClients !== undefined && input.capacityClients !== null && input.capacityClients !== member.capacityClients) next.capacityClients = input.capacityClients;
    if (input.capacityProcesses !== undefined && input.capacityProcesses !== null && input.capacityProcesses !== member.capacityProcesses) {
      next.capacityProcesses = input.capacityProcesses;
    }
    const role = next.role ?? member.role;
    const leavingSales = next.role !== undefined && role !== 'SALES';
    const stageRole = input.stageRole !== undefined ? input.stageRole : leavingSales ? null : member.stageRole;
    const category = input.category !== undefined ? input.category : leavingSales ? null : member.category;
    const matrix = this.matrixFor(role, stageRole ?? null, category ?? null);
    if (matrix.stageRole !== member.stageRole) next.stageRole = matrix.stageRole;
    if (matrix.category !== member.category) next.category = matrix.category;
    return next;
  }

  private async loadInOrganization(tx: EntityManager, viewer: Viewer, id: string): Promise<MemberEntity> {
    const [member] = await this.circle.findMembers([id], tx);
    if (!member || member.organizationId !== viewer.organizationId) throw DomainError.notFound('MEMBER');
    return member;
  }

  /** The member (locked), the viewer's scope and the member's teams; NOT_FOUND when the viewer cannot see them. */
  private async loadForChange(tx: EntityManager, viewer: Viewer, id: string): Promise<{ member: MemberEntity; scope: ViewerScope; teamIds: string[] }> {
    const [member] = await this.circle.findMembers([id], tx, true);
    if (!member || member.organizationId !== viewer.organizationId) throw DomainError.notFound('MEMBER');
    const scope = await this.circle.scopeOf(viewer, tx);
    const teams = await this.circle.teamIdsOfMembers([id], tx);
    const teamIds = teams.get(id) ?? [];
    const visible = visibleTeamIds(scope);
    const sees = member.id === viewer.memberId || teamIds.some((t) => visible.includes(t)) || (viewer.role === 'DIRECTOR' && teamIds.length === 0);
    if (!sees) throw DomainError.notFound('MEMBER');
    return { member, scope, teamIds };
  }

  private async mustSee(viewer: Viewer, id: string): Promise<MemberModel> {
    const member = await this.member(viewer, id);
    if (!member) throw DomainError.notFound('MEMBER');
    return member;
  }

  private entry(
    viewer: Viewer,
    entity: string,
    entityId: string,
    memberId: string | null,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | object | null,
  ): ChangeLogWrite {
    return { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity, entityId, memberId, action, before, after: after as Record<string, unknown> | null };
  }
}
