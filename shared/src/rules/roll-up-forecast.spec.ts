import { rollUpForecast, type ForecastPlace } from './roll-up-forecast';

const row = (memberId: string, closed: number, commit: number, bestCase: number, pipeline: number, weighted: number) => ({ memberId, closed, commit, bestCase, pipeline, weighted });

describe('forecast roll-ups', () => {
  const rows = [row('a', 100, 10, 5, 1, 120.5), row('b', 200, 0, 0, 0, 200), row('c', 0, 50, 25, 10, 40.25), row('lead', 1, 0, 0, 0, 1)];
  const places = new Map<string, ForecastPlace>([
    ['a', { teamIds: ['t1'], stageRole: 'FARMER', category: 2 }],
    ['b', { teamIds: ['t1', 't2'], stageRole: 'FARMER', category: 1 }],
    ['c', { teamIds: ['t2'], stageRole: 'HUNTER', category: 2 }],
    ['lead', { teamIds: [], stageRole: null, category: null }],
  ]);
  const sum = (xs: { weighted: number; closed: number }[]) => xs.reduce((s, x) => ({ weighted: s.weighted + x.weighted, closed: s.closed + x.closed }), { weighted: 0, closed: 0 });

  it('sums each team from its members, counting a person in two teams in both', () => {
    const { byTeam } = rollUpForecast(rows, places);
    expect(byTeam).toEqual([
      { key: 't1', members: 2, closed: 300, commit: 10, bestCase: 5, pipeline: 1, weighted: 320.5 },
      { key: 't2', members: 2, closed: 200, commit: 50, bestCase: 25, pipeline: 10, weighted: 240.25 },
      { key: null, members: 1, closed: 1, commit: 0, bestCase: 0, pipeline: 0, weighted: 1 },
    ]);
  });

  it('splits the total exactly across stage roles and categories (people without one under null)', () => {
    const r = rollUpForecast(rows, places);
    expect(r.byStageRole.map((x) => [x.key, x.members, x.weighted])).toEqual([['FARMER', 2, 320.5], ['HUNTER', 1, 40.25], [null, 1, 1]]);
    expect(r.byCategory.map((x) => [x.key, x.members, x.closed])).toEqual([[1, 1, 200], [2, 2, 100], [null, 1, 1]]);
    expect(sum(r.byStageRole)).toEqual(sum(rows));
    expect(sum(r.byCategory)).toEqual(sum(rows));
  });

  it('puts a person without known attributes under null and gives nothing for no rows', () => {
    expect(rollUpForecast([row('x', 1, 2, 3, 4, 5)], new Map()).byTeam).toEqual([{ key: null, members: 1, closed: 1, commit: 2, bestCase: 3, pipeline: 4, weighted: 5 }]);
    expect(rollUpForecast([], places)).toEqual({ byTeam: [], byStageRole: [], byCategory: [] });
  });
});
