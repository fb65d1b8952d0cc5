import type { HandoffCriterion, HandoffRule } from '@salescircle/shared';

export interface HandoffQuery {
  sql: string;
  params: unknown[];
}

/**
 * One set-based statement per handoff rule: every client of the organization in the
 * rule's from-stage whose criteria hold at `asOf`, with the criterion values, exactly as
 * `evaluateHandoff` in shared/ decides them (a property test holds the two together).
 */
export function handoffQuery(organizationId: string, rule: HandoffRule, asOf: string, clientIds?: readonly string[]): HandoffQuery {
  const params: unknown[] = [organizationId, rule.fromStage, asOf];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const columns: string[] = [];
  const conditions: string[] = [];
  const values: string[] = [];
  rule.criteria.forEach((criterion: HandoffCriterion, i) => {
    const col = `k${i}`;
    switch (criterion.kind) {
      case 'ORDER_COUNT':
        columns.push(`count(o.id) AS ${col}`);
        conditions.push(`${col} >= ${p(criterion.min)}`);
        values.push(`'orders', ${col}`);
        break;
      case 'VOLUME': {
        const window = criterion.windowDays ? ` FILTER (WHERE o.ordered_on >= $3::date - ${p(criterion.windowDays - 1)}::int)` : '';
        columns.push(`coalesce(sum(o.total)${window}, 0) AS ${col}`);
        conditions.push(`${col} >= ${p(criterion.min)}`);
        values.push(`'${criterion.windowDays ? `volume${criterion.windowDays}d` : 'volume'}', ${col}`);
        break;
      }
      case 'PRODUCT_PURCHASED': {
        const products = p((criterion.products ?? []).map((x) => x.toLowerCase()));
        const lines = p((criterion.productLines ?? []).map((x) => x.toLowerCase()));
        columns.push(`(SELECT min(hit COLLATE "C") FROM (
            SELECT pr.name AS hit FROM client_order o2 JOIN order_line ol ON ol.order_id = o2.id JOIN product pr ON pr.id = ol.product_id
             WHERE o2.client_id = c.id AND o2.ordered_on <= $3::date AND lower(pr.name) = ANY(${products})
            UNION ALL
            SELECT pr.product_line FROM client_order o2 JOIN order_line ol ON ol.order_id = o2.id JOIN product pr ON pr.id = ol.product_id
             WHERE o2.client_id = c.id AND o2.ordered_on <= $3::date AND lower(pr.product_line) = ANY(${lines})) hits) AS ${col}`);
        conditions.push(`${col} IS NOT NULL`);
        values.push(`'purchased', coalesce(${col}, '')`);
        break;
      }
      case 'MIN_MONTHLY': {
        const months = Array.from({ length: criterion.months }, (_, k) => {
          const start = `(date_trunc('month', $3::date) - interval '${k + 1} month')::date`;
          const end = `(date_trunc('month', $3::date) - interval '${k} month')::date`;
          return `coalesce(sum(o.total) FILTER (WHERE o.ordered_on >= ${start} AND o.ordered_on < ${end}), 0)`;
        });
        columns.push(months.length > 0 ? `least(${months.join(', ')}) AS ${col}` : `0::numeric AS ${col}`);
        conditions.push(months.length > 0 ? `${col} >= ${p(criterion.min)}` : 'false');
        values.push(`'minMonthly${criterion.months}m', ${col}`);
        break;
      }
      case 'POTENTIAL':
        columns.push(`c.annual_potential AS ${col}`);
        conditions.push(`${col} >= ${p(criterion.min)}`);
        values.push(`'potential', ${col}`);
        break;
    }
  });
  if (!rule.active || columns.length === 0) return { sql: 'SELECT NULL::uuid AS client_id, NULL::jsonb AS criteria_values WHERE false', params: [] };
  const joiner = rule.combinator === 'ALL' ? ' AND ' : ' OR ';
  const only = clientIds ? ` AND c.id = ANY(${p(clientIds)})` : '';
  const sql = `
    SELECT client_id, jsonb_build_object(${values.join(', ')}) AS criteria_values
      FROM (
        SELECT c.id AS client_id, ${columns.join(',\n               ')}
          FROM client c
          LEFT JOIN client_order o ON o.client_id = c.id AND o.ordered_on <= $3::date
         WHERE c.organization_id = $1 AND c.stage = $2${only}
         GROUP BY c.id
      ) facts
     WHERE ${conditions.map((c) => `(${c})`).join(joiner)}
     ORDER BY client_id`;
  return { sql, params };
}
