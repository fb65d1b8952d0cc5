import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { loadMember } from './load-member';
import { SetTeamKpiTargetsInput, TeamScorecardModel } from './team-kpi.model';
import { TeamKpiService } from './team-kpi.service';

@Resolver()
export class TeamKpiResolver {
  constructor(private readonly service: TeamKpiService) {}

  @Mutation(() => Boolean, { description: "Targets of a team for one of its sprints or a period (replacing the ones set before); the director or the team's lead; weights add up to 1" })
  async setTeamKpiTargets(@CurrentViewer() viewer: Viewer, @Args('input') input: SetTeamKpiTargetsInput): Promise<boolean> {
    await this.service.setTargets(viewer, input);
    return true;
  }

  @Query(() => TeamScorecardModel, { description: "A team's KPIs over one of its sprints (default: the running one, else this month): its reps' figures combined against the team's targets and pace, with the reps' cards" })
  async teamScorecard(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('sprintId', { type: () => ID, nullable: true }) sprintId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<TeamScorecardModel> {
    return this.withMembers(ctx, await this.service.scorecard(viewer, teamId, sprintId ?? null));
  }

  @Query(() => [TeamScorecardModel], { description: "A team's scorecards over its last closed sprints, oldest first" })
  async teamScorecardHistory(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('last', { type: () => Int, nullable: true }) last: number | undefined,
    @Context() ctx: RequestContext,
  ): Promise<TeamScorecardModel[]> {
    const cards = await this.service.history(viewer, teamId, last ?? 6);
    return Promise.all(cards.map((c) => this.withMembers(ctx, c)));
  }

  private async withMembers(ctx: RequestContext, card: Awaited<ReturnType<TeamKpiService['scorecard']>>): Promise<TeamScorecardModel> {
    return { ...card, members: await Promise.all(card.members.map(async (c) => ({ ...c, member: await loadMember(ctx, c.memberId) }))) };
  }
}
