import { Injectable } from '@nestjs/common';
import { isOneWholeMonth, isWholeMonthSpan } from '@salescircle/shared';
import { ReadReplica } from '../../database/read-replica';

export interface MemberPlaceRow {
  memberId: string;
  stageRole: string | null;
  category: number | null;
  /** Teams the member belongs to or leads. */
  teams: { id: string; name: string }[];
}

/**
 * Figures across the matrix (issue 6): the scope of the cross roles (a product manager's
 * products, a territory manager's regions) over all reps, and where people sit (teams, stage
 * role, client category) for the forecast roll-ups. Each method is one grouped statement over
 * many members; the KPI path's are prepared (planning the scope statements cost more than
 * running them).
 */
export interface RegionFigures {
  revenue: number;
  activeClients: number;
  newClients: number;
}

export interface ProductFigures {
  revenue: number;
  orders: number;
  clients: number;
  /** The organization's order-line revenue of the period (the product share's denominator). */
  totalRevenue: number;
}

/** Each territory manager's regions, one list per manager (lower-cased, trimmed). */
const REGION_SCOPE = `WITH scope AS (
         SELECT cr.member_id, cr.organization_id, array_agg(DISTINCT lower(btrim(r))) AS regions
           FROM cross_role cr CROSS JOIN LATERAL unnest(cr.regions) r
          WHERE cr.member_id = ANY($1::uuid[]) AND cr.kind = 'TERRITORY_MANAGER'
          GROUP BY cr.member_id, cr.organization_id
       )`;

@Injectable()
export class MatrixRepository {
  constructor(private readonly replica: ReadReplica) {}

  /**
   * Per product manager, the order lines in the period of their products (those whose name or
   * product line a PRODUCT_MANAGER cross role names, case-insensitively; a product counted once
   * however many entries match it), whoever sold them: revenue, orders and clients; and the
   * organization's revenue over all order lines of the period (for the share). One calendar
   * month (a month's KPIs, the dashboard) reads the managers' month rows (migration
   * 1763900000022): at the issue's scale a product line's lines of a month are ~330,000, counted
   * distinct by order and by client (0.96 s). Other periods read the lines.
   */
  async productScopeMetrics(memberIds: readonly string[], from: string, to: string): Promise<Map<string, ProductFigures>> {
    return this.productFigures(memberIds, from, to, isOneWholeMonth(from, to) ? 'months' : 'lines');
  }

  /**
   * The same figures from the order lines, for any period (test/api/kpi-rollup.spec.ts holds the
   * two equal over months; orders and clients of several months are not a sum of months). They
   * read the order lines' own day (migration 1763900000014). A product's lines are read by
   * product and day alone (a covering index range, no heap): they are its organization's lines,
   * since an order takes only products of its own organization (recordOrder, the imports);
   * asking for the organization as well had the planner read the whole month's lines of the
   * organization instead (4.8 -> 1.6 ms).
   */
  async productScopeMetricsFromLines(memberIds: readonly string[], from: string, to: string): Promise<Map<string, ProductFigures>> {
    return this.productFigures(memberIds, from, to, 'lines');
  }

  /**
   * The managers' figures from their month rows (one calendar month) or their products' lines,
   * with the organization's line revenue of the period: over whole months from the per-product
   * month rows (migration 1763900000019), else from the per-product day rows (1763900000026). A manager matching no product has
   * no entry; one whose products sold nothing has zeros. Who manages which product is
   * `product_scope` (migration 1763900000022), kept by triggers from the cross roles and products.
   */
  private async productFigures(memberIds: readonly string[], from: string, to: string, source: 'months' | 'lines'): Promise<Map<string, ProductFigures>> {
    if (memberIds.length === 0) return new Map();
    const figures =
      source === 'months'
        ? `SELECT member_id, revenue, orders, clients FROM product_scope_month WHERE member_id IN (SELECT member_id FROM scope) AND month = $2::date`
        : // per manager, the lines' revenue, distinct orders and distinct clients each its own index range and hashed distinct: one
          // grouped count(DISTINCT …) of both sorted every line twice (a product line's two-week sprint at scale 1: 78k lines, 125 → 66 ms)
          `SELECT m.member_id, r.revenue, o.orders, c.clients
             FROM (SELECT DISTINCT member_id FROM scope) m
             CROSS JOIN LATERAL (SELECT sum(ol.amount) AS revenue FROM scope s JOIN order_line ol ON ol.product_id = s.product_id AND ol.ordered_on BETWEEN $2::date AND $3::date WHERE s.member_id = m.member_id) r
             CROSS JOIN LATERAL (SELECT count(*) AS orders FROM (SELECT DISTINCT ol.order_id FROM scope s JOIN order_line ol ON ol.product_id = s.product_id AND ol.ordered_on BETWEEN $2::date AND $3::date WHERE s.member_id = m.member_id) x) o
             CROSS JOIN LATERAL (SELECT count(*) AS clients FROM (SELECT DISTINCT ol.client_id FROM scope s JOIN order_line ol ON ol.product_id = s.product_id AND ol.ordered_on BETWEEN $2::date AND $3::date WHERE s.member_id = m.member_id) x) c`;
    const total = isWholeMonthSpan(from, to)
      ? `SELECT pm.organization_id, sum(pm.amount) AS revenue
           FROM product_month pm
          WHERE pm.organization_id IN (SELECT organization_id FROM scope) AND pm.month BETWEEN $2::date AND $3::date
          GROUP BY pm.organization_id`
      : // any other span: a row per product and day (migration 1763900000026), not every line of those days
        `SELECT pd.organization_id, sum(pd.amount) AS revenue
           FROM product_day pd
          WHERE pd.organization_id IN (SELECT organization_id FROM scope) AND pd.day BETWEEN $2::date AND $3::date
          GROUP BY pd.organization_id`;
    const rows = await this.replica.prepared<{ memberId: string } & ProductFigures>(
      `WITH scope AS (
         SELECT member_id, organization_id, product_id FROM product_scope WHERE member_id = ANY($1::uuid[])
       ), figures AS (${figures}), total AS (${total})
       SELECT m.member_id AS "memberId", coalesce(f.revenue, 0)::float8 AS revenue, coalesce(f.orders, 0)::float8 AS orders,
              coalesce(f.clients, 0)::float8 AS clients, coalesce(total.revenue, 0)::float8 AS "totalRevenue"
         FROM (SELECT DISTINCT member_id, organization_id FROM scope) m
         LEFT JOIN figures f ON f.member_id = m.member_id
         LEFT JOIN total ON total.organization_id = m.organization_id`,
      [memberIds, from, to],
    );
    return new Map(rows.map(({ memberId, ...r }) => [memberId, r]));
  }

