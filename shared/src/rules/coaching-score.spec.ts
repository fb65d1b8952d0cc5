import { coachingCriterionLabel, coachingScore, coachingScoresProblem, DEFAULT_COACHING_CRITERIA, mayReadCoachingNotes } from './coaching-score';

const criteria = [
  { name: 'A', weight: 0.75 },
  { name: 'B', weight: 0.25 },
];

describe('coaching reviews', () => {
  it('weights the 1-5 scores', () => {
    expect(coachingScore(criteria, [{ criterion: 'A', score: 4 }, { criterion: 'B', score: 2 }])).toBe(3.5);
    expect(coachingScore(criteria, [{ criterion: 'B', score: 5 }])).toBe(5);
    expect(coachingScore(criteria, [])).toBeNull();
  });

  it('refuses scores outside 1-5, unknown criteria and doubles', () => {
    expect(coachingScoresProblem(criteria, [{ criterion: 'A', score: 6 }])).toEqual({
      reason: 'SCORE_OUT_OF_RANGE',
      message: 'The score of "A" must be a whole number from 1 to 5.',
      params: { criterion: 'A', min: 1, max: 5 },
    });
    expect(coachingScoresProblem(criteria, [{ criterion: 'A', score: 2.5 }])).toMatchObject({ reason: 'SCORE_OUT_OF_RANGE', message: expect.stringMatching(/whole number/) });
    expect(coachingScoresProblem(criteria, [{ criterion: 'C', score: 3 }])).toEqual({ reason: 'NOT_A_CRITERION', message: '"C" is not a criterion of the template.', params: { criterion: 'C' } });
    expect(coachingScoresProblem(criteria, [{ criterion: 'B', score: 3 }, { criterion: 'A', score: 3 }, { criterion: 'A', score: 4 }])).toEqual({
      reason: 'CRITERION_SCORED_TWICE',
      message: 'Each criterion is scored once.',
      params: { criterion: 'A' },
    });
    expect(coachingScoresProblem(criteria, [{ criterion: 'A', score: 3 }])).toBeNull();
  });

  it('keeps notes to the coach and the coachee', () => {
    const session = { coachMemberId: 'c', coacheeMemberId: 'r' };
    expect(mayReadCoachingNotes('c', session)).toBe(true);
    expect(mayReadCoachingNotes('r', session)).toBe(true);
    expect(mayReadCoachingNotes('director', session)).toBe(false);
    expect(mayReadCoachingNotes(null, session)).toBe(false);
  });
});

describe('criterion names as shown', () => {
  it('shows a default criterion in the viewer\'s language and a named one as named', () => {
    expect(coachingCriterionLabel('Выявление потребностей / Discovery', 'ru')).toBe('Выявление потребностей');
    expect(coachingCriterionLabel('Выявление потребностей / Discovery', 'en')).toBe('Discovery');
    for (const c of DEFAULT_COACHING_CRITERIA) for (const locale of ['ru', 'en']) expect(coachingCriterionLabel(c.name, locale)).not.toContain('/');
    expect(coachingCriterionLabel('Презентация / Demo', 'en')).toBe('Презентация / Demo');
    expect(coachingCriterionLabel('Знание продукта', 'en')).toBe('Знание продукта');
  });
});
