import { CATEGORIES, CHANNELS, OWNERSHIP_FORMS, STAGE_ROLES, type Channel, type OwnershipForm, type StageRole } from '@salescircle/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { analyticsFilterFromQuery, analyticsFilterToQuery, EMPTY_ANALYTICS_FILTER, toAnalyticsFilter, type AnalyticsFilterState } from './analytics';

/**
 * What the funnel narrows by besides pipeline, team, person and period: the owner's stage
 * role, the client's category and segment (region, industry, channel, ownership form, VIP),
 * and the deal's product. Kept in the address too (`?role=&category=&region=&industry=&channel=&ownership=&vip=&product=`).
 */
export interface FunnelSegmentState {
  stageRole: StageRole | null;
  category: number | null;
  region: string | null;
  industry: string | null;
  channel: Channel | null;
  ownershipForm: OwnershipForm | null;
  /** true: VIP clients only; false: the others; null: any. */
  vip: boolean | null;
  productId: string | null;
}

export type FunnelFilterState = AnalyticsFilterState & FunnelSegmentState;

export const EMPTY_FUNNEL_SEGMENT: Readonly<FunnelSegmentState> = { stageRole: null, category: null, region: null, industry: null, channel: null, ownershipForm: null, vip: null, productId: null };
export const EMPTY_FUNNEL_FILTER: Readonly<FunnelFilterState> = { ...EMPTY_ANALYTICS_FILTER, ...EMPTY_FUNNEL_SEGMENT };

/** The address keys of the segment, in the order they are written. */
export const FUNNEL_SEGMENT_KEYS = ['role', 'category', 'region', 'industry', 'channel', 'ownership', 'vip', 'product'] as const;

const one = (value: LocationQuery[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : null;
};
const among = <T extends string>(values: readonly T[], value: string | null): T | null => (value !== null && (values as readonly string[]).includes(value) ? (value as T) : null);

/** The funnel's filter from the address; a value that is not one of the choices is dropped. */
export function funnelFilterFromQuery(query: LocationQuery): FunnelFilterState {
  const category = Number(one(query.category));
  const vip = one(query.vip);
  return {
    ...analyticsFilterFromQuery(query),
    stageRole: among(STAGE_ROLES, one(query.role)),
    category: (CATEGORIES as readonly number[]).includes(category) ? category : null,
    region: one(query.region),
    industry: one(query.industry),
    channel: among(CHANNELS, one(query.channel)),
    ownershipForm: among(OWNERSHIP_FORMS, one(query.ownership)),
    vip: vip === 'yes' ? true : vip === 'no' ? false : null,
    productId: one(query.product),
  };
}

export function funnelFilterToQuery(state: FunnelFilterState): LocationQueryRaw {
  const query: LocationQueryRaw = analyticsFilterToQuery(state);
  if (state.stageRole) query.role = state.stageRole;
  if (state.category !== null) query.category = String(state.category);
  if (state.region) query.region = state.region;
  if (state.industry) query.industry = state.industry;
  if (state.channel) query.channel = state.channel;
  if (state.ownershipForm) query.ownership = state.ownershipForm;
  if (state.vip !== null) query.vip = state.vip ? 'yes' : 'no';
  if (state.productId) query.product = state.productId;
  return query;
}

export interface FunnelApiFilter {
  pipelineId?: string;
  teamId?: string;
  memberId?: string;
  from?: string;
  to?: string;
  stageRole?: StageRole;
  category?: number;
  region?: string;
  industry?: string;
  channel?: Channel;
  ownershipForm?: OwnershipForm;
  vip?: boolean;
  productId?: string;
}

/** The API's AnalyticsFilter of the funnel's state (only the fields set). */
export function toFunnelApiFilter(state: FunnelFilterState, today: string): FunnelApiFilter {
  const filter: FunnelApiFilter = toAnalyticsFilter(state, today);
  if (state.stageRole) filter.stageRole = state.stageRole;
  if (state.category !== null) filter.category = state.category;
  if (state.region) filter.region = state.region;
  if (state.industry) filter.industry = state.industry;
  if (state.channel) filter.channel = state.channel;
  if (state.ownershipForm) filter.ownershipForm = state.ownershipForm;
  if (state.vip !== null) filter.vip = state.vip;
  if (state.productId) filter.productId = state.productId;
  return filter;
}

/** How many filters narrow the view (the pipeline only picks which funnel): for "reset" and the empty state. */
export function activeFunnelFilters(state: FunnelFilterState): number {
  const { pipelineId: _pipeline, period, ...rest } = state;
  return Object.values(rest).filter((v) => v !== null).length + (period === 'all' ? 0 : 1);
}

/** Everything reset but the pipeline. */
export function clearedFunnelFilter(state: FunnelFilterState): FunnelFilterState {
  return { ...EMPTY_FUNNEL_FILTER, pipelineId: state.pipelineId };
}
