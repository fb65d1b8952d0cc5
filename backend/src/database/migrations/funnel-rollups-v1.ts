/**
 * The funnel rollups' SQL as migrations 0007 and 0010 created them: one owner key and an ALL
 * row per deal, no slices. Frozen here so those migrations build the tables they always built;
 * migration 0020 (funnel slices) moves to the SQL in analytics.repository.ts.
 */
/**
 * Rebuilds the funnel rollups from the deals in two set-based statements (after a bulk load
 * with the row triggers off, and in the migration): the same figures the triggers keep.
 */
export const REBUILD_DEAL_ROLLUPS_V1_SQL = [
  'TRUNCATE deal_rollup, deal_win_days',
  `INSERT INTO deal_rollup (pipeline_id, stage_id, owner_key, started_month, deals, amount, reached)
   SELECT pipeline_id, stage_id, owner_key, started_month, sum(deals), sum(amount), sum(reached)
     FROM (SELECT d.pipeline_id, d.stage_id, o.key AS owner_key, date_trunc('month', d.started_on)::date AS started_month, 1 AS deals, d.amount, 0 AS reached
             FROM deal d CROSS JOIN LATERAL (VALUES (coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid)), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) o(key)
           UNION ALL
           SELECT d.pipeline_id, x.stage_id, o.key, date_trunc('month', d.started_on)::date, 0, 0, 1
             FROM deal d
             CROSS JOIN LATERAL (SELECT h.stage_id FROM deal_stage_history h WHERE h.deal_id = d.id UNION SELECT d.stage_id) x
             CROSS JOIN LATERAL (VALUES (coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid)), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) o(key)) t
    GROUP BY pipeline_id, stage_id, owner_key, started_month`,
  `INSERT INTO deal_win_days (pipeline_id, owner_key, started_month, days, deals)
   SELECT d.pipeline_id, o.key, date_trunc('month', d.started_on)::date, d.closed_on - d.started_on, count(*)
     FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'WON'
     CROSS JOIN LATERAL (VALUES (coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid)), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) o(key)
    WHERE d.closed_on IS NOT NULL
    GROUP BY 1, 2, 3, 4`,
] as const;

/**
 * What the history triggers of the funnel rollups run per statement (insert, update, delete of
 * stage-history rows), with the statement's new and old rows as transition tables: per deal
 * and stage touched, the change of "the deal visited the stage" (deal_stage_time.deals, and
 * deal_rollup.reached unless it is the deal's current stage, which the deal's own row counts)
 * and of the visits' time. Set-based, so a statement writing several visits of one deal to one
 * stage counts the deal once.
 */
export function dealHistoryDeltaV1Sql(newRows: string | null, oldRows: string | null): string {
  const changed = [
    newRows && `SELECT deal_id, stage_id, entered_at, left_at, 1 AS sign FROM ${newRows}`,
    oldRows && `SELECT deal_id, stage_id, entered_at, left_at, -1 AS sign FROM ${oldRows}`,
  ].filter(Boolean).join(' UNION ALL ');
  return `WITH changed AS (${changed}),
    pairs AS (
      SELECT c.deal_id, c.stage_id, sum(c.sign) AS net_rows,
             coalesce(sum(c.sign * (extract(epoch FROM c.left_at) - extract(epoch FROM c.entered_at))) FILTER (WHERE c.left_at IS NOT NULL), 0) AS closed,
             coalesce(sum(c.sign) FILTER (WHERE c.left_at IS NULL), 0) AS open_visits,
             coalesce(sum(c.sign * extract(epoch FROM c.entered_at)) FILTER (WHERE c.left_at IS NULL), 0) AS open_entered
        FROM changed c GROUP BY c.deal_id, c.stage_id),
    delta AS (
      SELECT d.pipeline_id, d.owner_member_id, d.started_on, d.stage_id AS current_stage, p.stage_id, p.closed, p.open_visits, p.open_entered,
             (n.rows > 0)::int - (n.rows - p.net_rows > 0)::int AS visited
        FROM pairs p JOIN deal d ON d.id = p.deal_id
        CROSS JOIN LATERAL (SELECT count(*) AS rows FROM deal_stage_history h WHERE h.deal_id = p.deal_id AND h.stage_id = p.stage_id) n),
    keyed AS (
      SELECT x.pipeline_id, x.stage_id, o.key AS owner_key, date_trunc('month', x.started_on)::date AS started_month, x.visited,
             CASE WHEN x.stage_id = x.current_stage THEN 0 ELSE x.visited END AS reached, x.closed, x.open_visits, x.open_entered
        FROM delta x CROSS JOIN LATERAL (VALUES (coalesce(x.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid)), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) o(key)),
    reached AS (
      INSERT INTO deal_rollup (pipeline_id, stage_id, owner_key, started_month, deals, amount, reached)
      SELECT pipeline_id, stage_id, owner_key, started_month, 0, 0, sum(reached) FROM keyed GROUP BY 1, 2, 3, 4 HAVING sum(reached) <> 0
      ON CONFLICT (pipeline_id, owner_key, started_month, stage_id) DO UPDATE SET reached = deal_rollup.reached + excluded.reached)
    INSERT INTO deal_stage_time (pipeline_id, stage_id, owner_key, started_month, deals, closed_seconds, open_visits, open_entered)
    SELECT pipeline_id, stage_id, owner_key, started_month, sum(visited), sum(closed), sum(open_visits), sum(open_entered) FROM keyed GROUP BY 1, 2, 3, 4
    ON CONFLICT (pipeline_id, owner_key, started_month, stage_id) DO UPDATE
      SET deals = deal_stage_time.deals + excluded.deals, closed_seconds = deal_stage_time.closed_seconds + excluded.closed_seconds,
          open_visits = deal_stage_time.open_visits + excluded.open_visits, open_entered = deal_stage_time.open_entered + excluded.open_entered`;
}

