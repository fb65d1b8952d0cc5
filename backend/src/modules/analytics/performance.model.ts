import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { KpiMetric, StageRole } from '@salescircle/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '../../common/graphql/is-calendar-day';
import { KPI_METRICS, STAGE_ROLES } from '@salescircle/shared';
import { StageRoleEnum } from '../../common/graphql/enums';
import { MemberModel } from '../members/member.model';
import { KpiMetricEnum } from './analytics.model';


@InputType()
export class KpiTargetInput {
  @Field(() => KpiMetricEnum)
  @IsIn(KPI_METRICS)
  metric: KpiMetric;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  target: number;

  @Field(() => Float, { description: 'Share of the score, 0 < weight ≤ 1; the weights of a period add up to 1' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(1)
  weight: number;
}

/** The period of a set of targets when no sprint gives it: a person's (SetKpiTargetsInput) or a team's (SetTeamKpiTargetsInput). */
@InputType({ isAbstract: true })
export abstract class KpiTargetsPeriodInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsCalendarDay({ message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCalendarDay({ message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

@InputType()
export class SetKpiTargetsInput extends KpiTargetsPeriodInput {
  @Field(() => ID)
  @IsUUID()
  memberId: string;

  @Field(() => ID, { nullable: true, description: 'The sprint whose dates are the period; or give from and to' })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @Field(() => [KpiTargetInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => KpiTargetInput)
  targets: KpiTargetInput[];
}

@ObjectType('LeaderboardRow')
export class LeaderboardRowModel {
  @Field(() => Int)
  rank: number;

  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => Float)
  score: number;

  @Field(() => Int, { description: 'Lines behind pace' })
  behind: number;
}

@InputType()
export class SubmitForecastInput {
  @Field(() => ID, { nullable: true, description: 'Whose forecast; default: the viewer. A lead or director adjusting a rep\'s forecast must give a note' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @Field({ description: 'First day of the period, YYYY-MM-DD' })
  @IsCalendarDay({ message: 'from must be a date as YYYY-MM-DD' })
  from: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD' })
  @IsCalendarDay({ message: 'to must be a date as YYYY-MM-DD' })
  to: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  amount: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ObjectType('ForecastSubmission', { description: 'A rep\'s forecast or a manager\'s adjustment of it; all are kept' })
export class ForecastSubmissionModel {
  @Field(() => ID)
  id: string;

  @Field(() => MemberModel)
  member: MemberModel;

  @Field({ description: 'SUBMITTED by the rep, or ADJUSTED by the lead or director' })
  kind: string;

  @Field(() => Float)
  amount: number;

  @Field()
  note: string;

  @Field(() => String, { nullable: true })
  byName: string | null;

  @Field(() => Date)
  at: Date;
}

@ObjectType('ForecastAccuracyPoint', { description: 'A closed period: the forecast N days before its end against what was won' })
export class ForecastAccuracyPointModel {
  @Field()
  periodStart: string;

  @Field()
  periodEnd: string;

  @Field(() => Float)
  forecast: number;

  @Field(() => Float)
  actual: number;

  @Field(() => Float, { nullable: true, description: '1 − |actual − forecast| / actual, floored at 0' })
  accuracy: number | null;

  @Field(() => Int)
  members: number;
}

@ObjectType('CoachingCriterion')
export class CoachingCriterionModel {
  @Field()
  name: string;

  @Field(() => Float)
  weight: number;
}

@InputType()
export class CoachingCriterionInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  weight: number;
}

@ObjectType('CoachingTemplate')
export class CoachingTemplateModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => StageRoleEnum, { nullable: true })
  stageRole: StageRole | null;

  @Field(() => [CoachingCriterionModel])
  criteria: CoachingCriterionModel[];
}

@InputType()
export class CoachingTemplateInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => StageRoleEnum, { nullable: true })
  @IsOptional()
  @IsIn(STAGE_ROLES)
  stageRole?: StageRole;

  @Field(() => [CoachingCriterionInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CoachingCriterionInput)
  criteria: CoachingCriterionInput[];
}

@InputType()
export class CriterionScoreInput {
  @Field()
  @IsString()
  @Length(1, 200)
  criterion: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'scores are 1 to 5' })
  @Max(5, { message: 'scores are 1 to 5' })
  score: number;
}

@InputType()
export class CoachingActionInput {
  @Field()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCalendarDay({ message: 'dueOn must be a date as YYYY-MM-DD' })
  dueOn?: string;
}

@InputType()
export class RecordCoachingSessionInput {
  @Field(() => ID)
  @IsUUID()
  coacheeId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDay({ message: 'heldOn must be a date as YYYY-MM-DD' })
  heldOn: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @Field(() => [CriterionScoreInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreInput)
  scores?: CriterionScoreInput[];

  @Field({ nullable: true, description: 'Private to the coach and the coachee' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string;

  @Field(() => [CoachingActionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CoachingActionInput)
  actions?: CoachingActionInput[];
}

@ObjectType('CriterionScore')
export class CriterionScoreModel {
  @Field()
  criterion: string;

  @Field(() => Int)
  score: number;
}

@ObjectType('CoachingAction')
export class CoachingActionModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  dueOn: string | null;

  @Field()
  done: boolean;

  @Field(() => ID, { nullable: true, description: 'The sprint process it became, if any' })
  processId: string | null;
}

@ObjectType('CoachingSession')
export class CoachingSessionModel {
  @Field(() => ID)
  id: string;

  @Field(() => MemberModel)
  coach: MemberModel;

  @Field(() => MemberModel)
  coachee: MemberModel;

  @Field()
  heldOn: string;

  @Field(() => String, { nullable: true })
  templateName: string | null;

  @Field(() => [CriterionScoreModel])
  scores: CriterionScoreModel[];

  @Field(() => Float, { nullable: true, description: 'Weighted mean of the scores, 1..5' })
  score: number | null;

  @Field(() => String, { nullable: true, description: 'Only the coach and the coachee read the notes; null for anyone else' })
  notes: string | null;

  @Field(() => [CoachingActionModel])
  actions: CoachingActionModel[];
}
