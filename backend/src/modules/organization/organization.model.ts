import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'IANA time zone the company works in (shifts, days, reports)' })
  timezone: string;
}
