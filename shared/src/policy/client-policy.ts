import type { ClientVisibility } from '../domain/circle';
import type { ViewerScope } from './circle-policy';

/** Whose clients a viewer sees: every client of the organization, those of some owners, or none. */
export type ClientScope = { kind: 'ALL' } | { kind: 'OWNERS'; memberIds: readonly string[] } | { kind: 'NONE' };

/**
 * Directors see every client of the organization (they own routing and handoff); a lead the
 * clients of the people in the teams they lead; a coach none (coaches see performance, not
 * clients); a rep their own, their teams' or everyone's, by the organization's setting.
 * `teamMemberIds` are the people of the teams the viewer leads (LEAD) or belongs to (SALES).
 */
export function clientScope(scope: ViewerScope, visibility: ClientVisibility, teamMemberIds: readonly string[]): ClientScope {
  switch (scope.role) {
    case 'DIRECTOR':
      return { kind: 'ALL' };
    case 'LEAD':
      return { kind: 'OWNERS', memberIds: [...new Set([...(scope.memberId ? [scope.memberId] : []), ...teamMemberIds])] };
    case 'COACH':
      return { kind: 'NONE' };
    case 'SALES':
      if (!scope.memberId) return { kind: 'NONE' };
      if (visibility === 'ALL') return { kind: 'ALL' };
      if (visibility === 'TEAM') return { kind: 'OWNERS', memberIds: [...new Set([scope.memberId, ...teamMemberIds])] };
      return { kind: 'OWNERS', memberIds: [scope.memberId] };
  }
}

/** Whether a client of this owner is in the viewer's client scope (an unowned client only for those who see all). */
export function seesClient(scope: ClientScope, ownerId: string | null): boolean {
  if (scope.kind === 'ALL') return true;
  if (scope.kind === 'NONE') return false;
  return ownerId !== null && scope.memberIds.includes(ownerId);
}

/** Who may change a client's owner: directors, and leads for clients owned within their teams. */
export function mayReassignClient(scope: ViewerScope, ownerId: string | null, ledTeamMemberIds: readonly string[]): boolean {
  if (scope.role === 'DIRECTOR') return true;
  // an unowned client is the director's (or the routing's) to give out: a lead does not see it either (seesClient)
  if (scope.role === 'LEAD') return ownerId !== null && ledTeamMemberIds.includes(ownerId);
  return false;
}
