/**
 * Territory balance (seed 002: territories of similar potential, so that equally good reps
 * can earn alike). Given each member's clients and their potential, propose moves that
 * bring every member within `tolerance` of the mean while moving as few clients as possible.
 *
 * Algorithm: greedy steepest descent on the sum of squared deviations from the mean. Each
 * step considers every movable client of the member furthest above the mean, for every
 * member below it, and makes the single move that lowers the spread most; it stops when all
 * are within tolerance or no move helps. It never moves a client twice. The problem is a
 * form of multiway partitioning (NP-hard), so this is not guaranteed optimal; in practice it
 * needs about one move per unit of imbalance and reports how close it got.
 */
export interface BalanceClient {
  id: string;
  potential: number;
  /** False for clients that must not move (REGULAR/STRATEGIC or with open deals, unless allowed). */
  movable: boolean;
}

export interface BalanceMember {
  id: string;
  clients: readonly BalanceClient[];
}

export interface RebalanceMove {
  clientId: string;
  fromMemberId: string;
  toMemberId: string;
  potential: number;
}

export interface RebalanceResult {
  mean: number;
  moves: RebalanceMove[];
  /** Each member's total potential before and after the moves. */
  before: Record<string, number>;
  after: Record<string, number>;
  /** Largest |total − mean| / mean before and after (0.05 = 5%). */
  maxDeviationBefore: number;
  maxDeviationAfter: number;
  /** Whether every member ended within the tolerance. */
  balanced: boolean;
}

function maxDeviation(totals: Map<string, number>, mean: number): number {
  if (mean <= 0) return 0;
  let worst = 0;
  for (const total of totals.values()) worst = Math.max(worst, Math.abs(total - mean) / mean);
  return worst;
}

export function proposeRebalance(members: readonly BalanceMember[], tolerance = 0.05, maxMoves = 10_000): RebalanceResult {
  const totals = new Map(members.map((m) => [m.id, m.clients.reduce((s, c) => s + c.potential, 0)]));
  const before = Object.fromEntries(totals);
  const sum = [...totals.values()].reduce((s, v) => s + v, 0);
  const mean = members.length ? sum / members.length : 0;
  const pools = new Map(members.map((m) => [m.id, m.clients.filter((c) => c.movable && c.potential > 0).sort((a, b) => b.potential - a.potential)]));
  const moves: RebalanceMove[] = [];
  const limit = tolerance * mean;
  while (moves.length < maxMoves && maxDeviation(totals, mean) > tolerance) {
    let best: { gain: number; from: string; to: string; client: BalanceClient } | null = null;
    const ordered = [...totals.entries()].sort((a, b) => b[1] - a[1]);
    for (const [fromId, fromTotal] of ordered) {
      if (fromTotal - mean <= limit && best) break;
      for (const [toId, toTotal] of [...ordered].reverse()) {
        if (toTotal >= fromTotal) break;
        for (const client of pools.get(fromId) ?? []) {
          const p = client.potential;
          const gain = (fromTotal - mean) ** 2 + (toTotal - mean) ** 2 - (fromTotal - p - mean) ** 2 - (toTotal + p - mean) ** 2;
          if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, from: fromId, to: toId, client };
        }
      }
      if (best) break;
    }
    if (!best) break;
    totals.set(best.from, totals.get(best.from)! - best.client.potential);
    totals.set(best.to, totals.get(best.to)! + best.client.potential);
    pools.set(best.from, pools.get(best.from)!.filter((c) => c.id !== best!.client.id));
    moves.push({ clientId: best.client.id, fromMemberId: best.from, toMemberId: best.to, potential: best.client.potential });
  }
  const after = Object.fromEntries(totals);
  const maxDeviationAfter = maxDeviation(totals, mean);
  return {
    mean,
    moves,
    before,
    after,
    maxDeviationBefore: maxDeviation(new Map(Object.entries(before)), mean),
    maxDeviationAfter,
    balanced: maxDeviationAfter <= tolerance + 1e-12,
  };
}
