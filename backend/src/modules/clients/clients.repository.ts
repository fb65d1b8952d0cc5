import { Injectable } from '@nestjs/common';
import type { ClientOrder, ClientScope, ClientStage, HandoffCriterion, HandoffRule, RoutingClient, RoutingConditions, RoutingRule, RoutingStrategy } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClientFilter } from './dto/client.inputs';
import { handoffQuery } from './handoff-sql';

export interface ClientRow {
  id: string;
  organizationId: string;
  name: string;
  inn: string | null;
  region: string | null;
  city: string | null;
  industry: string | null;
  ownershipForm: RoutingClient['ownershipForm'];
  channel: RoutingClient['channel'];
  vip: boolean;
  annualPotential: string;
  currency: string;
  category: number | null;
  stage: ClientStage;
  stageChangedAt: Date;
  ownerMemberId: string | null;
  hunterMemberId: string | null;
  version: number;
}

const CLIENT_COLUMNS = `c.id, c.organization_id AS "organizationId", c.name, c.inn, c.region, c.city, c.industry,
  c.ownership_form AS "ownershipForm", c.channel, c.vip, c.annual_potential::text AS "annualPotential", c.currency,
  c.category, c.stage, c.stage_changed_at AS "stageChangedAt", c.owner_member_id AS "ownerMemberId",
  c.hunter_member_id AS "hunterMemberId", c.version`;

export interface AssignmentWrite {
  organizationId: string;
  clientId: string;
  kind: 'ROUTING' | 'HANDOFF' | 'REASSIGN' | 'COVER' | 'COVER_END' | 'OFFBOARDING' | 'REBALANCE' | 'IMPORT';
  fromMemberId: string | null;
  toMemberId: string | null;
  fromStage: ClientStage | null;
  toStage: ClientStage | null;
  ruleId: string | null;
  ruleName: string | null;
  criteria: Record<string, unknown> | null;
  reasons: string[];
  actorUserId: string | null;
  batchId: string | null;
}

export interface MoveWrite {
  clientId: string;
  expectedVersion: number;
  toStage: ClientStage;
  toMemberId: string | null;
}

export interface CandidateLoad {
  memberId: string;
  activeClients: number;
  potentialTotal: number;
}

