import { Injectable } from '@nestjs/common';
import { summarizeTeamComposition } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import type { MemberEntity } from './member.entity';
import type { CompositionSliceModel, MemberModel, TeamModel } from './team.model';
import type { TeamEntity } from './team.entity';
import { TeamRepository } from './team.repository';

export function toTeamModel(team: TeamEntity): TeamModel {
  return { id: team.id, name: team.name, directorId: team.directorId, leadId: team.leadId, coachId: team.coachId };
}

export function toMemberModel(member: MemberEntity): MemberModel {
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    role: member.role,
    stageRole: member.stageRole,
    category: member.category,
    active: member.active,
  };
}

@Injectable()
export class TeamService {
  constructor(private readonly teams: TeamRepository) {}

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
      if (!team) throw DomainError.notFound('The team');
      teamIds = [team.id];
    } else {
      teamIds = (await this.teams.findVisibleTeams(viewer)).map((t) => t.id);
    }
    const rows = await this.teams.composition(teamIds);
    return summarizeTeamComposition(rows.map((r) => ({ role: r.role, stageRole: r.stageRole, active: true, count: r.count })));
  }
}
