import { isPaceFalling, scoreChange } from './pace-trend';

describe("a coachee's pace trend", () => {
  it('falls only when the score went down two sprints running', () => {
    expect(isPaceFalling([0.9, 0.8, 0.7])).toBe(true);
    expect(isPaceFalling([1.2, 0.9, 0.8, 0.7])).toBe(true);
    expect(isPaceFalling([0.9, 0.8, 0.8])).toBe(false);
    expect(isPaceFalling([0.7, 0.8, 0.6])).toBe(false);
    expect(isPaceFalling([0.9, 0.8])).toBe(false);
    expect(isPaceFalling([])).toBe(false);
  });

  it('gives the last change of the score, or nothing with one score', () => {
    expect(scoreChange([0.5, 0.62])).toBe(0.12);
    expect(scoreChange([0.9, 0.5, 0.25])).toBe(-0.25);
    expect(scoreChange([0.4])).toBeNull();
  });
});
