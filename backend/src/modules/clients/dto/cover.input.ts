import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length, Matches } from 'class-validator';

@InputType()
export class CoverClientsInput {
  @Field(() => ID, { description: 'The absent member' })
  @IsUUID('all', { message: 'fromMemberId must be an id' })
  fromMemberId: string;

  @Field(() => ID, { description: 'The colleague who covers' })
  @IsUUID('all', { message: 'toMemberId must be an id' })
  toMemberId: string;

  @Field({ description: 'Last day of the cover, YYYY-MM-DD; the clients go back the day after' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date YYYY-MM-DD' })
  until: string;

  @Field()
  @IsString()
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason: string;
}
