import type { RuleProblem } from '../domain/error-codes';

/**
 * Coaching reviews (issue 6): a template lists criteria with weights; each criterion is
 * scored 1-5 in a 1:1 session. The session score is the weighted mean. Notes are private to
 * the coach and the coachee: a director (or lead) sees scores, never notes.
 */
export interface CoachingCriterion {
  name: string;
  weight: number;
}

export interface CriterionScore {
  criterion: string;
  score: number;
}

/** A problem with the scores against the template, or null when they fit. */
export function coachingScoresProblem(criteria: readonly CoachingCriterion[], scores: readonly CriterionScore[]): RuleProblem | null {
  const names = new Set(criteria.map((c) => c.name));
  for (const s of scores) {
    if (!names.has(s.criterion)) return { reason: 'NOT_A_CRITERION', message: `"${s.criterion}" is not a criterion of the template.`, params: { criterion: s.criterion } };
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5) {
      return { reason: 'SCORE_OUT_OF_RANGE', message: `The score of "${s.criterion}" must be a whole number from 1 to 5.`, params: { criterion: s.criterion, min: 1, max: 5 } };
    }
  }
  const twice = scores.find((s, i) => scores.findIndex((o) => o.criterion === s.criterion) !== i);
  if (twice) return { reason: 'CRITERION_SCORED_TWICE', message: 'Each criterion is scored once.', params: { criterion: twice.criterion } };
  return null;
}

/** Weighted mean of the scored criteria (1..5), rounded to 2 decimals; null with nothing scored. */
export function coachingScore(criteria: readonly CoachingCriterion[], scores: readonly CriterionScore[]): number | null {
  const weight = new Map(criteria.map((c) => [c.name, c.weight]));
  let total = 0;
  let weights = 0;
  for (const s of scores) {
    const w = weight.get(s.criterion) ?? 0;
    total += s.score * w;
    weights += w;
  }
  return weights === 0 ? null : Math.round((total / weights) * 100) / 100;
}

/** Only the two people in the room read the notes. */
export function mayReadCoachingNotes(viewerMemberId: string | null, session: { coachMemberId: string; coacheeMemberId: string }): boolean {
  return viewerMemberId !== null && (viewerMemberId === session.coachMemberId || viewerMemberId === session.coacheeMemberId);
}

export const DEFAULT_COACHING_CRITERIA: readonly CoachingCriterion[] = [
  { name: 'Подготовка к контакту / Call preparation', weight: 0.2 },
  { name: 'Выявление потребностей / Discovery', weight: 0.3 },
  { name: 'Работа с возражениями / Objection handling', weight: 0.25 },
  { name: 'Договорённость о следующем шаге / Next step agreed', weight: 0.25 },
];

/**
 * A criterion's name to show: the default criteria are named in both languages
 * ("Выявление потребностей / Discovery", the key their scores are kept under), shown in the
 * viewer's; a criterion a director named is shown as named.
 */
export function coachingCriterionLabel(name: string, locale: string): string {
  if (!DEFAULT_COACHING_CRITERIA.some((c) => c.name === name)) return name;
  const [ru, en] = name.split(' / ');
  return locale.startsWith('ru') ? ru : en;
}
