import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { ClientVisibility } from '@salescircle/shared';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ClientVisibilityEnum } from '../../common/graphql/circle-enums';

@ObjectType('OrganizationSettings')
export class OrganizationSettingsModel {
  @Field(() => ClientVisibilityEnum, { description: "Whose client details reps see (default OWN: a rep's list holds their own clients)" })
  clientVisibility: ClientVisibility;

  @Field({ description: 'Show the KPI leaderboard to everyone in a team' })
  leaderboardEnabled: boolean;

  @Field(() => Float, { description: 'Annual potential or volume from which a client is category 1' })
  category1From: number;

  @Field(() => Float, { description: 'Annual potential or volume from which a client is category 2 (else 3)' })
  category2From: number;

  @Field(() => Int, { description: 'Sprints: escalate an open process to the lead this many hours after its due time (0: at once)' })
  escalateOverdueAfterHours: number;

  @Field(() => Int, { description: 'Sprints: escalate a process blocked for this many hours' })
  escalateBlockedAfterHours: number;
}

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'IANA time zone the company works in (shifts, days, reports)' })
  timezone: string;

  @Field(() => OrganizationSettingsModel)
  settings: OrganizationSettingsModel;
}

@InputType()
export class UpdateOrganizationSettingsInput {
  @Field(() => ClientVisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn(['OWN', 'TEAM', 'ALL'])
  clientVisibility?: ClientVisibility;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  leaderboardEnabled?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0.01, { message: 'category1From must be above zero' })
  category1From?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0.01, { message: 'category2From must be above zero' })
  category2From?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440, { message: 'escalateOverdueAfterHours is at most 1440 (60 days)' })
  escalateOverdueAfterHours?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440, { message: 'escalateBlockedAfterHours is at most 1440 (60 days)' })
  escalateBlockedAfterHours?: number;
}
