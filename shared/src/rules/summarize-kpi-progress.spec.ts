import type { KpiMetric, KpiStatus } from './kpi-scorecard';
import { kpiPersonState, summarizeKpiProgress, type KpiCardLike } from './summarize-kpi-progress';

const card = (memberId: string, score: number, lines: [KpiMetric, KpiStatus][]): KpiCardLike => ({ memberId, score, lines: lines.map(([metric, status]) => ({ metric, status })) });

describe('KPI progress summarized per team', () => {
  it('tells behind, on track and without targets apart', () => {
    expect(kpiPersonState(card('a', 0.5, [['CALLS', 'BEHIND'], ['MEETINGS', 'AHEAD']]))).toBe('BEHIND');
    expect(kpiPersonState(card('a', 1, [['CALLS', 'ON_TRACK'], ['MEETINGS', 'NO_TARGET']]))).toBe('ON_TRACK');
    expect(kpiPersonState(card('a', 0, [['CALLS', 'NO_TARGET']]))).toBe('NO_TARGETS');
    expect(kpiPersonState(card('a', 0, []))).toBe('NO_TARGETS');
  });

  it('counts people, averages the scores of those with targets and names the farthest behind', () => {
    const cards = [
      card('a', 0.4, [['CALLS', 'BEHIND'], ['WARM_LEADS_HANDED', 'BEHIND']]),
      card('b', 0.9, [['CALLS', 'ON_TRACK'], ['WARM_LEADS_HANDED', 'BEHIND']]),
      card('c', 1.2, [['CALLS', 'AHEAD'], ['WARM_LEADS_HANDED', 'ON_TRACK']]),
      card('d', 0, [['CALLS', 'NO_TARGET']]),
      card('e', 0.2, [['REVENUE', 'BEHIND']]),
    ];
    const [north, south] = summarizeKpiProgress(cards, [{ key: 'north', memberIds: ['a', 'b', 'c', 'd', 'x'] }, { key: 'south', memberIds: ['e', 'e'] }], 1);
    expect(north).toEqual({
      key: 'north',
      people: 4,
      withTargets: 3,
      onTrack: 1,
      behind: 2,
      // (0.4 + 0.9 + 1.2) / 3, d (no targets) left out
      averageScore: 0.8333,
      metrics: [{ metric: 'WARM_LEADS_HANDED', people: 3, behind: 2 }, { metric: 'CALLS', people: 3, behind: 1 }],
      mostBehind: [{ memberId: 'a', score: 0.4, behindOn: ['CALLS', 'WARM_LEADS_HANDED'] }],
    });
    // a repeated id counts once
    expect(south).toMatchObject({ people: 1, behind: 1, averageScore: 0.2, mostBehind: [{ memberId: 'e' }] });
  });

  it('gives no average for a group without targets or people, and orders ties of scores by id', () => {
    const [empty, none] = summarizeKpiProgress([card('d', 0, [['CALLS', 'NO_TARGET']])], [{ key: 1, memberIds: [] }, { key: 2, memberIds: ['d'] }]);
    expect(empty).toMatchObject({ people: 0, withTargets: 0, averageScore: null, metrics: [], mostBehind: [] });
    expect(none).toMatchObject({ people: 1, withTargets: 0, onTrack: 0, behind: 0, averageScore: null });
    const tied = summarizeKpiProgress([card('z', 0.5, [['CALLS', 'BEHIND']]), card('m', 0.5, [['CALLS', 'BEHIND']])], [{ key: 't', memberIds: ['z', 'm'] }]);
    expect(tied[0].mostBehind.map((p) => p.memberId)).toEqual(['m', 'z']);
  });

  it('agrees with counting each person by hand on random cards', () => {
    const statuses: KpiStatus[] = ['AHEAD', 'ON_TRACK', 'BEHIND', 'NO_TARGET'];
    const metrics: KpiMetric[] = ['CALLS', 'MEETINGS', 'REVENUE', 'FIRST_ORDERS'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let run = 0; run < 50; run += 1) {
      const cards = Array.from({ length: 1 + rand(30) }, (_, i) => card(`m${i}`, rand(150) / 100, metrics.slice(0, rand(4)).map((m) => [m, statuses[rand(4)]] as [KpiMetric, KpiStatus])));
      const ids = cards.filter(() => rand(3) > 0).map((c) => c.memberId);
      const [s] = summarizeKpiProgress(cards, [{ key: 0, memberIds: ids }], 1000);
      const mine = cards.filter((c) => ids.includes(c.memberId));
      const scored = mine.filter((c) => c.lines.some((l) => l.status !== 'NO_TARGET'));
      const late = scored.filter((c) => c.lines.some((l) => l.status === 'BEHIND'));
      expect(s.people).toBe(mine.length);
      expect(s.withTargets).toBe(scored.length);
      expect(s.behind).toBe(late.length);
      expect(s.onTrack + s.behind).toBe(s.withTargets);
      expect(s.mostBehind.map((p) => p.memberId).sort()).toEqual(late.map((c) => c.memberId).sort());
      for (let i = 1; i < s.mostBehind.length; i += 1) expect(s.mostBehind[i].score).toBeGreaterThanOrEqual(s.mostBehind[i - 1].score);
      // the few lowest kept while counting are the first of all of them in order
      expect(summarizeKpiProgress(cards, [{ key: 0, memberIds: ids }], 2)[0].mostBehind).toEqual(s.mostBehind.slice(0, 2));
      expect(s.metrics.reduce((n, m) => n + m.behind, 0)).toBe(late.reduce((n, c) => n + c.lines.filter((l) => l.status === 'BEHIND').length, 0));
    }
  });
});
