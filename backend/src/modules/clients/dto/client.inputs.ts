import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { Channel, ClientStage, OwnershipForm } from '@salescircle/shared';
import { ArrayMaxSize, IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ChannelEnum, ClientStageEnum, OwnershipFormEnum } from '../../../common/graphql/client-enums';

@InputType({ description: 'Every field is optional; lists match any of their values' })
export class ClientFilter {
  @Field(() => [ClientStageEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  stages?: ClientStage[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsInt({ each: true })
  categories?: number[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'ownerIds must be ids' })
  ownerIds?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  industries?: string[];

  @Field(() => [ChannelEnum], { nullable: true })
  @IsOptional()
  channels?: Channel[];

  @Field(() => [OwnershipFormEnum], { nullable: true })
  @IsOptional()
  ownershipForms?: OwnershipForm[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @Field({ nullable: true, description: 'Only clients without an owner' })
  @IsOptional()
  @IsBoolean()
  unowned?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  potentialMin?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  potentialMax?: number;

  @Field({ nullable: true, description: 'Part of the name, or an exact INN' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
