import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import type { Channel, ClientStage, OwnershipForm } from '@salescircle/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ChannelEnum, ClientStageEnum, OwnershipFormEnum } from '../../../common/graphql/client-enums';

@InputType()
export class CreateClientInput {
  @Field()
  @IsString()
  @Length(1, 300, { message: 'name must be 1 to 300 characters' })
  name: string;

  @Field({ nullable: true, description: '10 or 12 digits with a valid checksum' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  inn?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  industry?: string;

  @Field(() => OwnershipFormEnum, { nullable: true })
  @IsOptional()
  @IsIn(['COMMERCIAL', 'GOVERNMENT', 'PRIVATE_PERSON'])
  ownershipForm?: OwnershipForm;

  @Field(() => ChannelEnum, { nullable: true })
  @IsOptional()
  @IsIn(['DEALER', 'OWN_NETWORK', 'FRANCHISE', 'RETAIL_CHAIN', 'KEY_CLIENT', 'DIRECT'])
  channel?: Channel;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @Field(() => Float, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'annualPotential must be an amount with at most 2 decimals' })
  @Min(0, { message: 'annualPotential cannot be negative' })
  @Max(1e14)
  annualPotential?: number;

  @Field(() => ClientStageEnum, { nullable: true, defaultValue: 'LEAD' })
  @IsOptional()
  @IsIn(['LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC'])
  stage?: ClientStage;
}

@InputType()
export class OrderLineInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'productId must be an id' })
  productId: string;

  @Field(() => Float)
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001, { message: 'quantity must be above 0' })
  quantity: number;

  @Field({ nullable: true, description: 'Line amount as a decimal string; default: price × quantity' })
  @IsOptional()
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'amount must be a decimal amount like 1250.50' })
  amount?: string;
}

@InputType()
export class RecordOrderInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'clientId must be an id' })
  clientId: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; default today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'orderedOn must be a date YYYY-MM-DD' })
  orderedOn?: string;

  @Field(() => [OrderLineInput])
  @ArrayMinSize(1, { message: 'an order needs at least one line' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];
}

@InputType()
export class ReassignClientsInput {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'clientIds must be ids' })
  clientIds: string[];

  @Field(() => ID)
  @IsUUID('all', { message: 'toMemberId must be an id' })
  toMemberId: string;

  @Field({ description: 'Why: kept in the assignment record' })
  @IsString()
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason: string;

  @Field(() => [Int], { nullable: true, description: 'The client versions you saw, in the order of clientIds: a newer one gives CONFLICT' })
  @IsOptional()
  @ArrayMaxSize(5000)
  @IsInt({ each: true })
  expectedVersions?: number[];
}

@InputType({ description: 'Every field is optional: only the fields given change' })
export class UpdateClientInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300, { message: 'name must be 1 to 300 characters' })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  inn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  industry?: string | null;

  @Field(() => OwnershipFormEnum, { nullable: true })
  @IsOptional()
  @IsIn(['COMMERCIAL', 'GOVERNMENT', 'PRIVATE_PERSON'])
  ownershipForm?: OwnershipForm | null;

  @Field(() => ChannelEnum, { nullable: true })
  @IsOptional()
  @IsIn(['DEALER', 'OWN_NETWORK', 'FRANCHISE', 'RETAIL_CHAIN', 'KEY_CLIENT', 'DIRECT'])
  channel?: Channel | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'annualPotential must be an amount with at most 2 decimals' })
  @Min(0, { message: 'annualPotential cannot be negative' })
  @Max(1e14)
  annualPotential?: number;

  @Field(() => Int, { nullable: true, description: 'Set by hand (1-3); null hands it back to the thresholds' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'category must be 1, 2 or 3' })
  @Max(3, { message: 'category must be 1, 2 or 3' })
  category?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @Field(() => Int, { description: 'The version you edited: a newer one on the server gives CONFLICT' })
  @IsInt()
  expectedVersion: number;
}

@InputType()
export class AddClientContactInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'clientId must be an id' })
  clientId: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  position?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[+\d][\d\s()-]{4,30}$/, { message: 'phone must be digits, spaces, brackets or dashes, e.g. +7 495 123-45-67' })
  phone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  email?: string;
}
