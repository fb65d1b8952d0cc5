import { computeBurndown, sprintDays, type BurndownProcess } from './compute-burndown';

const p = (over: Partial<BurndownProcess> = {}): BurndownProcess => ({ addedOn: '2026-11-30', removedOn: null, doneOn: null, target: 10, progress: [], ...over });

describe('computeBurndown', () => {
  it('lists every calendar day of the sprint, across a month end', () => {
    expect(sprintDays('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('draws the ideal line from the scope at the start to zero on the last day', () => {
    const days = computeBurndown('2026-11-30', '2026-12-03', '2026-12-03', [p(), p(), p()]);
    expect(days.map((d) => d.ideal)).toEqual([3, 2, 1, 0]);
    expect(days.map((d) => d.idealUnits)).toEqual([30, 20, 10, 0]);
  });

  it('burns processes down on the day they are done and units as progress comes in', () => {
    const days = computeBurndown('2026-11-30', '2026-12-03', '2026-12-03', [
      p({ doneOn: '2026-12-01' }),
      p({ progress: [{ on: '2026-11-30', units: 4 }, { on: '2026-12-02', units: 3 }] }),
    ]);
    expect(days.map((d) => d.remaining)).toEqual([2, 1, 1, 1]);
    expect(days.map((d) => d.remainingUnits)).toEqual([16, 6, 3, 3]);
  });

  it('leaves the days to come empty', () => {
    const days = computeBurndown('2026-11-30', '2026-12-03', '2026-12-01', [p()]);
    expect(days.map((d) => d.remaining)).toEqual([1, 1, null, null]);
  });

  it('moves the actual line, not the ideal one, when scope changes after the start', () => {
    const days = computeBurndown('2026-11-30', '2026-12-02', '2026-12-02', [p(), p({ addedOn: '2026-12-01' }), p({ removedOn: '2026-12-02' })]);
    expect(days.map((d) => d.ideal)).toEqual([2, 1, 0]);
    expect(days.map((d) => d.remaining)).toEqual([2, 3, 2]);
  });

  it('never counts more units than the target left, and planned-before-start as the start', () => {
    const days = computeBurndown('2026-11-30', '2026-11-30', '2026-11-30', [p({ addedOn: '2026-11-01', progress: [{ on: '2026-11-30', units: 99 }] })]);
    expect(days).toEqual([{ date: '2026-11-30', remaining: 1, remainingUnits: 0, ideal: 1, idealUnits: 10 }]);
  });
});