/** Clients, their orders and assignments; the row filter of who sees which client is applied here. */
@Injectable()
export class ClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** A filtered page in name order (keyset: lower(name), id) and the total count, in two statements. */
  async page(
    organizationId: string,
    scope: ClientScope,
    filter: ClientFilter,
    first: number,
    after: { name: string; id: string } | null,
  ): Promise<{ rows: ClientRow[]; totalCount: number }> {
    if (scope.kind === 'NONE') return { rows: [], totalCount: 0 };
    const params: unknown[] = [organizationId];
    const where: string[] = ['c.organization_id = $1'];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope.kind === 'OWNERS') where.push(`c.owner_member_id = ANY(${p(scope.memberIds)})`);
    if (filter.stages?.length) where.push(`c.stage = ANY(${p(filter.stages)})`);
    if (filter.categories?.length) where.push(`c.category = ANY(${p(filter.categories)})`);
    if (filter.ownerIds?.length) where.push(`c.owner_member_id = ANY(${p(filter.ownerIds)})`);
    if (filter.regions?.length) where.push(`c.region = ANY(${p(filter.regions)})`);
    if (filter.industries?.length) where.push(`c.industry = ANY(${p(filter.industries)})`);
    if (filter.channels?.length) where.push(`c.channel = ANY(${p(filter.channels)})`);
    if (filter.ownershipForms?.length) where.push(`c.ownership_form = ANY(${p(filter.ownershipForms)})`);
    if (filter.vip !== undefined && filter.vip !== null) where.push(`c.vip = ${p(filter.vip)}`);
    if (filter.potentialMin !== undefined && filter.potentialMin !== null) where.push(`c.annual_potential >= ${p(filter.potentialMin)}`);
    if (filter.potentialMax !== undefined && filter.potentialMax !== null) where.push(`c.annual_potential < ${p(filter.potentialMax)}`);
    if (filter.unowned) where.push('c.owner_member_id IS NULL');
    if (filter.search) where.push(`(lower(c.name) LIKE ${p(`%${filter.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`)} OR c.inn = ${p(filter.search)})`);
    const countSql = `SELECT count(*)::int AS n FROM client c WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) where.push(`(lower(c.name), c.id) > (${p(after.name)}, ${p(after.id)}::uuid)`);
    const pageSql = `SELECT ${CLIENT_COLUMNS} FROM client c WHERE ${where.join(' AND ')} ORDER BY lower(c.name), c.id LIMIT ${p(first + 1)}`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(pageSql, params) as Promise<ClientRow[]>,
      this.dataSource.query(countSql, countParams) as Promise<{ n: number }[]>,
    ]);
    return { rows, totalCount: count[0].n };
  }

  async findByIds(ids: readonly string[], tx?: EntityManager, lock = false): Promise<ClientRow[]> {
    if (ids.length === 0) return [];
    return this.db(tx).query(`SELECT ${CLIENT_COLUMNS} FROM client c WHERE c.id = ANY($1) ORDER BY c.id ${lock ? 'FOR UPDATE' : ''}`, [ids]);
  }

  /** The routing view of clients: segment fields and the product lines they bought. */
  async routingClients(ids: readonly string[], tx?: EntityManager): Promise<RoutingClient[]> {
    if (ids.length === 0) return [];
    const rows: (Omit<RoutingClient, 'annualPotential'> & { annualPotential: string })[] = await this.db(tx).query(
      `WITH lines AS (
         SELECT o.client_id, array_agg(DISTINCT pr.product_line) AS lines
           FROM client_order o JOIN order_line ol ON ol.order_id = o.id JOIN product pr ON pr.id = ol.product_id
          WHERE o.client_id = ANY($1) AND pr.product_line <> ''
          GROUP BY o.client_id)
       SELECT c.id, c.region, c.industry, c.vip, c.channel, c.ownership_form AS "ownershipForm", c.category, c.stage,
              c.annual_potential::text AS "annualPotential", coalesce(l.lines, '{}') AS "productLines"
         FROM client c LEFT JOIN lines l ON l.client_id = c.id
        WHERE c.id = ANY($1)`,
      [ids],
    );
    return rows.map((r) => ({ ...r, annualPotential: Number(r.annualPotential) }));
  }

  /** Every client's orders with their products and product lines (for the pure handoff rule). */
  async ordersOfClients(ids: readonly string[], tx?: EntityManager): Promise<Map<string, ClientOrder[]>> {
    const result = new Map<string, ClientOrder[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const rows: { client_id: string; ordered_on: string; total: string; products: string[]; lines: string[] }[] = await this.db(tx).query(
      `SELECT o.client_id, to_char(o.ordered_on, 'YYYY-MM-DD') AS ordered_on, o.total::text AS total,
              coalesce(array_agg(pr.name) FILTER (WHERE pr.id IS NOT NULL), '{}') AS products,
              coalesce(array_agg(pr.product_line) FILTER (WHERE pr.id IS NOT NULL), '{}') AS lines
         FROM client_order o LEFT JOIN order_line ol ON ol.order_id = o.id LEFT JOIN product pr ON pr.id = ol.product_id
        WHERE o.client_id = ANY($1) GROUP BY o.id ORDER BY o.ordered_on`,
      [ids],
    );
    for (const row of rows) {
      result.get(row.client_id)?.push({ orderedOn: row.ordered_on, total: Number(row.total), products: row.products, productLines: row.lines });
    }
    return result;
  }

  /** Clients a handoff rule moves at `asOf`: one set-based statement. */
  async firingClients(organizationId: string, rule: HandoffRule, asOf: string, tx?: EntityManager, clientIds?: readonly string[]): Promise<{ clientId: string; values: Record<string, number | string> }[]> {
    const { sql, params } = handoffQuery(organizationId, rule, asOf, clientIds);
    const rows: { client_id: string; criteria_values: Record<string, number | string> }[] = await this.db(tx).query(sql, params);
    return rows.map((r) => ({ clientId: r.client_id, values: r.criteria_values }));
  }

  async handoffRules(organizationId: string, tx?: EntityManager): Promise<HandoffRule[]> {
    const rows: { id: string; name: string; from_stage: ClientStage; to_stage: ClientStage; combinator: 'ALL' | 'ANY'; criteria: HandoffCriterion[]; active: boolean }[] =
      await this.db(tx).query('SELECT * FROM handoff_rule WHERE organization_id = $1 ORDER BY position, created_at', [organizationId]);
    return rows.map((r) => ({ id: r.id, name: r.name, fromStage: r.from_stage, toStage: r.to_stage, combinator: r.combinator, criteria: r.criteria, active: r.active }));
  }

  async routingRules(organizationId: string, tx?: EntityManager): Promise<RoutingRule[]> {
    const rows: {
      id: string;
      name: string;
      position: number;
      active: boolean;
      conditions: RoutingConditions;
      target_kind: 'MEMBER' | 'POOL';
      target_member_id: string | null;
      pool_member_ids: string[];
      strategy: RoutingStrategy | null;
    }[] = await this.db(tx).query('SELECT * FROM routing_rule WHERE organization_id = $1 ORDER BY position, created_at', [organizationId]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      active: r.active,
      conditions: r.conditions,
      target:
        r.target_kind === 'MEMBER'
          ? { kind: 'MEMBER', memberId: r.target_member_id ?? '' }
          : { kind: 'POOL', memberIds: r.pool_member_ids, strategy: r.strategy ?? 'LEAST_LOADED' },
    }));
  }

  async roundRobinCursors(organizationId: string, tx?: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; last_member_id: string }[] = await this.db(tx).query(
      'SELECT id, last_member_id FROM routing_rule WHERE organization_id = $1 AND last_member_id IS NOT NULL',
      [organizationId],
    );
    return new Map(rows.map((r) => [r.id, r.last_member_id]));
  }

  async saveCursors(tx: EntityManager, cursors: Map<string, string>): Promise<void> {
    if (cursors.size === 0) return;
    await tx.query(
      'UPDATE routing_rule r SET last_member_id = x.member_id FROM unnest($1::uuid[], $2::uuid[]) AS x(rule_id, member_id) WHERE r.id = x.rule_id',
      [[...cursors.keys()], [...cursors.values()]],
    );
  }

  /** Active clients (not dormant or lost) and their summed potential per owner. */
  async ownerLoads(organizationId: string, tx?: EntityManager): Promise<Map<string, CandidateLoad>> {
    const rows: { member_id: string; n: number; potential: string }[] = await this.db(tx).query(
      `SELECT owner_member_id AS member_id, count(*)::int AS n, sum(annual_potential)::text AS potential
         FROM client WHERE organization_id = $1 AND owner_member_id IS NOT NULL AND stage NOT IN ('DORMANT', 'LOST')
        GROUP BY owner_member_id`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.member_id, { memberId: r.member_id, activeClients: r.n, potentialTotal: Number(r.potential) }]));
  }

  /**
   * Moves clients to a new stage and owner, each only if it is still at the version the
   * decision was made on; the hunter of record is kept (set from the owner when leaving
   * PROSPECT). Returns the ids that moved.
   */
  async applyMoves(tx: EntityManager, moves: MoveWrite[]): Promise<Set<string>> {
    if (moves.length === 0) return new Set();
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE client c SET
          stage = m.to_stage,
          stage_changed_at = CASE WHEN c.stage <> m.to_stage THEN now() ELSE c.stage_changed_at END,
          hunter_member_id = CASE WHEN c.stage IN ('LEAD', 'PROSPECT') AND m.to_stage NOT IN ('LEAD', 'PROSPECT')
                                  THEN coalesce(c.hunter_member_id, c.owner_member_id) ELSE c.hunter_member_id END,
          owner_member_id = m.to_member_id,
          owner_since = CASE WHEN c.owner_member_id IS DISTINCT FROM m.to_member_id THEN now() ELSE c.owner_since END,
          version = c.version + 1,
          updated_at = now()
        FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[]) AS m(client_id, expected_version, to_stage, to_member_id)
       WHERE c.id = m.client_id AND c.version = m.expected_version
       RETURNING c.id`,
      [moves.map((m) => m.clientId), moves.map((m) => m.expectedVersion), moves.map((m) => m.toStage), moves.map((m) => m.toMemberId)],
    );
    return new Set(rows.map((r) => r.id));
  }

  async recordAssignments(tx: EntityManager, records: AssignmentWrite[]): Promise<void> {
    if (records.length === 0) return;
    await tx.query(
      `INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage,
                                      rule_id, rule_name, criteria, reasons, actor_user_id, batch_id)
       SELECT x.organization_id, x.client_id, x.kind, x.from_member_id, x.to_member_id, x.from_stage, x.to_stage,
              x.rule_id, x.rule_name, x.criteria, ARRAY(SELECT jsonb_array_elements_text(x.reasons)), x.actor_user_id, x.batch_id
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::text[],
                     $10::jsonb[], $11::jsonb[], $12::uuid[], $13::uuid[])
           AS x(organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage, rule_id, rule_name,
                criteria, reasons, actor_user_id, batch_id)`,
      [
        records.map((r) => r.organizationId),
        records.map((r) => r.clientId),
        records.map((r) => r.kind),
        records.map((r) => r.fromMemberId),
        records.map((r) => r.toMemberId),
        records.map((r) => r.fromStage),
        records.map((r) => r.toStage),
        records.map((r) => r.ruleId),
        records.map((r) => r.ruleName),
        records.map((r) => (r.criteria ? JSON.stringify(r.criteria) : null)),
        records.map((r) => JSON.stringify(r.reasons)),
        records.map((r) => r.actorUserId),
        records.map((r) => r.batchId),
      ],
    );
  }

  async assignmentHistory(clientId: string): Promise<
    { id: string; kind: string; fromMemberId: string | null; toMemberId: string | null; fromStage: ClientStage | null; toStage: ClientStage | null; ruleName: string | null; criteria: Record<string, unknown> | null; reasons: string[]; actorName: string | null; at: Date; clientId: string }[]
  > {
    return this.dataSource.query(
      `SELECT a.id::text, a.kind, a.from_member_id AS "fromMemberId", a.to_member_id AS "toMemberId", a.from_stage AS "fromStage",
              a.to_stage AS "toStage", a.rule_name AS "ruleName", a.criteria, a.reasons, u.name AS "actorName", a.at, a.client_id AS "clientId"
         FROM assignment_record a LEFT JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.client_id = $1 ORDER BY a.at DESC, a.id DESC`,
      [clientId],
    );
  }

  async saveBatch(
    tx: EntityManager,
    batch: { organizationId: string; kind: 'PREVIEW' | 'SWEEP' | 'ORDER' | 'OFFBOARDING' | 'COVER' | 'REBALANCE'; status: 'PREVIEWED' | 'APPLIED'; asOf: string; createdBy: string | null; items: unknown[] },
  ): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO handoff_batch (organization_id, kind, status, as_of, created_by, items, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'APPLIED' THEN now() END) RETURNING id`,
      [batch.organizationId, batch.kind, batch.status, batch.asOf, batch.createdBy, JSON.stringify(batch.items)],
    );
    return row.id;
  }

  async findBatch(tx: EntityManager, id: string): Promise<{ id: string; organizationId: string; status: string; asOf: string; items: unknown[] } | null> {
    const [row] = await tx.query(
      `SELECT id, organization_id AS "organizationId", status, to_char(as_of, 'YYYY-MM-DD') AS "asOf", items FROM handoff_batch WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async finishBatch(tx: EntityManager, id: string, report: Record<string, unknown>): Promise<void> {
    await tx.query(`UPDATE handoff_batch SET status = 'APPLIED', applied_at = now(), report = $2 WHERE id = $1`, [id, JSON.stringify(report)]);
  }

  async insertClient(tx: EntityManager, organizationId: string, c: {
    name: string; inn: string | null; region: string | null; city: string | null; industry: string | null; ownershipForm: string | null;
    channel: string | null; vip: boolean; annualPotential: number; category: number | null; stage: ClientStage; externalId: string | null;
  }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO client (organization_id, name, inn, region, city, industry, ownership_form, channel, vip, annual_potential, category, stage, external_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [organizationId, c.name, c.inn, c.region, c.city, c.industry, c.ownershipForm, c.channel, c.vip, c.annualPotential, c.category, c.stage, c.externalId],
    );
    return row.id;
  }

  async setOwners(tx: EntityManager, moves: { clientId: string; expectedVersion: number; ownerId: string | null }[]): Promise<Set<string>> {
    if (moves.length === 0) return new Set();
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE client c SET owner_member_id = m.owner_id, owner_since = now(), version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS m(client_id, expected_version, owner_id)
        WHERE c.id = m.client_id AND c.version = m.expected_version
        RETURNING c.id`,
      [moves.map((m) => m.clientId), moves.map((m) => m.expectedVersion), moves.map((m) => m.ownerId)],
    );
    return new Set(rows.map((r) => r.id));
  }

  async productsByIds(organizationId: string, ids: readonly string[], tx?: EntityManager): Promise<{ id: string; name: string; price: string }[]> {
    if (ids.length === 0) return [];
    return this.db(tx).query('SELECT id, name, price::text AS price FROM product WHERE organization_id = $1 AND id = ANY($2)', [organizationId, ids]);
  }

  /** Records an order with its lines and keeps the monthly rollup in the same transaction. */
  async insertOrder(tx: EntityManager, organizationId: string, order: { clientId: string; orderedOn: string; sellerId: string | null; externalId: string | null; lines: { productId: string; quantity: number; amount: string }[] }): Promise<{ id: string; total: string }> {
    const [row]: { id: string; total: string }[] = await tx.query(
      `INSERT INTO client_order (organization_id, client_id, external_id, ordered_on, total, seller_member_id)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(sum(a), 0) FROM unnest($5::numeric[]) a), $6) RETURNING id, total::text AS total`,
      [organizationId, order.clientId, order.externalId, order.orderedOn, order.lines.map((l) => l.amount), order.sellerId],
    );
    await tx.query(
      'INSERT INTO order_line (order_id, product_id, quantity, amount) SELECT $1, * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[])',
      [row.id, order.lines.map((l) => l.productId), order.lines.map((l) => l.quantity), order.lines.map((l) => l.amount)],
    );
    await tx.query(
      `INSERT INTO client_month (client_id, month, total, orders) VALUES ($1, date_trunc('month', $2::date)::date, $3, 1)
       ON CONFLICT (client_id, month) DO UPDATE SET total = client_month.total + excluded.total, orders = client_month.orders + 1`,
      [order.clientId, order.orderedOn, row.total],
    );
    return row;
  }

  /** Active clients (not dormant or lost) owned by a member, locked for a change of owner. */
  async activeClientsOf(tx: EntityManager, memberId: string): Promise<ClientRow[]> {
    return tx.query(
      `SELECT ${CLIENT_COLUMNS} FROM client c WHERE c.owner_member_id = $1 AND c.stage NOT IN ('DORMANT', 'LOST') ORDER BY c.id FOR UPDATE`,
      [memberId],
    );
  }

  async openCovers(tx: EntityManager, clientIds: readonly string[]): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows: { client_id: string }[] = await tx.query('SELECT client_id FROM client_cover WHERE client_id = ANY($1) AND ended_at IS NULL', [clientIds]);
    return new Set(rows.map((r) => r.client_id));
  }

  async insertCovers(tx: EntityManager, organizationId: string, covers: { clientId: string; originalId: string; coverId: string }[], until: string, reason: string, createdBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO client_cover (organization_id, client_id, original_member_id, cover_member_id, until, reason, created_by)
       SELECT $1, x.client_id, x.original_id, x.cover_id, $5, $6, $7 FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS x(client_id, original_id, cover_id)`,
      [organizationId, covers.map((c) => c.clientId), covers.map((c) => c.originalId), covers.map((c) => c.coverId), until, reason, createdBy],
    );
  }

  /** Covers whose last day has passed, with the client's current owner and version. */
  async dueCovers(tx: EntityManager, organizationId: string, today: string): Promise<{ id: string; clientId: string; originalId: string; coverId: string; ownerId: string | null; version: number; stage: ClientStage }[]> {
    return tx.query(
      `SELECT v.id, v.client_id AS "clientId", v.original_member_id AS "originalId", v.cover_member_id AS "coverId",
              c.owner_member_id AS "ownerId", c.version, c.stage
         FROM client_cover v JOIN client c ON c.id = v.client_id
        WHERE v.organization_id = $1 AND v.ended_at IS NULL AND v.until < $2::date
        ORDER BY v.id FOR UPDATE OF v, c`,
      [organizationId, today],
    );
  }

  async endCovers(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length) await tx.query('UPDATE client_cover SET ended_at = now() WHERE id = ANY($1)', [ids]);
  }

  /** The active clients of some members with what balancing needs: potential, stage, open deals. */
  async portfolios(organizationId: string, memberIds: readonly string[], tx?: EntityManager): Promise<{ id: string; ownerId: string; potential: number; stage: ClientStage; version: number; openDeal: boolean }[]> {
    const rows: { id: string; owner_id: string; potential: string; stage: ClientStage; version: number; open_deal: boolean }[] = await this.db(tx).query(
      `SELECT c.id, c.owner_member_id AS owner_id, c.annual_potential::text AS potential, c.stage, c.version,
              EXISTS (SELECT 1 FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.client_id = c.id AND s.kind = 'OPEN') AS open_deal
         FROM client c
        WHERE c.organization_id = $1 AND c.owner_member_id = ANY($2) AND c.stage NOT IN ('DORMANT', 'LOST')`,
      [organizationId, memberIds],
    );
    return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, potential: Number(r.potential), stage: r.stage, version: r.version, openDeal: r.open_deal }));
  }

  async memberNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query('SELECT id, name FROM member WHERE id = ANY($1)', [ids]);
  }

  /** Changes the given columns of a client if it is still at the expected version; false when it moved on. */
  async updateClient(tx: EntityManager, id: string, expectedVersion: number, changes: Record<string, unknown>): Promise<boolean> {
    const columns: Record<string, string> = {
      name: 'name', inn: 'inn', region: 'region', city: 'city', industry: 'industry', ownershipForm: 'ownership_form', channel: 'channel',
      vip: 'vip', annualPotential: 'annual_potential', category: 'category', categoryManual: 'category_manual', notes: 'notes',
    };
    const keys = Object.keys(changes).filter((k) => k in columns);
    const sets = keys.map((k, i) => `${columns[k]} = $${i + 3}`);
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE client SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2`,
      [id, expectedVersion, ...keys.map((k) => changes[k])],
    );
    return count > 0;
  }

  /** Purchases of the last 365 days, for the category. */
  async annualVolume(tx: EntityManager, clientId: string): Promise<number> {
    const [row]: { v: string }[] = await tx.query(
      "SELECT coalesce(sum(total), 0)::text AS v FROM client_order WHERE client_id = $1 AND ordered_on > current_date - 365",
      [clientId],
    );
    return Number(row.v);
  }

  /** The latest orders of many clients (`limit` each), with their products, in one statement. */
  async latestOrders(clientIds: readonly string[], limit: number): Promise<{ id: string; clientId: string; orderedOn: string; total: string; currency: string; products: string[] }[]> {
    if (clientIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT o.id, o.client_id AS "clientId", to_char(o.ordered_on, 'YYYY-MM-DD') AS "orderedOn", o.total::text AS total, o.currency,
              coalesce((SELECT array_agg(p.name ORDER BY p.name) FROM order_line ol JOIN product p ON p.id = ol.product_id WHERE ol.order_id = o.id), '{}') AS products
         FROM unnest($1::uuid[]) AS ids(client_id)
         CROSS JOIN LATERAL (SELECT * FROM client_order x WHERE x.client_id = ids.client_id ORDER BY x.ordered_on DESC, x.id LIMIT $2) o
        ORDER BY o.client_id, o.ordered_on DESC`,
      [clientIds, limit],
    );
  }

  async contactsOf(clientIds: readonly string[]): Promise<{ id: string; clientId: string; name: string; position: string | null; phone: string | null; email: string | null }[]> {
    if (clientIds.length === 0) return [];
    return this.dataSource.query(
      'SELECT id, client_id AS "clientId", name, position, phone, email FROM client_contact WHERE client_id = ANY($1) ORDER BY created_at',
      [clientIds],
    );
  }

  async dealsOf(clientIds: readonly string[]): Promise<{ id: string; clientId: string; title: string; amount: string; currency: string; stageName: string; stageKind: string; expectedCloseOn: string | null }[]> {
    if (clientIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT d.id, d.client_id AS "clientId", d.title, d.amount::text AS amount, d.currency, s.name AS "stageName", s.kind AS "stageKind",
              to_char(d.expected_close_on, 'YYYY-MM-DD') AS "expectedCloseOn"
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.client_id = ANY($1) ORDER BY d.started_on DESC`,
      [clientIds],
    );
  }

  async insertContact(tx: EntityManager, clientId: string, c: { name: string; position: string | null; phone: string | null; email: string | null }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      'INSERT INTO client_contact (client_id, name, position, phone, email) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [clientId, c.name, c.position, c.phone, c.email],
    );
    return row.id;
  }
}
