import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Channel, ClientStage, OwnershipForm } from '@salescircle/shared';
import { AssignmentKindEnum, ChannelEnum, ClientStageEnum, OwnershipFormEnum } from '../../common/graphql/client-enums';
import { MemberModel } from '../members/member.model';

@ObjectType('Client', { description: 'A client company and who owns it' })
export class ClientModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'ИНН: 10 digits (organization) or 12 (person), checksum-valid' })
  inn: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  industry: string | null;

  @Field(() => OwnershipFormEnum, { nullable: true })
  ownershipForm: OwnershipForm | null;

  @Field(() => ChannelEnum, { nullable: true })
  channel: Channel | null;

  @Field()
  vip: boolean;

  @Field({ description: 'Annual potential, an exact decimal as a string' })
  annualPotential: string;

  @Field()
  currency: string;

  @Field(() => Int, { nullable: true })
  category: number | null;

  @Field(() => ClientStageEnum)
  stage: ClientStage;

  @Field()
  stageChangedAt: Date;

  @Field(() => Int)
  version: number;

  ownerMemberId: string | null;
  hunterMemberId: string | null;
  organizationId: string;
}

@ObjectType('ClientEdge')
export class ClientEdgeModel {
  @Field()
  cursor: string;

  @Field(() => ClientModel)
  node: ClientModel;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType('ClientConnection')
export class ClientConnectionModel {
  @Field(() => Int, { description: 'Clients matching the filter: exact, unless countLimit was given and more match (then countLimit)' })
  totalCount: number;

  @Field({ description: 'True when countLimit stopped the count: more clients match than totalCount' })
  totalCountCapped: boolean;

  @Field(() => [ClientEdgeModel])
  edges: ClientEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo: PageInfoModel;
}

@ObjectType('AssignmentRecord', { description: 'One change of who owns a client: who, from whom, to whom, by which rule, when' })
export class AssignmentRecordModel {
  @Field(() => ID)
  id: string;

  @Field(() => AssignmentKindEnum)
  kind: string;

  @Field(() => ClientStageEnum, { nullable: true })
  fromStage: ClientStage | null;

  @Field(() => ClientStageEnum, { nullable: true })
  toStage: ClientStage | null;

  @Field(() => String, { nullable: true })
  ruleName: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the criterion values that fired' })
  criteria: string | null;

  @Field(() => [String])
  reasons: string[];

  @Field(() => String, { nullable: true, description: 'Who did it (null: the system)' })
  actorName: string | null;

  @Field()
  at: Date;

  fromMemberId: string | null;
  toMemberId: string | null;
  clientId: string;
}

@ObjectType('RoutingDecision', { description: 'Who would get the client, and why' })
export class RoutingDecisionModel {
  @Field(() => MemberModel, { nullable: true })
  member: MemberModel | null;

  @Field(() => [String])
  reasons: string[];

  @Field(() => String, { nullable: true })
  ruleName: string | null;

  @Field()
  fallback: boolean;
}

@ObjectType('HandoffRuleRef')
export class HandoffRuleRefModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType('HandoffItem', { description: 'A client that a handoff rule moves to the next stage and specialist' })
export class HandoffItemModel {
  @Field(() => ClientModel)
  client: ClientModel;

  @Field(() => ClientStageEnum)
  fromStage: ClientStage;

  @Field(() => ClientStageEnum)
  toStage: ClientStage;

  @Field(() => MemberModel, { nullable: true })
  from: MemberModel | null;

  @Field(() => MemberModel, { nullable: true })
  to: MemberModel | null;

  @Field(() => HandoffRuleRefModel)
  rule: HandoffRuleRefModel;

  @Field({ description: 'JSON of the criterion values that fired' })
  criteria: string;

  @Field(() => [String])
  reasons: string[];
}

@ObjectType('HandoffPreview')
export class HandoffPreviewModel {
  @Field(() => ID, { description: 'Pass to applyHandoffs to execute exactly this list' })
  id: string;

  @Field()
  asOf: string;

