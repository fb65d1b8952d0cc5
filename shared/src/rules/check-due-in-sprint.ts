/**
 * A sales process in a sprint is due on the sprint's first day or later: a due date before
 * the sprint starts would make the process overdue before its work could begin. Days are
 * YYYY-MM-DD in the organization's calendar (the API turns a due moment into its day there).
 * Only the start is bounded: work may be due after the sprint ends (it rolls over).
 */
export type DueInSprintProblem = 'DUE_BEFORE_SPRINT';

/** Null when the due day fits the sprint (or there is no due day, or no sprint). */
export function checkDueInSprint(dueOn: string | null | undefined, sprintStartsOn: string | null | undefined): DueInSprintProblem | null {
  if (!dueOn || !sprintStartsOn) return null;
  return dueOn < sprintStartsOn ? 'DUE_BEFORE_SPRINT' : null;
}
