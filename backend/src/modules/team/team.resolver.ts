import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { MemberModel } from '../members/member.model';
import { CreateTeamInput, UpdateTeamInput } from './dto/team.inputs';
import { CompositionSliceModel, TeamModel } from './team.model';
import { TeamService } from './team.service';

@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(private readonly teamService: TeamService) {}

  @Query(() => [TeamModel], { description: 'Teams the caller may see' })
  teams(@CurrentViewer() viewer: Viewer): Promise<TeamModel[]> {
    return this.teamService.visibleTeams(viewer);
  }

  @Query(() => TeamModel, { nullable: true })
  team(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<TeamModel | null> {
    return this.teamService.team(viewer, id);
  }

  @Query(() => [CompositionSliceModel], {
    description: 'Active members by role (reps by stage role); all visible teams when teamId is omitted',
  })
  teamComposition(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID, nullable: true }) teamId: string | null,
  ): Promise<CompositionSliceModel[]> {
    return this.teamService.composition(viewer, teamId ?? null);
  }

  @Mutation(() => TeamModel)
  createTeam(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateTeamInput): Promise<TeamModel> {
    return this.teamService.createTeam(viewer, input);
  }

  @Mutation(() => TeamModel)
  updateTeam(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateTeamInput): Promise<TeamModel> {
    return this.teamService.updateTeam(viewer, id, input);
  }

  @Mutation(() => TeamModel)
  addTeamMember(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<TeamModel> {
    return this.teamService.addTeamMember(viewer, teamId, memberId);
  }

  @Mutation(() => TeamModel)
  removeTeamMember(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<TeamModel> {
    return this.teamService.removeTeamMember(viewer, teamId, memberId);
  }

  @Mutation(() => TeamModel, { description: 'A paused group takes no new work; resume it when leads run dry' })
  setTeamPaused(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string, @Args('paused') paused: boolean): Promise<TeamModel> {
    return this.teamService.setTeamPaused(viewer, teamId, paused);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  director(@Parent() team: TeamModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return team.directorId ? ctx.loaders.memberById.load(team.directorId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  lead(@Parent() team: TeamModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return team.leadId ? ctx.loaders.memberById.load(team.leadId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  coach(@Parent() team: TeamModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return team.coachId ? ctx.loaders.memberById.load(team.coachId) : Promise.resolve(null);
  }

  @ResolveField(() => [MemberModel])
  members(@Parent() team: TeamModel, @Context() ctx: RequestContext): Promise<MemberModel[]> {
    return ctx.loaders.membersByTeamId.load(team.id);
  }
}
