import { Args, Context, ID, Info, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { asksOnlyId, selectedFields } from '../../common/graphql/selected-fields';
import type { MemberModel } from '../members/member.model';
import { loadMember } from './load-member';
import { AnalyticsFilter, AnalyticsFilterOptionsModel, CascadeSignalModel, ForecastModel, FunnelModel, HandoffLeakageModel, MemberFlagsModel, MemberPerformanceModel, ScorecardModel } from './analytics.model';
import { AnalyticsService } from './analytics.service';
import { KpiSummaryModel, MemberTrendModel, type KpiGroupSummaryModel } from './kpi-summary.model';
import type { TeamModel } from '../team/team.model';

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly service: AnalyticsService) {}

  @Query(() => FunnelModel, { description: 'Deals per stage now and ever, conversion, time in stage, win rate, days to win and sales velocity' })
  funnel(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter): Promise<FunnelModel> {
    return this.service.funnel(viewer, filter);
  }

  @Query(() => AnalyticsFilterOptionsModel, { description: 'The products, regions and industries the analytics filter can pick' })
  analyticsFilterOptions(@CurrentViewer() viewer: Viewer): Promise<AnalyticsFilterOptionsModel> {
    return this.service.filterOptions(viewer);
  }

  @Query(() => [MemberPerformanceModel], { description: 'Won, lost, win rate and won amount per owner, best first' })
  async memberPerformance(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter, @Context() ctx: RequestContext): Promise<MemberPerformanceModel[]> {
    const rows = await this.service.memberPerformance(viewer, filter);
    return Promise.all(rows.map(async (r) => ({ ...r, member: await loadMember(ctx, r.memberId) })));
  }

  @Query(() => ForecastModel, { description: 'The period (default: this month) by forecast category, and per owner' })
  async forecast(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ForecastModel> {
    const fields = selectedFields(info);
    const f = await this.service.forecast(viewer, filter, { perOwner: ['byMember', 'byTeam', 'byStageRole', 'byCategory'].some((n) => fields.has(n)), rollups: ['byTeam', 'byStageRole', 'byCategory'].some((n) => fields.has(n)) });
    return { ...f, byMember: await Promise.all(f.byMember.map(async (r) => ({ ...r, member: await loadMember(ctx, r.memberId) }))) };
  }

  @Query(() => ScorecardModel, { description: "A member's KPIs over a sprint (default: the running one, else this month) against target and pace" })
  async scorecard(
    @CurrentViewer() viewer: Viewer,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('sprintId', { type: () => ID, nullable: true }) sprintId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ScorecardModel> {
    // the member is read once, through the request's loader: the scope check and the answer share it
    const found = await ctx.loaders.memberById.load(memberId);
    const s = await this.service.scorecard(viewer, memberId, sprintId ?? null, found);
    return { ...s, member: await loadMember(ctx, memberId) };
  }

  @Query(() => CascadeSignalModel, { description: 'Whether the telemarketing group should pause or resume, from the hunters\' load' })
  cascadeSignal(@CurrentViewer() viewer: Viewer): Promise<CascadeSignalModel> {
    return this.service.cascade(viewer);
  }

  @Query(() => [HandoffLeakageModel], { description: 'Handoffs in the period and the clients lost or gone dormant within `days` after, by transition' })
  handoffLeakage(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter, @Args('days', { type: () => Int, nullable: true }) days?: number): Promise<HandoffLeakageModel[]> {
    return this.service.handoffLeakage(viewer, filter, days ?? 90);
  }

  @Query(() => [ScorecardModel], { description: "A member's scorecards over their team's last closed sprints, oldest first" })
  async scorecardHistory(
    @CurrentViewer() viewer: Viewer,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('last', { type: () => Int, nullable: true }) last: number | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ScorecardModel[]> {
    const cards = await this.service.scorecardHistory(viewer, memberId, last ?? 6);
    const m = await loadMember(ctx, memberId);
    return cards.map((c) => ({ ...c, member: m }));
  }

  @Query(() => MemberFlagsModel)
  memberFlags(@CurrentViewer() viewer: Viewer, @Args('memberId', { type: () => ID }) memberId: string): Promise<MemberFlagsModel> {
    return this.service.memberFlags(viewer, memberId);
  }

  @Query(() => [ScorecardModel], { description: 'Scorecards of everyone in scope over one period (a team: its running sprint), computed in a few grouped statements' })
  async kpiProgress(@CurrentViewer() viewer: Viewer, @Args('filter') filter: AnalyticsFilter, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ScorecardModel[]> {
    const cards = await this.service.kpiProgress(viewer, filter);
    // a summary of everyone (the director's dashboard) often asks only each card's member id: nothing to load then
    if (asksOnlyId(info, ['member'])) return withMembers(cards, cards.map((c) => ({ id: c.memberId }) as MemberModel));
    return withMembers(cards, await Promise.all(cards.map((c) => loadMember(ctx, c.memberId))));
  }

  @Query(() => KpiSummaryModel, { description: "Everyone's KPI progress in scope (as kpiProgress) summed up per team: people, average score, behind and on track, on what, and who is farthest behind" })
  async kpiSummary(
    @CurrentViewer() viewer: Viewer,
    @Args('filter') filter: AnalyticsFilter,
    @Args('worst', { type: () => Int, nullable: true, description: 'How many of the people farthest behind to name per team, 0 to 20 (default 3)' }) worst: number | undefined,
    @Context() ctx: RequestContext,
  ): Promise<KpiSummaryModel> {
    const summary = await this.service.kpiSummary(viewer, filter, worst ?? 3);
    const group = async (g: (typeof summary.teams)[number]): Promise<KpiGroupSummaryModel> => ({
      ...g,
      team: g.key as TeamModel | null,
      mostBehind: await Promise.all(g.mostBehind.map(async (p) => ({ member: await loadMember(ctx, p.memberId), score: p.score, behindOn: p.behindOn }))),
    });
    return { ...summary, overall: await group(summary.overall), teams: await Promise.all(summary.teams.map(group)) };
  }

  @Query(() => [MemberTrendModel], { description: "For a coach: each person's scores over their last closed sprints and now, falling pace, KPIs behind and stalled deals, in the order given, batched" })
  async memberTrends(
    @CurrentViewer() viewer: Viewer,
    @Args('memberIds', { type: () => [ID] }) memberIds: string[],
    @Args('last', { type: () => Int, nullable: true, description: 'Closed sprints to look back on, 1 to 6 (default 3)' }) last: number | undefined,
    @Context() ctx: RequestContext,
  ): Promise<MemberTrendModel[]> {
    const trends = await this.service.memberTrends(viewer, memberIds, last ?? 3);
    return Promise.all(
      trends.map(async (t) => {
        const member = await loadMember(ctx, t.memberId);
        return { ...t, member, current: { ...t.current, member } };
      }),
    );
  }

  @Query(() => [ScorecardModel], { description: 'Scorecards of the given people (each over their running sprint, else this month), in the order given, batched' })
  async scorecards(@CurrentViewer() viewer: Viewer, @Args('memberIds', { type: () => [ID] }) memberIds: string[], @Context() ctx: RequestContext): Promise<ScorecardModel[]> {
    const cards = await this.service.scorecards(viewer, memberIds);
    return withMembers(cards, await Promise.all(cards.map((c) => loadMember(ctx, c.memberId))));
  }
}

/**
 * The cards with each one's member set on it: the cards are this request's own objects, so a
 * thousand of them (everyone's KPI progress) are not copied just to add a field.
 */
function withMembers<T extends object>(cards: T[], members: MemberModel[]): (T & { member: MemberModel })[] {
  const out = cards as (T & { member: MemberModel })[];
  for (let i = 0; i < out.length; i += 1) out[i].member = members[i];
  return out;
}
