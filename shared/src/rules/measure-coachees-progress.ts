/**
 * COACHEES_PROGRESS, the coach's second KPI (issue 6: "coach (sessions held, coachees'
 * progress)"; DOMAIN.md: the coach trains the lead and the reps and reviews each person's
 * performance). It measures whether the people the coach reviews get better:
 *
 * - a coachee is anyone the coach held a 1:1 review with (a coaching_session coach/coachee pair);
 * - for each coachee with a scored review by this coach held in the period, the latest such
 *   review's total (the weighted 1-5 score, see coaching-score.ts) is set against the total of
 *   the coach's review of that person just before it (any earlier one, in the period or before:
 *   by held_on, then by when it was recorded);
 * - the metric is the mean of those changes in score points: +0.5 is half a point better on the
 *   1-5 scale, a negative figure a fall.
 *
 * Both reviews are the same coach's, so the change is the coachee's and not the difference
 * between two reviewers' habits (a lead may review the same rep). Left out: reviews without a
 * score, coachees without a review in the period (nothing new is known about them) and a
 * coachee's first review (nothing to compare it with). With nobody to compare: 0.
 * A rate: the target is the change itself, whatever the length of the period (isRateMetric).
 * AnalyticsRepository.coacheesProgress does the same in one grouped statement.
 */
export interface CoachingReview {
  id: string;
  coachMemberId: string;
  coacheeMemberId: string;
  /** Day held, yyyy-mm-dd. */
  heldOn: string;
  /** When it was recorded (ISO), to order two reviews of one day. */
  recordedAt: string;
  /** The review's total (1..5), null when nothing was scored. */
  score: number | null;
}

/** The mean of the coachees' changes (their sum in score points), rounded to 4 decimals; 0 with no coachee to compare. */
export function meanScoreChange(totalChange: number, coachees: number): number {
  if (!(coachees > 0)) return 0;
  // review totals have two decimals: their changes are whole hundredths, summed exactly
  const hundredths = Math.round(totalChange * 100);
  return Math.round((hundredths / coachees) * 100) / 10_000 || 0;
}

/** The coach's coachees' progress over the days from..to (yyyy-mm-dd, inclusive): see above. */
export function coacheesProgress(coachMemberId: string, reviews: readonly CoachingReview[], from: string, to: string): number {
  const byCoachee = new Map<string, CoachingReview[]>();
  for (const r of reviews) {
    if (r.coachMemberId !== coachMemberId || r.score === null || r.heldOn > to) continue;
    const list = byCoachee.get(r.coacheeMemberId) ?? [];
    list.push(r);
    byCoachee.set(r.coacheeMemberId, list);
  }
  let total = 0;
  let coachees = 0;
  for (const list of byCoachee.values()) {
    list.sort((a, b) => a.heldOn.localeCompare(b.heldOn) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const latest = list[list.length - 1];
    const before = list[list.length - 2];
    if (latest.heldOn < from || !before) continue;
    total += Math.round(latest.score! * 100) - Math.round(before.score! * 100);
    coachees += 1;
  }
  return meanScoreChange(total / 100, coachees);
}
