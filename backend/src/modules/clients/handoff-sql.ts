import type { HandoffCriterion, HandoffRule } from '@salescircle/shared';

export interface HandoffQuery {
  sql: string;
  params: unknown[];
}

/**
 * Rebuilds the order aggregates of an organization's clients from their orders: the
 * per-client count, volume, first and last order date on `client`, and the monthly rollup
 * `client_month`, and the territories' months `region_month` from them. `insertOrder` keeps
 * them up to date order by order; this is for bulk loads (the demo seed, the benchmark
 * generator, tests that insert orders directly).
 * $1 is the organization.
 */
export const REBUILD_ORDER_AGGREGATES_SQL = [
  `DELETE FROM client_month m USING client c WHERE c.id = m.client_id AND c.organization_id = $1`,
  `INSERT INTO client_month (client_id, month, total, orders)
   SELECT client_id, date_trunc('month', ordered_on)::date, sum(total), count(*) FROM client_order WHERE organization_id = $1 GROUP BY 1, 2`,
  `UPDATE client c SET order_count = coalesce(a.n, 0), order_volume = coalesce(a.volume, 0), first_order_on = a.first_on, last_order_on = a.last_on
     FROM client x LEFT JOIN (SELECT client_id, count(*)::int AS n, sum(total) AS volume, min(ordered_on) AS first_on, max(ordered_on) AS last_on
                                FROM client_order WHERE organization_id = $1 GROUP BY client_id) a ON a.client_id = x.id
    WHERE x.organization_id = $1 AND c.id = x.id
      AND (c.order_count, c.order_volume, c.first_order_on, c.last_order_on) IS DISTINCT FROM (coalesce(a.n, 0), coalesce(a.volume, 0), a.first_on, a.last_on)`,
  // the territories' months (migration 1763900000021) from the clients' months and first orders
  `SELECT rebuild_region_month($1)`,
];

/**
 * One set-based statement per handoff rule: every client of the organization in the
 * rule's from-stage whose criteria hold at `asOf`, with the criterion values, exactly as
 * `evaluateHandoff` in shared/ decides them (a property test holds the two together).
 *
 * It reads the per-client order aggregates (count, volume, first and last order date) and
 * the monthly rollup instead of the orders: a cheap necessary condition per criterion
 * (an upper bound: the window's volume is at most the total volume, …) narrows the
 * clients first, then the exact values come from the aggregates when they describe
 * exactly the orders up to `asOf` (no order after it, the window covers every order), and
 * from that client's orders otherwise.
 */
