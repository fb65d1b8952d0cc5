import { describe, expect, it } from 'vitest';
import { burndownChartData, latestBurndown, velocityChartData, velocitySummary } from './sprint-charts';

const points = [
  { date: '2026-11-25', remaining: 16, ideal: 16, remainingUnits: 100, idealUnits: 100 },
  { date: '2026-11-26', remaining: 15, ideal: 8, remainingUnits: 80, idealUnits: 50 },
  { date: '2026-11-27', remaining: null, ideal: 0, remainingUnits: null, idealUnits: 0 },
];
const labels = { remaining: 'Remaining', ideal: 'Ideal' };
const colors = { remaining: '#111', ideal: '#999' };

describe('sprint charts', () => {
  it('draws remaining against ideal, with a gap for days to come', () => {
    const data = burndownChartData(points, 'processes', (d) => d.slice(5), labels, colors);
    expect(data.labels).toEqual(['11-25', '11-26', '11-27']);
    expect(data.datasets[0]!.data.slice(0, 2)).toEqual([16, 15]);
    expect(Number.isNaN(data.datasets[0]!.data[2])).toBe(true);
    expect(data.datasets[1]!.data).toEqual([16, 8, 0]);
    const units = burndownChartData(points, 'units', (d) => d, labels, colors);
    expect(units.datasets[0]!.data.slice(0, 2)).toEqual([100, 80]);
    expect(units.datasets[1]!.data).toEqual([100, 50, 0]);
    expect(latestBurndown(points)?.date).toBe('2026-11-26');
    expect(latestBurndown([])).toBeNull();
  });

  it('draws velocity as planned beside done, and sums it up', () => {
    const rows = [
      { sprintId: 's1', name: 'Sprint 1', processesDone: 8, processesPlanned: 15, unitsDone: 10, revenueWon: '930000.00' },
      { sprintId: 's2', name: 'Sprint 2', processesDone: 16, processesPlanned: 17, unitsDone: 20, revenueWon: '0' },
    ];
    const data = velocityChartData(rows, { planned: 'Planned', done: 'Done' }, { planned: '#999', done: '#0a0' });
    expect(data.labels).toEqual(['Sprint 1', 'Sprint 2']);
    expect(data.datasets.map((d) => d.data)).toEqual([
      [15, 17],
      [8, 16],
    ]);
    expect(velocitySummary(rows)).toEqual({ averageDone: 12, revenue: 930000, completion: 24 / 32 });
    expect(velocitySummary([])).toEqual({ averageDone: null, revenue: 0, completion: null });
  });
});
