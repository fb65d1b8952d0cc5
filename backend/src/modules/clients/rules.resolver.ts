import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { HandoffRule, RoutingRule } from '@salescircle/shared';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain-error';
import { MemberModel } from '../members/member.model';
import { HandoffRuleInput, RoutingRuleInput } from './dto/rule.inputs';
import { HandoffRuleModel, RoutingRuleModel, RoutingRulesModel } from './rules.model';
import { RulesService } from './rules.service';

function toRoutingRuleModel(rule: RoutingRule): RoutingRuleModel {
  return {
    id: rule.id,
    position: rule.position,
    name: rule.name,
    active: rule.active,
    conditions: JSON.stringify(rule.conditions),
    strategy: rule.target.kind === 'POOL' ? rule.target.strategy : null,
    memberIds: rule.target.kind === 'POOL' ? [...rule.target.memberIds] : [rule.target.memberId],
    members: [],
  };
}

function toHandoffRuleModel(rule: HandoffRule): HandoffRuleModel {
  return {
    id: rule.id,
    name: rule.name,
    fromStage: rule.fromStage,
    toStage: rule.toStage,
    combinator: rule.combinator,
    active: rule.active,
    criteria: rule.criteria.map((c) => ({
      kind: c.kind,
      min: 'min' in c ? c.min : null,
      windowDays: c.kind === 'VOLUME' ? (c.windowDays ?? null) : null,
      months: c.kind === 'MIN_MONTHLY' ? c.months : null,
      products: c.kind === 'PRODUCT_PURCHASED' ? [...(c.products ?? [])] : [],
      productLines: c.kind === 'PRODUCT_PURCHASED' ? [...(c.productLines ?? [])] : [],
    })),
  };
}

@Resolver(() => RoutingRuleModel)
export class RulesResolver {
  constructor(private readonly rulesService: RulesService) {}

  @Query(() => RoutingRulesModel, { description: 'The routing rules in order, with warnings where two can match the same clients' })
  async routingRules(@CurrentViewer() viewer: Viewer): Promise<RoutingRulesModel> {
    const { rules, overlaps } = await this.rulesService.routingRules(viewer);
    return { rules: rules.map(toRoutingRuleModel), overlaps };
  }

  @Query(() => [HandoffRuleModel])
  async handoffRules(@CurrentViewer() viewer: Viewer): Promise<HandoffRuleModel[]> {
    return (await this.rulesService.handoffRules(viewer)).map(toHandoffRuleModel);
  }

  @Mutation(() => RoutingRuleModel)
  async createRoutingRule(@CurrentViewer() viewer: Viewer, @Args('input') input: RoutingRuleInput): Promise<RoutingRuleModel> {
    return this.routingRule(viewer, await this.rulesService.createRoutingRule(viewer, input));
  }

  @Mutation(() => RoutingRuleModel)
  async updateRoutingRule(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: RoutingRuleInput): Promise<RoutingRuleModel> {
    return this.routingRule(viewer, await this.rulesService.updateRoutingRule(viewer, id, input));
  }

  @Mutation(() => Boolean)
  deleteRoutingRule(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.rulesService.deleteRoutingRule(viewer, id);
  }

  @Mutation(() => HandoffRuleModel)
  async createHandoffRule(@CurrentViewer() viewer: Viewer, @Args('input') input: HandoffRuleInput): Promise<HandoffRuleModel> {
    return this.handoffRule(viewer, await this.rulesService.createHandoffRule(viewer, input));
  }

  @Mutation(() => HandoffRuleModel)
  async updateHandoffRule(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: HandoffRuleInput): Promise<HandoffRuleModel> {
    return this.handoffRule(viewer, await this.rulesService.updateHandoffRule(viewer, id, input));
  }

  @Mutation(() => Boolean)
  deleteHandoffRule(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.rulesService.deleteHandoffRule(viewer, id);
  }

  @ResolveField(() => [MemberModel])
  async members(@Parent() rule: RoutingRuleModel, @Context() ctx: RequestContext): Promise<MemberModel[]> {
    return (await ctx.loaders.memberById.loadMany(rule.memberIds)).filter((m): m is MemberModel => m !== null && !(m instanceof Error));
  }

  private async routingRule(viewer: Viewer, id: string): Promise<RoutingRuleModel> {
    const rule = (await this.rulesService.routingRules(viewer)).rules.find((r) => r.id === id);
    if (!rule) throw DomainError.notFound('ROUTING_RULE');
    return toRoutingRuleModel(rule);
  }

  private async handoffRule(viewer: Viewer, id: string): Promise<HandoffRuleModel> {
    const rule = (await this.rulesService.handoffRules(viewer)).find((r) => r.id === id);
    if (!rule) throw DomainError.notFound('HANDOFF_RULE');
    return toHandoffRuleModel(rule);
  }
}
