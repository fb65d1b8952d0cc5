import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FORECAST_CATEGORIES, KPI_METRICS, type ForecastCategory, type KpiMetric, type KpiStatus } from '@salescircle/shared';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { enumObject } from '../../common/graphql/enums';
import { MemberModel } from '../members/member.model';

export const ForecastCategoryEnum: Record<ForecastCategory, ForecastCategory> = enumObject(FORECAST_CATEGORIES);
export const KpiMetricEnum: Record<KpiMetric, KpiMetric> = enumObject(KPI_METRICS);
export const KpiStatusEnum: Record<KpiStatus, KpiStatus> = enumObject(['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'] as const);
registerEnumType(ForecastCategoryEnum, { name: 'ForecastCategory' });
registerEnumType(KpiMetricEnum, { name: 'KpiMetric', description: 'A metric computed from data (activities, orders, deals, handoffs, processes)' });
registerEnumType(KpiStatusEnum, { name: 'KpiStatus', description: 'Against the pace: where the member should be by today' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Every field optional; the viewer sees only the teams they belong to, lead, coach or direct' })
export class AnalyticsFilter {
  @Field(() => ID, { nullable: true, description: 'Default: the default pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, inclusive' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, inclusive' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

@ObjectType('FunnelStage')
export class FunnelStageModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'OPEN, WON or LOST' })
  kind: string;

  @Field(() => Float)
  probability: number;

  @Field(() => Int, { description: 'Deals now in the stage' })
  count: number;

  @Field(() => Float, { description: 'Amount of the deals now in the stage' })
  amount: number;

  @Field(() => Int, { description: 'Deals that ever entered the stage' })
  reached: number;

  @Field(() => Float, { nullable: true, description: 'reached(next open stage, or WON) / reached(this)' })
  conversionToNext: number | null;
}

@ObjectType('Funnel')
export class FunnelModel {
  @Field(() => ID)
  pipelineId: string;

  @Field()
  pipelineName: string;

  @Field(() => [FunnelStageModel])
  stages: FunnelStageModel[];

  @Field(() => Int)
  totalDeals: number;

  @Field(() => Int)
  won: number;

  @Field(() => Int)
  lost: number;

  @Field(() => Float, { nullable: true, description: 'won / (won + lost), a fraction' })
  winRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Median days from a deal\'s start to its win' })
  medianDaysToWin: number | null;

  @Field(() => Float)
  wonAmount: number;

  @Field(() => Float, { description: 'Σ amount × stage probability over open deals' })
  weightedPipeline: number;
}

@ObjectType('MemberPerformance')
export class MemberPerformanceModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => Int)
  won: number;

  @Field(() => Int)
  lost: number;

  @Field(() => Int)
  open: number;

  @Field(() => Float, { nullable: true })
  winRate: number | null;

  @Field(() => Float, { description: 'Sum of won deals\' amounts' })
  wonAmount: number;

  @Field(() => Float, { nullable: true })
  averageWon: number | null;
}

@ObjectType('ForecastCategoryTotal')
export class ForecastCategoryTotalModel {
  @Field(() => ForecastCategoryEnum)
  category: ForecastCategory;

  @Field(() => Int)
  count: number;

  @Field(() => Float)
  amount: number;

  @Field(() => Float, { description: 'amount × stage probability' })
  weighted: number;
}

@ObjectType('ForecastMemberRow')
export class ForecastMemberRowModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => Float)
  closed: number;

  @Field(() => Float)
  commit: number;

  @Field(() => Float)
  bestCase: number;

  @Field(() => Float)
  pipeline: number;

  @Field(() => Float)
  weighted: number;
}

@ObjectType('Forecast', { description: 'Deals expected to close (or closed) in the period, by category' })
export class ForecastModel {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [ForecastCategoryTotalModel])
  categories: ForecastCategoryTotalModel[];

  @Field(() => Float, { description: 'The plan: revenue targets set for periods inside this one (KPI targets), for the people in scope' })
  plan: number;

  @Field(() => Float, { description: 'Won in the period' })
  closed: number;

  @Field(() => Float, { description: 'closed + commit' })
  commit: number;

  @Field(() => Float, { description: 'closed + commit + best case' })
  bestCase: number;

  @Field(() => Float, { description: 'Σ amount × probability over open deals of the period, plus closed' })
  weightedPipeline: number;

  @Field(() => [ForecastMemberRowModel], { description: 'Per owner, the amount in each category (not cumulative): where the number comes from' })
  byMember: ForecastMemberRowModel[];
}

@ObjectType('ScorecardLine')
export class ScorecardLineModel {
  @Field(() => KpiMetricEnum)
  metric: KpiMetric;

  @Field(() => Float)
  target: number;

  @Field(() => Float)
  actual: number;

  @Field(() => Float)
  weight: number;

  @Field(() => Float, { description: 'Where the member should be by today' })
  pace: number;

  @Field(() => Float, { description: 'actual / target (capped at 1.5)' })
  attainment: number;

  @Field(() => KpiStatusEnum)
  status: KpiStatus;
}

@ObjectType('Scorecard')
export class ScorecardModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => ID, { nullable: true, description: 'The sprint the period comes from, if any' })
  sprintId: string | null;

  @Field(() => Float, { description: 'Share of the period elapsed, 0..1' })
  elapsed: number;

  @Field(() => [ScorecardLineModel])
  lines: ScorecardLineModel[];

  @Field(() => Float, { description: 'Weighted attainment, 0..1.5' })
  score: number;

  @Field({ description: 'Whether targets were set for the period (else the role defaults apply)' })
  targetsSet: boolean;
}


@ObjectType('TelemarketingTeam')
export class TelemarketingTeamModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  paused: boolean;
}

@ObjectType('CascadeSignal', { description: 'Seed 003: warm leads waiting for hunters against the hunters\' free capacity' })
export class CascadeSignalModel {
  @Field(() => Int, { description: 'Prospects handed to hunters and not contacted yet' })
  waiting: number;

  @Field(() => Int, { description: 'Σ over active hunters of capacity − active clients' })
  hunterFreeCapacity: number;

  @Field(() => Float, { nullable: true, description: 'waiting / free capacity' })
  load: number | null;

  @Field({ description: 'PAUSE_TELEMARKETING, RESUME_TELEMARKETING or STEADY' })
  advice: string;

  @Field(() => [TelemarketingTeamModel])
  telemarketingTeams: TelemarketingTeamModel[];
}

@ObjectType('HandoffLeakage', { description: 'Clients that went dormant or were lost soon after a handoff, by transition' })
export class HandoffLeakageModel {
  @Field()
  fromStage: string;

  @Field()
  toStage: string;

  @Field(() => Int)
  handoffs: number;

  @Field(() => Int)
  leaked: number;

  @Field(() => Float)
  rate: number;
}

@ObjectType('StalledDeal')
export class StalledDealModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => Float)
  amount: number;

  @Field()
  stageName: string;

  @Field(() => Int, { description: 'Days in the stage' })
  days: number;
}

@ObjectType('MemberFlags', { description: 'What a coach looks at: falling pace, KPIs behind, stalled deals' })
export class MemberFlagsModel {
  @Field(() => ID)
  memberId: string;

  @Field({ description: 'Score down over the last two sprints running' })
  fallingPace: boolean;

  @Field(() => [KpiMetricEnum], { description: 'KPIs behind pace now' })
  behind: KpiMetric[];

  @Field(() => [StalledDealModel], { description: 'Open deals without a stage change for 30 days' })
  stalledDeals: StalledDealModel[];
}
