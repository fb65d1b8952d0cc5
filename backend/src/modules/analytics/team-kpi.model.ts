import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { TeamModel } from '../team/team.model';
import { ScorecardModel, ScorecardPeriodModel } from './analytics.model';
import { KpiTargetInput, KpiTargetsPeriodInput } from './performance.model';

@InputType()
export class SetTeamKpiTargetsInput extends KpiTargetsPeriodInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => ID, { nullable: true, description: "One of the team's sprints, whose dates are the period; or give from and to" })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @Field(() => [KpiTargetInput], { description: 'Team metrics only (not coachees\' progress nor the cross roles\' product and region figures); weights add up to 1' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => KpiTargetInput)
  targets: KpiTargetInput[];
}

@ObjectType('TeamScorecard', { description: "A team's KPIs over a period: its reps' figures combined (sums; rates from their parts) against the team's targets (else its reps' combined) and pace" })
export class TeamScorecardModel extends ScorecardPeriodModel {
  @Field(() => TeamModel)
  team: TeamModel;

  @Field({ description: 'Whether team targets were set for the period (else the reps\' targets combined apply)' })
  targetsSet: boolean;

  @Field(() => [ScorecardModel], { description: "The team's reps' own scorecards over the same period, by name" })
  members: ScorecardModel[];
}
