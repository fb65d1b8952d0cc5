import { funnelConversions, median, winRate } from './funnel-math';

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
});
