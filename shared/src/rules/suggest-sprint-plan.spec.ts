import { suggestSprintPlan } from './suggest-sprint-plan';

describe('suggestSprintPlan', () => {
  const s = (processesDone: number) => ({ processesDone, unitsDone: 0 });

  it('takes the mean of the last three sprints', () => {
    expect(suggestSprintPlan([s(2), s(12), s(15), s(18)], 20)).toEqual({ processes: 15, basedOn: 3 });
  });

  it('never suggests more than the WIP limit nor less than one', () => {
    expect(suggestSprintPlan([s(30), s(30)], 20).processes).toBe(20);
    expect(suggestSprintPlan([s(0)], 20).processes).toBe(1);
  });

  it('falls back to the article\'s 15 (or the limit) without history', () => {
    expect(suggestSprintPlan([], 20)).toEqual({ processes: 15, basedOn: 0 });
    expect(suggestSprintPlan([], 10)).toEqual({ processes: 10, basedOn: 0 });
  });
});
