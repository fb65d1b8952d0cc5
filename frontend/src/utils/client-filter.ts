import { CATEGORIES, CHANNELS, CLIENT_STAGES, OWNERSHIP_FORMS, type Channel, type ClientStage, type OwnershipForm } from '@salescircle/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { ClientFilter } from '@/graphql/generated';
import { splitList } from './lists';

/** The clients page's filter as the filter bar edits it (and the address keeps it). */
export interface ClientFilterState {
  search: string;
  stages: ClientStage[];
  categories: number[];
  regions: string[];
  industries: string[];
  channels: Channel[];
  ownershipForms: OwnershipForm[];
  /** null: VIP or not. */
  vip: boolean | null;
  ownerIds: string[];
  /** Only clients nobody owns. */
  unowned: boolean;
  potentialMin: number | null;
  potentialMax: number | null;
}

export const EMPTY_CLIENT_FILTER: Readonly<ClientFilterState> = Object.freeze({
  search: '',
  stages: [],
  categories: [],
  regions: [],
  industries: [],
  channels: [],
  ownershipForms: [],
  vip: null,
  ownerIds: [],
  unowned: false,
  potentialMin: null,
  potentialMax: null,
});

/** Names of the filter's parameters in the address. */
const KEYS = {
  search: 'q',
  stages: 'stage',
  categories: 'category',
  regions: 'region',
  industries: 'industry',
  channels: 'channel',
  ownershipForms: 'ownership',
  vip: 'vip',
  ownerIds: 'owner',
  unowned: 'unowned',
  potentialMin: 'min',
  potentialMax: 'max',
} as const satisfies Record<keyof ClientFilterState, string>;

function first(query: LocationQuery, key: string): string {
  const value = query[key];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : '';
}

function listOf(query: LocationQuery, key: string): string[] {
  const value = query[key];
  const parts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  return splitList(parts.join(','));
}

function oneOf<T extends string | number>(allowed: readonly T[], values: readonly (string | number)[]): T[] {
  return allowed.filter((item) => values.some((v) => String(v) === String(item)));
}

function amount(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** The filter in an address (unknown or malformed values are dropped). */
export function filterFromQuery(query: LocationQuery): ClientFilterState {
  const vip = first(query, KEYS.vip);
  return {
    search: first(query, KEYS.search).trim(),
    stages: oneOf(CLIENT_STAGES, listOf(query, KEYS.stages)),
    categories: oneOf<number>(CATEGORIES, listOf(query, KEYS.categories)),
    regions: listOf(query, KEYS.regions),
    industries: listOf(query, KEYS.industries),
    channels: oneOf(CHANNELS, listOf(query, KEYS.channels)),
    ownershipForms: oneOf(OWNERSHIP_FORMS, listOf(query, KEYS.ownershipForms)),
    vip: vip === 'yes' ? true : vip === 'no' ? false : null,
    ownerIds: listOf(query, KEYS.ownerIds),
    unowned: first(query, KEYS.unowned) === 'yes',
    potentialMin: amount(first(query, KEYS.potentialMin)),
    potentialMax: amount(first(query, KEYS.potentialMax)),
  };
}

/** The filter as address parameters; empty fields are left out (so the plain page has none). */
export function filterToQuery(filter: ClientFilterState): LocationQueryRaw {
  const query: Record<string, string> = {};
  const list = (key: string, values: readonly (string | number)[]) => {
    if (values.length > 0) query[key] = values.join(',');
  };
  if (filter.search.trim()) query[KEYS.search] = filter.search.trim();
  list(KEYS.stages, filter.stages);
  list(KEYS.categories, filter.categories);
  list(KEYS.regions, filter.regions);
  list(KEYS.industries, filter.industries);
  list(KEYS.channels, filter.channels);
  list(KEYS.ownershipForms, filter.ownershipForms);
  if (filter.vip !== null) query[KEYS.vip] = filter.vip ? 'yes' : 'no';
  list(KEYS.ownerIds, filter.ownerIds);
  if (filter.unowned) query[KEYS.unowned] = 'yes';
  if (filter.potentialMin !== null) query[KEYS.potentialMin] = String(filter.potentialMin);
  if (filter.potentialMax !== null) query[KEYS.potentialMax] = String(filter.potentialMax);
  return query;
}

/** The filter as the API takes it: only the fields that narrow the list. */
export function toApiFilter(filter: ClientFilterState): ClientFilter {
  const api: ClientFilter = {};
  if (filter.search.trim()) api.search = filter.search.trim();
  if (filter.stages.length) api.stages = [...filter.stages];
  if (filter.categories.length) api.categories = [...filter.categories];
  if (filter.regions.length) api.regions = [...filter.regions];
  if (filter.industries.length) api.industries = [...filter.industries];
  if (filter.channels.length) api.channels = [...filter.channels];
  if (filter.ownershipForms.length) api.ownershipForms = [...filter.ownershipForms];
  if (filter.vip !== null) api.vip = filter.vip;
  if (filter.unowned) api.unowned = true;
  else if (filter.ownerIds.length) api.ownerIds = [...filter.ownerIds];
  if (filter.potentialMin !== null) api.potentialMin = filter.potentialMin;
  if (filter.potentialMax !== null) api.potentialMax = filter.potentialMax;
  return api;
}

/** How many fields of the filter narrow the list (0: every client the viewer may see). */
export function activeFilterCount(filter: ClientFilterState): number {
  return Object.keys(toApiFilter(filter)).length;
}

/** The filter with one list value switched on or off. */
export function toggleValue<T extends string | number>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Where the CSV of the filtered list is downloaded from (the server streams every page), its titles and values in `lang` when given. */
export function clientsExportUrl(filter: ClientFilterState, lang?: string): string {
  const api = toApiFilter(filter);
  const query = [Object.keys(api).length === 0 ? null : `filter=${encodeURIComponent(JSON.stringify(api))}`, lang ? `lang=${encodeURIComponent(lang)}` : null].filter(Boolean);
  return query.length === 0 ? '/export/clients.csv' : `/export/clients.csv?${query.join('&')}`;
}

/** A potential typed by hand ("1 000 000", "1,5"): a non-negative number, null when empty or not a number. */
export function parseAmountInput(text: string): number | null {
  return amount(text);
}
