import { Injectable } from '@nestjs/common';
import { describeRoutingSteps, type RoutingClient } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import { ClientsRepository, type AssignmentWrite } from '../clients/clients.repository';
import { RoutingService } from '../clients/routing.service';
import { DEMO_HANDOFF_RULES, DEMO_PRODUCTS, DEMO_ROUTING_RULES, generateDemoClients } from './demo-clients';

/** Seeds the demo client base in set-based statements, routing every client through the real rules. */
@Injectable()
export class DemoClientSeeder {
  constructor(
    private readonly routing: RoutingService,
    private readonly clients: ClientsRepository,
  ) {}

  async seed(tx: EntityManager, organizationId: string, memberId: (key: string) => string, clientCount = 2_000): Promise<void> {
    const today = new Date().toISOString().slice(0, 10);
    const productRows: { id: string; name: string }[] = await tx.query(
      `INSERT INTO product (organization_id, name, product_line, price) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[]) RETURNING id, name`,
      [organizationId, DEMO_PRODUCTS.map((p) => p.name), DEMO_PRODUCTS.map((p) => p.line), DEMO_PRODUCTS.map((p) => p.price)],
    );
    const productIds = DEMO_PRODUCTS.map((p) => productRows.find((r) => r.name === p.name)!.id);

    for (const [i, rule] of DEMO_ROUTING_RULES.entries()) {
      await tx.query(
        `INSERT INTO routing_rule (organization_id, position, name, conditions, target_kind, target_member_id, pool_member_ids, strategy)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          organizationId,
          i + 1,
          rule.name,
          JSON.stringify(rule.conditions),
          rule.member ? 'MEMBER' : 'POOL',
          rule.member ? memberId(rule.member) : null,
          (rule.pool ?? []).map(memberId),
          rule.member ? null : rule.strategy,
        ],
      );
    }
    for (const [i, rule] of DEMO_HANDOFF_RULES.entries()) {
      await tx.query(
        `INSERT INTO handoff_rule (organization_id, position, name, from_stage, to_stage, combinator, criteria) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [organizationId, i + 1, rule.name, rule.fromStage, rule.toStage, rule.combinator, JSON.stringify(rule.criteria)],
      );
    }

    const { clients, orders } = generateDemoClients(today, clientCount);
    const inserted: { id: string; external_id: string }[] = await tx.query(
      `INSERT INTO client (organization_id, external_id, name, inn, region, city, industry, ownership_form, channel, vip,
                           annual_potential, category, stage, stage_changed_at)
       SELECT $1, * , now() - (random() * interval '200 days')
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[],
                     $11::numeric[], $12::smallint[], $13::text[])
       RETURNING id, external_id`,
      [
        organizationId,
        clients.map((c) => `demo:client:${c.key}`),
        clients.map((c) => c.name),
        clients.map((c) => c.inn),
        clients.map((c) => c.region),
        clients.map((c) => c.city),
        clients.map((c) => c.industry),
        clients.map((c) => c.ownershipForm),
        clients.map((c) => c.channel),
        clients.map((c) => c.vip),
        clients.map((c) => c.annualPotential),
        clients.map((c) => c.category),
        clients.map((c) => c.stage),
      ],
    );
    const clientIds = new Map(inserted.map((r) => [r.external_id, r.id]));
    const idOf = (key: number) => clientIds.get(`demo:client:${key}`)!;

    const totals = orders.map((o) => o.lines.reduce((sum, l) => sum + l.quantity * DEMO_PRODUCTS[l.product].price, 0));
    const orderRows: { id: string; external_id: string }[] = await tx.query(
      `INSERT INTO client_order (organization_id, client_id, external_id, ordered_on, total)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::date[], $5::numeric[])
       RETURNING id, external_id`,
      [organizationId, orders.map((o) => idOf(o.clientKey)), orders.map((_, i) => `demo:order:${i}`), orders.map((o) => o.orderedOn), totals],
    );
    const orderIds = new Map(orderRows.map((r) => [r.external_id, r.id]));
    const lines = orders.flatMap((o, i) =>
      o.lines.map((l) => ({ orderId: orderIds.get(`demo:order:${i}`)!, productId: productIds[l.product], quantity: l.quantity, amount: l.quantity * DEMO_PRODUCTS[l.product].price })),
    );
    // a bulk load: the product managers' months are rebuilt from the lines after them (their row-by-order triggers, planned
    // over a table never analyzed, read every line for each order: 9-13 s of the seed instead of 0.1 s)
    for (const op of ['insert', 'update', 'delete']) await tx.query(`ALTER TABLE order_line DISABLE TRIGGER product_scope_month_${op}`);
    await tx.query(
      `INSERT INTO order_line (order_id, product_id, quantity, amount) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::numeric[])`,
      [lines.map((l) => l.orderId), lines.map((l) => l.productId), lines.map((l) => l.quantity), lines.map((l) => l.amount)],
    );
    for (const op of ['insert', 'update', 'delete']) await tx.query(`ALTER TABLE order_line ENABLE TRIGGER product_scope_month_${op}`);
    await tx.query('SELECT rebuild_product_scope_month($1)', [organizationId]);
    // the monthly rollup and each client's order aggregates, as recording the orders one by one would have kept them
    await this.clients.rebuildOrderAggregates(tx, organizationId);

    await tx.query('ANALYZE client, client_order, order_line, client_month');

    // Route every client through the real rules, as if it had walked the stages: the hunter of
    // record first (for clients past PROSPECT), then the owner for its stage.
    const session = await this.routing.session(organizationId, null, false, tx);
    const routingClients = new Map((await this.clients.routingClients([...clientIds.values()], tx)).map((c) => [c.id, c]));
    const owners: string[] = [];
    const hunters: (string | null)[] = [];
    const records: AssignmentWrite[] = [];
    for (const client of clients) {
      const id = idOf(client.key);
      const routingClient: RoutingClient = routingClients.get(id)!;
      const pastProspect = !['LEAD', 'PROSPECT'].includes(client.stage);
      const hunter = pastProspect ? this.routing.decide(session, { ...routingClient, stage: 'PROSPECT', vip: false }, null, false).memberId : null;
      const decision = this.routing.decide(session, routingClient, null, true);
      owners.push(decision.memberId ?? '');
      hunters.push(hunter);
      records.push({
        organizationId,
        clientId: id,
        kind: 'ROUTING',
        fromMemberId: null,
        toMemberId: decision.memberId,
        fromStage: null,
        toStage: client.stage,
        ruleId: decision.ruleId,
        ruleName: session.rules.find((r) => r.id === decision.ruleId)?.name ?? null,
        criteria: null,
        reasons: describeRoutingSteps(decision.steps),
        actorUserId: null,
        batchId: null,
      });
    }
    await tx.query(
      `UPDATE client c SET owner_member_id = nullif(x.owner, '')::uuid, hunter_member_id = x.hunter, owner_since = c.stage_changed_at
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS x(id, owner, hunter) WHERE c.id = x.id`,
      [clients.map((c) => idOf(c.key)), owners, hunters],
    );
    await this.clients.saveCursors(tx, session.cursors);
    await this.clients.recordAssignments(tx, records);
    // Who sold each order: the hunter of record the first one, the owner the rest (the reps' revenue, growth and retention).
    await tx.query(
      `UPDATE client_order o SET seller_member_id = CASE WHEN o.ordered_on = c.first_order_on AND c.hunter_member_id IS NOT NULL THEN c.hunter_member_id ELSE c.owner_member_id END
         FROM client c WHERE c.id = o.client_id AND o.organization_id = $1 AND o.seller_member_id IS NULL`,
      [organizationId],
    );
  }
}
