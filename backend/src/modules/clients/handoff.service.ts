import { Injectable } from '@nestjs/common';
import { describeRoutingSteps, firstFiringHandoff, type ClientStage, type HandoffRule, type RoutingClient } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { runAll } from '../../database/run-all';
import { TransactionRunner } from '../../database/transaction-runner';
import { ClientsRepository, ReasonSharing, type FiringClient, type HandoffWrite } from './clients.repository';
import { RoutingService, type RoutingSession } from './routing.service';

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
  /** Of the clients a handoff apply moved, those that already qualify for their next stage (one move per client per run: a new preview lists them). */
  nextStageDue?: number;
}

function toHandoffWrite(m: HandoffMove): HandoffWrite {
  return {
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
  };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A client a handoff rule fires for, waiting to be routed. */
interface Fired {
  client: FiringClient;
  rule: HandoffRule;
  productLines: string[];
}

/**
 * A sweep writes its moves in statements of this many: large enough that a statement's own cost
 * does not count, small enough that routing the next ones overlaps writing these.
 */
export const SWEEP_WRITE_CHUNK = 10_000;
/** Clients routed between two looks at whether the statement running beside has finished. */
const ROUTE_SLICE = 1_000;
/** A sweep of at most this many moves keeps them with its batch (and is written in one statement). */
const BATCH_ITEMS_MAX = 1_000;

/** Lets a statement just sent go out, and finished ones come back, before routing takes the thread again. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits for a statement just sent on the transaction's connection and routes slices of the
 * waiting clients meanwhile: the connection takes one statement at a time, so routing, not
 * another statement, fills the wait (PostgreSQL and this process work on the two cores at once).
 */
async function routeWhile<T>(statement: Promise<T>, routeSome: () => boolean): Promise<T> {
  let done = false;
  statement.then(
    () => (done = true),
    () => (done = true),
  );
  await yieldToIo();
  while (!done && routeSome()) await yieldToIo();
  return statement;
}

/**
 * The clients the rules fire for, routed in firing order (rule order, then client id): the loads
 * carried from one client to the next make the order part of every decision, so routing ahead,
 * slice by slice while statements run, decides exactly as routing all at the end.
 */
class RoutingQueue {
  readonly needsProductLines: boolean;
  readonly moves: HandoffMove[] = [];
  private readonly fired: Fired[] = [];
  // clients routed alike get the same sentences: one copy of each is kept for all of them
  private readonly sentences = new Map<string, string>();

  constructor(
    private readonly routing: RoutingService,
    private readonly session: RoutingSession,
  ) {
    this.needsProductLines = routing.usesProductLines(session);
  }

  get size(): number {
    return this.fired.length;
  }

  add(fired: readonly Fired[]): void {
    for (const f of fired) this.fired.push(f);
  }

  /** Routes up to `n` more clients; false when every client is routed. */
  routeSome(n: number): boolean {
    const end = Math.min(this.fired.length, this.moves.length + n);
    while (this.moves.length < end) this.moves.push(this.route(this.fired[this.moves.length]));
    return this.moves.length < this.fired.length;
  }

  /** Moves `start` to `end` (exclusive), routing the ones not routed yet. */
  slice(start: number, end: number): HandoffMove[] {
    if (end > this.moves.length) this.routeSome(end - this.moves.length);
    return this.moves.slice(start, end);
  }

  routeAll(): HandoffMove[] {
    this.routeSome(this.fired.length);
    return this.moves;
  }

  private once(line: string): string {
    const kept = this.sentences.get(line);
    if (kept !== undefined) return kept;
    this.sentences.set(line, line);
    return line;
  }

  private route({ client, rule, productLines }: Fired): HandoffMove {
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
      productLines,
    };
    const decision = this.routing.decide(this.session, routingClient, client.ownerMemberId, true);
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
      reasons: [
        `handoff rule "${rule.name}" fired: ${Object.entries(client.values).map(([k, v]) => `${k}=${v}`).join(', ')}`,
        ...describeRoutingSteps(decision.steps).map((line) => this.once(line)),
      ],
    };
  }
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
    return (await this.fire(organizationId, asOf, tx, onlyClientIds))?.routeAll() ?? [];
  }

  /**
   * Every active rule's statement, and the clients each fires for, queued in rule order (a client
   * fired by an earlier rule is not taken again); the clients of the rules before are routed
   * while a rule's statement runs. Null when nothing fires.
   *
   * A whole sweep reads its statements at once on other connections of the pool, beside its
   * routing session (rules, members, the loads over every client): nothing is written before
   * them in the transaction, and each statement reads what is committed when it starts (read
   * committed), so they read what they would read in the transaction, on both cores. The check
   * after an order reads in its transaction, which holds the order.
   */
  private async fire(organizationId: string, asOf: string, tx: EntityManager | undefined, onlyClientIds: string[] | undefined): Promise<RoutingQueue | null> {
    const whole = !onlyClientIds;
    const early = whole ? this.routing.session(organizationId, new Date(), false) : null;
    early?.catch(() => undefined); // awaited below, or not needed when nothing fires
    const rules = (await this.clients.handoffRules(organizationId, tx)).filter((r) => r.active);
    const read = (rule: HandoffRule) => this.clients.firingClients(organizationId, rule, asOf, whole ? undefined : tx, onlyClientIds);
    const reads = whole ? rules.map(read) : null;
    reads?.forEach((r) => r.catch(() => undefined)); // each is awaited in turn below
    const taken = new Set<string>();
    let queue: RoutingQueue | null = null;
    for (const [i, rule] of rules.entries()) {
      const running = reads ? reads[i] : read(rule);
      const waiting = queue;
      const clients = waiting ? await routeWhile(running, () => waiting.routeSome(ROUTE_SLICE)) : await running;
      const fresh = clients.filter((client) => !taken.has(client.id));
      if (fresh.length === 0) continue;
      for (const client of fresh) taken.add(client.id);
      queue ??= new RoutingQueue(this.routing, early ? await early : await this.routing.session(organizationId, new Date(), false, tx));
      // the product lines bought are read only when a routing rule looks at them
      const lines = queue.needsProductLines ? await this.clients.productLinesOf(fresh.map((c) => c.id), tx) : null;
      queue.add(fresh.map((client) => ({ client, rule, productLines: lines?.get(client.id) ?? [] })));
    }
    return queue;
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
      if (!batch || batch.organizationId !== viewer.organizationId) throw DomainError.notFound('HANDOFF_PREVIEW');
      if (batch.status !== 'PREVIEWED') throw new DomainError('CONFLICT', 'This preview was applied already. Make a new preview.', { reason: 'PREVIEW_USED' });
      const moves = batch.items as HandoffMove[];
      const moved = await this.clients.applyHandoffs(tx, viewer.organizationId, moves.map(toHandoffWrite), viewer.userId, previewId);
      const report = await this.report(tx, moved.size, moves.filter((m) => !moved.has(m.clientId)));
      await this.clients.finishBatch(tx, previewId, { ...report });
      return { ...report, nextStageDue: await this.nextStageDue(tx, viewer.organizationId, [...moved]) };
    });
  }

  /**
   * The nightly sweep (and the check after an order): compute and apply in one transaction.
   * The moves are written `writeChunk` per statement, the later ones routed while the earlier
   * ones are written; a sweep of at most BATCH_ITEMS_MAX moves keeps them with its batch.
   */
  async sweep(organizationId: string, asOf = today(), onlyClientIds?: string[], tx?: EntityManager, writeChunk = SWEEP_WRITE_CHUNK): Promise<ApplyReport> {
    const run = async (t: EntityManager) => {
      const queue = await this.fire(organizationId, asOf, t, onlyClientIds);
      if (!queue) return { applied: 0, changedMeanwhile: 0, changedClients: [] };
      const batch = { organizationId, kind: onlyClientIds ? ('ORDER' as const) : ('SWEEP' as const), status: 'APPLIED' as const, asOf, createdBy: null };
      const batchId =
        queue.size <= BATCH_ITEMS_MAX
          ? await this.clients.saveBatch(t, { ...batch, items: queue.routeAll() })
          : await routeWhile(this.clients.saveBatch(t, { ...batch, items: [] }), () => queue.routeSome(ROUTE_SLICE));
      const sharing = new ReasonSharing();
      let applied = 0;
      const changed: HandoffMove[] = [];
      for (let start = 0; start < queue.size; start += writeChunk) {
        const moves = queue.slice(start, start + writeChunk);
        const prepared = this.clients.prepareHandoffs(organizationId, moves.map(toHandoffWrite), null, batchId, sharing);
        const moved = await routeWhile(this.clients.writeHandoffs(t, prepared), () => queue.routeSome(ROUTE_SLICE));
        applied += moved.size;
        for (const m of moves) if (!moved.has(m.clientId)) changed.push(m);
      }
      return this.report(t, applied, changed);
    };
    return tx ? run(tx) : this.transactions.run(run);
  }

  /**
   * How many of the moved clients a rule fires for again at once (a prospect whose orders already
   * make it regular): each run moves a client one stage, so the director is told to preview again.
   * The same set-based statements as the sweep, narrowed to these clients.
   */
  private async nextStageDue(tx: EntityManager, organizationId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const asOf = today();
    const rules = (await this.clients.handoffRules(organizationId, tx)).filter((r) => r.active);
    const due = new Set<string>();
    for (const rule of rules) for (const client of await this.clients.firingClients(organizationId, rule, asOf, tx, ids)) due.add(client.id);
    return due.size;
  }

  /** What was applied, and the clients that changed since the decision (named, the first 50). */
  private async report(tx: EntityManager, applied: number, changed: readonly HandoffMove[]): Promise<ApplyReport> {
    const names = changed.length ? (await this.clients.findByIds(changed.slice(0, 50).map((m) => m.clientId), tx)).map((c) => c.name) : [];
    return { applied, changedMeanwhile: changed.length, changedClients: names };
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
