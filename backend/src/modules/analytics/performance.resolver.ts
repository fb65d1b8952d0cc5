import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { loadMember } from './load-member';
import { AnalyticsFilter } from './analytics.model';
import {
  CoachingSessionModel,
  CoachingTemplateInput,
  CoachingTemplateModel,
  ForecastAccuracyPointModel,
  ForecastSubmissionModel,
  LeaderboardRowModel,
  RecordCoachingSessionInput,
  SetKpiTargetsInput,
  SubmitForecastInput,
} from './performance.model';
import { PerformanceService } from './performance.service';

@Resolver()
export class PerformanceResolver {
  constructor(private readonly service: PerformanceService) {}

  @Mutation(() => Boolean, { description: 'Targets of a member for a sprint or period (replacing the ones set before); weights add up to 1' })
  async setKpiTargets(@CurrentViewer() viewer: Viewer, @Args('input') input: SetKpiTargetsInput): Promise<boolean> {
    await this.service.setTargets(viewer, input);
    return true;
  }

  @Query(() => [LeaderboardRowModel], { description: 'The reps of a team by scorecard score (organization setting leaderboardEnabled)' })
  async leaderboard(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('sprintId', { type: () => ID, nullable: true }) sprintId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<LeaderboardRowModel[]> {
    const rows = await this.service.leaderboard(viewer, teamId, sprintId ?? null);
    return Promise.all(rows.map(async (r) => ({ ...r, member: await loadMember(ctx, r.memberId) })));
  }

  @Mutation(() => Boolean, { description: 'A rep submits their forecast for a period; the lead or director adjusts it with a note (both kept)' })
  async submitForecast(@CurrentViewer() viewer: Viewer, @Args('input') input: SubmitForecastInput): Promise<boolean> {
    await this.service.submitForecast(viewer, input);
    return true;
  }

  @Query(() => [ForecastSubmissionModel], { description: 'Submissions and adjustments of the period (default: this month), newest first' })
  async forecastSubmissions(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter, @Context() ctx: RequestContext): Promise<ForecastSubmissionModel[]> {
    const rows = await this.service.submissions(viewer, filter);
    return Promise.all(rows.map(async (r) => ({ ...r, member: await loadMember(ctx, r.memberId) })));
  }

  @Query(() => [ForecastAccuracyPointModel], { description: 'Per closed month: the forecast daysBefore days before its end (weekly snapshots) against the won amount' })
  forecastAccuracy(
    @CurrentViewer() viewer: Viewer,
    @Args('filter') filter: AnalyticsFilter,
    @Args('daysBefore', { type: () => Int, nullable: true }) daysBefore?: number,
  ): Promise<ForecastAccuracyPointModel[]> {
    return this.service.accuracy(viewer, filter, daysBefore ?? 7);
  }

  @Query(() => [CoachingTemplateModel])
  coachingTemplates(@CurrentViewer() viewer: Viewer): Promise<CoachingTemplateModel[]> {
    return this.service.coachingTemplates(viewer);
  }

  @Mutation(() => CoachingTemplateModel)
  createCoachingTemplate(@CurrentViewer() viewer: Viewer, @Args('input') input: CoachingTemplateInput): Promise<CoachingTemplateModel> {
    return this.service.createCoachingTemplate(viewer, input);
  }

  @Mutation(() => ID, { description: 'A 1:1: scores 1-5 per criterion, private notes, action items' })
  recordCoachingSession(@CurrentViewer() viewer: Viewer, @Args('input') input: RecordCoachingSessionInput): Promise<string> {
    return this.service.recordSession(viewer, input);
  }

  @Query(() => [CoachingSessionModel], { description: 'Coaching of a member, newest first; notes only for the coach and the coachee' })
  async coachingSessions(@CurrentViewer() viewer: Viewer, @Args('memberId', { type: () => ID }) memberId: string, @Context() ctx: RequestContext): Promise<CoachingSessionModel[]> {
    const rows = await this.service.sessionsOf(viewer, memberId);
    return Promise.all(rows.map(async (s) => ({ ...s, coach: await loadMember(ctx, s.coachMemberId), coachee: await loadMember(ctx, s.coacheeMemberId) })));
  }

  @Mutation(() => Boolean)
  async setCoachingActionDone(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('done') done: boolean): Promise<boolean> {
    await this.service.setActionDone(viewer, id, done);
    return true;
  }

  @Mutation(() => ID, { description: 'Turns an action item into a sales process of the team (the id of the process)' })
  coachingActionToProcess(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('teamId', { type: () => ID }) teamId: string): Promise<string> {
    return this.service.actionToProcess(viewer, id, teamId);
  }
}
