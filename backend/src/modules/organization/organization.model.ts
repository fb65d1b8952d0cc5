import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { ClientVisibility } from '@salescircle/shared';
import { IsBoolean, IsIn, IsNumber, IsOptional, Min } from 'class-validator';
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
}