/** Rebuilds the time-in-stage rollup from the stage history in one statement (the same figures the triggers keep). */
export const REBUILD_DEAL_STAGE_TIME_V1_SQL = [
  'TRUNCATE deal_stage_time',
  `INSERT INTO deal_stage_time (pipeline_id, stage_id, owner_key, started_month, deals, closed_seconds, open_visits, open_entered)
   SELECT d.pipeline_id, v.stage_id, o.key, date_trunc('month', d.started_on)::date, count(*)::int, sum(v.closed), sum(v.open_visits)::int, sum(v.open_entered)
     FROM (SELECT h.deal_id, h.stage_id,
                  coalesce(sum(extract(epoch FROM h.left_at) - extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NOT NULL), 0) AS closed,
                  count(*) FILTER (WHERE h.left_at IS NULL) AS open_visits,
                  coalesce(sum(extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NULL), 0) AS open_entered
             FROM deal_stage_history h GROUP BY h.deal_id, h.stage_id) v
     JOIN deal d ON d.id = v.deal_id
     CROSS JOIN LATERAL (VALUES (coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid)), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) o(key)
    GROUP BY 1, 2, 3, 4`,
] as const;

/** Every funnel rollup rebuilt from the deals and their history (after a bulk load with the triggers off). */
export const REBUILD_FUNNEL_ROLLUPS_V1_SQL = [...REBUILD_DEAL_ROLLUPS_V1_SQL, ...REBUILD_DEAL_STAGE_TIME_V1_SQL] as const;

/** What the row triggers add for one deal `d` times `sign` (migration 0007): `deal_rollup_apply` as it landed. */
export const DEAL_ROLLUP_APPLY_V1_FUNCTION = `
      CREATE OR REPLACE FUNCTION deal_rollup_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        month date := date_trunc('month', d.started_on)::date;
        owners uuid[] := ARRAY[coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid];
      BEGIN
        INSERT INTO deal_rollup (pipeline_id, stage_id, owner_key, started_month, deals, amount, reached)
        SELECT d.pipeline_id, d.stage_id, o, month, sign, sign * d.amount, 0 FROM unnest(owners) o
        ON CONFLICT (pipeline_id, owner_key, started_month, stage_id)
        DO UPDATE SET deals = deal_rollup.deals + excluded.deals, amount = deal_rollup.amount + excluded.amount;
        INSERT INTO deal_rollup (pipeline_id, stage_id, owner_key, started_month, deals, amount, reached)
        SELECT d.pipeline_id, x.stage_id, o, month, 0, 0, sign
          FROM (SELECT h.stage_id FROM deal_stage_history h WHERE h.deal_id = d.id UNION SELECT d.stage_id) x, unnest(owners) o
        ON CONFLICT (pipeline_id, owner_key, started_month, stage_id) DO UPDATE SET reached = deal_rollup.reached + excluded.reached;
        IF d.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM pipeline_stage s WHERE s.id = d.stage_id AND s.kind = 'WON') THEN
          INSERT INTO deal_win_days (pipeline_id, owner_key, started_month, days, deals)
          SELECT d.pipeline_id, o, month, d.closed_on - d.started_on, sign FROM unnest(owners) o
          ON CONFLICT (pipeline_id, owner_key, started_month, days) DO UPDATE SET deals = deal_win_days.deals + excluded.deals;
        END IF;
      END $$`;

/** Everything one deal's stage history adds (sign 1) or takes back (sign -1) (migration 0010): `deal_stage_time_apply` as it landed. */
export const DEAL_STAGE_TIME_APPLY_V1_FUNCTION = `
      CREATE OR REPLACE FUNCTION deal_stage_time_apply(d deal, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO deal_stage_time (pipeline_id, stage_id, owner_key, started_month, deals, closed_seconds, open_visits, open_entered)
        SELECT d.pipeline_id, v.stage_id, o, date_trunc('month', d.started_on)::date, sign, sign * v.closed, sign * v.open_visits, sign * v.open_entered
          FROM (SELECT h.stage_id,
                       coalesce(sum(extract(epoch FROM h.left_at) - extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NOT NULL), 0) AS closed,
                       count(*) FILTER (WHERE h.left_at IS NULL)::int AS open_visits,
                       coalesce(sum(extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NULL), 0) AS open_entered
                  FROM deal_stage_history h WHERE h.deal_id = d.id GROUP BY h.stage_id) v,
               unnest(ARRAY[coalesce(d.owner_member_id, '00000000-0000-0000-0000-000000000000'::uuid), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid]) o
        ON CONFLICT (pipeline_id, owner_key, started_month, stage_id) DO UPDATE
          SET deals = deal_stage_time.deals + excluded.deals, closed_seconds = deal_stage_time.closed_seconds + excluded.closed_seconds,
              open_visits = deal_stage_time.open_visits + excluded.open_visits, open_entered = deal_stage_time.open_entered + excluded.open_entered;
      END $$`;

/** The statement trigger function of the stage history over a version of the delta SQL (this one's, or the current `dealHistoryDeltaSql`). */
export function dealHistoryFunctionSql(delta: (newRows: string | null, oldRows: string | null) => string): string {
  return `
      CREATE OR REPLACE FUNCTION deal_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${delta('new_rows', null)};
        ELSIF TG_OP = 'UPDATE' THEN ${delta('new_rows', 'old_rows')};
        ELSE ${delta(null, 'old_rows')};
        END IF;
        RETURN NULL;
      END $$`;
}