  @Field(() => Int)
  totalCount: number;

  @Field(() => [HandoffItemModel])
  items: HandoffItemModel[];
}

@ObjectType('HandoffApplyReport')
export class HandoffApplyReportModel {
  @Field(() => Int)
  applied: number;

  @Field(() => Int, { description: 'Items skipped because the client changed since the preview' })
  changedMeanwhile: number;

  @Field(() => [String], { description: 'Names of the clients that changed meanwhile' })
  changedClients: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Handoffs only: of the clients moved, how many already qualify for their next stage (each run moves a client one stage; a new preview lists them)',
  })
  nextStageDue?: number | null;
}

@ObjectType('ClientStats')
export class ClientStatsModel {
  @Field(() => Int)
  orders: number;

  @Field({ description: 'Total of all orders, an exact decimal as a string' })
  volume: string;

  @Field(() => String, { nullable: true })
  lastOrderOn: string | null;
}

@ObjectType('RecordedOrder')
export class RecordedOrderModel {
  @Field(() => ID)
  orderId: string;

  @Field({ description: 'Order total, an exact decimal as a string' })
  total: string;

  @Field(() => HandoffApplyReportModel, { description: 'Handoffs the order triggered at once' })
  handoff: HandoffApplyReportModel;
}

@ObjectType('ReassignmentItem')
export class ReassignmentItemModel {
  @Field(() => ClientModel)
  client: ClientModel;

  @Field(() => MemberModel, { nullable: true })
  from: MemberModel | null;

  @Field(() => MemberModel, { nullable: true })
  to: MemberModel | null;

  @Field(() => [String])
  reasons: string[];
}

@ObjectType('OffboardingPreview', { description: "Where each of a leaving member's clients would go, and why" })
export class OffboardingPreviewModel {
  @Field(() => ID, { description: 'Pass to applyOffboarding to execute exactly this list' })
  id: string;

  @Field(() => Int)
  totalCount: number;

  @Field(() => [ReassignmentItemModel])
  items: ReassignmentItemModel[];
}

@ObjectType('PortfolioBalance', { description: "A member's portfolio potential against the group mean" })
export class PortfolioBalanceModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field({ description: 'Total annual potential before the proposal, as a decimal string' })
  potential: string;

  @Field({ description: 'Total annual potential after the proposal (equal to potential when only measuring)' })
  potentialAfter: string;

  @Field({ description: '(potential − mean) / mean, e.g. 0.12 = 12% above the mean' })
  deviation: number;
}

@ObjectType('RebalanceProposal')
export class RebalanceProposalModel {
  @Field(() => ID, { nullable: true, description: 'Pass to applyRebalance; null when only measuring' })
  id: string | null;

  @Field({ description: 'Mean potential per member, decimal string' })
  mean: string;

  @Field()
  maxDeviationBefore: number;

  @Field()
  maxDeviationAfter: number;

  @Field({ description: 'Everyone within 5% of the mean after the moves' })
  balanced: boolean;

  @Field(() => [PortfolioBalanceModel])
  members: PortfolioBalanceModel[];

  @Field(() => [ReassignmentItemModel])
  items: ReassignmentItemModel[];
}

@ObjectType('ClientOrder')
export class ClientOrderModel {
  @Field(() => ID)
  id: string;

  @Field()
  orderedOn: string;

  @Field({ description: 'Exact decimal as a string' })
  total: string;

  @Field()
  currency: string;

  @Field(() => [String], { description: 'Products on the order' })
  products: string[];

  clientId: string;
}

@ObjectType('ClientContact')
export class ClientContactModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  position: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  clientId: string;
}

@ObjectType('ClientDeal')
export class ClientDealModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'Exact decimal as a string' })
  amount: string;

  @Field()
  currency: string;

  @Field()
  stageName: string;

  @Field({ description: 'OPEN, WON or LOST' })
  stageKind: string;

  @Field(() => String, { nullable: true })
  expectedCloseOn: string | null;

  clientId: string;
}
