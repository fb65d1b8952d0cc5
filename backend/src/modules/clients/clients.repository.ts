import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CLIENT_STAGES,
  type ClientOrder,
  type ClientScope,
  type ClientStage,
  type HandoffCriterion,
  type HandoffRule,
  type RoutingClient,
  type RoutingConditions,
  type RoutingRule,
  type RoutingStrategy,
} from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClientFilter } from './dto/client.inputs';
import { handoffQuery, REBUILD_ORDER_AGGREGATES_SQL } from './handoff-sql';

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

/** A client a handoff rule moves, with the criterion values that fired and what routing needs. */
export interface FiringClient extends Pick<
  ClientRow,
  'id' | 'region' | 'industry' | 'ownershipForm' | 'channel' | 'vip' | 'annualPotential' | 'category' | 'stage' | 'ownerMemberId' | 'version'
> {
  values: Record<string, number | string>;
}

/** What a handoff sweep reads of each client it moves, beside the criterion values. */
const FIRING_COLUMNS = {
  region: 'c.region',
  industry: 'c.industry',
  ownershipForm: 'c.ownership_form',
  channel: 'c.channel',
  vip: 'c.vip',
  annualPotential: 'c.annual_potential::text',
  category: 'c.category',
  stage: 'c.stage',
  ownerMemberId: 'c.owner_member_id',
  version: 'c.version',
} as const satisfies Record<Exclude<keyof FiringClient, 'id' | 'values'>, string>;

/** One handoff move to execute: the stage and owner change and its assignment record. */
export interface HandoffWrite extends MoveWrite {
  fromMemberId: string | null;
  fromStage: ClientStage;
  ruleId: string;
  ruleName: string;
  criteria: Record<string, unknown>;
  reasons: string[];
}

/** One statement's worth of handoff moves, serialized (`prepareHandoffs`), ready for `writeHandoffs`. */
export interface PreparedHandoffs {
  count: number;
  params: unknown[];
}

export interface CandidateLoad {
  memberId: string;
  activeClients: number;
  potentialTotal: number;
}

