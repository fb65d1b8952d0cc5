/**
 * A coach's flag (issue 6): a person's pace is falling when their score went down two sprints
 * running: the last three scores (the closed sprints', then the current one), each lower than
 * the one before. Fewer than three scores say nothing yet.
 */
export function isPaceFalling(scores: readonly number[]): boolean {
  const n = scores.length;
  return n >= 3 && scores[n - 1] < scores[n - 2] && scores[n - 2] < scores[n - 3];
}

/** The change from the score before the last to the last (null with fewer than two): the trend a coach reads at a glance. */
export function scoreChange(scores: readonly number[]): number | null {
  const n = scores.length;
  return n >= 2 ? Math.round((scores[n - 1] - scores[n - 2]) * 10_000) / 10_000 : null;
}
