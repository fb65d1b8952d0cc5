/**
 * Progress of sales processes, as units per process and day (in the organization's time
 * zone), from real data since the process started (its own start, else its sprint's, else
 * its creation):
 * - CALLS / MEETINGS: activities of that kind that name the process; plus, not naming any
 *   process, those on its linked clients, or when it links no clients, those of its owners;
 * - FIRST_ORDERS: linked clients whose first order ever falls on or after the start;
 * - ORDER_AMOUNT: roubles ordered by linked clients since the start;
 * - DEALS_WON: linked deals won since the start;
 * - every kind: units counted by hand (PROGRESS_COUNTED events).
 * Each branch walks an index from the few processes asked for (LATERAL with OFFSET 0 keeps the
 * planner from turning a per-owner index range into a scan of all activities).
 * $1: process ids, $2: time zone.
 */
export const PROGRESS_INCREMENTS_SQL = `
WITH p AS (
  SELECT sp.id, sp.organization_id, sp.target_kind,
         CASE sp.target_kind WHEN 'CALLS' THEN 'CALL' WHEN 'MEETINGS' THEN 'MEETING' END AS activity_kind,
         array_remove(array_prepend(sp.owner_member_id, sp.co_owner_ids), NULL) AS owners,
         coalesce(sp.starts_on, s.starts_on, (sp.created_at AT TIME ZONE $2)::date) AS since,
         EXISTS (SELECT 1 FROM process_client pc WHERE pc.process_id = sp.id) AS has_clients
    FROM sales_process sp LEFT JOIN sprint s ON s.id = sp.sprint_id
   WHERE sp.id = ANY($1::uuid[])
), units AS (
  SELECT p.id, (a.at AT TIME ZONE $2)::date AS day, 1::numeric AS units
    FROM p JOIN activity a ON a.process_id = p.id AND a.kind = p.activity_kind AND a.at >= (p.since::timestamp AT TIME ZONE $2)
  UNION ALL
  SELECT p.id, x.day, 1
    FROM p JOIN process_client pc ON pc.process_id = p.id
    CROSS JOIN LATERAL (SELECT (a.at AT TIME ZONE $2)::date AS day FROM activity a
                         WHERE a.client_id = pc.client_id AND a.at >= (p.since::timestamp AT TIME ZONE $2) AND a.process_id IS NULL AND a.kind = p.activity_kind
                        OFFSET 0) x
   WHERE p.activity_kind IS NOT NULL AND p.has_clients
  UNION ALL
  SELECT p.id, x.day, 1
    FROM p CROSS JOIN LATERAL unnest(p.owners) AS o(member_id)
    CROSS JOIN LATERAL (SELECT (a.at AT TIME ZONE $2)::date AS day FROM activity a
                         WHERE a.owner_member_id = o.member_id AND a.at >= (p.since::timestamp AT TIME ZONE $2)
                           AND a.process_id IS NULL AND a.kind = p.activity_kind
                        OFFSET 0) x
   WHERE p.activity_kind IS NOT NULL AND NOT p.has_clients
  UNION ALL
  SELECT p.id, f.first_on, 1
    FROM p JOIN process_client pc ON pc.process_id = p.id
    CROSS JOIN LATERAL (SELECT min(o.ordered_on) AS first_on FROM client_order o WHERE o.client_id = pc.client_id) f
   WHERE p.target_kind = 'FIRST_ORDERS' AND f.first_on >= p.since
  UNION ALL
  SELECT p.id, x.ordered_on, x.total
    FROM p JOIN process_client pc ON pc.process_id = p.id
    CROSS JOIN LATERAL (SELECT o.ordered_on, o.total FROM client_order o WHERE o.client_id = pc.client_id AND o.ordered_on >= p.since OFFSET 0) x
   WHERE p.target_kind = 'ORDER_AMOUNT'
  UNION ALL
  SELECT p.id, d.closed_on, 1
    FROM p JOIN process_deal pd ON pd.process_id = p.id
    JOIN deal d ON d.id = pd.deal_id AND d.closed_on >= p.since
    JOIN pipeline_stage st ON st.id = d.stage_id AND st.kind = 'WON'
   WHERE p.target_kind = 'DEALS_WON'
  UNION ALL
  SELECT e.process_id, (e.at AT TIME ZONE $2)::date, e.units
    FROM process_event e JOIN p ON p.id = e.process_id
   WHERE e.kind = 'PROGRESS_COUNTED'
)
SELECT id AS "processId", day::text AS day, sum(units)::float8 AS units FROM units GROUP BY id, day ORDER BY id, day`;

