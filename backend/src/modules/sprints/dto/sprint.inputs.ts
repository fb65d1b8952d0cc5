import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { PROCESS_PRIORITIES, REMINDER_KINDS, TARGET_KINDS, type ProcessPriority, type ReminderKind, type TargetKind } from '@salescircle/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDate, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ProcessPriorityEnum, ReminderKindEnum, TargetKindEnum } from '../../../common/graphql/sprint-enums';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class CreateSprintInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DAY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, at most 42 days after the start' })
  @Matches(DAY, { message: 'endsOn must be a date as YYYY-MM-DD' })
  endsOn: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string;
}

@InputType()
export class UpdateSprintInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'endsOn must be a date as YYYY-MM-DD' })
  endsOn?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string;
}

@InputType()
export class CreateProcessInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => ID, { nullable: true, description: 'The sprint to put it in; none: the backlog' })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field({ nullable: true, description: 'A template key (built in or an organization template id): fills target and checklist when not given' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  templateKey?: string;

  @Field(() => ID, { nullable: true, description: 'The owner; default: the viewer' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  coOwnerIds?: string[];

  @Field(() => TargetKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  targetKind?: TargetKind;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  target?: number;

  @Field(() => ProcessPriorityEnum, { nullable: true })
  @IsOptional()
  @IsIn(PROCESS_PRIORITIES)
  priority?: ProcessPriority;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueAt?: Date;

  @Field(() => [ID], { nullable: true, description: 'Clients the process works on' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  dealIds?: string[];

  @Field({ nullable: true, description: 'A saved client segment (JSON of the client-list filter)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  segment?: string;

  @Field(() => [String], { nullable: true, description: 'Checklist steps; default: the template\'s' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true, message: 'each step must be 1 to 200 characters' })
  steps?: string[];

  @Field({ nullable: true, description: 'Lead only: go over a WIP limit (recorded)' })
  @IsOptional()
  @IsBoolean()
  overrideWip?: boolean;
}

@InputType()
export class UpdateProcessInput {
  @Field(() => Int, { description: 'The version you saw' })
  @IsInt()
  expectedVersion: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @Field(() => TargetKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  targetKind?: TargetKind;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  target?: number;

  @Field(() => ProcessPriorityEnum, { nullable: true })
  @IsOptional()
  @IsIn(PROCESS_PRIORITIES)
  priority?: ProcessPriority;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DAY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueAt?: Date;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked clients' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked deals' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  dealIds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  overrideWip?: boolean;
}

@InputType()
export class AddReminderInput {
  @Field(() => ID)
  @IsUUID()
  processId: string;

  @Field(() => ReminderKindEnum)
  @IsIn(REMINDER_KINDS)
  kind: ReminderKind;

  @Field(() => Date, { nullable: true, description: 'AT and RECURRING: the (first) time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date;

  @Field(() => Int, { nullable: true, description: 'BEFORE_DUE: minutes before the due time' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(525_600)
  offsetMinutes?: number;

  @Field(() => Int, { nullable: true, description: 'RECURRING: every N days (1-60)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  everyDays?: number;

  @Field(() => ID, { nullable: true, description: 'Who gets it; default: the viewer' })
  @IsOptional()
  @IsUUID()
  recipientMemberId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType()
export class ProcessTemplateInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => TargetKindEnum)
  @IsIn(TARGET_KINDS)
  targetKind: TargetKind;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  targetValue: number;

  @Field(() => [String])
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true, message: 'each step must be 1 to 200 characters' })
  steps: string[];
}
