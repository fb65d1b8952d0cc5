import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => ID, { description: 'The one lead of the team (role LEAD)' })
  @IsUUID('all', { message: 'leadId must be an id' })
  leadId: string;

  @Field(() => ID, { nullable: true, description: 'The coach (role COACH), outside the director line' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be an id' })
  coachId?: string | null;
}

@InputType({ description: 'Every field is optional: only the fields given change' })
export class UpdateTeamInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be an id' })
  leadId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be an id' })
  coachId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hand the team to another director' })
  @IsOptional()
  @IsUUID('all', { message: 'directorId must be an id' })
  directorId?: string;
}
