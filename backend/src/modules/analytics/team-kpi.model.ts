import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { TeamModel } from '../team/team.model';
import { ScorecardLineModel, ScorecardModel } from './analytics.model';
import { KpiTargetInput } from './performance.model';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class SetTeamKpiTargetsInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => ID, { nullable: true, description: "One of the team's sprints, whose dates are the period; or give from and to" })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @Field(() => [KpiTargetInput], { description: 'Team metrics only (not coachees\' progress nor the cross roles\' product and region figures); weights add up to 1' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => KpiTargetInput)
  targets: KpiTargetInput[];
}

@ObjectType('TeamScorecard', { description: "A team's KPIs over a period: its reps' figures combined (sums; rates from their parts) against the team's targets (else its reps' combined) and pace" })
export class TeamScorecardModel {
  @Field(() => TeamModel)
  team: TeamModel;

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

  @Field({ description: 'Whether team targets were set for the period (else the reps\' targets combined apply)' })
  targetsSet: boolean;

  @Field(() => [ScorecardModel], { description: "The team's reps' own scorecards over the same period, by name" })
  members: ScorecardModel[];
}