export function handoffQuery(
  organizationId: string,
  rule: HandoffRule,
  asOf: string,
  clientIds?: readonly string[],
  passThrough: Readonly<Record<string, string>> = {},
): HandoffQuery {
  const params: unknown[] = [organizationId, rule.fromStage];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // asOf, as a parameter only when a criterion reads it (a parameter no statement uses has no type)
  let asOfParam: string | null = null;
  const at = () => (asOfParam ??= `${p(asOf)}::date`);
  // the aggregates cover exactly the orders up to asOf
  const upToAsOf = () => `(c.last_order_on IS NULL OR c.last_order_on <= ${at()})`;
  const columns: string[] = [];
  const narrow: string[] = [];
  const conditions: string[] = [];
  const values: string[] = [];
  rule.criteria.forEach((criterion: HandoffCriterion, i) => {
    const col = `k${i}`;
    switch (criterion.kind) {
      case 'ORDER_COUNT': {
        const min = `${p(criterion.min)}::numeric`;
        columns.push(`CASE WHEN ${upToAsOf()} THEN c.order_count::bigint
                      ELSE (SELECT count(*) FROM client_order o WHERE o.client_id = c.id AND o.ordered_on <= ${at()}) END AS ${col}`);
        narrow.push(`c.order_count >= ${min}`);
        conditions.push(`${col} >= ${min}`);
        values.push(`'orders', ${col}`);
        break;
      }
      case 'VOLUME': {
        const min = `${p(criterion.min)}::numeric`;
        if (criterion.windowDays) {
          const since = `(${at()} - ${p(criterion.windowDays - 1)}::int)`;
          columns.push(`CASE WHEN c.last_order_on IS NULL OR c.last_order_on < ${since} THEN 0::numeric
                             WHEN c.first_order_on >= ${since} AND c.last_order_on <= ${at()} THEN c.order_volume
                        ELSE (SELECT coalesce(sum(o.total), 0) FROM client_order o
                               WHERE o.client_id = c.id AND o.ordered_on >= ${since} AND o.ordered_on <= ${at()}) END AS ${col}`);
          // decided here when the minimum is not positive (every client then qualifies), so the planner sees the plain condition
          narrow.push(criterion.min <= 0 ? 'true' : `(c.order_volume >= ${min} AND c.last_order_on >= ${since})`);
        } else {
          columns.push(`CASE WHEN ${upToAsOf()} THEN c.order_volume
                        ELSE (SELECT coalesce(sum(o.total), 0) FROM client_order o WHERE o.client_id = c.id AND o.ordered_on <= ${at()}) END AS ${col}`);
          narrow.push(`c.order_volume >= ${min}`);
        }
        conditions.push(`${col} >= ${min}`);
        values.push(`'${criterion.windowDays ? `volume${criterion.windowDays}d` : 'volume'}', ${col}`);
        break;
      }
      case 'PRODUCT_PURCHASED': {
        const products = p((criterion.products ?? []).map((x) => x.toLowerCase()));
        const lines = p((criterion.productLines ?? []).map((x) => x.toLowerCase()));
        columns.push(`(SELECT min(hit COLLATE "C") FROM (
            SELECT pr.name AS hit FROM client_order o2 JOIN order_line ol ON ol.order_id = o2.id JOIN product pr ON pr.id = ol.product_id
             WHERE o2.client_id = c.id AND o2.ordered_on <= ${at()} AND lower(pr.name) = ANY(${products})
            UNION ALL
            SELECT pr.product_line FROM client_order o2 JOIN order_line ol ON ol.order_id = o2.id JOIN product pr ON pr.id = ol.product_id
             WHERE o2.client_id = c.id AND o2.ordered_on <= ${at()} AND lower(pr.product_line) = ANY(${lines})) hits) AS ${col}`);
        // the buyers, found from the products' side in one pass
        narrow.push(`c.id IN (SELECT o2.client_id FROM product pr JOIN order_line ol ON ol.product_id = pr.id JOIN client_order o2 ON o2.id = ol.order_id
                               WHERE (lower(pr.name) = ANY(${products}) OR lower(pr.product_line) = ANY(${lines})) AND o2.ordered_on <= ${at()})`);
        conditions.push(`${col} IS NOT NULL`);
        values.push(`'purchased', coalesce(${col}, '')`);
        break;
      }
      case 'MIN_MONTHLY': {
        const months = criterion.months;
        if (months <= 0) {
          columns.push(`0::numeric AS ${col}`);
          narrow.push('false');
          conditions.push('false');
        } else {
          // the complete calendar months before asOf's month: every order in them is before asOf
          const first = `(date_trunc('month', ${at()}) - interval '${months} month')::date`;
          const end = `date_trunc('month', ${at()})::date`;
          const min = `${p(criterion.min)}::numeric`;
          // a month without a rollup row totals 0, and totals are never negative
          columns.push(`(SELECT CASE WHEN count(*) = ${months} THEN min(m.total) ELSE 0::numeric END
                           FROM client_month m WHERE m.client_id = c.id AND m.month >= ${first} AND m.month < ${end}) AS ${col}`);
          // a plain IN when the minimum is positive (else every client qualifies): the planner can then start from the few
          // clients the rollup names instead of filtering every client of the stage by it
          narrow.push(
            criterion.min <= 0
              ? 'true'
              : `c.id IN (SELECT m.client_id FROM client_month m
                           WHERE m.month >= ${first} AND m.month < ${end} AND m.total >= ${min}
                           GROUP BY m.client_id HAVING count(*) = ${months})`,
          );
          conditions.push(`${col} >= ${min}`);
        }
        values.push(`'minMonthly${months}m', ${col}`);
        break;
      }
      case 'POTENTIAL': {
        const min = `${p(criterion.min)}::numeric`;
        columns.push(`c.annual_potential AS ${col}`);
        narrow.push(`c.annual_potential >= ${min}`);
        conditions.push(`${col} >= ${min}`);
        values.push(`'potential', ${col}`);
        break;
      }
    }
  });
  // columns of the client the caller wants beside the values (name → expression over c), read in the same pass
  const passed = Object.entries(passThrough);
  if (!rule.active || columns.length === 0) {
    return { sql: `SELECT ${['NULL::uuid AS client_id', 'NULL::jsonb AS criteria_values', ...passed.map(([name]) => `NULL AS "${name}"`)].join(', ')} WHERE false`, params: [] };
  }
  const joiner = rule.combinator === 'ALL' ? ' AND ' : ' OR ';
  const only = clientIds ? ` AND c.id = ANY(${p(clientIds)})` : '';
  const sql = `
    SELECT client_id, jsonb_build_object(${values.join(', ')}) AS criteria_values${passed.map((_, i) => `, x${i} AS "${passed[i][0]}"`).join('')}
      FROM (
        SELECT c.id AS client_id, ${[...columns, ...passed.map(([, expression], i) => `${expression} AS x${i}`)].join(',\n               ')}
          FROM client c
         WHERE c.organization_id = $1 AND c.stage = $2${only}
           AND (${narrow.map((n) => `(${n})`).join(joiner)})
      ) facts
     WHERE ${conditions.map((c) => `(${c})`).join(joiner)}
     ORDER BY client_id`;
  return { sql, params };
}