/**
 * The same progress as one total per process (the board needs no days): the activity
 * branches count index entries instead of returning a row per activity. Held equal to the
 * sum of PROGRESS_INCREMENTS_SQL by a test. `processIds` and `organizationId` are SQL expressions
 * (parameters or a subquery), so the board can run it inside its own statement.
 */
export function progressTotalsSql(processIds: string, organizationId: string): string {
  return `
WITH z AS (SELECT timezone AS tz FROM organization WHERE id = ${organizationId}), p AS (
  SELECT sp.id, sp.organization_id, sp.target_kind,
         CASE sp.target_kind WHEN 'CALLS' THEN 'CALL' WHEN 'MEETINGS' THEN 'MEETING' END AS activity_kind,
         array_remove(array_prepend(sp.owner_member_id, sp.co_owner_ids), NULL) AS owners,
         (coalesce(sp.starts_on, s.starts_on, (sp.created_at AT TIME ZONE z.tz)::date)::timestamp AT TIME ZONE z.tz) AS since_at,
         coalesce(sp.starts_on, s.starts_on, (sp.created_at AT TIME ZONE z.tz)::date) AS since,
         EXISTS (SELECT 1 FROM process_client pc WHERE pc.process_id = sp.id) AS has_clients
    FROM sales_process sp CROSS JOIN z LEFT JOIN sprint s ON s.id = sp.sprint_id
   WHERE sp.id = ANY(${processIds})
), units AS (
  SELECT p.id, (SELECT count(*) FROM activity a WHERE a.process_id = p.id AND a.kind = p.activity_kind AND a.at >= p.since_at)::numeric AS units
    FROM p WHERE p.activity_kind IS NOT NULL
  UNION ALL
  SELECT p.id, (SELECT count(*) FROM activity a WHERE a.client_id = pc.client_id AND a.at >= p.since_at AND a.process_id IS NULL AND a.kind = p.activity_kind)
    FROM p JOIN process_client pc ON pc.process_id = p.id
   WHERE p.activity_kind IS NOT NULL AND p.has_clients
  UNION ALL
  SELECT p.id, (SELECT count(*) FROM activity a WHERE a.owner_member_id = o.member_id AND a.kind = p.activity_kind AND a.at >= p.since_at AND a.process_id IS NULL)
    FROM p CROSS JOIN LATERAL unnest(p.owners) AS o(member_id)
   WHERE p.activity_kind IS NOT NULL AND NOT p.has_clients
  UNION ALL
  SELECT p.id, 1
    FROM p JOIN process_client pc ON pc.process_id = p.id
    CROSS JOIN LATERAL (SELECT min(o.ordered_on) AS first_on FROM client_order o WHERE o.client_id = pc.client_id) f
   WHERE p.target_kind = 'FIRST_ORDERS' AND f.first_on >= p.since
  UNION ALL
  SELECT p.id, (SELECT coalesce(sum(o.total), 0) FROM client_order o WHERE o.client_id = pc.client_id AND o.ordered_on >= p.since)
    FROM p JOIN process_client pc ON pc.process_id = p.id
   WHERE p.target_kind = 'ORDER_AMOUNT'
  UNION ALL
  SELECT p.id, 1
    FROM p JOIN process_deal pd ON pd.process_id = p.id
    JOIN deal d ON d.id = pd.deal_id AND d.closed_on >= p.since
    JOIN pipeline_stage st ON st.id = d.stage_id AND st.kind = 'WON'
   WHERE p.target_kind = 'DEALS_WON'
  UNION ALL
  SELECT e.process_id, e.units
    FROM process_event e JOIN p ON p.id = e.process_id
   WHERE e.kind = 'PROGRESS_COUNTED'
)
SELECT id AS "processId", sum(units)::float8 AS units FROM units GROUP BY id`;
}

/** $1: process ids, $2: organization id. */
export const PROGRESS_TOTALS_SQL = progressTotalsSql('$1::uuid[]', '$2::uuid');
