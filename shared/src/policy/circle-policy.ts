import type { Role } from '../domain/roles';

/** The viewer's place in the circle: the teams they direct, lead, coach or belong to. */
export interface ViewerScope {
  role: Role;
  memberId: string | null;
  directedTeamIds: readonly string[];
  ledTeamIds: readonly string[];
  coachedTeamIds: readonly string[];
  memberOfTeamIds: readonly string[];
}

/** A member as the policy sees them: their role and the teams they are in (as member, lead or coach). */
export interface MemberPlace {
  id: string;
  role: Role;
  teamIds: readonly string[];
}

export type MemberChange = 'PROFILE' | 'ROLE' | 'MATRIX' | 'CAPACITY' | 'ACTIVE' | 'SCHEDULE' | 'ABSENCE' | 'TEAMS';

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** Teams whose people the viewer may see: directed, led, coached or their own. */
export function visibleTeamIds(scope: ViewerScope): string[] {
  return [...new Set([...scope.directedTeamIds, ...scope.ledTeamIds, ...scope.coachedTeamIds, ...scope.memberOfTeamIds])];
}

/**
 * Who may change what about a member:
 * - a DIRECTOR: anything about people in their teams, and about people in no team yet;
 * - a LEAD: the matrix cell, capacity, schedule, absences and team membership of the reps
 *   (SALES) in the teams they lead — not of the director, the coach or other leads, and not
 *   roles or activation;
 * - COACH and SALES: nothing (they are refused at the door already).
 */
export function mayChangeMember(scope: ViewerScope, target: MemberPlace, change: MemberChange): boolean {
  if (scope.role === 'DIRECTOR') return target.teamIds.length === 0 || overlaps(scope.directedTeamIds, target.teamIds);
  if (scope.role === 'LEAD') {
    if (!['MATRIX', 'CAPACITY', 'SCHEDULE', 'ABSENCE', 'TEAMS'].includes(change)) return false;
    return target.role === 'SALES' && overlaps(scope.ledTeamIds, target.teamIds);
  }
  return false;
}

/** Directors manage teams they direct; leads the teams they lead (membership, pause). */
export function mayManageTeam(scope: ViewerScope, teamId: string, what: 'STRUCTURE' | 'MEMBERSHIP' | 'PAUSE'): boolean {
  if (scope.role === 'DIRECTOR') return scope.directedTeamIds.includes(teamId);
  if (scope.role === 'LEAD') return what !== 'STRUCTURE' && scope.ledTeamIds.includes(teamId);
  return false;
}

/** The change history of a person: directors and leads (who manage people) and the person themselves. */
export function maySeeMemberHistory(scope: Pick<ViewerScope, 'role' | 'memberId'>, memberId: string): boolean {
  return scope.role === 'DIRECTOR' || scope.role === 'LEAD' || scope.memberId === memberId;
}