  /**
   * Per territory manager, the orders in the period of clients in their regions (client.region,
   * case-insensitively), whoever sold them: revenue, active clients (at least one order in the
   * period) and new clients (their first order ever fell in the period). One calendar month (a
   * month's KPIs, the dashboard) reads the territories' month rows (migration 1763900000021):
   * at a million clients three regions' orders of a month took 1.5–3.1 s. Other periods read the
   * orders (below): active clients of several months are not a sum of months.
   */
  async regionScopeMetrics(memberIds: readonly string[], from: string, to: string): Promise<Map<string, RegionFigures>> {
    if (memberIds.length === 0) return new Map();
    if (!isOneWholeMonth(from, to)) return this.regionScopeMetricsFromOrders(memberIds, from, to);
    // one calendar month: a row per region (migration 1763900000021); a manager with no client ordering in it has no row, as below
    const rows = await this.replica.prepared<{ memberId: string } & RegionFigures>(
      `${REGION_SCOPE}
       SELECT s.member_id AS "memberId", sum(r.revenue)::float8 AS revenue, sum(r.active_clients)::float8 AS "activeClients", sum(r.new_clients)::float8 AS "newClients"
         FROM scope s
         JOIN region_month r ON r.organization_id = s.organization_id AND r.region_key = ANY(s.regions) AND r.month = $2::date
        GROUP BY s.member_id
       HAVING sum(r.active_clients) > 0`,
      [memberIds, from],
    );
    return new Map(rows.map(({ memberId, ...r }) => [memberId, r]));
  }

  /**
   * The same figures from the clients and their orders, for any period (test/api/kpi-rollup.spec.ts
   * holds the two equal over months). The client's order aggregates (first and last order day,
   * kept with every order by insertOrder, rebuilt after bulk loads) decide without a probe: a
   * client whose last order is before the period or whose first is after it has no order in it,
   * and a client with one is new when its first order ever is in the period. Only the others'
   * orders are read. A manager's regions are one list (a client matches by its one region).
   */
  async regionScopeMetricsFromOrders(memberIds: readonly string[], from: string, to: string): Promise<Map<string, RegionFigures>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.replica.prepared<{ memberId: string } & RegionFigures>(
      `${REGION_SCOPE}
       SELECT s.member_id AS "memberId", sum(o.total)::float8 AS revenue, count(DISTINCT o.client_id)::float8 AS "activeClients",
              count(DISTINCT o.client_id) FILTER (WHERE c.first_order_on >= $2::date)::float8 AS "newClients"
         FROM scope s
         JOIN client c ON c.organization_id = s.organization_id AND lower(c.region) = ANY(s.regions) AND c.region IS NOT NULL
                      AND c.last_order_on >= $2::date AND c.first_order_on <= $3::date
         JOIN client_order o ON o.client_id = c.id AND o.ordered_on BETWEEN $2::date AND $3::date
        GROUP BY s.member_id`,
      [memberIds, from, to],
    );
    return new Map(rows.map(({ memberId, ...r }) => [memberId, r]));
  }

  /** Where each member sits: stage role, category and the teams they belong to or lead (by name). */
  async placesOfMembers(memberIds: readonly string[]): Promise<MemberPlaceRow[]> {
    if (memberIds.length === 0) return [];
    return this.replica.query(
      `SELECT m.id AS "memberId", m.stage_role AS "stageRole", m.category::int AS category,
              coalesce(jsonb_agg(DISTINCT jsonb_build_object('id', t.id, 'name', t.name)) FILTER (WHERE t.id IS NOT NULL), '[]'::jsonb) AS teams
         FROM member m
         LEFT JOIN (SELECT member_id, team_id FROM team_member WHERE member_id = ANY($1::uuid[]) UNION SELECT lead_id, id FROM team WHERE lead_id = ANY($1::uuid[])) x ON x.member_id = m.id
         LEFT JOIN team t ON t.id = x.team_id
        WHERE m.id = ANY($1::uuid[])
        GROUP BY m.id`,
      [memberIds],
    );
  }
}
