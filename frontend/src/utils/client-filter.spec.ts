import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  clientsExportUrl,
  EMPTY_CLIENT_FILTER,
  filterFromQuery,
  filterToQuery,
  parseAmountInput,
  toApiFilter,
  toggleValue,
  type ClientFilterState,
} from './client-filter';

const full: ClientFilterState = {
  search: 'Альфа',
  stages: ['ACTIVE', 'REGULAR'],
  categories: [1],
  regions: ['Урал', 'Сибирь'],
  industries: ['Банки'],
  channels: ['DEALER'],
  ownershipForms: ['GOVERNMENT'],
  vip: true,
  ownerIds: ['m-1'],
  unowned: false,
  potentialMin: 1_000_000,
  potentialMax: 5_000_000,
};

describe('client filter ↔ address', () => {
  it('round-trips every field through the address', () => {
    const query = filterToQuery(full);
    expect(query).toEqual({
      q: 'Альфа',
      stage: 'ACTIVE,REGULAR',
      category: '1',
      region: 'Урал,Сибирь',
      industry: 'Банки',
      channel: 'DEALER',
      ownership: 'GOVERNMENT',
      vip: 'yes',
      owner: 'm-1',
      min: '1000000',
      max: '5000000',
    });
    expect(filterFromQuery(query as Record<string, string>)).toEqual(full);
  });

  it('leaves an empty filter out of the address entirely', () => {
    expect(filterToQuery(EMPTY_CLIENT_FILTER)).toEqual({});
    expect(filterFromQuery({})).toEqual(EMPTY_CLIENT_FILTER);
  });

  it('drops unknown and malformed values from a hand-made address', () => {
    const parsed = filterFromQuery({ stage: 'ACTIVE,NOPE', category: '1,7', channel: 'SPACESHIP', vip: 'maybe', min: 'lots', max: '-5', q: '  x ' });
    expect(parsed.stages).toEqual(['ACTIVE']);
    expect(parsed.categories).toEqual([1]);
    expect(parsed.channels).toEqual([]);
    expect(parsed.vip).toBeNull();
    expect(parsed.potentialMin).toBeNull();
    expect(parsed.potentialMax).toBeNull();
    expect(parsed.search).toBe('x');
  });

  it('reads repeated parameters and the unowned flag', () => {
    const parsed = filterFromQuery({ region: ['Урал', 'Юг'], unowned: 'yes', vip: 'no' });
    expect(parsed.regions).toEqual(['Урал', 'Юг']);
    expect(parsed.unowned).toBe(true);
    expect(parsed.vip).toBe(false);
  });
});

describe('client filter → API', () => {
  it('sends only the fields that narrow the list', () => {
    expect(toApiFilter(EMPTY_CLIENT_FILTER)).toEqual({});
    expect(toApiFilter({ ...EMPTY_CLIENT_FILTER, regions: ['Урал'], stages: ['ACTIVE'] })).toEqual({ regions: ['Урал'], stages: ['ACTIVE'] });
    expect(toApiFilter({ ...EMPTY_CLIENT_FILTER, vip: false, potentialMin: 0 })).toEqual({ vip: false, potentialMin: 0 });
  });

  it('asks for unowned clients instead of owners when both are set', () => {
    expect(toApiFilter({ ...EMPTY_CLIENT_FILTER, unowned: true, ownerIds: ['m-1'] })).toEqual({ unowned: true });
  });

  it('counts the active fields and builds the export address of the same filter', () => {
    expect(activeFilterCount(full)).toBe(11);
    expect(clientsExportUrl(EMPTY_CLIENT_FILTER)).toBe('/export/clients.csv');
    const url = clientsExportUrl({ ...EMPTY_CLIENT_FILTER, regions: ['Урал'] });
    expect(url.startsWith('/export/clients.csv?filter=')).toBe(true);
    expect(JSON.parse(decodeURIComponent(url.split('filter=')[1] ?? ''))).toEqual({ regions: ['Урал'] });
    expect(clientsExportUrl(EMPTY_CLIENT_FILTER, 'ru')).toBe('/export/clients.csv?lang=ru');
    expect(clientsExportUrl({ ...EMPTY_CLIENT_FILTER, vip: true }, 'en')).toMatch(/^\/export\/clients\.csv\?filter=.+&lang=en$/);
  });

  it('toggles list values and reads amounts typed by hand', () => {
    expect(toggleValue(['A', 'B'], 'A')).toEqual(['B']);
    expect(toggleValue(['A'], 'B')).toEqual(['A', 'B']);
    expect(parseAmountInput('1 000 000')).toBe(1_000_000);
    expect(parseAmountInput('1,5')).toBe(1.5);
    expect(parseAmountInput('')).toBeNull();
    expect(parseAmountInput('x')).toBeNull();
  });
});
