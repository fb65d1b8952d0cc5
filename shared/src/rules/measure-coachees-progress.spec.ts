import { defaultKpis, isRateMetric, scorecardLine } from './kpi-scorecard';
import { coacheesProgress, meanScoreChange, type CoachingReview } from './measure-coachees-progress';

let seq = 0;
const review = (coachee: string, heldOn: string, score: number | null, coach = 'coach', recordedAt = `${heldOn}T10:00:00Z`): CoachingReview => ({
  id: `00000000-0000-0000-0000-${String((seq += 1)).padStart(12, '0')}`,
  coachMemberId: coach,
  coacheeMemberId: coachee,
  heldOn,
  recordedAt,
  score,
});

describe("coachees' progress", () => {
  const from = '2026-03-01';
  const to = '2026-03-14';

  it("averages each coachee's latest review in the period against the one before it", () => {
    const reviews = [
      review('anna', '2026-02-10', 2.75),
      review('anna', '2026-03-05', 3.75), // +1.00
      review('boris', '2026-03-02', 3.5),
      review('boris', '2026-03-10', 3.25), // -0.25 (the one before is in the period too)
    ];
    expect(coacheesProgress('coach', reviews, from, to)).toBe(0.375);
  });

  it('takes the latest review of the period, not a later one, nor an earlier one of the period', () => {
    const reviews = [review('anna', '2026-02-01', 2), review('anna', '2026-03-03', 3), review('anna', '2026-03-09', 4), review('anna', '2026-03-20', 1)];
    expect(coacheesProgress('coach', reviews, from, to)).toBe(1);
  });

  it('leaves out first reviews, coachees not reviewed in the period, unscored reviews and other coaches', () => {
    const reviews = [
      review('anna', '2026-03-05', 4), // a first review: nothing to compare
      review('boris', '2026-01-05', 2),
      review('boris', '2026-02-05', 4), // nothing in the period
      review('vera', '2026-02-05', 3),
      review('vera', '2026-03-06', null), // not scored: the latest scored one is February's
      review('gleb', '2026-02-01', 1, 'lead'),
      review('gleb', '2026-03-07', 5, 'lead'), // another reviewer's
      review('gleb', '2026-03-08', 3), // this coach's first review of gleb
    ];
    expect(coacheesProgress('coach', reviews, from, to)).toBe(0);
    expect(coacheesProgress('lead', reviews, from, to)).toBe(4);
  });

  it('orders two reviews of one day by when they were recorded', () => {
    const reviews = [review('anna', '2026-03-05', 4.5, 'coach', '2026-03-05T16:00:00Z'), review('anna', '2026-03-05', 3, 'coach', '2026-03-05T09:00:00Z')];
    expect(coacheesProgress('coach', reviews, from, to)).toBe(1.5);
  });

  it('sums whole hundredths and rounds the mean to 4 decimals', () => {
    expect(meanScoreChange(0.1 + 0.2, 1)).toBe(0.3);
    expect(meanScoreChange(0.01, 3)).toBe(0.0033);
    expect(meanScoreChange(-0.05, 2)).toBe(-0.025);
    expect(meanScoreChange(0, 0)).toBe(0);
    expect(Object.is(meanScoreChange(-0.0001, 1), 0)).toBe(true);
  });

  it("is the coach's default with the sessions held, a rate whose fall scores nothing", () => {
    expect(defaultKpis('COACH', null).map((k) => k.metric)).toEqual(['COACHING_SESSIONS', 'COACHEES_PROGRESS']);
    expect(defaultKpis('COACH', null).reduce((s, k) => s + k.weight, 0)).toBeCloseTo(1);
    expect(isRateMetric('COACHEES_PROGRESS')).toBe(true);
    expect(scorecardLine('COACHEES_PROGRESS', 0.3, 0.3, 0.4, 0.1)).toMatchObject({ pace: 0.3, status: 'ON_TRACK', attainment: 1 });
    expect(scorecardLine('COACHEES_PROGRESS', 0.3, -0.5, 0.4, 0.5)).toMatchObject({ status: 'BEHIND', attainment: 0 });
  });
});
