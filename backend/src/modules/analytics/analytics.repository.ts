import { Injectable } from '@nestjs/common';
import { addDays, isOneWholeMonth, isWholeMonthSpan, previousPeriod, wholeMonthsWithin, type FunnelDealFilter, type FunnelRollupSlice } from '@salescircle/shared';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../../database/prepared-statements';
import { ReadReplica } from '../../database/read-replica';
import { uuidArray } from '../../database/uuid-array';

/** The owner key of the rollup rows that hold everyone's deals. */
export const ALL_OWNERS = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** The product key of the rollup rows that hold every product's deals (and deals without one). */
export const ALL_PRODUCTS = ALL_OWNERS;

/** The owner key of the rollup rows of deals without an owner. */
export const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/** Appends a parameter and returns its placeholder. */
function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/** The rollups' slice of every deal. */
const EVERY_DEAL: FunnelRollupSlice = { category: 0, productId: null, segment: null };

/**
 * One family of funnel rollups: its three tables, the key columns of a slice (between
 * `pipeline_id` and `owner_key`), the lateral function `k` that yields a deal's keys (owner and
 * slice) and the deal columns that function reads.
 */
export interface FunnelRollupFamily {
  rollup: string;
  stageTime: string;
  winDays: string;
  slice: readonly string[];
  keys: string;
  dealColumns: string;
}

/**
 * Migration 0020's family: a deal counts under its owner and the ALL owner, each in the slice of
 * every deal (category 0, ALL products), of its client's category (when it has a client) and of
 * its product (when it has one). `deal_funnel_keys` is that SQL function.
 */
export const SLICED_ROLLUPS: FunnelRollupFamily = {
  rollup: 'funnel_rollup',
  stageTime: 'funnel_stage_time',
  winDays: 'funnel_win_days',
  slice: ['category', 'product_key'],
  keys: 'deal_funnel_keys(d.owner_member_id, d.client_category, d.product_id) k',
  dealColumns: 'd.client_category, d.product_id',
};

/**
 * Migration 0024's family: a deal counts under its owner and the ALL owner in the slice of each
 * of its client's segments (`vip:true`, `channel:DEALER`, `region:…`: `funnelSegmentKeys` in
 * shared), from the deal's copy of them (`deal.client_segments`). Tables of their own, so a
 * reader of the other family (the dashboard, the previous release) never meets these rows.
 */
export const SEGMENT_ROLLUPS: FunnelRollupFamily = {
  rollup: 'funnel_segment_rollup',
  stageTime: 'funnel_segment_stage_time',
  winDays: 'funnel_segment_win_days',
  slice: ['segment'],
  keys: 'deal_funnel_segments(d.owner_member_id, d.client_segments) k',
  dealColumns: 'd.client_segments',
};

/** The funnel rollups as migration 0020 left them (its SQL is built from this list), and as they are now. */
export const FUNNEL_ROLLUPS_V2: readonly FunnelRollupFamily[] = [SLICED_ROLLUPS];
export const FUNNEL_ROLLUPS: readonly FunnelRollupFamily[] = [SLICED_ROLLUPS, SEGMENT_ROLLUPS];

/** The stages deal `d` reached: those its history visited, and the one it is in now. */
const REACHED_STAGES = '(SELECT h.stage_id FROM deal_stage_history h WHERE h.deal_id = d.id UNION SELECT d.stage_id)';

/** Per stage, over visits `h`: the seconds of the visits left, and the count and summed start (epoch seconds) of those not left yet. */
const VISIT_FIGURES = `coalesce(sum(extract(epoch FROM h.left_at) - extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NOT NULL), 0) AS closed,
                 count(*) FILTER (WHERE h.left_at IS NULL)::int AS open_visits,
                 coalesce(sum(extract(epoch FROM h.entered_at)) FILTER (WHERE h.left_at IS NULL), 0) AS open_entered`;

/** A family's slice columns as a list (`category, product_key, `), and as read from the keys `k`. */
const sliceOf = (f: FunnelRollupFamily, prefix = '') => f.slice.map((c) => `${prefix}${c}, `).join('');

/** The conflict target of a family's rollups keyed by stage: their primary key. */
const stageKey = (f: FunnelRollupFamily) => `(pipeline_id, ${sliceOf(f)}owner_key, started_month, stage_id)`;

/** Positions 1..n of the GROUP BY / ORDER BY over a family's key (pipeline, slice, owner, month, last). */
const keyPositions = (f: FunnelRollupFamily) => Array.from({ length: f.slice.length + 4 }, (_, i) => i + 1).join(', ');

/**
 * Rebuilds the funnel rollups of `families` from the deals in set-based statements (after a bulk
 * load with the row triggers off, and in the migrations): the same figures the triggers keep.
 * The rows are written in key order, so a slice's rows (every deal's, say, which the dashboard
 * reads) sit together on disk instead of among the product slices' rows, nine in ten of the
 * table: 400 owners' funnel read 18,300 pages of a rebuilt table in hash order, 2,600 in key order.
 */