/** A statement's parameters, the organization first: `p(value)` adds one and says its placeholder. */
function statement(organizationId: string): { params: unknown[]; p: (value: unknown) => string } {
  const params: unknown[] = [organizationId];
  return {
    params,
    p: (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/** The list filter as SQL conditions on `client c`; the owner and segment ones apart (a union of index ranges may replace them). */
function filterConditions(
  scope: ClientScope,
  filter: ClientFilter,
  p: (value: unknown) => string,
  include = { owner: true, segment: true },
): { where: string[]; owner: string[]; segment: string[] } {
  const where: string[] = ['c.organization_id = $1'];
  const owner: string[] = [];
  const segment: string[] = [];
  if (include.owner) {
    if (scope.kind === 'OWNERS') owner.push(`c.owner_member_id = ANY(${p(scope.memberIds)})`);
    if (filter.ownerIds?.length) owner.push(`c.owner_member_id = ANY(${p(filter.ownerIds)})`);
  }
  if (include.segment) {
    if (filter.stages?.length) segment.push(`c.stage = ANY(${p(filter.stages)})`);
    if (filter.categories?.length) segment.push(`c.category = ANY(${p(filter.categories)})`);
    if (filter.regions?.length) segment.push(`c.region = ANY(${p(filter.regions)})`);
  }
  if (filter.industries?.length) where.push(`c.industry = ANY(${p(filter.industries)})`);
  if (filter.channels?.length) where.push(`c.channel = ANY(${p(filter.channels)})`);
  if (filter.ownershipForms?.length) where.push(`c.ownership_form = ANY(${p(filter.ownershipForms)})`);
  if (filter.vip !== undefined && filter.vip !== null) where.push(`c.vip = ${p(filter.vip)}`);
  if (filter.potentialMin !== undefined && filter.potentialMin !== null) where.push(`c.annual_potential >= ${p(filter.potentialMin)}`);
  if (filter.potentialMax !== undefined && filter.potentialMax !== null) where.push(`c.annual_potential < ${p(filter.potentialMax)}`);
  if (filter.unowned) where.push('c.owner_member_id IS NULL');
  if (filter.search) where.push(`(lower(c.name) LIKE ${p(`%${filter.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`)} OR c.inn = ${p(filter.search)})`);
  return { where, owner, segment };
}

/** A record's whole chain of reasons: its own lines with the shared ones (`assignment_reasons s`) spliced in. */
const WHOLE_REASONS = `CASE WHEN a.shared_reasons_id IS NULL THEN a.reasons
  ELSE a.reasons[:a.shared_reasons_at] || s.lines || a.reasons[a.shared_reasons_at + 1:] END`;

/**
 * Splits chains of reasons into their first and last lines, kept on each record, and the
 * lines between, stored once per distinct run (`shared`, with ids) and pointed at: the whole
 * chain is `reasons[:sharedAt] || shared.lines || reasons[sharedAt + 1:]`. One instance
 * remembers the runs it has given out, so a sweep written in several statements stores each
 * run once: `share` returns only the runs not given out before.
 */
export class ReasonSharing {
  // a tree of the runs seen, one line per level (no key string built per chain)
  private readonly root: ReasonRun = { next: new Map(), set: null };

  share(chains: readonly (readonly string[])[]): {
    shared: { id: string; lines: string[] }[];
    own: { reasons: string[]; sharedId: string | null; sharedAt: number | null }[];
  } {
    const shared: { id: string; lines: string[] }[] = [];
    const own = chains.map((chain) => {
      if (chain.length <= 2) return { reasons: [...chain], sharedId: null, sharedAt: null };
      let run = this.root;
      for (let i = 1; i < chain.length - 1; i += 1) {
        let next = run.next.get(chain[i]);
        if (!next) {
          next = { next: new Map(), set: null };
          run.next.set(chain[i], next);
        }
        run = next;
      }
      if (!run.set) {
        run.set = { id: randomUUID(), lines: chain.slice(1, -1) };
        shared.push(run.set);
      }
      return { reasons: [chain[0], chain[chain.length - 1]], sharedId: run.set.id, sharedAt: 1 };
    });
    return { shared, own };
  }
}

interface ReasonRun {
  next: Map<string, ReasonRun>;
  set: { id: string; lines: string[] } | null;
}

/** `ReasonSharing` for one batch of chains. */
export function shareReasons(chains: readonly (readonly string[])[]): ReturnType<ReasonSharing['share']> {
  return new ReasonSharing().share(chains);
}

/** At most this many ordered index ranges make one page. */
const PAGE_RANGES_MAX = 32;

interface PageRange {
  owner?: string;
  region?: string;
  stage?: ClientStage;
  category?: number | null;
}

/**
 * The ordered index ranges whose union is the filtered list, when they are few: one per owner
 * (index on owner, lower(name), id), or one per region × stage × category (index on
 * organization, region, stage, category, lower(name), id; a stage or category not filtered
 * on counts as all of its values). Null when the list is better read in name order as a whole.
 */
function pageRanges(scope: ClientScope, filter: ClientFilter): PageRange[] | null {
  const scoped = scope.kind === 'OWNERS' ? scope.memberIds : null;
  const wanted = filter.ownerIds?.length ? filter.ownerIds : null;
  const owners = scoped && wanted ? wanted.filter((id) => scoped.includes(id)) : (wanted ?? scoped);
  if (owners) return owners.length > 0 && owners.length <= PAGE_RANGES_MAX ? [...new Set(owners)].map((owner) => ({ owner })) : null;
  if (!filter.regions?.length) return null;
  const stages: readonly ClientStage[] = filter.stages?.length ? [...new Set(filter.stages)] : CLIENT_STAGES;
  const categories: readonly (number | null)[] = filter.categories?.length ? [...new Set(filter.categories)] : [1, 2, 3, null];
  const regions = [...new Set(filter.regions)];
  if (regions.length * stages.length * categories.length > PAGE_RANGES_MAX) return null;
  const ranges: PageRange[] = [];
  for (const region of regions) for (const stage of stages) for (const category of categories) ranges.push({ region, stage, category });
  return ranges;
}

/** Clients, their orders and assignments; the row filter of who sees which client is applied here. */
@Injectable()
export class ClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /**
   * A filtered page in name order (keyset: lower(name), id) and the exact total count (or, with
   * `countLimit`, the count up to one past it), in two statements. When the filter names few
   * owners, or regions with few stage and category combinations, the page is a union of one
   * ordered index range per value (owner, or region × stage × category), each read only as far
   * as the page needs, so a page costs the same whether the filter matches a hundred clients or
   * a hundred thousand; the count reads the same indexes alone.
   */
  async page(
    organizationId: string,
    scope: ClientScope,
    filter: ClientFilter,
    first: number,
    after: { name: string; id: string } | null,
    countLimit: number | null = null,
  ): Promise<{ rows: ClientRow[]; totalCount: number }> {
    if (scope.kind === 'NONE') return { rows: [], totalCount: 0 };
    const count = statement(organizationId);
    const counted = filterConditions(scope, filter, count.p);
    const matching = `FROM client c WHERE ${[...counted.where, ...counted.owner, ...counted.segment].join(' AND ')}`;
    // with a limit, the count stops one past it (the caller then knows there are more)
    const countSql =
      countLimit === null ? `SELECT count(*)::int AS n ${matching}` : `SELECT count(*)::int AS n FROM (SELECT 1 ${matching} LIMIT ${count.p(countLimit + 1)}) x`;
    const ranges = filter.unowned ? null : pageRanges(scope, filter);
    const page = statement(organizationId);
    const p = page.p;
    // conditions a union of ranges replaces are left out (an unused parameter has no type)
    const { where, owner, segment } = filterConditions(scope, filter, p, {
      owner: !ranges,
      segment: !ranges || ranges[0].owner !== undefined,
    });
    const keyset = after ? [`(lower(c.name), c.id) > (${p(after.name)}, ${p(after.id)}::uuid)`] : [];
    const limit = p(first + 1);
    const pageSql = ranges
      ? `SELECT * FROM (${ranges
          .map((range) => {
            // an owner's range keeps the segment conditions; a segment range enumerates them (and has no owner conditions)
            const equal = [
              ...(range.owner !== undefined ? [`c.owner_member_id = ${p(range.owner)}::uuid`, ...segment] : []),
              range.region !== undefined ? `c.region = ${p(range.region)}` : null,
              range.stage !== undefined ? `c.stage = ${p(range.stage)}` : null,
              range.category === null ? 'c.category IS NULL' : range.category !== undefined ? `c.category = ${p(range.category)}::smallint` : null,
            ].filter((x): x is string => x !== null);
            return `(SELECT ${CLIENT_COLUMNS} FROM client c WHERE ${[...where, ...equal, ...keyset].join(' AND ')} ORDER BY lower(c.name), c.id LIMIT ${limit})`;
          })
          .join('\n UNION ALL ')}) c ORDER BY lower(c.name), c.id LIMIT ${limit}`
      : `SELECT ${CLIENT_COLUMNS} FROM client c WHERE ${[...where, ...owner, ...segment, ...keyset].join(' AND ')} ORDER BY lower(c.name), c.id LIMIT ${limit}`;
    const [rows, total] = await Promise.all([
      this.dataSource.query(pageSql, page.params) as Promise<ClientRow[]>,
      this.dataSource.query(countSql, count.params) as Promise<{ n: number }[]>,
    ]);
    return { rows, totalCount: total[0].n };
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

  /** Clients a handoff rule moves at `asOf`, with their rows: one set-based statement. */
  async firingClients(organizationId: string, rule: HandoffRule, asOf: string, tx?: EntityManager, clientIds?: readonly string[]): Promise<FiringClient[]> {
    // only what routing and the move need (a sweep reads tens of thousands of these), read with the criteria
    const { sql, params } = handoffQuery(organizationId, rule, asOf, clientIds, FIRING_COLUMNS);
    return this.db(tx).query(`SELECT client_id AS id, criteria_values AS "values", ${Object.keys(FIRING_COLUMNS).map((k) => `"${k}"`).join(', ')} FROM (${sql}) f ORDER BY client_id`, params);
  }

  /** The product lines each client bought (for routing rules on product lines). */
  async productLinesOf(ids: readonly string[], tx?: EntityManager): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows: { client_id: string; lines: string[] }[] = await this.db(tx).query(
      `SELECT o.client_id, array_agg(DISTINCT pr.product_line) AS lines
         FROM client_order o JOIN order_line ol ON ol.order_id = o.id JOIN product pr ON pr.id = ol.product_id
        WHERE o.client_id = ANY($1) AND pr.product_line <> ''
        GROUP BY o.client_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.client_id, r.lines]));
  }

  /** Recomputes the order aggregates of an organization's clients from their orders (after bulk loads). */
  async rebuildOrderAggregates(tx: EntityManager, organizationId: string): Promise<void> {
    for (const sql of REBUILD_ORDER_AGGREGATES_SQL) await tx.query(sql, [organizationId]);
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

  /**
   * Handoff moves in one statement: each client changes stage and owner only if it is still
   * at the version the decision was made on (the hunter of record is kept, set from the
   * owner when leaving PROSPECT), and every client that moved gets its assignment record.
   * The middle of each chain of reasons (the routing rules and the pool's skipped members,
   * the same for every client routed alike) is written once per distinct middle to
   * `assignment_reasons`; the record keeps its first and last lines (the rule that fired with
   * its values, the member chosen) and points at it. Returns the ids that moved.
   */
  async applyHandoffs(tx: EntityManager, organizationId: string, moves: HandoffWrite[], actorUserId: string | null, batchId: string | null): Promise<Set<string>> {
    return this.writeHandoffs(tx, this.prepareHandoffs(organizationId, moves, actorUserId, batchId, new ReasonSharing()));
  }

  /**
   * `applyHandoffs` in two halves, for a sweep that writes its moves in several statements: the
   * statement's parameters, built here (no database), and the statement. With one
   * `ReasonSharing` for all of a sweep's statements each shared run is stored once.
   */
  prepareHandoffs(organizationId: string, moves: readonly HandoffWrite[], actorUserId: string | null, batchId: string | null, sharing: ReasonSharing): PreparedHandoffs {
    const { shared, own } = sharing.share(moves.map((m) => m.reasons));
    // the moves travel as one JSON document: parsed once, no array literal to escape per value
    return {
      count: moves.length,
      params: [
        organizationId,
        JSON.stringify(
          moves.map((m, i) => ({
            client_id: m.clientId,
            expected_version: m.expectedVersion,
            to_stage: m.toStage,
            to_member_id: m.toMemberId,
            from_member_id: m.fromMemberId,
            from_stage: m.fromStage,
            rule_id: m.ruleId,
            rule_name: m.ruleName,
            criteria: m.criteria,
            reasons: own[i].reasons,
            shared_id: own[i].sharedId,
            shared_at: own[i].sharedAt,
          })),
        ),
        actorUserId,
        batchId,
        JSON.stringify(shared),
      ],
    };
  }

  async writeHandoffs(tx: EntityManager, prepared: PreparedHandoffs): Promise<Set<string>> {
    if (prepared.count === 0) return new Set();
    const rows: { id: string }[] = await tx.query(
      `WITH m AS (
         SELECT * FROM json_to_recordset($2::json)
           AS m(client_id uuid, expected_version int, to_stage text, to_member_id uuid, from_member_id uuid, from_stage text,
                rule_id uuid, rule_name text, criteria jsonb, reasons text[], shared_id uuid, shared_at smallint)),
       shared AS (
         INSERT INTO assignment_reasons (id, organization_id, lines)
         SELECT s.id, $1, s.lines FROM json_to_recordset($5::json) AS s(id uuid, lines text[])),
       moved AS (
         UPDATE client c SET
            stage = m.to_stage,
            stage_changed_at = CASE WHEN c.stage <> m.to_stage THEN now() ELSE c.stage_changed_at END,
            hunter_member_id = CASE WHEN c.stage IN ('LEAD', 'PROSPECT') AND m.to_stage NOT IN ('LEAD', 'PROSPECT')
                                    THEN coalesce(c.hunter_member_id, c.owner_member_id) ELSE c.hunter_member_id END,
            owner_member_id = m.to_member_id,
            owner_since = CASE WHEN c.owner_member_id IS DISTINCT FROM m.to_member_id THEN now() ELSE c.owner_since END,
            version = c.version + 1,
            updated_at = now()
           FROM m
          WHERE c.id = m.client_id AND c.version = m.expected_version
          RETURNING c.id),
       audit AS (
         INSERT INTO assignment_record (organization_id, client_id, kind, from_member_id, to_member_id, from_stage, to_stage,
                                        rule_id, rule_name, criteria, reasons, shared_reasons_id, shared_reasons_at, actor_user_id, batch_id)
         SELECT $1, m.client_id, 'HANDOFF', m.from_member_id, m.to_member_id, m.from_stage, m.to_stage,
                m.rule_id, m.rule_name, m.criteria, m.reasons, m.shared_id, m.shared_at, $3, $4
           FROM m JOIN moved ON moved.id = m.client_id
          ORDER BY m.client_id)
       SELECT id FROM moved`,
      prepared.params,
    );
    return new Set(rows.map((r) => r.id));
  }

  async assignmentHistory(clientId: string): Promise<
    { id: string; kind: string; fromMemberId: string | null; toMemberId: string | null; fromStage: ClientStage | null; toStage: ClientStage | null; ruleName: string | null; criteria: Record<string, unknown> | null; reasons: string[]; actorName: string | null; at: Date; clientId: string }[]
  > {
    return this.dataSource.query(
      `SELECT a.id::text, a.kind, a.from_member_id AS "fromMemberId", a.to_member_id AS "toMemberId", a.from_stage AS "fromStage",
              a.to_stage AS "toStage", a.rule_name AS "ruleName", a.criteria, ${WHOLE_REASONS} AS reasons, u.name AS "actorName", a.at, a.client_id AS "clientId"
         FROM assignment_record a LEFT JOIN app_user u ON u.id = a.actor_user_id LEFT JOIN assignment_reasons s ON s.id = a.shared_reasons_id
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

  /** Records an order with its lines and keeps the monthly rollup and the client's order aggregates in the same transaction. */
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
    // the client's order aggregates (not its version: an order is not an edit of the client)
    await tx.query(
      `UPDATE client SET order_count = order_count + 1, order_volume = order_volume + $3,
              first_order_on = least(first_order_on, $2::date), last_order_on = greatest(last_order_on, $2::date)
        WHERE id = $1`,
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
