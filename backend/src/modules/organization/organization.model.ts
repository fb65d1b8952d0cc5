import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { ClientVisibility } from '@salescircle/shared';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ClientVisibilityEnum } from '../../common/graphql/circle-enums';

@ObjectType('OrganizationSettings')
export class OrganizationSettingsModel {
  @Field(() => ClientVisibilityEnum, { description: "Whose client details reps see (default OWN: a rep's list holds their own clients)" })
  clientVisibility: ClientVisibility;

  @Field({ description: 'Show the KPI leaderboard to everyone in a team' })
  leaderboardEnabled: boolean;
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
}
