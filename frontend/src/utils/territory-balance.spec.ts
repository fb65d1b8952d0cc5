import { describe, expect, it } from 'vitest';
import { activeClientCount } from './matrix';
import { balanceChartData, balanceRows, deviationTone, teamReps } from './territory-balance';

const balance = {
  mean: '100000000.00',
  members: [
    { member: { id: 'b', name: 'Борис' }, potential: '80000000', potentialAfter: '98000000', deviation: -0.2 },
    { member: { id: 'a', name: 'Анна' }, potential: '120000000', potentialAfter: '102000000', deviation: 0.2 },
    { member: { id: 'c', name: 'Вера' }, potential: '100000000', potentialAfter: '100000000', deviation: 0 },
  ],
};

describe('territory balance', () => {
  it('lists the portfolios largest first, with the deviation before and after', () => {
    const rows = balanceRows(balance);
    expect(rows.map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(rows[0]).toEqual({ id: 'a', name: 'Анна', potential: 120_000_000, after: 102_000_000, deviation: 0.2, deviationAfter: 0.02 });
    expect(rows[2]?.deviationAfter).toBeCloseTo(-0.02);
  });

  it('charts bars per person, the after bars only with a proposal, and the mean as a line', () => {
    const labels = { potential: 'Potential', after: 'After', mean: 'Mean' };
    const colors = { potential: '#1', after: '#2', mean: '#3' };
    const rows = balanceRows(balance);
    const before = balanceChartData(rows, 100_000_000, false, labels, colors);
    expect(before.labels).toEqual(['Анна', 'Вера', 'Борис']);
    expect(before.datasets.map((d) => [d.type, d.label])).toEqual([
      ['bar', 'Potential'],
      ['line', 'Mean'],
    ]);
    expect(before.datasets[1]?.data).toEqual([100_000_000, 100_000_000, 100_000_000]);
    const after = balanceChartData(rows, 100_000_000, true, labels, colors);
    expect(after.datasets.map((d) => d.label)).toEqual(['Potential', 'After', 'Mean']);
    expect(after.datasets[1]?.data).toEqual([102_000_000, 100_000_000, 98_000_000]);
  });

  it('compares the reps of a team, and grades deviations against the 5% target', () => {
    expect(teamReps([{ id: '1', role: 'LEAD' }, { id: '2', role: 'SALES' }, { id: '3', role: 'COACH' }])).toEqual([{ id: '2', role: 'SALES' }]);
    expect([0.04, -0.05, 0.1, -0.3].map(deviationTone)).toEqual(['ok', 'ok', 'warn', 'far']);
  });

  it('sums the active clients of the people of a matrix cell', () => {
    expect(activeClientCount([{ capacity: { activeClients: 12 } }, { capacity: { activeClients: 30 } }])).toBe(42);
    expect(activeClientCount([])).toBe(0);
  });
});
