import type { ViewerScope } from './circle-policy';
import { visibleTeamIds } from './circle-policy';

/**
 * Who does what in a team's sprints (seed 004: the lead runs the sprint; work from outside
 * the lead's line goes through the lead):
 * - the director of the team and its lead plan, start and close sprints, approve requests
 *   and override WIP limits;
 * - the lead and the coach write the review and retrospective;
 * - a rep moves and edits the processes they own; anyone else who sees the team (a rep for
 *   a colleague, a product or territory manager, the coach) proposes a process, which waits
 *   for the lead's approval;
 * - everyone in the team sees the board.
 */
export function mayRunSprint(scope: ViewerScope, teamId: string): boolean {
  return (scope.role === 'DIRECTOR' && scope.directedTeamIds.includes(teamId)) || (scope.role === 'LEAD' && scope.ledTeamIds.includes(teamId));
}

export function maySeeSprint(scope: ViewerScope, teamId: string): boolean {
  return visibleTeamIds(scope).includes(teamId);
}

export function mayWriteSprintNotes(scope: ViewerScope, teamId: string): boolean {
  return mayRunSprint(scope, teamId) || (scope.role === 'COACH' && scope.coachedTeamIds.includes(teamId));
}

/** Moving, editing, checking steps of a process: the sprint's runners and the process's owners. */
export function mayWorkOnProcess(scope: ViewerScope, teamId: string, ownerIds: readonly string[]): boolean {
  if (mayRunSprint(scope, teamId)) return true;
  return scope.memberId !== null && ownerIds.includes(scope.memberId) && maySeeSprint(scope, teamId);
}

/** A new process is approved at once when the lead (or director) makes it; otherwise it waits. */
export function approvalForNewProcess(scope: ViewerScope, teamId: string): 'APPROVED' | 'PENDING' {
  return mayRunSprint(scope, teamId) ? 'APPROVED' : 'PENDING';
}
