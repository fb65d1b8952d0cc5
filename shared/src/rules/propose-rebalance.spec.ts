import { proposeRebalance, type BalanceMember } from './propose-rebalance';

const member = (id: string, potentials: number[], movable = true): BalanceMember => ({
  id,
  clients: potentials.map((p, i) => ({ id: `${id}-${i}`, potential: p, movable })),
});

describe('proposeRebalance', () => {
  it('moves nothing when everyone is within 5% of the mean', () => {
    const result = proposeRebalance([member('a', [100]), member('b', [104]), member('c', [98])]);
    expect(result.moves).toEqual([]);
    expect(result.balanced).toBe(true);
  });

  it('balances with one well-chosen move instead of many small ones', () => {
    const result = proposeRebalance([member('a', [50, 10, 10, 10, 10, 10, 100]), member('b', [100])]);
    expect(result.moves).toEqual([{ clientId: 'a-0', fromMemberId: 'a', toMemberId: 'b', potential: 50 }]);
    expect(result.after).toEqual({ a: 150, b: 150 });
    expect(result.balanced).toBe(true);
  });

  it('never moves protected clients and reports when balance is not feasible', () => {
    const result = proposeRebalance([member('a', [300], false), member('b', [100])]);
    expect(result.moves).toEqual([]);
    expect(result.balanced).toBe(false);
    expect(result.maxDeviationAfter).toBeCloseTo(0.5);
  });

  it('keeps the total and improves the spread on random portfolios', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const members = Array.from({ length: 7 }, (_, m) => member(`m${m}`, Array.from({ length: 20 + m * 10 }, () => Math.round(random() * 1_000_000))));
    const result = proposeRebalance(members);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);
    expect(sum(result.after)).toBeCloseTo(sum(result.before));
    expect(result.maxDeviationAfter).toBeLessThan(result.maxDeviationBefore);
    expect(result.balanced).toBe(true);
    expect(new Set(result.moves.map((m) => m.clientId)).size).toBe(result.moves.length);
  });
});