export function rebuildFunnelRollupsSql(families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string[] {
  return families.flatMap((f) => [`TRUNCATE ${f.rollup}, ${f.winDays}`, ...dealRollupAddSql('deal', false, [f]), ...rebuildStageTimeSql(f)]);
}

/** A set of deal rows (the deal table, a transition table, a subquery of one) and whether its figures are added (1) or taken back (-1). */
export interface DealSource {
  deals: string;
  sign: 1 | -1;
}

const sourcesOf = (deals: string | readonly DealSource[]): readonly DealSource[] => (typeof deals === 'string' ? [{ deals, sign: 1 }] : deals);

/**
 * What sets of deals (the deal table, the new rows of an insert statement, the old and new rows
 * of an update) add to each family's rollup and win days, or take back, as the row function
 * `deal_rollup_apply(d, sign)` does for one deal: its current stage (count, amount), the stages it
 * reached (its history and its current stage), its days to win. Grouped by key first, so one
 * statement adds many deals of one key and a deal moved within a key nets out; `upsert` adds to
 * existing rows (the triggers), else the tables are empty (a rebuild).
 */
export function dealRollupAddSql(deals: string | readonly DealSource[], upsert: boolean, families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string[] {
  const sources = sourcesOf(deals);
  const signed = (sign: 1 | -1, value: string) => (sign === 1 ? value : `-${value}`);
  return families.flatMap((f) => {
    const onConflict = (key: string, sets: string) => (upsert ? `\n  ON CONFLICT ${key} DO UPDATE SET ${sets}` : '');
    const slice = sliceOf(f);
    const fromKeys = sliceOf(f, 'k.');
    const positions = keyPositions(f);
    const stageRows = sources.map(({ deals: from, sign }) => `SELECT d.pipeline_id, ${fromKeys}k.owner_key, date_trunc('month', d.started_on)::date AS started_month, d.stage_id, ${sign} AS deals, ${signed(sign, 'd.amount')} AS amount, 0 AS reached
             FROM ${from} d CROSS JOIN LATERAL ${f.keys}
           UNION ALL
           SELECT d.pipeline_id, ${fromKeys}k.owner_key, date_trunc('month', d.started_on)::date, x.stage_id, 0, 0, ${sign}
             FROM ${from} d
             CROSS JOIN LATERAL ${REACHED_STAGES} x
             CROSS JOIN LATERAL ${f.keys}`);
    const wonRows = sources.map(({ deals: from, sign }) => `SELECT d.pipeline_id, ${fromKeys}k.owner_key, date_trunc('month', d.started_on)::date AS started_month, d.closed_on - d.started_on AS days, ${sign} AS deals
             FROM ${from} d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'WON'
             CROSS JOIN LATERAL ${f.keys}
            WHERE d.closed_on IS NOT NULL`);
    return [
      `INSERT INTO ${f.rollup} (pipeline_id, ${slice}owner_key, started_month, stage_id, deals, amount, reached)
   SELECT pipeline_id, ${slice}owner_key, started_month, stage_id, sum(deals), sum(amount), sum(reached)
     FROM (${stageRows.join('\n           UNION ALL\n           ')}) t
    GROUP BY ${positions}${sources.length > 1 ? '\n   HAVING sum(deals) <> 0 OR sum(amount) <> 0 OR sum(reached) <> 0' : ''}
    ORDER BY ${positions}${onConflict(stageKey(f), `deals = ${f.rollup}.deals + excluded.deals, amount = ${f.rollup}.amount + excluded.amount, reached = ${f.rollup}.reached + excluded.reached`)}`,
      `INSERT INTO ${f.winDays} (pipeline_id, ${slice}owner_key, started_month, days, deals)
   SELECT pipeline_id, ${slice}owner_key, started_month, days, sum(deals)
     FROM (${wonRows.join('\n           UNION ALL\n           ')}) t
    GROUP BY ${positions}${sources.length > 1 ? '\n   HAVING sum(deals) <> 0' : ''}
    ORDER BY ${positions}${onConflict(`(pipeline_id, ${slice}owner_key, started_month, days)`, `deals = ${f.winDays}.deals + excluded.deals`)}`,
    ];
  });
}

/**
 * What sets of deals add to each family's time in stage from their stage history, or take back
 * (the update trigger: a deal's old keys give back what its new keys get), upserted.
 */
export function dealStageTimeAddSql(sources: readonly DealSource[], families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string[] {
  return families.map((f) => {
    const positions = keyPositions(f);
    const rows = sources.map(({ deals: from, sign }) => `SELECT d.pipeline_id, ${sliceOf(f, 'k.')}k.owner_key, date_trunc('month', d.started_on)::date AS started_month, v.stage_id,
                  ${sign} AS deals, ${sign} * v.closed AS closed, ${sign} * v.open_visits AS open_visits, ${sign} * v.open_entered AS open_entered
             FROM ${from} d
             CROSS JOIN LATERAL (SELECT h.stage_id,
                  ${VISIT_FIGURES}
                  FROM deal_stage_history h WHERE h.deal_id = d.id GROUP BY h.stage_id) v
             CROSS JOIN LATERAL ${f.keys}`);
    return `INSERT INTO ${f.stageTime} (pipeline_id, ${sliceOf(f)}owner_key, started_month, stage_id, deals, closed_seconds, open_visits, open_entered)
   SELECT pipeline_id, ${sliceOf(f)}owner_key, started_month, stage_id, sum(deals), sum(closed), sum(open_visits), sum(open_entered)
     FROM (${rows.join('\n           UNION ALL\n           ')}) t
    GROUP BY ${positions}
   HAVING sum(deals) <> 0 OR sum(closed) <> 0 OR sum(open_visits) <> 0 OR sum(open_entered) <> 0
    ORDER BY ${positions}
  ON CONFLICT ${stageKey(f)} DO UPDATE
    SET deals = ${f.stageTime}.deals + excluded.deals, closed_seconds = ${f.stageTime}.closed_seconds + excluded.closed_seconds,
        open_visits = ${f.stageTime}.open_visits + excluded.open_visits, open_entered = ${f.stageTime}.open_entered + excluded.open_entered`;
  });
}

/** The deal columns the funnel rollups read (a change of any moves the deal's counts), and those the time in stage reads. */
const ROLLUP_COLUMNS = (d: string) => `(${d}.stage_id, ${d}.owner_member_id, ${d}.pipeline_id, ${d}.started_on, ${d}.amount, ${d}.closed_on, ${d}.client_category, ${d}.product_id, ${d}.client_segments)`;
const STAGE_TIME_COLUMNS = (d: string) => `(${d}.owner_member_id, ${d}.pipeline_id, date_trunc('month', ${d}.started_on), ${d}.client_category, ${d}.product_id, ${d}.client_segments)`;

/**
 * The body of the deal's update trigger per statement (migration 0024), over its transition
 * tables `old_deals` and `new_deals`: the deals whose rollup columns changed give back their old
 * figures and add their new ones, set-based, in every family. A row trigger did two upserts per
 * key of each of them: with the segment family, moving the 7,320 deals of the sample to another
 * pipeline (an import run again) took more than a minute.
 */
export function dealUpdateTriggerSql(families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string[] {
  const changed = (columns: (d: string) => string, side: 'o' | 'n') =>
    `(SELECT ${side}.* FROM old_deals o JOIN new_deals n ON n.id = o.id WHERE ${columns('o')} IS DISTINCT FROM ${columns('n')})`;
  const pair = (columns: (d: string) => string): DealSource[] => [{ deals: changed(columns, 'o'), sign: -1 }, { deals: changed(columns, 'n'), sign: 1 }];
  return [...dealRollupAddSql(pair(ROLLUP_COLUMNS), true, families), ...dealStageTimeAddSql(pair(STAGE_TIME_COLUMNS), families)];
}

/**
 * What the history triggers of the funnel rollups run per statement (insert, update, delete of
 * stage-history rows), with the statement's new and old rows as transition tables: per deal
 * and stage touched, the change of "the deal visited the stage" (the stage-time rollup's deals,
 * and the rollup's reached unless it is the deal's current stage, which the deal's own row
 * counts) and of the visits' time, in each family. Set-based, so a statement writing several
 * visits of one deal to one stage counts the deal once. One statement: every write but the last
 * is a data-modifying WITH.
 */
export function dealHistoryDeltaSql(newRows: string | null, oldRows: string | null, families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string {
  const changed = [
    newRows && `SELECT deal_id, stage_id, entered_at, left_at, 1 AS sign FROM ${newRows}`,
    oldRows && `SELECT deal_id, stage_id, entered_at, left_at, -1 AS sign FROM ${oldRows}`,
  ].filter(Boolean).join(' UNION ALL ');
  const ctes = [
    `changed AS (${changed})`,
    `pairs AS (
      SELECT c.deal_id, c.stage_id, sum(c.sign) AS net_rows,
             coalesce(sum(c.sign * (extract(epoch FROM c.left_at) - extract(epoch FROM c.entered_at))) FILTER (WHERE c.left_at IS NOT NULL), 0) AS closed,
             coalesce(sum(c.sign) FILTER (WHERE c.left_at IS NULL), 0) AS open_visits,
             coalesce(sum(c.sign * extract(epoch FROM c.entered_at)) FILTER (WHERE c.left_at IS NULL), 0) AS open_entered
        FROM changed c GROUP BY c.deal_id, c.stage_id)`,
    `delta AS (
      SELECT d.pipeline_id, d.owner_member_id, ${families.map((f) => `${f.dealColumns}, `).join('')}d.started_on, d.stage_id AS current_stage, p.stage_id, p.closed, p.open_visits, p.open_entered,
             (n.rows > 0)::int - (n.rows - p.net_rows > 0)::int AS visited
        FROM pairs p JOIN deal d ON d.id = p.deal_id
        CROSS JOIN LATERAL (SELECT count(*) AS rows FROM deal_stage_history h WHERE h.deal_id = p.deal_id AND h.stage_id = p.stage_id) n)`,
  ];
  const writes: string[] = [];
  families.forEach((f, i) => {
    const slice = sliceOf(f);
    const positions = keyPositions(f);
    ctes.push(`keyed${i} AS (
      SELECT d.pipeline_id, ${sliceOf(f, 'k.')}k.owner_key, date_trunc('month', d.started_on)::date AS started_month, d.stage_id, d.visited,
             CASE WHEN d.stage_id = d.current_stage THEN 0 ELSE d.visited END AS reached, d.closed, d.open_visits, d.open_entered
        FROM delta d CROSS JOIN LATERAL ${f.keys})`);
    writes.push(`INSERT INTO ${f.rollup} (pipeline_id, ${slice}owner_key, started_month, stage_id, deals, amount, reached)
      SELECT pipeline_id, ${slice}owner_key, started_month, stage_id, 0, 0, sum(reached) FROM keyed${i} GROUP BY ${positions} HAVING sum(reached) <> 0
      ON CONFLICT ${stageKey(f)} DO UPDATE SET reached = ${f.rollup}.reached + excluded.reached`);
    writes.push(`INSERT INTO ${f.stageTime} (pipeline_id, ${slice}owner_key, started_month, stage_id, deals, closed_seconds, open_visits, open_entered)
    SELECT pipeline_id, ${slice}owner_key, started_month, stage_id, sum(visited), sum(closed), sum(open_visits), sum(open_entered) FROM keyed${i} GROUP BY ${positions}
    ON CONFLICT ${stageKey(f)} DO UPDATE
      SET deals = ${f.stageTime}.deals + excluded.deals, closed_seconds = ${f.stageTime}.closed_seconds + excluded.closed_seconds,
          open_visits = ${f.stageTime}.open_visits + excluded.open_visits, open_entered = ${f.stageTime}.open_entered + excluded.open_entered`);
  });
  const last = writes.pop()!;
  writes.forEach((w, i) => ctes.push(`write${i} AS (
      ${w})`));
  return `WITH ${ctes.join(',\n    ')}
    ${last}`;
}

/** What the row triggers of the funnel rollups add for one deal `d` (a plpgsql record) times `sign`, in each family: its current stage, the stages it reached, its days to win. */
export function dealRollupApplyBody(families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string {
  const stages = families.map((f) => {
    const slice = sliceOf(f);
    const fromKeys = sliceOf(f, 'k.');
    return `
  INSERT INTO ${f.rollup} (pipeline_id, ${slice}owner_key, started_month, stage_id, deals, amount, reached)
  SELECT d.pipeline_id, ${fromKeys}k.owner_key, date_trunc('month', d.started_on)::date, d.stage_id, sign, sign * d.amount, 0 FROM ${f.keys}
  ON CONFLICT ${stageKey(f)} DO UPDATE SET deals = ${f.rollup}.deals + excluded.deals, amount = ${f.rollup}.amount + excluded.amount;
  INSERT INTO ${f.rollup} (pipeline_id, ${slice}owner_key, started_month, stage_id, deals, amount, reached)
  SELECT d.pipeline_id, ${fromKeys}k.owner_key, date_trunc('month', d.started_on)::date, x.stage_id, 0, 0, sign
    FROM ${REACHED_STAGES} x, ${f.keys}
  ON CONFLICT ${stageKey(f)} DO UPDATE SET reached = ${f.rollup}.reached + excluded.reached;`;
  });
  const won = families.map((f) => `
    INSERT INTO ${f.winDays} (pipeline_id, ${sliceOf(f)}owner_key, started_month, days, deals)
    SELECT d.pipeline_id, ${sliceOf(f, 'k.')}k.owner_key, date_trunc('month', d.started_on)::date, d.closed_on - d.started_on, sign FROM ${f.keys}
    ON CONFLICT (pipeline_id, ${sliceOf(f)}owner_key, started_month, days) DO UPDATE SET deals = ${f.winDays}.deals + excluded.deals;`);
  return `${stages.join('')}
  IF d.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM pipeline_stage s WHERE s.id = d.stage_id AND s.kind = 'WON') THEN${won.join('')}
  END IF;`;
}

/** What one deal's stage history adds to each family's stage time (sign 1) or takes back (sign -1), in a plpgsql function of `d deal, sign integer`. */
export function dealStageTimeApplyBody(families: readonly FunnelRollupFamily[] = FUNNEL_ROLLUPS): string {
  return families.map((f) => `
  INSERT INTO ${f.stageTime} (pipeline_id, ${sliceOf(f)}owner_key, started_month, stage_id, deals, closed_seconds, open_visits, open_entered)
  SELECT d.pipeline_id, ${sliceOf(f, 'k.')}k.owner_key, date_trunc('month', d.started_on)::date, v.stage_id, sign, sign * v.closed, sign * v.open_visits, sign * v.open_entered
    FROM (SELECT h.stage_id,
                 ${VISIT_FIGURES}
            FROM deal_stage_history h WHERE h.deal_id = d.id GROUP BY h.stage_id) v, ${f.keys}
  ON CONFLICT ${stageKey(f)} DO UPDATE
    SET deals = ${f.stageTime}.deals + excluded.deals, closed_seconds = ${f.stageTime}.closed_seconds + excluded.closed_seconds,
        open_visits = ${f.stageTime}.open_visits + excluded.open_visits, open_entered = ${f.stageTime}.open_entered + excluded.open_entered;`).join('');
}

/** Rebuilds a family's time-in-stage rollup from the stage history in one statement (the same figures the triggers keep). */
function rebuildStageTimeSql(f: FunnelRollupFamily): string[] {
  const positions = keyPositions(f);
  return [
    `TRUNCATE ${f.stageTime}`,
    `INSERT INTO ${f.stageTime} (pipeline_id, ${sliceOf(f)}owner_key, started_month, stage_id, deals, closed_seconds, open_visits, open_entered)
   SELECT d.pipeline_id, ${sliceOf(f, 'k.')}k.owner_key, date_trunc('month', d.started_on)::date, v.stage_id, count(*)::int, sum(v.closed), sum(v.open_visits)::int, sum(v.open_entered)
     FROM (SELECT h.deal_id, h.stage_id,
                  ${VISIT_FIGURES}
             FROM deal_stage_history h GROUP BY h.deal_id, h.stage_id) v
     JOIN deal d ON d.id = v.deal_id
     CROSS JOIN LATERAL ${f.keys}
    GROUP BY ${positions}
    ORDER BY ${positions}`,
  ];
}

/** Every funnel rollup rebuilt from the deals and their history (after a bulk load with the triggers off). */
export const REBUILD_FUNNEL_ROLLUPS_SQL = rebuildFunnelRollupsSql();

/**
 * Where a rollup slice's rows are and the condition that picks them, its values appended to
 * `params`: one segment in the segment family (migration 0024), else a category or a product
 * (or neither: every deal) in migration 0020's. `alias`: the rollup's alias with its dot, or ''.
 */
function sliceCondition(slice: FunnelRollupSlice, params: unknown[], alias: string): { family: FunnelRollupFamily; where: string } {
  if (slice.segment !== null) return { family: SEGMENT_ROLLUPS, where: `${alias}segment = ${param(params, slice.segment)}::text` };
  return {
    family: SLICED_ROLLUPS,
    where: `${alias}category = ${param(params, slice.category)}::smallint AND ${alias}product_key = ${param(params, slice.productId ?? ALL_PRODUCTS)}::uuid`,
  };
}

/** Deal-level narrowing: the client's category and segment, the deal's product. Null or absent: any. */
export type DealFilter = FunnelDealFilter;

export interface DealScope {
  organizationId: string;
  /** Owners to count; null: the whole organization. */
  ownerIds: string[] | null;
  from: string | null;
  to: string | null;
  /** Deal-level filters: the base tables read them all; the funnel rollups one category, product or segment (`funnelRollupSlice`). */
  deals?: DealFilter | null;
}

/**
 * The conditions of a deal filter on deal `d`, its values appended to `params`: only the
 * filters set, so the planner sees plain equalities (the product's index, the deal's copy of
 * its client's category, the client's region, industry or VIP).
 */
export function dealFilterSql(filter: DealFilter | null | undefined, params: unknown[]): string {
  if (!filter) return '';
  const at = (value: unknown) => param(params, value);
  const deal: string[] = [];
  const client: string[] = [];
  if (filter.productId != null) deal.push(`d.product_id = ${at(filter.productId)}::uuid`);
  // the deal's copy of its client's category (migration 0020, kept by triggers): no join to the client
  if (filter.category != null) deal.push(`d.client_category = ${at(filter.category)}::smallint`);
  if (filter.region != null) client.push(`c.region = ${at(filter.region)}::text`);
  if (filter.industry != null) client.push(`c.industry = ${at(filter.industry)}::text`);
  if (filter.channel != null) client.push(`c.channel = ${at(filter.channel)}::text`);
  if (filter.ownershipForm != null) client.push(`c.ownership_form = ${at(filter.ownershipForm)}::text`);
  if (filter.vip != null) client.push(filter.vip ? 'c.vip' : 'NOT c.vip');
  if (client.length) deal.push(`EXISTS (SELECT 1 FROM client c WHERE c.id = d.client_id AND c.organization_id = d.organization_id AND ${client.join(' AND ')})`);
  return deal.map((c) => ` AND ${c}`).join('');
}

export interface FunnelStageRow {
  id: string;
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
  probability: number;
  count: number;
  amount: number;
  reached: number;
  /** Deals with a recorded visit to the stage (stage history). */
  stayDeals: number;
  /** Their days in the stage, all visits, an open visit up to `asOf`. */
  stayDays: number;
}

export interface ForecastDealRow {
  ownerId: string | null;
  kind: 'OPEN' | 'WON' | 'LOST';
  probability: number;
  amount: number;
  count: number;
}

/** The counters of the KPI rollups, in the order the metrics below read them. */
const KPI_COUNTERS = 'calls, meetings, revenue, first_orders, deals_won, deals_advanced, deals_closed, won_amount, warm_leads, new_clients, processes_done, coaching_sessions';

/**
 * The catalog's metrics over the rollup counters; `v(counter)` is a counter's value (a month row's
 * column, or a sum over parts). A metric that is zero comes back NULL: most people have most
 * metrics at zero (a prospector wins no deals, a hunter holds no coaching sessions), and a NULL
 * costs the server reading a thousand rows nothing to transfer or parse (metricsForMembers
 * reads it as 0).
 */
function kpiMetricsSql(v: (counter: string) => string, revenueOnly: boolean): string {
  const metric = (expression: string, name: string) => `nullif(${expression}, 0) AS "${name}"`;
  if (revenueOnly) return metric(`${v('revenue')}::float8`, 'REVENUE');
  return [
    metric(`${v('calls')}::float8`, 'CALLS'),
    metric(`${v('meetings')}::float8`, 'MEETINGS'),
    metric(`${v('revenue')}::float8`, 'REVENUE'),
    metric(`${v('first_orders')}::float8`, 'FIRST_ORDERS'),
    metric(`${v('deals_won')}::float8`, 'DEALS_WON'),
    metric(`${v('deals_advanced')}::float8`, 'DEALS_ADVANCED'),
    metric(`CASE WHEN ${v('deals_closed')} = 0 THEN 0 ELSE ${v('deals_won')}::float8 / ${v('deals_closed')} END`, 'WIN_RATE'),
    metric(`CASE WHEN ${v('deals_won')} = 0 THEN 0 ELSE (${v('won_amount')} / ${v('deals_won')})::float8 END`, 'AVERAGE_DEAL'),
    metric(`${v('warm_leads')}::float8`, 'WARM_LEADS_HANDED'),
    metric(`${v('new_clients')}::float8`, 'NEW_CLIENTS'),
    metric(`${v('processes_done')}::float8`, 'PROCESSES_DONE'),
    metric(`${v('coaching_sessions')}::float8`, 'COACHING_SESSIONS'),
  ].join(',\n       ');
}

/**
 * KPI metrics of members ($1) from the trigger-kept rollups (migrations 0008, 0011, 0015): the
 * whole months of the period from the month rows, the days before and after them from the day
 * rows, each part only when the period has it (an empty part would still probe the index once
 * per member); every metric of the catalog that the data gives. One calendar month (`oneMonth`,
 * its first day) is one month row per member, read as it is (no grouping of single rows).
 */
function kpiFromRollupsSql(
  memberIds: readonly string[],
  parts: { oneMonth?: string; months?: [string, string]; daysBefore?: [string, string]; daysAfter?: [string, string] },
  revenueOnly: boolean,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [uuidArray(memberIds)];
  if (parts.oneMonth) {
    params.push(parts.oneMonth);
    return { sql: `SELECT member_id, ${kpiMetricsSql((c) => c, revenueOnly)} FROM member_kpi_month WHERE member_id = ANY($1::uuid[]) AND month = $2::date`, params };
  }
  const counters = revenueOnly ? 'revenue' : KPI_COUNTERS;
  const range = (from: string, to: string) => {
    params.push(from, to);
    return [`$${params.length - 1}::date`, `$${params.length}::date`];
  };
  const union: string[] = [];
  if (parts.months) {
    const [a, b] = range(...parts.months);
    union.push(`SELECT member_id, ${counters} FROM member_kpi_month WHERE member_id = ANY($1::uuid[]) AND month >= ${a} AND month < ${b}`);
  }
  for (const days of [parts.daysBefore, parts.daysAfter]) {
    if (!days) continue;
    const [a, b] = range(...days);
    union.push(`SELECT member_id, ${counters} FROM member_kpi_day WHERE member_id = ANY($1::uuid[]) AND day >= ${a} AND day <= ${b}`);
  }
  const sql = `SELECT k.member_id, ${kpiMetricsSql((c) => `sum(k.${c})`, revenueOnly)}
  FROM (${union.join('\n        UNION ALL ')}) k
 GROUP BY k.member_id`;
  return { sql, params };
}

/** Funnel, performance, forecast and KPI figures: each one statement over indexed deal, activity and order data. */
@Injectable()
export class AnalyticsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  async defaultPipeline(organizationId: string): Promise<{ id: string; name: string } | null> {
    const rows: { id: string; name: string }[] = await this.replica.query(
      'SELECT id, name FROM pipeline WHERE organization_id = $1 ORDER BY is_default DESC, created_at LIMIT 1',
      [organizationId],
    );
    return rows[0] ?? null;
  }

  async pipeline(organizationId: string, id: string): Promise<{ id: string; name: string } | null> {
    const rows: { id: string; name: string }[] = await this.replica.query('SELECT id, name FROM pipeline WHERE organization_id = $1 AND id = $2', [organizationId, id]);
    return rows[0] ?? null;
  }

  /**
   * Per stage: deals now in it (count, amount), deals that ever entered it (from the stage
   * history and the current stage), and the deals' time in it by the history (a visit not left
   * yet counts up to `asOf`), for the deals started in the period that pass the deal filter.
   */
  async funnelStages(pipelineId: string, scope: DealScope, asOf: Date = new Date()): Promise<FunnelStageRow[]> {
    const params: unknown[] = [scope.organizationId, pipelineId, scope.ownerIds, scope.from, scope.to, asOf];
    // One pass over the deals' visits and current stages, grouped per deal and stage: a stage it
    // reached (visited or in now), whether it visited it, and the time of those visits.
    return this.replica.query(
      `WITH d AS (
         SELECT d.id, d.stage_id, d.amount FROM deal d
          WHERE d.organization_id = $1 AND d.pipeline_id = $2 AND ($3::uuid[] IS NULL OR d.owner_member_id = ANY($3))
            AND ($4::date IS NULL OR d.started_on >= $4) AND ($5::date IS NULL OR d.started_on <= $5)${dealFilterSql(scope.deals, params)}
       ), cur AS (
         SELECT stage_id, count(*)::int AS n, sum(amount) AS amount FROM d GROUP BY stage_id
       ), pairs AS (
         SELECT x.stage_id, count(x.spent) > 0 AS visited, sum(x.spent) AS spent
           FROM (SELECT h.deal_id, h.stage_id, coalesce(h.left_at, $6::timestamptz) - h.entered_at AS spent FROM deal_stage_history h JOIN d ON d.id = h.deal_id
                 UNION ALL
                 SELECT d.id, d.stage_id, NULL FROM d) x
          GROUP BY x.deal_id, x.stage_id
       ), per_stage AS (
         SELECT stage_id, count(*)::int AS reached, count(*) FILTER (WHERE visited)::int AS deals, sum(extract(epoch FROM spent)) AS seconds FROM pairs GROUP BY stage_id
       )
       SELECT s.id, s.name, s.kind, s.probability::float8 AS probability, coalesce(cur.n, 0) AS count, coalesce(cur.amount, 0)::float8 AS amount, coalesce(p.reached, 0) AS reached,
              coalesce(p.deals, 0) AS "stayDeals", round(coalesce(p.seconds, 0) / 86400, 6)::float8 AS "stayDays"
         FROM pipeline_stage s LEFT JOIN cur ON cur.stage_id = s.id LEFT JOIN per_stage p ON p.stage_id = s.id
        WHERE s.pipeline_id = $2 ORDER BY s.position`,
      params,
    );
  }

  /** The same figures from the trigger-kept rollups (whole months only; every deal, one client category, one product or one segment): a few hundred rows whatever the number of deals. */
  async funnelStagesFromRollup(pipelineId: string, scope: DealScope, asOf: Date = new Date(), slice: FunnelRollupSlice = EVERY_DEAL): Promise<FunnelStageRow[]> {
    const params: unknown[] = [pipelineId, uuidArray(scope.ownerIds ?? [ALL_OWNERS]), scope.from, scope.to, asOf];
    const { family, where } = sliceCondition(slice, params, '');
    const inSlice = `pipeline_id = $1 AND ${where} AND owner_key = ANY($2::uuid[]) AND ($3::date IS NULL OR started_month >= $3) AND ($4::date IS NULL OR started_month <= $4)`;
    return this.replica.query(
      `SELECT s.id, s.name, s.kind, s.probability::float8 AS probability, coalesce(r.deals, 0)::int AS count,
              coalesce(r.amount, 0)::float8 AS amount, coalesce(r.reached, 0)::int AS reached, coalesce(t.deals, 0)::int AS "stayDeals",
              round(coalesce(t.closed + t.open_visits * extract(epoch FROM $5::timestamptz) - t.open_entered, 0) / 86400, 6)::float8 AS "stayDays"
         FROM pipeline_stage s
         LEFT JOIN (SELECT stage_id, sum(deals) AS deals, sum(amount) AS amount, sum(reached) AS reached FROM ${family.rollup} WHERE ${inSlice} GROUP BY stage_id) r ON r.stage_id = s.id
         LEFT JOIN (SELECT stage_id, sum(deals) AS deals, sum(closed_seconds) AS closed, sum(open_visits) AS open_visits, sum(open_entered) AS open_entered FROM ${family.stageTime}
                     WHERE ${inSlice} GROUP BY stage_id) t ON t.stage_id = s.id
        WHERE s.pipeline_id = $1
        ORDER BY s.position`,
      params,
    );
  }

  async winDaysHistogram(pipelineId: string, scope: DealScope, slice: FunnelRollupSlice = EVERY_DEAL): Promise<{ value: number; count: number }[]> {
    const params: unknown[] = [pipelineId, uuidArray(scope.ownerIds ?? [ALL_OWNERS]), scope.from, scope.to];
    const { family, where } = sliceCondition(slice, params, '');
    return this.replica.query(
      `SELECT days AS value, sum(deals)::int AS count FROM ${family.winDays}
        WHERE pipeline_id = $1 AND ${where} AND owner_key = ANY($2::uuid[]) AND ($3::date IS NULL OR started_month >= $3) AND ($4::date IS NULL OR started_month <= $4)
        GROUP BY days HAVING sum(deals) > 0`,
      params,
    );
  }

  async medianDaysToWin(pipelineId: string, scope: DealScope): Promise<number | null> {
    const [row]: { median: number | null }[] = await this.replica.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d.closed_on - d.started_on)::float8 AS median
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'WON'
        WHERE d.organization_id = $1 AND d.pipeline_id = $2 AND d.closed_on IS NOT NULL AND ($3::uuid[] IS NULL OR d.owner_member_id = ANY($3))
          AND ($4::date IS NULL OR d.started_on >= $4) AND ($5::date IS NULL OR d.started_on <= $5)`,
      [scope.organizationId, pipelineId, scope.ownerIds, scope.from, scope.to],
    );
    return row.median;
  }

  /** Days from start to win of the won deals in scope, as a histogram (value → deals): what funnel_win_days holds, from the deals themselves. */
  async winDaysHistogramOfDeals(pipelineId: string, scope: DealScope): Promise<{ value: number; count: number }[]> {
    const params: unknown[] = [scope.organizationId, pipelineId, scope.ownerIds, scope.from, scope.to];
    return this.replica.query(
      `SELECT d.closed_on - d.started_on AS value, count(*)::int AS count
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'WON'
        WHERE d.organization_id = $1 AND d.pipeline_id = $2 AND d.closed_on IS NOT NULL AND ($3::uuid[] IS NULL OR d.owner_member_id = ANY($3))
          AND ($4::date IS NULL OR d.started_on >= $4) AND ($5::date IS NULL OR d.started_on <= $5)${dealFilterSql(scope.deals, params)}
        GROUP BY 1`,
      params,
    );
  }

  /**
   * Won, lost and open deals per owner (all pipelines unless one is given), deals started in the
   * period. With a rollup slice (whole months, at most one category, product or segment: see
   * `funnelRollupSlice`) from the owners' rows of funnel_rollup, the deals now in each stage;
   * otherwise from the deals. Both list the owners with a deal in scope, and the given owners
   * who are reps even without one.
   */
  async memberPerformance(pipelineId: string | null, scope: DealScope, slice: FunnelRollupSlice | null = null): Promise<{ memberId: string; won: number; lost: number; open: number; wonAmount: number }[]> {
    const params: unknown[] = [scope.organizationId, pipelineId, scope.ownerIds && uuidArray(scope.ownerIds), scope.from, scope.to];
    const sliced = slice && sliceCondition(slice, params, 'r.');
    const agg = sliced
      ? `SELECT r.owner_key AS member_id,
                sum(r.deals) FILTER (WHERE s.kind = 'WON')::int AS won, sum(r.deals) FILTER (WHERE s.kind = 'LOST')::int AS lost,
                sum(r.deals) FILTER (WHERE s.kind = 'OPEN')::int AS open, coalesce(sum(r.amount) FILTER (WHERE s.kind = 'WON'), 0)::float8 AS won_amount
           FROM ${sliced.family.rollup} r JOIN pipeline_stage s ON s.id = r.stage_id
          WHERE r.pipeline_id = ANY(ARRAY(SELECT p.id FROM pipeline p WHERE p.organization_id = $1 AND ($2::uuid IS NULL OR p.id = $2)))
            AND ${sliced.where}
            AND ${scope.ownerIds === null ? `r.owner_key <> ALL('{${NO_OWNER},${ALL_OWNERS}}'::uuid[])` : 'r.owner_key = ANY($3::uuid[])'}
            AND ($4::date IS NULL OR r.started_month >= $4) AND ($5::date IS NULL OR r.started_month <= $5)
          GROUP BY r.owner_key
         HAVING sum(r.deals) > 0`
      : `SELECT d.owner_member_id AS member_id,
                count(*) FILTER (WHERE s.kind = 'WON')::int AS won, count(*) FILTER (WHERE s.kind = 'LOST')::int AS lost,
                count(*) FILTER (WHERE s.kind = 'OPEN')::int AS open, coalesce(sum(d.amount) FILTER (WHERE s.kind = 'WON'), 0)::float8 AS won_amount
           FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id
          WHERE d.organization_id = $1 AND d.owner_member_id IS NOT NULL AND ($2::uuid IS NULL OR d.pipeline_id = $2)
            AND ($3::uuid[] IS NULL OR d.owner_member_id = ANY($3))
            AND ($4::date IS NULL OR d.started_on >= $4) AND ($5::date IS NULL OR d.started_on <= $5)${dealFilterSql(scope.deals, params)}
          GROUP BY d.owner_member_id`;
    return this.replica.query(
      `WITH agg AS (${agg})
       SELECT m.id AS "memberId", coalesce(agg.won, 0) AS won, coalesce(agg.lost, 0) AS lost, coalesce(agg.open, 0) AS open, coalesce(agg.won_amount, 0) AS "wonAmount"
         FROM member m LEFT JOIN agg ON agg.member_id = m.id
        WHERE m.organization_id = $1 AND (agg.member_id IS NOT NULL OR ($3::uuid[] IS NOT NULL AND m.id = ANY($3) AND m.role = 'SALES'))
        ORDER BY coalesce(agg.won_amount, 0) DESC, m.name, m.id`,
      params,
    );
  }

  /**
   * The period's deals for the forecast by owner, stage kind and probability (`byOwner` false:
   * ownerId null, summed over the owners: a handful of rows for the totals): open ones expected
   * to close in it, closed ones closed in it. Whole months without a deal-level filter read the
   * trigger-kept forecast months (migration 1763900000008); other periods and filtered views the
   * deals (forecastDealsFromBase, the definition). Owners given: `owner_key = ANY($2)` alone (an
   * index condition); `($2 IS NULL OR …)` would search the array for every row of the month.
   */
  async forecastDeals(scope: DealScope & { from: string; to: string }, byOwner = true): Promise<ForecastDealRow[]> {
    if (!isWholeMonthSpan(scope.from, scope.to) || dealFilterSql(scope.deals, []) !== '') return this.forecastDealsFromBase(scope);
    const owners = scope.ownerIds === null ? '$2::uuid[] IS NULL' : 'f.owner_key = ANY($2::uuid[])';
    const params = [scope.organizationId, scope.ownerIds && uuidArray(scope.ownerIds), scope.from, scope.to];
    if (byOwner) {
      // per owner (deals without one under the zero key, answered as null): the month rows are
      // already nearly one per owner and stage, so they are grouped once, by owner and the
      // stage's kind and probability (a month of a thousand owners is ~7,000 rows: grouping them
      // per stage first, then again, cost twice as much: 18.6 -> 9.3 ms)
      return this.replica.prepared<ForecastDealRow>(
        `SELECT nullif(f.owner_key, '00000000-0000-0000-0000-000000000000'::uuid) AS "ownerId", s.kind, s.probability::float8 AS probability, sum(f.amount)::float8 AS amount, sum(f.deals)::int AS count
           FROM deal_forecast_month f
           JOIN pipeline_stage s ON s.id = f.stage_id AND (s.kind = 'OPEN') = NOT f.closed
          WHERE f.organization_id = $1 AND f.month BETWEEN $3::date AND $4::date AND ${owners}
          GROUP BY f.owner_key, s.kind, s.probability HAVING sum(f.deals) <> 0`,
        params,
      );
    }
    // the totals: summed per stage first, then joined to the handful of stages (joining and
    // grouping every owner's row by the stage's kind and probability cost twice as much)
    return this.replica.prepared<ForecastDealRow>(
      `SELECT NULL::uuid AS "ownerId", s.kind, s.probability::float8 AS probability, sum(f.amount)::float8 AS amount, sum(f.deals)::int AS count
         FROM (SELECT f.stage_id, f.closed, sum(f.amount) AS amount, sum(f.deals) AS deals
                 FROM deal_forecast_month f
                WHERE f.organization_id = $1 AND f.month BETWEEN $3::date AND $4::date AND ${owners}
                GROUP BY 1, 2) f
         JOIN pipeline_stage s ON s.id = f.stage_id AND (s.kind = 'OPEN') = NOT f.closed
        GROUP BY s.kind, s.probability HAVING sum(f.deals) <> 0`,
      params,
    );
  }

  async forecastDealsFromBase(scope: DealScope & { from: string; to: string }): Promise<ForecastDealRow[]> {
    const params: unknown[] = [scope.organizationId, scope.ownerIds, scope.from, scope.to];
    const deals = dealFilterSql(scope.deals, params);
    return this.replica.query(
      `SELECT x.owner_member_id AS "ownerId", s.kind, s.probability::float8 AS probability, sum(x.amount)::float8 AS amount, count(*)::int AS count
         FROM (SELECT true AS open_branch, d.owner_member_id, d.stage_id, d.amount FROM deal d
                WHERE d.organization_id = $1 AND d.closed_on IS NULL AND d.expected_close_on BETWEEN $3 AND $4 AND ($2::uuid[] IS NULL OR d.owner_member_id = ANY($2))${deals}
               UNION ALL
               SELECT false, d.owner_member_id, d.stage_id, d.amount FROM deal d
                WHERE d.organization_id = $1 AND d.closed_on BETWEEN $3 AND $4 AND ($2::uuid[] IS NULL OR d.owner_member_id = ANY($2))${deals}) x
         JOIN pipeline_stage s ON s.id = x.stage_id AND (s.kind = 'OPEN') = x.open_branch
        GROUP BY x.owner_member_id, s.kind, s.probability`,
      params,
    );
  }

  async activeSprintOfMember(memberId: string): Promise<{ id: string; startsOn: string; endsOn: string } | null> {
    const rows: { id: string; startsOn: string; endsOn: string }[] = await this.dataSource.query(
      `SELECT s.id, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn" FROM sprint s
        WHERE s.status = 'ACTIVE' AND s.team_id IN (SELECT team_id FROM team_member WHERE member_id = $1 UNION SELECT id FROM team WHERE lead_id = $1)
        ORDER BY s.starts_on DESC LIMIT 1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  async sprintDates(sprintId: string): Promise<{ id: string; teamId: string; organizationId: string; startsOn: string; endsOn: string } | null> {
    const rows = await this.dataSource.query(
      'SELECT id, team_id AS "teamId", organization_id AS "organizationId", starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM sprint WHERE id = $1',
      [sprintId],
    );
    return rows[0] ?? null;
  }

  /** The people of the organization who serve a client stage (their matrix stage role now). */
  async membersWithStageRole(organizationId: string, stageRole: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM member WHERE organization_id = $1 AND stage_role = $2', [organizationId, stageRole]);
    return rows.map((r) => r.id);
  }

  async productExists(organizationId: string, productId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM product WHERE organization_id = $1 AND id = $2', [organizationId, productId]);
    return rows.length > 0;
  }

  /**
   * The organization's products, and the distinct regions and industries of its clients: each
   * list a walk over an index (one probe per distinct value), not a scan of the clients.
   */
  async filterOptions(organizationId: string): Promise<{ products: { id: string; name: string; productLine: string }[]; regions: string[]; industries: string[] }> {
    const products: { id: string; name: string; productLine: string }[] = await this.replica.query(
      'SELECT id, name, product_line AS "productLine" FROM product WHERE organization_id = $1 ORDER BY product_line, name LIMIT 1000',
      [organizationId],
    );
    const distinct = async (column: 'region' | 'industry'): Promise<string[]> => {
      const rows: { value: string }[] = await this.replica.query(
        `WITH RECURSIVE v AS (
           (SELECT ${column} AS value FROM client WHERE organization_id = $1 AND ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
           UNION ALL
           SELECT (SELECT c.${column} FROM client c WHERE c.organization_id = $1 AND c.${column} > v.value ORDER BY c.${column} LIMIT 1) FROM v WHERE v.value IS NOT NULL
         )
         SELECT value FROM v WHERE value IS NOT NULL AND value <> '' LIMIT 500`,
        [organizationId],
      );
      return rows.map((r) => r.value);
    };
    return { products, regions: await distinct('region'), industries: await distinct('industry') };
  }

  async teamMemberIds(teamIds: readonly string[]): Promise<string[]> {
    if (teamIds.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT member_id AS id FROM team_member WHERE team_id = ANY($1)
       UNION SELECT lead_id FROM team WHERE id = ANY($1) AND lead_id IS NOT NULL`,
      [teamIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Teams of the organization (all, or the given ones) by name, each with its people as the team's
   * analytics count them (its members and its lead, as teamMemberIds): the KPI summary's groups.
   */
  async teamsWithPeople(organizationId: string, teamIds: readonly string[] | null): Promise<{ id: string; name: string; paused: boolean; directorId: string | null; leadId: string | null; coachId: string | null; memberIds: string[] }[]> {
    if (teamIds !== null && teamIds.length === 0) return [];
    return queryPrepared(
      this.dataSource,
      `SELECT t.id, t.name, t.paused, t.director_id AS "directorId", t.lead_id AS "leadId", t.coach_id AS "coachId",
              ARRAY(SELECT tm.member_id::text FROM team_member tm WHERE tm.team_id = t.id
                    UNION SELECT t.lead_id::text WHERE t.lead_id IS NOT NULL) AS "memberIds"
         FROM team t WHERE t.organization_id = $1 AND ($2::uuid[] IS NULL OR t.id = ANY($2::uuid[])) ORDER BY t.name, t.id`,
      [organizationId, teamIds === null ? null : uuidArray(teamIds)],
    );
  }

  /** Warm leads waiting for hunters (not yet contacted by their hunter), hunters' free places, and the telemarketing teams. */
  async cascade(organizationId: string): Promise<{ waiting: number; free: number; teams: { id: string; name: string; paused: boolean }[] }> {
    const [row]: { waiting: number; free: number }[] = await this.replica.query(
      `SELECT
         (SELECT count(*)::int FROM client c JOIN member m ON m.id = c.owner_member_id AND m.stage_role = 'HUNTER'
           WHERE c.organization_id = $1 AND c.stage = 'PROSPECT'
             AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.client_id = c.id AND a.owner_member_id = c.owner_member_id AND a.at >= c.owner_since)) AS waiting,
         (SELECT coalesce(sum(greatest(0, m.capacity_clients - (SELECT count(*) FROM client c WHERE c.owner_member_id = m.id AND c.stage NOT IN ('DORMANT', 'LOST')))), 0)::int
            FROM member m WHERE m.organization_id = $1 AND m.active AND m.stage_role = 'HUNTER') AS free`,
      [organizationId],
    );
    const teams: { id: string; name: string; paused: boolean }[] = await this.replica.query(
      `SELECT t.id, t.name, t.paused FROM team t WHERE t.organization_id = $1
          AND EXISTS (SELECT 1 FROM team_member tm JOIN member m ON m.id = tm.member_id WHERE tm.team_id = t.id AND m.stage_role = 'PROSPECTOR') ORDER BY t.name`,
      [organizationId],
    );
    return { ...row, teams };
  }

  /** Per transition: handoffs in the period and the clients that went dormant or were lost within `days` after theirs. */
  async handoffLeakage(scope: DealScope, days: number): Promise<{ fromStage: string; toStage: string; handoffs: number; leaked: number }[]> {
    return this.replica.query(
      `SELECT r.from_stage AS "fromStage", r.to_stage AS "toStage", count(*)::int AS handoffs,
              count(*) FILTER (WHERE c.stage IN ('DORMANT', 'LOST') AND c.stage_changed_at >= r.at AND c.stage_changed_at < r.at + make_interval(days => $5))::int AS leaked
         FROM assignment_record r JOIN client c ON c.id = r.client_id
        WHERE r.organization_id = $1 AND r.kind = 'HANDOFF' AND r.from_stage IS NOT NULL AND r.to_stage IS NOT NULL
          AND ($2::uuid[] IS NULL OR r.to_member_id = ANY($2) OR r.from_member_id = ANY($2))
          AND ($3::date IS NULL OR r.at >= $3::date) AND ($4::date IS NULL OR r.at < $4::date + 1)
        GROUP BY r.from_stage, r.to_stage ORDER BY handoffs DESC`,
      [scope.organizationId, scope.ownerIds, scope.from, scope.to, days],
    );
  }

  /** The last closed sprints of the member's teams, newest last. */
  async closedSprintsOfMember(memberId: string, last: number): Promise<{ id: string; name: string }[]> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT s.id, s.name FROM sprint s
        WHERE s.status = 'CLOSED' AND s.team_id IN (SELECT team_id FROM team_member WHERE member_id = $1 UNION SELECT id FROM team WHERE lead_id = $1)
        ORDER BY s.ends_on DESC LIMIT $2`,
      [memberId, last],
    );
    return rows.reverse();
  }

  /** The last `last` closed sprints of each member's teams (as closedSprintsOfMember), with their dates, oldest first per member. */
  async closedSprintsOfMembers(memberIds: readonly string[], last: number): Promise<Map<string, { id: string; startsOn: string; endsOn: string }[]>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: string; id: string; startsOn: string; endsOn: string }[] = await this.dataSource.query(
      `SELECT "memberId", id, "startsOn", "endsOn" FROM (
         SELECT x.member_id AS "memberId", s.id, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn", s.ends_on,
                row_number() OVER (PARTITION BY x.member_id ORDER BY s.ends_on DESC, s.id) AS n
           FROM (SELECT member_id, team_id FROM team_member WHERE member_id = ANY($1) UNION SELECT lead_id, id FROM team WHERE lead_id = ANY($1)) x
           JOIN sprint s ON s.team_id = x.team_id AND s.status = 'CLOSED') r
        WHERE n <= $2 ORDER BY "memberId", ends_on, id`,
      [uuidArray(memberIds), last],
    );
    const out = new Map<string, { id: string; startsOn: string; endsOn: string }[]>();
    for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), { id: r.id, startsOn: r.startsOn, endsOn: r.endsOn }]);
    return out;
  }

  /** How many open deals of each member have not changed stage for `days` days (as stalledDeals counts them). */
  async stalledDealCounts(memberIds: readonly string[], days: number): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: string; n: number }[] = await this.replica.query(
      `SELECT d.owner_member_id AS "memberId", count(*)::int AS n
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = ANY($1)
          AND current_date - coalesce((SELECT max(h.entered_at) FROM deal_stage_history h WHERE h.deal_id = d.id)::date, d.started_on) >= $2
        GROUP BY d.owner_member_id`,
      [uuidArray(memberIds), days],
    );
    return new Map(rows.map((r) => [r.memberId, r.n]));
  }

  /** Open deals of a member whose stage has not changed for `days` days. */
  async stalledDeals(memberId: string, days: number): Promise<{ id: string; title: string; amount: number; stageName: string; days: number }[]> {
    return this.replica.query(
      `SELECT d.id, d.title, d.amount::float8 AS amount, s.name AS "stageName",
              (current_date - coalesce((SELECT max(h.entered_at) FROM deal_stage_history h WHERE h.deal_id = d.id)::date, d.started_on))::int AS days
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = $1
          AND current_date - coalesce((SELECT max(h.entered_at) FROM deal_stage_history h WHERE h.deal_id = d.id)::date, d.started_on) >= $2
        ORDER BY days DESC LIMIT 50`,
      [memberId, days],
    );
  }

  /**
   * Every KPI metric for many members at once (the leaderboard, "KPI progress for 1,000 reps"),
   * in one statement over the month and day rows the triggers keep (migrations 1763900000008,
   * 0015): a month of a thousand reps is a thousand rows, whatever the number of activities,
   * orders and deals. `revenueOnly`: just REVENUE (the period before, for portfolio growth).
   * Equal to metricsForMembersFromBase (a test holds them equal).
   */
  async metricsForMembers(memberIds: readonly string[], from: string, to: string, { revenueOnly = false }: { revenueOnly?: boolean } = {}): Promise<Map<string, Record<string, number>>> {
    // only members with figures get an entry (read a member's metric as `get(id)?.[metric] ?? 0`)
    const result = new Map<string, Record<string, number>>();
    if (memberIds.length === 0) return result;
    if (from > to) return result;
    const months = wholeMonthsWithin(from, to);
    // the whole months [months.from, months.to); the days from `from` up to them, and after them up to `to`
    const { sql, params } = kpiFromRollupsSql(memberIds, isOneWholeMonth(from, to) ? { oneMonth: from } : {
      months: months.from < months.to ? [months.from, months.to] : undefined,
      daysBefore: from < months.from ? [from, to < months.from ? to : addDays(months.from, -1)] : undefined,
      daysAfter: months.to <= to ? [months.to > from ? months.to : from, to] : undefined,
    }, revenueOnly);
    // rows as arrays (member id, then the metrics, NULL for zero): each member's metrics are a
    // copy of one all-zero object (every copy has the same shape) with the non-zero ones set
    const { names, rows } = await this.replica.preparedArrays(sql, params);
    const zero: Record<string, number> = {};
    for (let i = 1; i < names.length; i += 1) zero[names[i]] = 0;
    for (const row of rows) {
      const metrics = { ...zero };
      for (let i = 1; i < row.length; i += 1) if (row[i] !== null) metrics[names[i]] = row[i] as number;
      result.set(row[0] as string, metrics);
    }
    return result;
  }

  /**
   * The same figures over the base tables: one grouped statement per source. Kept as the
   * definition the day rows are tested against (and for the benchmark's naive figure).
   */
  async metricsForMembersFromBase(organizationId: string, memberIds: readonly string[], from: string, to: string, timezone: string): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>(memberIds.map((id) => [id, {}]));
    if (memberIds.length === 0) return result;
    const add = (rows: { member_id: string; [metric: string]: unknown }[]) => {
      for (const row of rows) {
        const target = result.get(row.member_id);
        if (!target) continue;
        for (const [k, v] of Object.entries(row)) if (k !== 'member_id') target[k] = Number(v ?? 0);
      }
    };
    const span = [organizationId, memberIds, from, to, timezone];
    add(await this.replica.query(
      `SELECT a.owner_member_id AS member_id, count(*) FILTER (WHERE a.kind = 'CALL') AS "CALLS", count(*) FILTER (WHERE a.kind = 'MEETING') AS "MEETINGS"
         FROM activity a
        WHERE a.organization_id = $1 AND a.owner_member_id = ANY($2) AND a.at >= ($3::date)::timestamp AT TIME ZONE $5 AND a.at < ($4::date + 1)::timestamp AT TIME ZONE $5
        GROUP BY a.owner_member_id`,
      span,
    ));
    add(await this.replica.query(
      `SELECT o.seller_member_id AS member_id, sum(o.total) AS "REVENUE",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM client_order e WHERE e.client_id = o.client_id AND (e.ordered_on, e.id) < (o.ordered_on, o.id))) AS "FIRST_ORDERS"
         FROM client_order o
        WHERE o.organization_id = $1 AND o.seller_member_id = ANY($2) AND o.ordered_on BETWEEN $3 AND $4
        GROUP BY o.seller_member_id`,
      [organizationId, memberIds, from, to],
    ));
    add(await this.replica.query(
      `SELECT d.owner_member_id AS member_id, count(*) FILTER (WHERE s.kind = 'WON') AS "DEALS_WON",
              CASE WHEN count(*) = 0 THEN 0 ELSE count(*) FILTER (WHERE s.kind = 'WON')::float8 / count(*) END AS "WIN_RATE",
              coalesce(avg(d.amount) FILTER (WHERE s.kind = 'WON'), 0) AS "AVERAGE_DEAL"
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind <> 'OPEN'
        WHERE d.organization_id = $1 AND d.owner_member_id = ANY($2) AND d.closed_on BETWEEN $3 AND $4
        GROUP BY d.owner_member_id`,
      [organizationId, memberIds, from, to],
    ));
    add(await this.replica.query(
      `SELECT r.from_member_id AS member_id, count(*) AS "WARM_LEADS_HANDED" FROM assignment_record r
        WHERE r.organization_id = $1 AND r.from_member_id = ANY($2) AND r.kind = 'HANDOFF' AND r.at >= ($3::date)::timestamp AT TIME ZONE $5 AND r.at < ($4::date + 1)::timestamp AT TIME ZONE $5
        GROUP BY r.from_member_id`,
      span,
    ));
    add(await this.replica.query(
      `SELECT r.to_member_id AS member_id, count(*) AS "NEW_CLIENTS" FROM assignment_record r
        WHERE r.organization_id = $1 AND r.to_member_id = ANY($2) AND r.kind IN ('ROUTING', 'IMPORT') AND r.at >= ($3::date)::timestamp AT TIME ZONE $5 AND r.at < ($4::date + 1)::timestamp AT TIME ZONE $5
        GROUP BY r.to_member_id`,
      span,
    ));
    add(await this.replica.query(
      `SELECT p.owner_member_id AS member_id, count(*) AS "PROCESSES_DONE" FROM sales_process p
        WHERE p.organization_id = $1 AND p.owner_member_id = ANY($2) AND p.status = 'DONE' AND p.done_at >= ($3::date)::timestamp AT TIME ZONE $5 AND p.done_at < ($4::date + 1)::timestamp AT TIME ZONE $5
        GROUP BY p.owner_member_id`,
      span,
    ));
    add(await this.replica.query(
      `SELECT cs.coach_member_id AS member_id, count(*) AS "COACHING_SESSIONS" FROM coaching_session cs
        WHERE cs.organization_id = $1 AND cs.coach_member_id = ANY($2) AND cs.held_on BETWEEN $3 AND $4 GROUP BY cs.coach_member_id`,
      [organizationId, memberIds, from, to],
    ));
    // deals advanced (shared count-deal-advances.ts): each visit after a deal's first one that entered a later stage of the
    // same pipeline, or a won stage from one not won, never a lost one; for the deal's owner, on the day it was entered
    add(await this.replica.query(
      `SELECT d.owner_member_id AS member_id, count(*) AS "DEALS_ADVANCED"
         FROM deal d
         CROSS JOIN LATERAL (SELECT h.stage_id, h.entered_at, lag(h.stage_id) OVER (ORDER BY h.entered_at, h.id) AS left_stage FROM deal_stage_history h WHERE h.deal_id = d.id) v
         JOIN pipeline_stage s ON s.id = v.stage_id
         JOIN pipeline_stage p ON p.id = v.left_stage
        WHERE d.organization_id = $1 AND d.owner_member_id = ANY($2)
          AND v.entered_at >= ($3::date)::timestamp AT TIME ZONE $5 AND v.entered_at < ($4::date + 1)::timestamp AT TIME ZONE $5
          AND s.kind <> 'LOST' AND s.pipeline_id = p.pipeline_id AND (s.position > p.position OR (s.kind = 'WON' AND p.kind <> 'WON'))
        GROUP BY d.owner_member_id`,
      span,
    ));
    return result;
  }

  /**
   * Per coach: their coachees' progress (shared measure-coachees-progress.ts), one grouped
   * statement: for each coach/coachee pair with a scored review held in the period, the latest
   * one's score less the pair's scored review just before it; summed per coach, with the number
   * of coachees compared. Coaches with nobody to compare are absent.
   */
  async coacheesProgress(coachIds: readonly string[], from: string, to: string): Promise<Map<string, { totalChange: number; coachees: number }>> {
    if (coachIds.length === 0) return new Map();
    const rows = await this.replica.prepared<{ memberId: string; totalChange: number; coachees: number }>(
      `WITH reviews AS (
         SELECT cs.coach_member_id, cs.held_on, cs.score,
                lag(cs.score) OVER pair AS score_before,
                row_number() OVER (PARTITION BY cs.coach_member_id, cs.coachee_member_id ORDER BY cs.held_on DESC, cs.created_at DESC, cs.id DESC) AS newest
           FROM coaching_session cs
          WHERE cs.coach_member_id = ANY($1::uuid[]) AND cs.score IS NOT NULL AND cs.held_on <= $3::date
         WINDOW pair AS (PARTITION BY cs.coach_member_id, cs.coachee_member_id ORDER BY cs.held_on, cs.created_at, cs.id)
       )
       SELECT coach_member_id AS "memberId", sum(score - score_before)::float8 AS "totalChange", count(*)::int AS coachees
         FROM reviews WHERE newest = 1 AND held_on >= $2::date AND score_before IS NOT NULL
        GROUP BY coach_member_id`,
      [uuidArray(coachIds), from, to],
    );
    return new Map(rows.map((r) => [r.memberId, { totalChange: r.totalChange, coachees: r.coachees }]));
  }

  /**
   * Per seller: the clients they sold to in the period before, and how many of those bought
   * again (from anyone) in this period. A calendar month against the month before is one row
   * per person of the trigger-kept `member_retention_month` (migration 1763900000012); any
   * other pair of periods is one grouped statement over their orders (the definition the
   * rollup is tested against).
   */
  async retainedClients(memberIds: readonly string[], before: { from: string; to: string }, now: { from: string; to: string }): Promise<Map<string, { previous: number; kept: number }>> {
    if (memberIds.length === 0) return new Map();
    const monthBefore = isOneWholeMonth(now.from, now.to) ? previousPeriod(now.from, now.to) : null;
    if (monthBefore?.from !== before.from || monthBefore.to !== before.to) {
      return this.retainedClientsFromOrders(memberIds, before, now);
    }
    const rows = await this.replica.prepared<{ memberId: string; previous: number; kept: number }>(
      'SELECT member_id AS "memberId", previous, kept FROM member_retention_month WHERE member_id = ANY($1::uuid[]) AND month = $2::date',
      [uuidArray(memberIds), now.from],
    );
    return new Map(rows.map((r) => [r.memberId, { previous: r.previous, kept: r.kept }]));
  }

  /** retainedClients over the orders, for any two periods. */
  async retainedClientsFromOrders(memberIds: readonly string[], before: { from: string; to: string }, now: { from: string; to: string }): Promise<Map<string, { previous: number; kept: number }>> {
    const rows: { memberId: string; previous: number; kept: number }[] = await this.replica.query(
      `WITH before AS (
         SELECT DISTINCT o.seller_member_id AS member_id, o.client_id FROM client_order o
          WHERE o.seller_member_id = ANY($1::uuid[]) AND o.ordered_on BETWEEN $2::date AND $3::date
       )
       SELECT b.member_id AS "memberId", count(*)::int AS previous,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_order o WHERE o.client_id = b.client_id AND o.ordered_on BETWEEN $4::date AND $5::date))::int AS kept
         FROM before b GROUP BY b.member_id`,
      [memberIds, before.from, before.to, now.from, now.to],
    );
    return new Map(rows.map((r) => [r.memberId, { previous: r.previous, kept: r.kept }]));
  }

  /** Per owner: the amount of open deals expected to close in the period. */
  async openPipeline(memberIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
    // not prepared: a generic plan reads every open deal of the period (8 ms) where the custom one probes the owners (0.05 ms)
    const rows: { memberId: string; amount: number }[] = await this.replica.query(
      `SELECT d.owner_member_id AS "memberId", sum(d.amount)::float8 AS amount
         FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'OPEN'
        WHERE d.owner_member_id = ANY($1::uuid[]) AND d.closed_on IS NULL AND d.expected_close_on BETWEEN $2::date AND $3::date
        GROUP BY d.owner_member_id`,
      [uuidArray(memberIds), from, to],
    );
    return new Map(rows.map((r) => [r.memberId, r.amount]));
  }

  async targetsForMembers(memberIds: readonly string[], from: string, to: string): Promise<{ memberId: string; metric: string; target: number; weight: number }[]> {
    if (memberIds.length === 0) return [];
    return queryPrepared(
      this.dataSource,
      'SELECT member_id AS "memberId", metric, target::float8 AS target, weight::float8 AS weight FROM kpi_target WHERE member_id = ANY($1) AND period_start = $2 AND period_end = $3 ORDER BY weight DESC, metric',
      [uuidArray(memberIds), from, to],
    );
  }

  /**
   * The active members (not directors) of the organization, or of them the given ones. Two
   * statements, not one with `($2 IS NULL OR id = ANY($2))`: in that form a prepared (generic)
   * plan scans the organization's members and searches the array for each (a thousand by a
   * thousand: 8 ms), where `id = ANY($2)` alone is a probe of the primary key per id.
   */
  async membersForKpi(organizationId: string, ids: readonly string[] | null): Promise<{ id: string; role: string; stageRole: string | null }[]> {
    if (ids === null) {
      return queryPrepared(
        this.dataSource,
        `SELECT id, role, stage_role AS "stageRole" FROM member WHERE organization_id = $1 AND active AND role <> 'DIRECTOR' ORDER BY name`,
        [organizationId],
      );
    }
    if (ids.length === 0) return [];
    return queryPrepared(
      this.dataSource,
      `SELECT id, role, stage_role AS "stageRole" FROM member WHERE id = ANY($2::uuid[]) AND organization_id = $1 AND active AND role <> 'DIRECTOR' ORDER BY name`,
      [organizationId, uuidArray(ids)],
    );
  }

  /** The plan of a period: revenue targets set for periods inside it, for the owners in scope. */
  async revenuePlan(scope: DealScope & { from: string; to: string }): Promise<number> {
    const [row]: { plan: number }[] = await this.replica.query(
      `SELECT coalesce(sum(target), 0)::float8 AS plan FROM kpi_target
        WHERE organization_id = $1 AND metric = 'REVENUE' AND period_start >= $3 AND period_end <= $4 AND member_id IS NOT NULL AND ($2::uuid[] IS NULL OR member_id = ANY($2))`,
      [scope.organizationId, scope.ownerIds, scope.from, scope.to],
    );
    return row.plan;
  }

  /** Each member's running sprint (the first one of their teams), if any. */
  async activeSprintsOfMembers(memberIds: readonly string[]): Promise<Map<string, { id: string; startsOn: string; endsOn: string }>> {
    if (memberIds.length === 0) return new Map();
    const rows: { memberId: string; id: string; startsOn: string; endsOn: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (x.member_id) x.member_id AS "memberId", s.id, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn"
         FROM (SELECT member_id, team_id FROM team_member WHERE member_id = ANY($1) UNION SELECT lead_id, id FROM team WHERE lead_id = ANY($1)) x
         JOIN sprint s ON s.team_id = x.team_id AND s.status = 'ACTIVE'
        ORDER BY x.member_id, s.starts_on DESC`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.memberId, { id: r.id, startsOn: r.startsOn, endsOn: r.endsOn }]));
  }
}
