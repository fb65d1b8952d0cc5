/**
 * How much to plan next (the velocity hint): the mean of what the team finished in its last
 * (up to) three closed sprints, never more than the team's WIP limit.
 */
export interface SprintOutcome {
  processesDone: number;
  unitsDone: number;
}

export interface PlanSuggestion {
  processes: number;
  /** How many past sprints the hint rests on (0: no history, the WIP limit is the hint). */
  basedOn: number;
}

export function suggestSprintPlan(history: readonly SprintOutcome[], wipLimit: number): PlanSuggestion {
  const recent = history.slice(-3);
  if (recent.length === 0) return { processes: Math.min(wipLimit, 15), basedOn: 0 };
  const mean = recent.reduce((sum, s) => sum + s.processesDone, 0) / recent.length;
  return { processes: Math.max(1, Math.min(wipLimit, Math.round(mean))), basedOn: recent.length };
}
