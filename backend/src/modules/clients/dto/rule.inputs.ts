import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import type { Channel, ClientStage, OwnershipForm, RoutingStrategy } from '@salescircle/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { ChannelEnum, ClientStageEnum, OwnershipFormEnum, RoutingStrategyEnum } from '../../../common/graphql/client-enums';

@InputType({ description: 'Every given dimension must match; an empty one matches anything' })
export class RoutingConditionsInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  industries?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  productLines?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @Field(() => [ChannelEnum], { nullable: true })
  @IsOptional()
  channels?: Channel[];

  @Field(() => [OwnershipFormEnum], { nullable: true })
  @IsOptional()
  ownershipForms?: OwnershipForm[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @IsInt({ each: true })
  categories?: number[];

  @Field(() => [ClientStageEnum], { nullable: true })
  @IsOptional()
  stages?: ClientStage[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  potentialMin?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  potentialMax?: number;
}

@InputType()
export class RoutingRuleInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field({ nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => RoutingConditionsInput)
  @ValidateNested()
  @Type(() => RoutingConditionsInput)
  conditions: RoutingConditionsInput;

  @Field(() => ID, { nullable: true, description: 'A named member (or give a pool)' })
  @IsOptional()
  @IsUUID('all', { message: 'memberId must be an id' })
  memberId?: string;

  @Field(() => [ID], { nullable: true, description: 'A pool of members, chosen by the strategy' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'poolMemberIds must be ids' })
  poolMemberIds?: string[];

  @Field(() => RoutingStrategyEnum, { nullable: true })
  @IsOptional()
  @IsIn(['ROUND_ROBIN', 'LEAST_LOADED', 'BALANCED_POTENTIAL'])
  strategy?: RoutingStrategy;

  @Field(() => Int, { nullable: true, description: 'Where the rule goes (1 = first); default: last' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

@InputType()
export class HandoffCriterionInput {
  @Field({ description: 'ORDER_COUNT, VOLUME, PRODUCT_PURCHASED, MIN_MONTHLY or POTENTIAL' })
  @IsIn(['ORDER_COUNT', 'VOLUME', 'PRODUCT_PURCHASED', 'MIN_MONTHLY', 'POTENTIAL'], { message: 'kind must be ORDER_COUNT, VOLUME, PRODUCT_PURCHASED, MIN_MONTHLY or POTENTIAL' })
  kind: 'ORDER_COUNT' | 'VOLUME' | 'PRODUCT_PURCHASED' | 'MIN_MONTHLY' | 'POTENTIAL';

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  min?: number;

  @Field(() => Int, { nullable: true, description: 'VOLUME: only the last N days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  windowDays?: number;

  @Field(() => Int, { nullable: true, description: 'MIN_MONTHLY: how many complete months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  products?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  productLines?: string[];
}

@InputType()
export class HandoffRuleInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => ClientStageEnum)
  @IsIn(['LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR'])
  fromStage: ClientStage;

  @Field(() => ClientStageEnum)
  @IsIn(['PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC'])
  toStage: ClientStage;

  @Field({ defaultValue: 'ALL', description: 'ALL or ANY of the criteria' })
  @IsIn(['ALL', 'ANY'])
  combinator: 'ALL' | 'ANY';

  @Field(() => [HandoffCriterionInput])
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => HandoffCriterionInput)
  criteria: HandoffCriterionInput[];

  @Field({ nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
