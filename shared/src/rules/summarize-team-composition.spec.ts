import { summarizeTeamComposition } from './summarize-team-composition';

describe('summarizeTeamComposition', () => {
  it('splits reps by stage role, keeps the domain order and drops empty slices', () => {
    const slices = summarizeTeamComposition([
      { role: 'SALES', stageRole: 'FARMER', active: true },
      { role: 'SALES', stageRole: 'HUNTER', active: true },
      { role: 'LEAD', stageRole: null, active: true },
      { role: 'SALES', stageRole: 'HUNTER', active: true },
      { role: 'SALES', stageRole: null, active: true },
      { role: 'DIRECTOR', stageRole: null, active: true },
    ]);
    expect(slices).toEqual([
      { key: 'DIRECTOR', count: 1 },
      { key: 'LEAD', count: 1 },
      { key: 'HUNTER', count: 2 },
      { key: 'FARMER', count: 1 },
      { key: 'SALES', count: 1 },
    ]);
  });

  it('adds up aggregated rows', () => {
    expect(
      summarizeTeamComposition([
        { role: 'SALES', stageRole: 'HUNTER', active: true, count: 4 },
        { role: 'SALES', stageRole: 'HUNTER', active: true, count: 3 },
      ]),
    ).toEqual([{ key: 'HUNTER', count: 7 }]);
  });

  it('leaves inactive members out', () => {
    expect(summarizeTeamComposition([{ role: 'COACH', stageRole: null, active: false }])).toEqual([]);
  });
});
