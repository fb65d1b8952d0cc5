import { Injectable } from '@nestjs/common';
import { mayManageTeam, summarizeTeamComposition, type CircleViolation, type TeamFact } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import { CircleErrorReason } from '../members/circle.errors';
import { CircleRepository } from '../members/circle.repository';
import { MembersService } from '../members/members.service';
import type { CreateTeamInput, UpdateTeamInput } from './dto/team.inputs';
import type { TeamEntity } from './team.entity';
import type { CompositionSliceModel, TeamModel } from './team.model';
import { TeamRepository } from './team.repository';

export function toTeamModel(team: TeamEntity): TeamModel {
  return { id: team.id, name: team.name, paused: team.paused, directorId: team.directorId, leadId: team.leadId, coachId: team.coachId };
}

/** The input of a team's form that a broken rule of the circle is about: its coach, its director, else its lead. */
function holderField(violation: CircleViolation): string {
  const holder = violation.code === 'TEAM_HOLDER_INACTIVE' ? violation.params.holder : undefined;
  if (violation.code === 'TEAM_COACH_ROLE' || violation.code === 'COACH_IN_DIRECTOR_LINE' || holder === 'COACH') return 'coachId';
  if (violation.code === 'TEAM_DIRECTOR_ROLE' || holder === 'DIRECTOR') return 'directorId';
  return 'leadId';
}

