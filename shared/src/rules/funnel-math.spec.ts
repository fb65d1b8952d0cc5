import { funnelConversions, isWholeMonths, median, medianOfHistogram, winRate } from './funnel-math';

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

  it('knows whole-month periods', () => {
    expect(isWholeMonths(null, null)).toBe(true);
    expect(isWholeMonths('2026-11-01', '2026-12-31')).toBe(true);
    expect(isWholeMonths('2026-02-01', '2026-02-28')).toBe(true);
    expect(isWholeMonths('2026-11-02', null)).toBe(false);
    expect(isWholeMonths(null, '2026-11-29')).toBe(false);
  });
});
