import { Injectable } from '@nestjs/common';
import { findRuleOverlaps, PIPELINE_OF_STAGES, type HandoffCriterion, type RoutingConditions } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import { CircleRepository } from '../members/circle.repository';
import { ClientsRepository } from './clients.repository';
import type { HandoffCriterionInput, HandoffRuleInput, RoutingConditionsInput, RoutingRuleInput } from './dto/rule.inputs';
import { RulesRepository, type RoutingRuleWrite } from './rules.repository';

function cleanList<T extends string | number>(values?: T[] | null): T[] | undefined {
  if (!values) return undefined;
  const clean = [...new Set(values.map((v) => (typeof v === 'string' ? (v.trim() as T) : v)).filter((v) => v !== ''))];
  return clean.length ? clean : undefined;
}

export function toConditions(input: RoutingConditionsInput): RoutingConditions {
  const conditions: RoutingConditions = {
    regions: cleanList(input.regions),
    industries: cleanList(input.industries),
    productLines: cleanList(input.productLines),
    vip: input.vip ?? undefined,
    channels: cleanList(input.channels),
    ownershipForms: cleanList(input.ownershipForms),
    categories: cleanList(input.categories),
    stages: cleanList(input.stages),
    potentialMin: input.potentialMin ?? undefined,
    potentialMax: input.potentialMax ?? undefined,
  };
  const category = conditions.categories?.find((c) => ![1, 2, 3].includes(c));
  if (category !== undefined) throw DomainError.badInput('conditions.categories', 'Categories are 1, 2 or 3.', 'UNKNOWN_CATEGORY', { category });
  if (input.potentialMin != null && input.potentialMax != null && input.potentialMin >= input.potentialMax) {
    throw DomainError.badInput('conditions.potentialMax', 'The upper potential bound must be above the lower one.', 'POTENTIAL_BOUNDS_INVERTED', {
      potentialMin: input.potentialMin,
      potentialMax: input.potentialMax,
    });
  }
  return JSON.parse(JSON.stringify(conditions)) as RoutingConditions;
}

export function toCriterion(input: HandoffCriterionInput, i: number): HandoffCriterion {
  const field = `criteria.${i}`;
  // the criterion as the editor numbers it, and its kind (named in the viewer's language)
  const which = { number: i + 1, criterionKind: input.kind };
  const min = () => {
    if (input.min === undefined || input.min === null) throw DomainError.badInput(`${field}.min`, `Criterion ${i + 1} (${input.kind}) needs a minimum.`, 'CRITERION_MIN_REQUIRED', which);
    return input.min;
  };
  switch (input.kind) {
    case 'ORDER_COUNT':
      if (!Number.isInteger(min()) || min() < 1) throw DomainError.badInput(`${field}.min`, 'An order count is a whole number from 1.', 'ORDER_COUNT_NOT_WHOLE', which);
      return { kind: 'ORDER_COUNT', min: min() };
    case 'VOLUME':
      return { kind: 'VOLUME', min: min(), windowDays: input.windowDays ?? null };
    case 'PRODUCT_PURCHASED': {
      const products = cleanList(input.products) ?? [];
      const productLines = cleanList(input.productLines) ?? [];
      if (products.length + productLines.length === 0) throw DomainError.badInput(`${field}.products`, 'Name at least one product or product line.', 'CRITERION_PRODUCTS_REQUIRED', which);
      return { kind: 'PRODUCT_PURCHASED', products, productLines };
    }
    case 'MIN_MONTHLY':
      if (!input.months) throw DomainError.badInput(`${field}.months`, 'Say over how many months the smallest monthly purchase counts.', 'CRITERION_MONTHS_REQUIRED', which);
      return { kind: 'MIN_MONTHLY', min: min(), months: input.months };
    case 'POTENTIAL':
      return { kind: 'POTENTIAL', min: min() };
  }
}

