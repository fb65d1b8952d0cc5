import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { AbsenceKind, Category, CrossRoleKind, LineKind, Role, StageRole } from '@salescircle/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AbsenceKindEnum, CrossRoleKindEnum, LineKindEnum } from '../../../common/graphql/circle-enums';
import { RoleEnum, StageRoleEnum } from '../../../common/graphql/enums';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: 'Every field is optional: only the fields given change' })
export class UpdateMemberInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @Field(() => RoleEnum, { nullable: true })
  @IsOptional()
  @IsIn(['DIRECTOR', 'LEAD', 'COACH', 'SALES'])
  role?: Role;

  @Field(() => StageRoleEnum, { nullable: true })
  @IsOptional()
  @IsIn(['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT'])
  stageRole?: StageRole | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'category must be 1, 2 or 3' })
  @Max(3, { message: 'category must be 1, 2 or 3' })
  category?: Category | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => Int, { nullable: true, description: 'Most active clients' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'capacityClients cannot be negative' })
  @Max(100_000)
  capacityClients?: number;

  @Field(() => Int, { nullable: true, description: 'Most parallel sales processes' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'capacityProcesses cannot be negative' })
  @Max(1_000)
  capacityProcesses?: number;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one on the server gives CONFLICT' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

@InputType()
export class CreateMemberInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string | null;

  @Field(() => RoleEnum)
  @IsIn(['DIRECTOR', 'LEAD', 'COACH', 'SALES'])
  role: Role;

  @Field(() => StageRoleEnum, { nullable: true })
  @IsOptional()
  @IsIn(['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT'])
  stageRole?: StageRole | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'category must be 1, 2 or 3' })
  @Max(3, { message: 'category must be 1, 2 or 3' })
  category?: Category | null;

  @Field(() => ID, { nullable: true, description: 'Team to join at once' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be an id' })
  teamId?: string | null;
}

@InputType()
export class MemberFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be an id' })
  teamId?: string;

  @Field(() => RoleEnum, { nullable: true })
  @IsOptional()
  role?: Role;

  @Field(() => StageRoleEnum, { nullable: true })
  @IsOptional()
  stageRole?: StageRole;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  category?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field({ nullable: true, description: 'Part of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@InputType()
export class AddReportingLineInput {
  @Field(() => ID, { description: 'Who reports / is coached / has the matrix manager' })
  @IsUUID('all', { message: 'fromMemberId must be an id' })
  fromMemberId: string;

  @Field(() => ID, { description: 'The manager / coach / matrix manager' })
  @IsUUID('all', { message: 'toMemberId must be an id' })
  toMemberId: string;

  @Field(() => LineKindEnum)
  @IsIn(['REPORTS_TO', 'COACHES', 'MATRIX'])
  kind: LineKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string | null;
}

@InputType()
export class AssignCrossRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'memberId must be an id' })
  memberId: string;

  @Field(() => CrossRoleKindEnum)
  @IsIn(['PRODUCT_MANAGER', 'TERRITORY_MANAGER', 'TECH_SUPPORT', 'SERVICE_ENGINEER', 'ADMINISTRATOR'])
  kind: CrossRoleKind;

  @Field(() => [String], { nullable: true, description: 'Products or product lines in scope' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  products?: string[];

  @Field(() => [String], { nullable: true, description: 'Regions in scope' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  regions?: string[];
}

@InputType()
export class ScheduleSlotInput {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  weekday: number;

  @Field()
  @Matches(CLOCK, { message: 'startsAt must be a time of day HH:MM' })
  startsAt: string;

  @Field()
  @Matches(CLOCK, { message: 'endsAt must be a time of day HH:MM' })
  endsAt: string;
}

@InputType()
export class SetWorkScheduleInput {
  @Field(() => [ScheduleSlotInput], { description: 'The whole week; an empty list means no fixed hours' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScheduleSlotInput)
  slots: ScheduleSlotInput[];
}

@InputType()
export class AddAbsenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'memberId must be an id' })
  memberId: string;

  @Field(() => AbsenceKindEnum)
  @IsIn(['VACATION', 'SICK_LEAVE', 'OTHER'])
  kind: AbsenceKind;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, inclusive' })
  @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
