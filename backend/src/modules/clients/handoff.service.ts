import { Injectable } from '@nestjs/common';
import { describeRoutingSteps, firstFiringHandoff, type ClientStage, type HandoffRule, type RoutingClient } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { runAll } from '../../database/run-all';
import { TransactionRunner } from '../../database/transaction-runner';
import { ClientsRepository, type FiringClient } from './clients.repository';
import { RoutingService } from './routing.service';

/** One client that moves: the decision is stored with the preview and executed as is. */
export interface HandoffMove {
  clientId: string;
  clientVersion: number;
  fromStage: ClientStage;
  toStage: ClientStage;
  fromMemberId: string | null;
  toMemberId: string | null;
  ruleId: string;
  ruleName: string;
  criteria: Record<string, number | string>;
  reasons: string[];
}

export interface ApplyReport {
  applied: number;
  changedMeanwhile: number;
  changedClients: string[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

@Injectable()
export class HandoffService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly routing: RoutingService,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Every client that a handoff rule moves at `asOf`, its new owner (re-routed to the
   * matrix cell of its new stage) and why: one set-based statement per rule (it returns the
   * client rows too), then routing in memory with loads carried from one client to the next.
   */
  async computeMoves(organizationId: string, asOf: string, tx?: EntityManager, onlyClientIds?: string[]): Promise<HandoffMove[]> {
    // A whole sweep nearly always moves someone: its routing session (rules, members, the loads
    // over every client) is read beside the firing statements, on other connections of the pool.
    // Nothing is written before it in the transaction, and each statement reads what is committed
    // when it starts (read committed), so it reads what it would read in the transaction.
    const early = onlyClientIds ? null : this.routing.session(organizationId, new Date(), false);
    early?.catch(() => undefined); // awaited below, or not needed when nothing fires
    const rules = (await this.clients.handoffRules(organizationId, tx)).filter((r) => r.active);
    const firing: { client: FiringClient; rule: HandoffRule }[] = [];
    const taken = new Set<string>();
    for (const rule of rules) {
      for (const client of await this.clients.firingClients(organizationId, rule, asOf, tx, onlyClientIds)) {
        if (taken.has(client.id)) continue;
        taken.add(client.id);
        firing.push({ client, rule });
      }
    }
    if (firing.length === 0) return [];
    const session = early ? await early : await this.routing.session(organizationId, new Date(), false, tx);
    // the product lines bought are read only when a routing rule looks at them
    const lines = this.routing.usesProductLines(session) ? await this.clients.productLinesOf([...taken], tx) : new Map<string, string[]>();
    // clients routed alike get the same sentences: one copy of each is kept for all of them
    const sentences = new Map<string, string>();
    const once = (line: string) => {
      const kept = sentences.get(line);
      if (kept !== undefined) return kept;
      sentences.set(line, line);
      return line;
    };
    return firing.map(({ client, rule }) => {
      const routingClient: RoutingClient = {
        id: client.id,
        region: client.region,
        industry: client.industry,
        vip: client.vip,
        channel: client.channel,
        ownershipForm: client.ownershipForm,
        category: client.category,
        stage: rule.toStage,
        annualPotential: Number(client.annualPotential),
        productLines: lines.get(client.id) ?? [],
      };
      const decision = this.routing.decide(session, routingClient, client.ownerMemberId, true);
      return {
        clientId: client.id,
        clientVersion: client.version,
        fromStage: client.stage,
        toStage: rule.toStage,
        fromMemberId: client.ownerMemberId,
        toMemberId: decision.memberId,
        ruleId: rule.id,
        ruleName: rule.name,
        criteria: client.values,
        reasons: [`handoff rule "${rule.name}" fired: ${Object.entries(client.values).map(([k, v]) => `${k}=${v}`).join(', ')}`, ...describeRoutingSteps(decision.steps).map(once)],
      };
    });
  }

  async preview(viewer: Viewer): Promise<{ id: string; asOf: string; moves: HandoffMove[] }> {
    const asOf = today();
    return this.transactions.run(async (tx) => {
      const moves = await this.computeMoves(viewer.organizationId, asOf, tx);
      const id = await this.clients.saveBatch(tx, { organizationId: viewer.organizationId, kind: 'PREVIEW', status: 'PREVIEWED', asOf, createdBy: viewer.userId, items: moves });
      return { id, asOf, moves };
    });
  }

  /** Executes exactly the previewed list; clients changed since the preview are skipped and reported. */
  async apply(viewer: Viewer, previewId: string): Promise<ApplyReport> {
    return this.transactions.run(async (tx) => {
      const batch = await this.clients.findBatch(tx, previewId);
      if (!batch || batch.organizationId !== viewer.organizationId) throw DomainError.notFound('The handoff preview');
      if (batch.status !== 'PREVIEWED') throw new DomainError('CONFLICT', 'This preview was applied already. Make a new preview.', { reason: 'PREVIEW_USED' });
      const report = await this.execute(tx, viewer.organizationId, batch.items as HandoffMove[], viewer.userId, previewId);
      await this.clients.finishBatch(tx, previewId, { ...report });
      return report;
    });
  }

  /** The nightly sweep (and the check after an order): compute and apply in one transaction. */
  async sweep(organizationId: string, asOf = today(), onlyClientIds?: string[], tx?: EntityManager): Promise<ApplyReport> {
    const run = async (t: EntityManager) => {
      const moves = await this.computeMoves(organizationId, asOf, t, onlyClientIds);
      if (moves.length === 0) return { applied: 0, changedMeanwhile: 0, changedClients: [] };
      const batchId = await this.clients.saveBatch(t, {
        organizationId,
        kind: onlyClientIds ? 'ORDER' : 'SWEEP',
        status: 'APPLIED',
        asOf,
        createdBy: null,
        items: moves.length <= 1000 ? moves : [],
      });
      return this.execute(t, organizationId, moves, null, batchId);
    };
    return tx ? run(tx) : this.transactions.run(run);
  }

  private async execute(tx: EntityManager, organizationId: string, moves: HandoffMove[], actorUserId: string | null, batchId: string): Promise<ApplyReport> {
    const moved = await this.clients.applyHandoffs(
      tx,
      organizationId,
      moves.map((m) => ({
        clientId: m.clientId,
        expectedVersion: m.clientVersion,
        toStage: m.toStage,
        toMemberId: m.toMemberId,
        fromMemberId: m.fromMemberId,
        fromStage: m.fromStage,
        ruleId: m.ruleId,
        ruleName: m.ruleName,
        criteria: m.criteria,
        reasons: m.reasons,
      })),
      actorUserId,
      batchId,
    );
    const changed = moves.filter((m) => !moved.has(m.clientId));
    const names = changed.length ? (await this.clients.findByIds(changed.slice(0, 50).map((m) => m.clientId), tx)).map((c) => c.name) : [];
    return { applied: moved.size, changedMeanwhile: changed.length, changedClients: names };
  }

  /** Evaluates one client against the rules with the pure function (used right after an order). */
  async firesFor(organizationId: string, clientId: string, asOf: string, tx?: EntityManager): Promise<boolean> {
    const [rules, [client], orders] = await runAll(tx, [
      () => this.clients.handoffRules(organizationId, tx),
      () => this.clients.findByIds([clientId], tx),
      () => this.clients.ordersOfClients([clientId], tx),
    ] as const);
    if (!client) return false;
    return firstFiringHandoff(rules, { stage: client.stage, annualPotential: Number(client.annualPotential), orders: orders.get(clientId) ?? [] }, asOf) !== null;
  }
}