@Injectable()
export class RulesService {
  constructor(
    private readonly rules: RulesRepository,
    private readonly clients: ClientsRepository,
    private readonly circle: CircleRepository,
    private readonly changeLog: ChangeLogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async routingRules(viewer: Viewer) {
    const rules = await this.clients.routingRules(viewer.organizationId);
    return { rules, overlaps: findRuleOverlaps(rules) };
  }

  handoffRules(viewer: Viewer) {
    return this.clients.handoffRules(viewer.organizationId);
  }

  async createRoutingRule(viewer: Viewer, input: RoutingRuleInput): Promise<string> {
    return this.transactions.run(async (tx) => {
      await this.rules.lockRules(tx, viewer.organizationId);
      const write = await this.routingWrite(viewer, input);
      const count = await this.rules.routingRuleCount(tx, viewer.organizationId);
      const position = Math.min(input.position ?? count + 1, count + 1);
      const id = await this.rules.insertRoutingRule(tx, viewer.organizationId, position, write);
      await this.audit(viewer, 'routing_rule', id, 'routing rule created', null, { ...write, position }, tx);
      return id;
    });
  }

  async updateRoutingRule(viewer: Viewer, id: string, input: RoutingRuleInput): Promise<string> {
    return this.transactions.run(async (tx) => {
      await this.rules.lockRules(tx, viewer.organizationId);
      const before = (await this.clients.routingRules(viewer.organizationId, tx)).find((r) => r.id === id);
      if (!before) throw DomainError.notFound('ROUTING_RULE');
      const write = await this.routingWrite(viewer, input);
      await this.rules.updateRoutingRule(tx, id, write);
      if (input.position) await this.rules.moveRoutingRule(tx, viewer.organizationId, id, input.position);
      await this.audit(viewer, 'routing_rule', id, 'routing rule changed', { ...before }, { ...write, position: input.position ?? before.position }, tx);
      return id;
    });
  }

  async deleteRoutingRule(viewer: Viewer, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      await this.rules.lockRules(tx, viewer.organizationId);
      const before = (await this.clients.routingRules(viewer.organizationId, tx)).find((r) => r.id === id);
      if (!before || !(await this.rules.deleteRoutingRule(tx, viewer.organizationId, id))) throw DomainError.notFound('ROUTING_RULE');
      await this.audit(viewer, 'routing_rule', id, 'routing rule deleted', { ...before }, null, tx);
      return true;
    });
  }

  async createHandoffRule(viewer: Viewer, input: HandoffRuleInput): Promise<string> {
    const write = this.handoffWrite(input);
    return this.transactions.run(async (tx) => {
      const id = await this.rules.insertHandoffRule(tx, viewer.organizationId, write);
      await this.audit(viewer, 'handoff_rule', id, 'handoff rule created', null, { ...write }, tx);
      return id;
    });
  }

  async updateHandoffRule(viewer: Viewer, id: string, input: HandoffRuleInput): Promise<string> {
    const write = this.handoffWrite(input);
    return this.transactions.run(async (tx) => {
      if (!(await this.rules.updateHandoffRule(tx, viewer.organizationId, id, write))) throw DomainError.notFound('HANDOFF_RULE');
      await this.audit(viewer, 'handoff_rule', id, 'handoff rule changed', null, { ...write }, tx);
      return id;
    });
  }

  async deleteHandoffRule(viewer: Viewer, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      if (!(await this.rules.deleteHandoffRule(tx, viewer.organizationId, id))) throw DomainError.notFound('HANDOFF_RULE');
      await this.audit(viewer, 'handoff_rule', id, 'handoff rule deleted', null, null, tx);
      return true;
    });
  }

  private async routingWrite(viewer: Viewer, input: RoutingRuleInput): Promise<RoutingRuleWrite> {
    const pool = cleanList(input.poolMemberIds) ?? [];
    if (input.memberId && pool.length) throw DomainError.badInput('memberId', 'Give either a named member or a pool, not both.', 'MEMBER_AND_POOL');
    if (!input.memberId && pool.length === 0) throw DomainError.badInput('poolMemberIds', 'Name a member or a pool of members who get the clients.', 'RULE_TARGET_REQUIRED');
    if (pool.length && !input.strategy) throw DomainError.badInput('strategy', 'A pool needs a strategy: ROUND_ROBIN, LEAST_LOADED or BALANCED_POTENTIAL.', 'POOL_STRATEGY_REQUIRED');
    const ids = input.memberId ? [input.memberId] : pool;
    const found = await this.circle.findMembers(ids);
    if (found.length !== ids.length || found.some((m) => m.organizationId !== viewer.organizationId)) throw DomainError.notFound('RULE_MEMBER');
    return {
      name: input.name.trim(),
      active: input.active ?? true,
      conditions: toConditions(input.conditions),
      targetKind: input.memberId ? 'MEMBER' : 'POOL',
      targetMemberId: input.memberId ?? null,
      poolMemberIds: pool,
      strategy: input.memberId ? null : (input.strategy ?? null),
    };
  }

  private handoffWrite(input: HandoffRuleInput) {
    if (PIPELINE_OF_STAGES.indexOf(input.toStage) <= PIPELINE_OF_STAGES.indexOf(input.fromStage)) {
      throw DomainError.badInput('toStage', 'A handoff moves a client forward: the target stage must come after the current one.', 'HANDOFF_NOT_FORWARD', {
        fromStage: input.fromStage,
        toStage: input.toStage,
      });
    }
    if (input.criteria.length === 0) throw DomainError.badInput('criteria', 'A handoff rule needs at least one criterion.', 'HANDOFF_CRITERIA_REQUIRED');
    return {
      name: input.name.trim(),
      fromStage: input.fromStage,
      toStage: input.toStage,
      combinator: input.combinator,
      criteria: input.criteria.map(toCriterion),
      active: input.active ?? true,
    };
  }

  private async audit(viewer: Viewer, entity: string, id: string, action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null, tx: Parameters<ChangeLogRepository['record']>[0]): Promise<void> {
    await this.changeLog.record(tx, [{ organizationId: viewer.organizationId, actorUserId: viewer.userId, entity, entityId: id, memberId: null, action, before, after }]);
  }
}
