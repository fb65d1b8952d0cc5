/**
 * The director's KPI transparency across teams (issue 6): everyone's scorecards over one period
 * reduced to a few figures per team, so a thousand people read as "team North: 120 people,
 * average 84 %, 31 behind, mostly on first orders" with the ones farthest behind named.
 *
 * A person is BEHIND when a line of their card is behind its pace, ON_TRACK when they have a
 * target and no line behind, and without targets (NO_TARGETS) when no line has one. The average
 * score is over the people with targets: someone with nothing to reach does not pull it to 0.
 */
import type { KpiMetric, KpiStatus } from './kpi-scorecard';

export interface KpiCardLike {
  memberId: string;
  score: number;
  lines: readonly { metric: KpiMetric; status: KpiStatus }[];
}

export interface KpiGroupSummary<K> {
  key: K;
  people: number;
  withTargets: number;
  onTrack: number;
  behind: number;
  /** Mean score of the people with targets (0..1.5); null when nobody has one. */
  averageScore: number | null;
  /** Per metric someone has a target on: how many have it and how many are behind on it; most behind first. */
  metrics: { metric: KpiMetric; people: number; behind: number }[];
  /** The people behind with the lowest scores (at most `worst`), lowest first, with the metrics they are behind on. */
  mostBehind: { memberId: string; score: number; behindOn: KpiMetric[] }[];
}

export type KpiPersonState = 'BEHIND' | 'ON_TRACK' | 'NO_TARGETS';

export function kpiPersonState(card: Pick<KpiCardLike, 'lines'>): KpiPersonState {
  let targets = false;
  for (const l of card.lines) {
    if (l.status === 'BEHIND') return 'BEHIND';
    if (l.status !== 'NO_TARGET') targets = true;
  }
  return targets ? 'ON_TRACK' : 'NO_TARGETS';
}

/**
 * One summary per group, in the groups' order; a group lists its members' ids (a person may be in
 * several groups, and ids without a card are not counted). Ties of the lowest scores go by id, so
 * the same cards always name the same people.
 */
export function summarizeKpiProgress<K>(cards: readonly KpiCardLike[], groups: readonly { key: K; memberIds: readonly string[] }[], worst = 3): KpiGroupSummary<K>[] {
  const byId = new Map(cards.map((c) => [c.memberId, c]));
  const keep = Math.max(0, worst);
  // a lower score first, ties by id
  const lower = (score: number, id: string, than: { score: number; memberId: string }) => score < than.score || (score === than.score && id < than.memberId);
  return groups.map(({ key, memberIds }) => {
    let people = 0;
    let withTargets = 0;
    let behind = 0;
    let scoreSum = 0;
    const perMetric = new Map<KpiMetric, { people: number; behind: number }>();
    const lagging: { memberId: string; score: number; behindOn: KpiMetric[] }[] = [];
    for (const id of new Set(memberIds)) {
      const card = byId.get(id);
      if (!card) continue;
      people += 1;
      const state = kpiPersonState(card);
      if (state === 'NO_TARGETS') continue;
      withTargets += 1;
      scoreSum += card.score;
      const behindOn: KpiMetric[] = [];
      for (const l of card.lines) {
        if (l.status === 'NO_TARGET') continue;
        const m = perMetric.get(l.metric) ?? perMetric.set(l.metric, { people: 0, behind: 0 }).get(l.metric)!;
        m.people += 1;
        if (l.status === 'BEHIND') {
          m.behind += 1;
          behindOn.push(l.metric);
        }
      }
      if (state === 'BEHIND') {
        behind += 1;
        // only the `keep` lowest are kept, in order (a thousand people behind are not all sorted to name three)
        if (keep > 0 && (lagging.length < keep || lower(card.score, id, lagging[lagging.length - 1]))) {
          let at = lagging.length;
          while (at > 0 && lower(card.score, id, lagging[at - 1])) at -= 1;
          lagging.splice(at, 0, { memberId: id, score: card.score, behindOn });
          if (lagging.length > keep) lagging.pop();
        }
      }
    }
    const metrics = [...perMetric].map(([metric, m]) => ({ metric, ...m })).sort((a, b) => b.behind - a.behind || b.people - a.people || (a.metric < b.metric ? -1 : 1));
    return {
      key,
      people,
      withTargets,
      onTrack: withTargets - behind,
      behind,
      averageScore: withTargets ? Math.round((scoreSum / withTargets) * 10_000) / 10_000 : null,
      metrics,
      mostBehind: lagging,
    };
  });
}
