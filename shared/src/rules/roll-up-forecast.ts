/**
 * Forecast roll-ups (issue 6): the per-person forecast summed up the team hierarchy and
 * across the matrix (stage role, client category), so a director sees where the number
 * comes from. A person in two teams counts in both team rows, so team rows may add up to more
 * than the total; stage role and category rows add up to it exactly (a null key: people
 * without one, e.g. leads).
 */
import type { Category, StageRole } from '../domain/roles';

export interface ForecastFigures {
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
}

export interface ForecastPlace {
  teamIds: readonly string[];
  stageRole: StageRole | null;
  category: Category | null;
}

export interface ForecastRollupRow<K> extends ForecastFigures {
  key: K;
  /** People with a row of their own in the group. */
  members: number;
}

export interface ForecastRollups {
  byTeam: ForecastRollupRow<string | null>[];
  byStageRole: ForecastRollupRow<StageRole | null>[];
  byCategory: ForecastRollupRow<Category | null>[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function rollUpForecast(rows: readonly ({ memberId: string } & ForecastFigures)[], places: ReadonlyMap<string, ForecastPlace>): ForecastRollups {
  const group = <K>(keysOf: (place: ForecastPlace | undefined) => K[]): ForecastRollupRow<K>[] => {
    const sums = new Map<K, ForecastRollupRow<K>>();
    for (const r of rows) {
      for (const key of new Set(keysOf(places.get(r.memberId)))) {
        const s = sums.get(key) ?? { key, members: 0, closed: 0, commit: 0, bestCase: 0, pipeline: 0, weighted: 0 };
        s.members += 1;
        s.closed += r.closed;
        s.commit += r.commit;
        s.bestCase += r.bestCase;
        s.pipeline += r.pipeline;
        s.weighted += r.weighted;
        sums.set(key, s);
      }
    }
    return [...sums.values()]
      .map((s) => ({ ...s, closed: round2(s.closed), commit: round2(s.commit), bestCase: round2(s.bestCase), pipeline: round2(s.pipeline), weighted: round2(s.weighted) }))
      .sort((a, b) => b.weighted - a.weighted || (a.key === null ? 1 : b.key === null ? -1 : String(a.key).localeCompare(String(b.key))));
  };
  return {
    byTeam: group((p) => (p && p.teamIds.length > 0 ? [...p.teamIds] : [null])),
    byStageRole: group((p) => [p?.stageRole ?? null]),
    byCategory: group((p) => [p?.category ?? null]),
  };
}
