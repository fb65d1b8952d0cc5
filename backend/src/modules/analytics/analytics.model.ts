import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CHANNELS, FORECAST_CATEGORIES, KPI_METRICS, OWNERSHIP_FORMS, STAGE_ROLES, type Channel, type CrossRoleKind, type ForecastCategory, type KpiMetric, type KpiStatus, type OwnershipForm, type StageRole } from '@salescircle/shared';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDay } from '../../common/graphql/is-calendar-day';
import { CrossRoleKindEnum } from '../../common/graphql/circle-enums';
import { ChannelEnum, OwnershipFormEnum } from '../../common/graphql/client-enums';
import { enumObject, StageRoleEnum } from '../../common/graphql/enums';
import { MemberModel } from '../members/member.model';

export const ForecastCategoryEnum: Record<ForecastCategory, ForecastCategory> = enumObject(FORECAST_CATEGORIES);
export const KpiMetricEnum: Record<KpiMetric, KpiMetric> = enumObject(KPI_METRICS);
export const KpiStatusEnum: Record<KpiStatus, KpiStatus> = enumObject(['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'] as const);
registerEnumType(ForecastCategoryEnum, { name: 'ForecastCategory' });
registerEnumType(KpiMetricEnum, { name: 'KpiMetric', description: 'A metric computed from data (activities, orders, deals, handoffs, processes)' });
registerEnumType(KpiStatusEnum, { name: 'KpiStatus', description: 'Against the pace: where the member should be by today' });


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
  @IsCalendarDay({ message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, inclusive' })
  @IsOptional()
  @IsCalendarDay({ message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @Field(() => StageRoleEnum, { nullable: true, description: "Deals whose owner serves this client stage now (the owner's matrix stage role)" })
  @IsOptional()
  @IsIn(STAGE_ROLES, { message: 'stageRole must be PROSPECTOR, HUNTER, FARMER or KEY_ACCOUNT' })
  stageRole?: StageRole;

  @Field(() => Int, { nullable: true, description: "Client segment: deals of clients of this category (1 is the largest clients)" })
  @IsOptional()
  @IsInt({ message: 'category must be 1, 2 or 3' })
  @Min(1, { message: 'category must be 1, 2 or 3' })
  @Max(3, { message: 'category must be 1, 2 or 3' })
  category?: number;

  @Field({ nullable: true, description: "Client segment: deals of clients in this region (exact name)" })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'region must be 1 to 200 characters' })
  region?: string;

  @Field({ nullable: true, description: "Client segment: deals of clients in this industry (exact name)" })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'industry must be 1 to 200 characters' })
  industry?: string;

  @Field(() => ChannelEnum, { nullable: true, description: "Client segment: the client's distribution channel" })
  @IsOptional()
  @IsIn(CHANNELS, { message: 'channel is not a known channel' })
  channel?: Channel;

  @Field(() => OwnershipFormEnum, { nullable: true, description: "Client segment: the client's ownership form" })
  @IsOptional()
  @IsIn(OWNERSHIP_FORMS, { message: 'ownershipForm is not a known ownership form' })
  ownershipForm?: OwnershipForm;

  @Field({ nullable: true, description: 'Client segment: true only VIP clients, false only the others' })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @Field(() => ID, { nullable: true, description: "Deals for this product (the deal's product)" })
  @IsOptional()
  @IsUUID('all', { message: 'productId must be an id' })
  productId?: string;
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

  @Field(() => Float, {
    nullable: true,
    description:
      'Average days a deal spent in this open stage, from the stage history (entered → left; a visit not left yet, the deals still in the stage, counts up to now; a deal that came back adds its visits), over the deals with a recorded visit. Null for WON and LOST stages and when no visit is recorded.',
  })
  avgDaysInStage: number | null;
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

  @Field(() => Float, { nullable: true, description: 'wonAmount / won; null when nothing is won' })
  avgWonAmount: number | null;

  @Field(() => Float, { nullable: true, description: "Mean days from a deal's start to its win; null when nothing is won" })
  avgDaysToWin: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Sales velocity, money per day: open deals × winRate × avgWonAmount ÷ avgDaysToWin. Null while nothing is closed or won, or when wins take no days.',
  })
  salesVelocity: number | null;
}

