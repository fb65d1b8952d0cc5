import { describe, expect, it } from 'vitest';
import { activeFunnelFilters, clearedFunnelFilter, EMPTY_FUNNEL_FILTER, funnelFilterFromQuery, funnelFilterToQuery, toFunnelApiFilter, type FunnelFilterState } from './funnel-filter';

const FULL: FunnelFilterState = {
  pipelineId: 'p1',
  teamId: 't1',
  memberId: null,
  period: 'month',
  stageRole: 'FARMER',
  category: 2,
  region: 'Москва',
  industry: 'Ритейл',
  channel: 'DEALER',
  ownershipForm: 'COMMERCIAL',
  vip: false,
  productId: 'pr-1',
};

describe('the funnel filter in the address', () => {
  it('reads back what it writes, and nothing for the empty filter', () => {
    expect(funnelFilterFromQuery(funnelFilterToQuery(FULL) as Record<string, string>)).toEqual(FULL);
    expect(funnelFilterToQuery(EMPTY_FUNNEL_FILTER)).toEqual({});
    expect(funnelFilterFromQuery({})).toEqual(EMPTY_FUNNEL_FILTER);
    expect(funnelFilterToQuery({ ...EMPTY_FUNNEL_FILTER, vip: true, category: 1 })).toEqual({ vip: 'yes', category: '1' });
  });

  it('drops what is not a choice', () => {
    expect(funnelFilterFromQuery({ role: 'CHIEF', category: '4', vip: 'perhaps', channel: 'dealer', ownership: 'STATE', region: '  ', product: '' })).toEqual(EMPTY_FUNNEL_FILTER);
    expect(funnelFilterFromQuery({ role: ['HUNTER', 'FARMER'], category: '3', region: ' Москва ' })).toMatchObject({ stageRole: 'HUNTER', category: 3, region: 'Москва' });
  });

  it('becomes the API filter with only the fields set', () => {
    expect(toFunnelApiFilter(EMPTY_FUNNEL_FILTER, '2026-12-01')).toEqual({});
    expect(toFunnelApiFilter(FULL, '2026-12-15')).toEqual({
      pipelineId: 'p1',
      teamId: 't1',
      from: '2026-12-01',
      to: '2026-12-31',
      stageRole: 'FARMER',
      category: 2,
      region: 'Москва',
      industry: 'Ритейл',
      channel: 'DEALER',
      ownershipForm: 'COMMERCIAL',
      vip: false,
      productId: 'pr-1',
    });
  });

  it('counts the filters that narrow, and resets all but the pipeline', () => {
    expect(activeFunnelFilters(EMPTY_FUNNEL_FILTER)).toBe(0);
    expect(activeFunnelFilters({ ...EMPTY_FUNNEL_FILTER, pipelineId: 'p1' })).toBe(0);
    expect(activeFunnelFilters(FULL)).toBe(10);
    expect(clearedFunnelFilter(FULL)).toEqual({ ...EMPTY_FUNNEL_FILTER, pipelineId: 'p1' });
  });
});