@Injectable()
export class TeamService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly circle: CircleRepository,
    private readonly members: MembersService,
    private readonly changeLog: ChangeLogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async visibleTeams(viewer: Viewer): Promise<TeamModel[]> {
    return (await this.teams.findVisibleTeams(viewer)).map(toTeamModel);
  }

  async team(viewer: Viewer, id: string): Promise<TeamModel | null> {
    const team = await this.teams.findVisibleTeam(viewer, id);
    return team ? toTeamModel(team) : null;
  }

  /** The composition of one visible team, or of all the viewer's teams together. */
  async composition(viewer: Viewer, teamId: string | null): Promise<CompositionSliceModel[]> {
    let teamIds: string[];
    if (teamId) {
      const team = await this.teams.findVisibleTeam(viewer, teamId);
      if (!team) throw DomainError.notFound('TEAM');
      teamIds = [team.id];
    } else {
      teamIds = (await this.teams.findVisibleTeams(viewer)).map((t) => t.id);
    }
    const rows = await this.teams.composition(teamIds);
    return summarizeTeamComposition(rows.map((r) => ({ role: r.role, stageRole: r.stageRole, active: true, count: r.count })));
  }

  async createTeam(viewer: Viewer, input: CreateTeamInput): Promise<TeamModel> {
    if (!viewer.memberId) throw DomainError.forbidden('Only a director who is a member of the organization can create teams.', 'DIRECTOR_NOT_MEMBER');
    const id = await this.transactions.run(async (tx) => {
      const fact: TeamFact = { id: 'new', name: input.name.trim(), directorId: viewer.memberId, leadId: input.leadId, coachId: input.coachId ?? null };
      await this.ensureInOrganization(tx, viewer, [input.leadId, input.coachId ?? null]);
      await this.members.checkStructure(tx, viewer, (s) => ({ ...s, teams: [...s.teams, fact] }), holderField);
      await this.ensureNameFree(tx, viewer, fact.name, null);
      const teamId = await this.teams.insertTeam(tx, viewer.organizationId, fact);
      await this.teams.addMembers(tx, teamId, [input.leadId, input.coachId ?? null].filter((m): m is string => m !== null));
      await this.changeLog.record(tx, [
        { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'team', entityId: teamId, memberId: input.leadId, action: 'team created', after: { ...fact, id: teamId } },
      ]);
      return teamId;
    });
    return this.mustSee(viewer, id);
  }

  async updateTeam(viewer: Viewer, id: string, input: UpdateTeamInput): Promise<TeamModel> {
    await this.transactions.run(async (tx) => {
      const team = await this.loadManaged(tx, viewer, id, 'STRUCTURE');
      const next: TeamFact = {
        id,
        name: input.name?.trim() ?? team.name,
        directorId: input.directorId ?? team.directorId,
        leadId: input.leadId ?? team.leadId,
        coachId: input.coachId !== undefined ? input.coachId : team.coachId,
      };
      await this.ensureInOrganization(tx, viewer, [next.directorId, next.leadId, next.coachId]);
      await this.members.checkStructure(tx, viewer, (s) => ({ ...s, teams: s.teams.map((t) => (t.id === id ? next : t)) }), holderField);
      if (next.name !== team.name) await this.ensureNameFree(tx, viewer, next.name, id);
      await this.teams.updateTeam(tx, id, next);
      await this.teams.addMembers(tx, id, [next.leadId, next.coachId].filter((m): m is string => m !== null));
      const before = { name: team.name, directorId: team.directorId, leadId: team.leadId, coachId: team.coachId };
      const entries = [next.leadId, team.leadId, next.coachId, team.coachId]
        .filter((m, i, all): m is string => m !== null && all.indexOf(m) === i)
        .map((memberId) => ({ organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'team', entityId: id, memberId, action: 'team updated', before, after: { ...next } }));
      await this.changeLog.record(tx, entries);
    });
    return this.mustSee(viewer, id);
  }

  async addTeamMember(viewer: Viewer, teamId: string, memberId: string): Promise<TeamModel> {
    await this.transactions.run(async (tx) => {
      const team = await this.loadManaged(tx, viewer, teamId, 'MEMBERSHIP');
      await this.ensureInOrganization(tx, viewer, [memberId]);
      const added = await this.teams.addMembers(tx, teamId, [memberId]);
      if (added > 0) {
        await this.changeLog.record(tx, [
          { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'team', entityId: teamId, memberId, action: 'joined team', after: { team: team.name } },
        ]);
      }
    });
    return this.mustSee(viewer, teamId);
  }

  async removeTeamMember(viewer: Viewer, teamId: string, memberId: string): Promise<TeamModel> {
    await this.transactions.run(async (tx) => {
      const team = await this.loadManaged(tx, viewer, teamId, 'MEMBERSHIP');
      if (memberId === team.leadId || memberId === team.coachId) {
        throw new DomainError('BAD_USER_INPUT', `This person is the ${memberId === team.leadId ? 'lead' : 'coach'} of "${team.name}"; appoint someone else first.`, {
          field: 'memberId',
          reason: CircleErrorReason.HOLDER_STAYS_IN_TEAM,
          params: { team: team.name, holder: memberId === team.leadId ? 'LEAD' : 'COACH' },
        });
      }
      const removed = await this.teams.removeMember(tx, teamId, memberId);
      if (!removed) throw DomainError.notFound('TEAM_MEMBER');
      await this.changeLog.record(tx, [
        { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'team', entityId: teamId, memberId, action: 'left team', before: { team: team.name } },
      ]);
    });
    return this.mustSee(viewer, teamId);
  }

  async setTeamPaused(viewer: Viewer, teamId: string, paused: boolean): Promise<TeamModel> {
    await this.transactions.run(async (tx) => {
      const team = await this.loadManaged(tx, viewer, teamId, 'PAUSE');
      if (team.paused === paused) return;
      await this.teams.setPaused(tx, teamId, paused);
      await this.changeLog.record(tx, [
        { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'team', entityId: teamId, memberId: team.leadId, action: paused ? 'team paused' : 'team resumed', before: { paused: team.paused }, after: { paused } },
      ]);
    });
    return this.mustSee(viewer, teamId);
  }

  private async loadManaged(tx: EntityManager, viewer: Viewer, teamId: string, what: 'STRUCTURE' | 'MEMBERSHIP' | 'PAUSE'): Promise<TeamEntity> {
    const team = await this.teams.findVisibleTeam(viewer, teamId, tx, true);
    if (!team) throw DomainError.notFound('TEAM');
    const scope = await this.circle.scopeOf(viewer, tx);
    if (!mayManageTeam(scope, teamId, what)) throw DomainError.forbidden(`You may not change "${team.name}".`, 'TEAM_NOT_MANAGED', { team: team.name });
    return team;
  }

  private async ensureInOrganization(tx: EntityManager, viewer: Viewer, ids: (string | null)[]): Promise<void> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = await this.circle.findMembers(wanted, tx);
    if (found.length !== wanted.length || found.some((m) => m.organizationId !== viewer.organizationId)) throw DomainError.notFound('A_MEMBER');
  }

  private async ensureNameFree(tx: EntityManager, viewer: Viewer, name: string, exceptId: string | null): Promise<void> {
    if (await this.teams.nameTaken(tx, viewer.organizationId, name, exceptId)) {
      throw new DomainError('CONFLICT', `A team named "${name}" already exists.`, { field: 'name', reason: CircleErrorReason.DUPLICATE_TEAM_NAME, params: { name } });
    }
  }

  private async mustSee(viewer: Viewer, id: string): Promise<TeamModel> {
    const team = await this.team(viewer, id);
    if (!team) throw DomainError.notFound('TEAM');
    return team;
  }
}