@ObjectType('FilterProduct')
export class FilterProductModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "The product line ('' when none)" })
  productLine: string;
}

@ObjectType('AnalyticsFilterOptions', { description: "What the analytics filter offers: the organization's products and the regions and industries of its clients" })
export class AnalyticsFilterOptionsModel {
  @Field(() => [FilterProductModel], { description: 'By product line, then name' })
  products: FilterProductModel[];

  @Field(() => [String], { description: 'Alphabetical, at most 500' })
  regions: string[];

  @Field(() => [String], { description: 'Alphabetical, at most 500' })
  industries: string[];
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

/** The money of a forecast row: what closed, what is committed, the best case, the pipeline and its weighted value. */
@ObjectType({ isAbstract: true })
abstract class ForecastFigures {
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

@ObjectType('ForecastMemberRow')
export class ForecastMemberRowModel extends ForecastFigures {
  @Field(() => MemberModel)
  member: MemberModel;
}

@ObjectType({ isAbstract: true })
abstract class ForecastRollupFigures extends ForecastFigures {
  @Field(() => Int, { description: 'People in the group with deals in the period' })
  members: number;
}

@ObjectType('ForecastTeamRow', { description: 'The per-owner rows of a team\'s members (and its lead) summed' })
export class ForecastTeamRowModel extends ForecastRollupFigures {
  @Field(() => ID, { nullable: true, description: 'null: owners in no team' })
  teamId: string | null;

  @Field(() => String, { nullable: true })
  teamName: string | null;
}

@ObjectType('ForecastStageRoleRow', { description: 'The per-owner rows summed by the stage role the owner serves' })
export class ForecastStageRoleRowModel extends ForecastRollupFigures {
  @Field(() => StageRoleEnum, { nullable: true, description: 'null: owners without a stage role (leads, cross roles)' })
  stageRole: StageRole | null;
}

@ObjectType('ForecastMemberCategoryRow', { description: 'The per-owner rows summed by the client category the owner serves' })
export class ForecastMemberCategoryRowModel extends ForecastRollupFigures {
  @Field(() => Int, { nullable: true, description: '1, 2 or 3; null: owners without a category' })
  category: number | null;
}

@ObjectType('Forecast', { description: 'Deals expected to close (or closed) in the period, by category' })
export class ForecastModel {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [ForecastCategoryTotalModel])
  categories: ForecastCategoryTotalModel[];

  @Field(() => Float, { description: 'The plan: revenue targets set for periods inside this one (KPI targets), for the people in scope (a client segment or product filter does not narrow it)' })
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

  @Field(() => [ForecastTeamRowModel], {
    description: 'byMember rolled up by team, largest weighted first: each team row is the sum of its members\' rows. A person in two teams counts in both, so the team rows may add up to more than the total',
  })
  byTeam: ForecastTeamRowModel[];

  @Field(() => [ForecastStageRoleRowModel], { description: 'byMember rolled up by the owners\' stage role (matrix axis 1); the rows add up to the byMember total' })
  byStageRole: ForecastStageRoleRowModel[];

  @Field(() => [ForecastMemberCategoryRowModel], { description: 'byMember rolled up by the owners\' client category (matrix axis 2); the rows add up to the byMember total' })
  byCategory: ForecastMemberCategoryRowModel[];
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

@ObjectType('ScorecardCrossRoleScope', { description: 'What the cross-role lines of a scorecard cover: products or product lines (PRODUCT_* metrics), regions (REGION_* metrics), across all reps' })
export class ScorecardCrossRoleScopeModel {
  @Field(() => CrossRoleKindEnum)
  kind: CrossRoleKind;

  @Field(() => [String])
  products: string[];

  @Field(() => [String])
  regions: string[];
}

/** What a person's and a team's scorecards share: the period, its lines against target and pace, the score. */
@ObjectType({ isAbstract: true })
export abstract class ScorecardPeriodModel {
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
}

@ObjectType('Scorecard')
export class ScorecardModel extends ScorecardPeriodModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field({ description: 'Whether targets were set for the period (else the role defaults apply)' })
  targetsSet: boolean;

  @Field(() => [ScorecardCrossRoleScopeModel], { description: "The member's product and territory manager scopes, one per kind; empty for others" })
  crossRoleScopes: ScorecardCrossRoleScopeModel[];
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
