import { Injectable } from '@nestjs/common';
import type { HandoffCriterion, RoutingConditions, RoutingStrategy } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';

export interface RoutingRuleWrite {
  name: string;
  active: boolean;
  conditions: RoutingConditions;
  targetKind: 'MEMBER' | 'POOL';
  targetMemberId: string | null;
  poolMemberIds: string[];
  strategy: RoutingStrategy | null;
}

export interface HandoffRuleWrite {
  name: string;
  fromStage: string;
  toStage: string;
  combinator: 'ALL' | 'ANY';
  criteria: HandoffCriterion[];
  active: boolean;
}

/** Writes of routing and handoff rules (reads are in ClientsRepository, beside the clients they decide). */
@Injectable()
export class RulesRepository {
  async lockRules(tx: EntityManager, organizationId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rules:' || $1::text))`, [organizationId]);
  }

  async insertRoutingRule(tx: EntityManager, organizationId: string, position: number, rule: RoutingRuleWrite): Promise<string> {
    await tx.query('UPDATE routing_rule SET position = position + 1 WHERE organization_id = $1 AND position >= $2', [organizationId, position]);
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO routing_rule (organization_id, position, name, active, conditions, target_kind, target_member_id, pool_member_ids, strategy)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [organizationId, position, rule.name, rule.active, JSON.stringify(rule.conditions), rule.targetKind, rule.targetMemberId, rule.poolMemberIds, rule.strategy],
    );
    return row.id;
  }

  async updateRoutingRule(tx: EntityManager, id: string, rule: RoutingRuleWrite): Promise<void> {
    await tx.query(
      `UPDATE routing_rule SET name = $2, active = $3, conditions = $4, target_kind = $5, target_member_id = $6, pool_member_ids = $7,
              strategy = $8, last_member_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, rule.name, rule.active, JSON.stringify(rule.conditions), rule.targetKind, rule.targetMemberId, rule.poolMemberIds, rule.strategy],
    );
  }

  /** Puts a rule at a position (1-based) and renumbers the others 1..n without gaps. */
  async moveRoutingRule(tx: EntityManager, organizationId: string, id: string, position: number): Promise<void> {
    const rows: { id: string }[] = await tx.query('SELECT id FROM routing_rule WHERE organization_id = $1 AND id <> $2 ORDER BY position, created_at', [organizationId, id]);
    const order = rows.map((r) => r.id);
    order.splice(Math.max(0, Math.min(order.length, position - 1)), 0, id);
    await tx.query(
      'UPDATE routing_rule r SET position = x.position FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, position) WHERE r.id = x.id',
      [order],
    );
  }

  async deleteRoutingRule(tx: EntityManager, organizationId: string, id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query('DELETE FROM routing_rule WHERE id = $1 AND organization_id = $2', [id, organizationId]);
    if (count > 0) {
      await tx.query(
        `UPDATE routing_rule r SET position = x.position FROM (
           SELECT id, row_number() OVER (ORDER BY position, created_at) AS position FROM routing_rule WHERE organization_id = $1) x
         WHERE r.id = x.id`,
        [organizationId],
      );
    }
    return count > 0;
  }

  async routingRuleCount(tx: EntityManager, organizationId: string): Promise<number> {
    const [row]: { n: number }[] = await tx.query('SELECT count(*)::int AS n FROM routing_rule WHERE organization_id = $1', [organizationId]);
    return row.n;
  }

  async insertHandoffRule(tx: EntityManager, organizationId: string, rule: HandoffRuleWrite): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO handoff_rule (organization_id, position, name, from_stage, to_stage, combinator, criteria, active)
       VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM handoff_rule WHERE organization_id = $1), $2, $3, $4, $5, $6, $7) RETURNING id`,
      [organizationId, rule.name, rule.fromStage, rule.toStage, rule.combinator, JSON.stringify(rule.criteria), rule.active],
    );
    return row.id;
  }

  async updateHandoffRule(tx: EntityManager, organizationId: string, id: string, rule: HandoffRuleWrite): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE handoff_rule SET name = $3, from_stage = $4, to_stage = $5, combinator = $6, criteria = $7, active = $8,
              version = version + 1, updated_at = now() WHERE id = $1 AND organization_id = $2`,
      [id, organizationId, rule.name, rule.fromStage, rule.toStage, rule.combinator, JSON.stringify(rule.criteria), rule.active],
    );
    return count > 0;
  }

  async deleteHandoffRule(tx: EntityManager, organizationId: string, id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.query('DELETE FROM handoff_rule WHERE id = $1 AND organization_id = $2', [id, organizationId]);
    return count > 0;
  }
}
