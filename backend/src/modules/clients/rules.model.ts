import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ClientStage, RoutingStrategy } from '@salescircle/shared';
import { ClientStageEnum, RoutingStrategyEnum } from '../../common/graphql/client-enums';
import { MemberModel } from '../members/member.model';

@ObjectType('RoutingRule')
export class RoutingRuleModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  position: number;

  @Field()
  name: string;

  @Field()
  active: boolean;

  @Field({ description: 'JSON of the conditions (regions, industries, productLines, vip, channels, ownershipForms, categories, stages, potentialMin, potentialMax)' })
  conditions: string;

  @Field(() => RoutingStrategyEnum, { nullable: true, description: 'null: a named member' })
  strategy: RoutingStrategy | null;

  @Field(() => [MemberModel], { description: 'The named member, or the pool' })
  members: MemberModel[];

  memberIds: string[];
}

@ObjectType('RuleOverlap', { description: 'Two rules that can match the same clients: the earlier one takes them' })
export class RuleOverlapModel {
  @Field(() => ID)
  firstRuleId: string;

  @Field(() => ID)
  secondRuleId: string;

  @Field()
  example: string;

  @Field()
  message: string;
}

@ObjectType('RoutingRules')
export class RoutingRulesModel {
  @Field(() => [RoutingRuleModel])
  rules: RoutingRuleModel[];

  @Field(() => [RuleOverlapModel])
  overlaps: RuleOverlapModel[];
}

@ObjectType('HandoffCriterion')
export class HandoffCriterionModel {
  @Field()
  kind: string;

  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Int, { nullable: true })
  windowDays: number | null;

  @Field(() => Int, { nullable: true })
  months: number | null;

  @Field(() => [String])
  products: string[];

  @Field(() => [String])
  productLines: string[];
}

@ObjectType('HandoffRule')
export class HandoffRuleModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ClientStageEnum)
  fromStage: ClientStage;

  @Field(() => ClientStageEnum)
  toStage: ClientStage;

  @Field()
  combinator: string;

  @Field(() => [HandoffCriterionModel])
  criteria: HandoffCriterionModel[];

  @Field()
  active: boolean;
}
