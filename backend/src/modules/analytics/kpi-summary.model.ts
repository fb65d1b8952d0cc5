import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { KpiMetric } from '@salescircle/shared';
import { MemberModel } from '../members/member.model';
import { TeamModel } from '../team/team.model';
import { KpiMetricEnum, ScorecardModel } from './analytics.model';

@ObjectType('KpiMetricSummary', { description: 'One metric of a group: how many people have a target on it and how many of them are behind its pace' })
export class KpiMetricSummaryModel {
  @Field(() => KpiMetricEnum)
  metric: KpiMetric;

  @Field(() => Int)
  people: number;

  @Field(() => Int)
  behind: number;
}

@ObjectType('KpiLaggard', { description: 'Someone behind their pace: their score and the metrics they are behind on' })
export class KpiLaggardModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => Float, { description: 'Weighted attainment, 0..1.5' })
  score: number;

  @Field(() => [KpiMetricEnum])
  behindOn: KpiMetric[];
}

@ObjectType('KpiGroupSummary', { description: "A team's (or everyone's) KPI progress in a few figures" })
export class KpiGroupSummaryModel {
  @Field(() => TeamModel, { nullable: true, description: 'The team; null for everyone (overall) or for the people in none of the teams listed' })
  team: TeamModel | null;

  @Field(() => String, { nullable: true, description: "The period the group's people share; null when they differ (or nobody is in it)" })
  from: string | null;

  @Field(() => String, { nullable: true })
  to: string | null;

  @Field(() => ID, { nullable: true, description: 'The sprint they share, if any' })
  sprintId: string | null;

  @Field(() => Float, { nullable: true, description: 'Share of the shared period elapsed, 0..1' })
  elapsed: number | null;

  @Field(() => Int, { description: 'People with a scorecard' })
  people: number;

  @Field(() => Int, { description: 'People with at least one target' })
  withTargets: number;

  @Field(() => Int, { description: 'People with targets and no KPI behind pace' })
  onTrack: number;

  @Field(() => Int, { description: 'People with a KPI behind pace' })
  behind: number;

  @Field(() => Float, { nullable: true, description: 'Mean score of the people with targets (0..1.5); null when nobody has one' })
  averageScore: number | null;

  @Field(() => [KpiMetricSummaryModel], { description: 'The metrics people have targets on, the most behind first' })
  metrics: KpiMetricSummaryModel[];

  @Field(() => [KpiLaggardModel], { description: 'The people behind with the lowest scores, lowest first (at most `worst`)' })
  mostBehind: KpiLaggardModel[];
}

@ObjectType('KpiSummary', { description: "KPI progress of everyone in scope summed up per team: the director's KPI transparency across teams. Over the filter's period; a team given, its running sprint (else this month); else each person over their own running sprint (else this month)" })
export class KpiSummaryModel {
  @Field(() => String, { nullable: true, description: 'The period everyone shares; null when people are over different ones (their own sprints)' })
  from: string | null;

  @Field(() => String, { nullable: true })
  to: string | null;

  @Field(() => ID, { nullable: true, description: 'The sprint everyone shares, if any' })
  sprintId: string | null;

  @Field(() => Float, { nullable: true, description: 'Share of the shared period elapsed, 0..1' })
  elapsed: number | null;

  @Field(() => KpiGroupSummaryModel, { description: 'Everyone in scope together (team null)' })
  overall: KpiGroupSummaryModel;

  @Field(() => [KpiGroupSummaryModel], { description: "The teams the viewer sees (a team given: that one) by name, each with its members and lead; then the people in none of them, if any (team null)" })
  teams: KpiGroupSummaryModel[];
}

@ObjectType('SprintScore', { description: "A person's scorecard score over one closed sprint" })
export class SprintScoreModel {
  @Field(() => ID)
  sprintId: string;

  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => Float, { description: 'Weighted attainment, 0..1.5' })
  score: number;
}

@ObjectType('MemberTrend', { description: "A person's KPI trend for their coach: scores over the last closed sprints and now, and the flags" })
export class MemberTrendModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => [SprintScoreModel], { description: "Scores over their teams' last closed sprints, oldest first" })
  history: SprintScoreModel[];

  @Field(() => ScorecardModel, { description: 'The scorecard now (their running sprint, else this month)' })
  current: ScorecardModel;

  @Field(() => Float, { nullable: true, description: 'The score now minus the last closed sprint\'s (null without one)' })
  change: number | null;

  @Field({ description: 'Score down two sprints running (the last closed ones and now)' })
  fallingPace: boolean;

  @Field(() => [KpiMetricEnum], { description: 'KPIs behind pace now' })
  behind: KpiMetric[];

  @Field(() => Int, { description: 'Open deals without a stage change for 30 days' })
  stalledDeals: number;
}
