/**
 * Funnel arithmetic (issue 6). Stages are in pipeline order; `reached` counts deals that ever
 * entered a stage. Conversion to the next open stage is reached(next) / reached(this); from
 * the last open stage it is the conversion to WON. Win rate is won / (won + lost). Sales
 * velocity is open deals × win rate × average won deal ÷ average days to win (money per day).
 */
import { isWholeMonthSpan } from './calendar-months';

export interface FunnelStageInput {
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
  count: number;
  amount: number;
  reached: number;
}

export interface FunnelStageOutput extends FunnelStageInput {
  /** Null for WON/LOST stages and when nothing reached the stage. */
  conversionToNext: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function funnelConversions(stages: readonly FunnelStageInput[]): FunnelStageOutput[] {
  const open = stages.filter((s) => s.kind === 'OPEN');
  const won = stages.find((s) => s.kind === 'WON');
  return stages.map((stage) => {
    if (stage.kind !== 'OPEN' || stage.reached === 0) return { ...stage, conversionToNext: null };
    const i = open.indexOf(stage);
    const next = i + 1 < open.length ? open[i + 1] : won;
    return { ...stage, conversionToNext: next ? round4(next.reached / stage.reached) : null };
  });
}

/** won / (won + lost); null when nothing is closed yet. */
export function winRate(won: number, lost: number): number | null {
  return won + lost === 0 ? null : round4(won / (won + lost));
}

/** The median (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of values given as a histogram (value → how many), equal to median() of the expanded list. */
export function medianOfHistogram(bins: readonly { value: number; count: number }[]): number | null {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (k < seen) return b.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** The mean of values given as a histogram (value → how many); null for none. */
export function meanOfHistogram(bins: readonly { value: number; count: number }[]): number | null {
  let n = 0;
  let sum = 0;
  for (const b of bins) {
    if (b.count <= 0) continue;
    n += b.count;
    sum += b.value * b.count;
  }
  return n === 0 ? null : sum / n;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Average days a deal spent in a stage: the days of all its visits to the stage (a visit not
 * left yet counts up to now) over the deals that visited it, to two decimals. Only open
 * stages have one: a deal stays in WON or LOST for good. Null when no deal visited the stage.
 */
export function averageDaysInStage(kind: 'OPEN' | 'WON' | 'LOST', totalDays: number, deals: number): number | null {
  if (kind !== 'OPEN' || deals <= 0) return null;
  return round2(totalDays / deals);
}

export interface SalesVelocityInput {
  /** Deals in open stages now. */
  openDeals: number;
  /** won / (won + lost), a fraction; null when nothing is closed. */
  winRate: number | null;
  /** Average amount of a won deal; null when nothing is won. */
  avgWonAmount: number | null;
  /** Average days from a deal's start to its win; null when nothing is won. */
  avgDaysToWin: number | null;
}

/**
 * Sales velocity, the money the funnel brings in per day: open deals × win rate × average
 * won deal ÷ average days to win, to two decimals. Null when a factor is unknown (nothing
 * closed or won yet) or when deals are won on the day they start (no days to divide by).
 */
export function salesVelocity({ openDeals, winRate, avgWonAmount, avgDaysToWin }: SalesVelocityInput): number | null {
  if (winRate === null || avgWonAmount === null || avgDaysToWin === null || avgDaysToWin <= 0) return null;
  return round2((openDeals * winRate * avgWonAmount) / avgDaysToWin);
}

/** Deal-level narrowing of the funnel (client category or segment, product): what the owner-and-month rollups cannot answer. */
export interface FunnelDealFilter {
  category?: number | null;
  region?: string | null;
  industry?: string | null;
  channel?: string | null;
  ownershipForm?: string | null;
  vip?: boolean | null;
  productId?: string | null;
}

/** Whether any deal-level filter is set. */
export function hasDealFilter(filter: FunnelDealFilter): boolean {
  return Object.values(filter).some((v) => v !== null && v !== undefined);
}

/** A client's segments as the funnel rollups slice deals by them. */
export interface FunnelSegmentSource {
  vip: boolean;
  channel: string | null;
  ownershipForm: string | null;
  region: string | null;
  industry: string | null;
}

/**
 * The keys of a client's segments in the segment rollups (migration 0024): `vip:true` or
 * `vip:false`, `channel:…`, `ownership:…`, `region:…`, `industry:…`, one per segment the client
 * has (no key for one it lacks). Each deal of the client counts under each key. The SQL function
 * `client_funnel_segments` writes the same keys (an API test holds them equal through the funnel).
 */
export function funnelSegmentKeys(client: FunnelSegmentSource): string[] {
  const keys = [`vip:${client.vip}`];
  const add = (kind: string, value: string | null) => {
    if (value !== null) keys.push(`${kind}:${value}`);
  };
  add('channel', client.channel);
  add('ownership', client.ownershipForm);
  add('region', client.region);
  add('industry', client.industry);
  return keys;
}

/** The segment key of a filter that names exactly one segment (and nothing else of the client's: no category), else null. */
export function funnelSegmentKey(filter: FunnelDealFilter): string | null {
  const { category, productId, vip, channel, ownershipForm, region, industry } = filter;
  const named = [
    vip != null && `vip:${vip}`,
    channel != null && `channel:${channel}`,
    ownershipForm != null && `ownership:${ownershipForm}`,
    region != null && `region:${region}`,
    industry != null && `industry:${industry}`,
  ].filter((key): key is string => typeof key === 'string');
  return named.length === 1 && category == null && productId == null ? named[0] : null;
}

/**
 * The slice of the trigger-kept rollups that answers a funnel: every deal (`category` 0, no
 * product, no segment), the deals of clients of one category, the deals of one product, both
 * (one category and one product, migration 0025), or the deals of clients in one segment (VIP or
 * not, a channel, an ownership form, a region, an industry: `segment`, read from the segment
 * rollups). The rollups hold deals per pipeline, stage, owner, month started and slice, so they
 * answer exactly a whole-month period (or none) for any set of owners (a team, a person, a stage
 * role) with those filters. Null: the deals themselves must be read (a period that cuts a month,
 * or a segment with another filter).
 */
export interface FunnelRollupSlice {
  category: number;
  productId: string | null;
  segment: string | null;
}

export function funnelRollupSlice(from: string | null, to: string | null, filter: FunnelDealFilter): FunnelRollupSlice | null {
  if (!isWholeMonthSpan(from, to)) return null;
  const { category, productId, ...segments } = filter;
  if (hasDealFilter(segments)) {
    const segment = funnelSegmentKey(filter);
    return segment === null ? null : { category: 0, productId: null, segment };
  }
  const byCategory = category !== null && category !== undefined;
  const byProduct = productId !== null && productId !== undefined;
  return { category: byCategory ? category : 0, productId: byProduct ? productId : null, segment: null };
}
