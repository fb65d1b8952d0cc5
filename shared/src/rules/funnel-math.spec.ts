import { averageDaysInStage, funnelConversions, funnelRollupSlice, funnelSegmentKey, funnelSegmentKeys, hasDealFilter, meanOfHistogram, median, medianOfHistogram, salesVelocity, winRate } from './funnel-math';

describe('funnel arithmetic', () => {
  const stages = [
    { name: 'Prospecting', kind: 'OPEN' as const, count: 5, amount: 0, reached: 100 },
    { name: 'Engaging', kind: 'OPEN' as const, count: 10, amount: 0, reached: 80 },
    { name: 'Won', kind: 'WON' as const, count: 40, amount: 0, reached: 40 },
    { name: 'Lost', kind: 'LOST' as const, count: 30, amount: 0, reached: 30 },
  ];

  it('converts each open stage to the next one, the last to WON', () => {
    expect(funnelConversions(stages).map((s) => s.conversionToNext)).toEqual([0.8, 0.5, null, null]);
  });

  it('has no conversion for a stage nothing reached', () => {
    expect(funnelConversions([{ ...stages[0], reached: 0 }, stages[2]])[0].conversionToNext).toBeNull();
  });

  it('computes the win rate over closed deals only', () => {
    expect(winRate(40, 30)).toBe(0.5714);
    expect(winRate(0, 0)).toBeNull();
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('takes the same median from a histogram as from the list', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial += 1) {
      const values = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 20));
      const bins = new Map<number, number>();
      for (const v of values) bins.set(v, (bins.get(v) ?? 0) + 1);
      expect(medianOfHistogram([...bins].map(([value, count]) => ({ value, count })))).toBe(median(values));
    }
    expect(medianOfHistogram([])).toBeNull();
  });

  it('takes the mean of a histogram as of the expanded list', () => {
    expect(meanOfHistogram([{ value: 10, count: 3 }, { value: 40, count: 1 }])).toBe(17.5);
    expect(meanOfHistogram([{ value: 5, count: 0 }])).toBeNull();
    expect(meanOfHistogram([])).toBeNull();
  });

  it('averages the days in an open stage over the deals that visited it', () => {
    // Three deals: 2 days, 5 days, and one that came back (1 + 3 days): 11 days over 3 deals.
    expect(averageDaysInStage('OPEN', 2 + 5 + 1 + 3, 3)).toBe(3.67);
    expect(averageDaysInStage('OPEN', 0, 0)).toBeNull();
    expect(averageDaysInStage('WON', 40, 4)).toBeNull();
    expect(averageDaysInStage('LOST', 40, 4)).toBeNull();
  });

  it('computes sales velocity as open deals × win rate × average won deal ÷ days to win', () => {
    // 12 open deals, 3 in 4 won, 500,000 a won deal, 30 days to win: 150,000 a day.
    expect(salesVelocity({ openDeals: 12, winRate: 0.75, avgWonAmount: 500_000, avgDaysToWin: 30 })).toBe(150_000);
    expect(salesVelocity({ openDeals: 7, winRate: 0.3333, avgWonAmount: 1000, avgDaysToWin: 9 })).toBe(259.23);
    expect(salesVelocity({ openDeals: 0, winRate: 0.5, avgWonAmount: 1000, avgDaysToWin: 10 })).toBe(0);
    // Doubling the open deals doubles the velocity; doubling the days to win halves it.
    const base = { openDeals: 10, winRate: 0.4, avgWonAmount: 250_000, avgDaysToWin: 20 };
    expect(salesVelocity({ ...base, openDeals: 20 })).toBe(2 * salesVelocity(base)!);
    expect(salesVelocity({ ...base, avgDaysToWin: 40 })).toBe(salesVelocity(base)! / 2);
  });

  it('has no velocity while a factor is unknown or deals are won on their first day', () => {
    const base = { openDeals: 10, winRate: 0.4, avgWonAmount: 250_000, avgDaysToWin: 20 };
    expect(salesVelocity({ ...base, winRate: null })).toBeNull();
    expect(salesVelocity({ ...base, avgWonAmount: null })).toBeNull();
    expect(salesVelocity({ ...base, avgDaysToWin: null })).toBeNull();
    expect(salesVelocity({ ...base, avgDaysToWin: 0 })).toBeNull();
  });

  it('reads the rollups for whole months with at most a category, a product or one segment, and the deals otherwise', () => {
    expect(hasDealFilter({})).toBe(false);
    expect(hasDealFilter({ category: null, region: undefined })).toBe(false);
    expect(hasDealFilter({ vip: false })).toBe(true);
    const all = { category: 0, productId: null, segment: null };
    expect(funnelRollupSlice(null, null, {})).toEqual(all);
    expect(funnelRollupSlice('2026-11-01', '2026-11-30', {})).toEqual(all);
    expect(funnelRollupSlice('2026-10-01', '2026-12-31', { category: null, productId: undefined })).toEqual(all);
    expect(funnelRollupSlice('2026-11-02', '2026-11-30', {})).toBeNull();
    expect(funnelRollupSlice('2026-11-02', '2026-11-30', { category: 2 })).toBeNull();
    expect(funnelRollupSlice(null, null, { category: 1 })).toEqual({ category: 1, productId: null, segment: null });
    expect(funnelRollupSlice('2026-07-01', '2026-09-30', { productId: 'p' })).toEqual({ category: 0, productId: 'p', segment: null });
    expect(funnelRollupSlice(null, null, { category: 1, productId: 'p' })).toEqual({ category: 1, productId: 'p', segment: null });
    expect(funnelRollupSlice('2026-11-01', '2026-11-29', { category: 1, productId: 'p' })).toBeNull();
    // one segment: the segment rollups; a segment with anything else: the deals
    expect(funnelRollupSlice(null, null, { region: 'Москва' })).toEqual({ category: 0, productId: null, segment: 'region:Москва' });
    expect(funnelRollupSlice('2026-01-01', '2026-03-31', { vip: false, category: null })).toEqual({ category: 0, productId: null, segment: 'vip:false' });
    expect(funnelRollupSlice('2026-01-02', '2026-03-31', { vip: true })).toBeNull();
    expect(funnelRollupSlice(null, null, { category: 3, vip: true })).toBeNull();
    expect(funnelRollupSlice(null, null, { productId: 'p', channel: 'DEALER' })).toBeNull();
    expect(funnelRollupSlice(null, null, { region: 'Москва', industry: 'IT' })).toBeNull();
  });

  it("keys a client's segments, one per segment it has, and a filter of one segment by the same key", () => {
    const client = { vip: false, channel: 'DEALER', ownershipForm: 'GOVERNMENT', region: 'Москва', industry: null };
    expect(funnelSegmentKeys(client)).toEqual(['vip:false', 'channel:DEALER', 'ownership:GOVERNMENT', 'region:Москва']);
    expect(funnelSegmentKeys({ vip: true, channel: null, ownershipForm: null, region: null, industry: 'IT' })).toEqual(['vip:true', 'industry:IT']);
    // every key a filter of one of the client's segments asks for is one the client's deals count under
    for (const filter of [{ vip: false }, { channel: 'DEALER' }, { ownershipForm: 'GOVERNMENT' }, { region: 'Москва' }]) {
      expect(funnelSegmentKeys(client)).toContain(funnelSegmentKey(filter));
    }
    expect(funnelSegmentKey({ vip: true, region: 'Москва' })).toBeNull();
    expect(funnelSegmentKey({ region: 'Москва', category: 1 })).toBeNull();
    expect(funnelSegmentKey({})).toBeNull();
  });
});
