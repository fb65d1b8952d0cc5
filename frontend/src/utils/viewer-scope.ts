import { mayCallOperation, mayChangeMember, mayManageTeam, type MemberChange, type MemberPlace, type Role, type ViewerScope } from '@salescircle/shared';

/** A team as the scope needs it: who directs, leads and coaches it, and who is in it. */
export interface ScopeTeam {
  id: string;
  director: { id: string } | null;
  lead: { id: string } | null;
  coach: { id: string } | null;
  members: readonly { id: string }[];
}

/** The viewer's place in the circle, from the teams they see and their own member id. */
export function buildViewerScope(role: Role, memberId: string | null, teams: readonly ScopeTeam[]): ViewerScope {
  const ids = (pick: (team: ScopeTeam) => boolean) => (memberId ? teams.filter(pick).map((team) => team.id) : []);
  return {
    role,
    memberId,
    directedTeamIds: ids((team) => team.director?.id === memberId),
    ledTeamIds: ids((team) => team.lead?.id === memberId),
    coachedTeamIds: ids((team) => team.coach?.id === memberId),
    memberOfTeamIds: ids((team) => team.members.some((m) => m.id === memberId)),
  };
}

/**
 * The teams a member is in as the policy counts them (member, director, lead or coach):
 * the teams the member query named, plus the visible teams that hold them in any seat.
 */
export function memberPlace(memberId: string, role: Role, knownTeamIds: readonly string[], teams: readonly ScopeTeam[]): MemberPlace {
  const seated = teams
    .filter(
      (team) =>
        team.director?.id === memberId ||
        team.lead?.id === memberId ||
        team.coach?.id === memberId ||
        team.members.some((m) => m.id === memberId),
    )
    .map((team) => team.id);
  return { id: memberId, role, teamIds: [...new Set([...knownTeamIds, ...seated])] };
}

/** The team `/team` opens first: the one the viewer leads, directs, belongs to or coaches, else the first. */
export function defaultTeamId(scope: ViewerScope | null, teams: readonly { id: string }[]): string | null {
  if (teams.length === 0) return null;
  const visible = new Set(teams.map((team) => team.id));
  const preferred = scope
    ? [...scope.ledTeamIds, ...scope.directedTeamIds, ...scope.memberOfTeamIds, ...scope.coachedTeamIds].find((id) => visible.has(id))
    : undefined;
  return preferred ?? teams[0]?.id ?? null;
}

/** What the viewer may edit about one member; the server checks again on every change. */
export interface MemberPermissions {
  profile: boolean;
  role: boolean;
  active: boolean;
  matrix: boolean;
  capacity: boolean;
  schedule: boolean;
  absences: boolean;
  lines: boolean;
  crossRoles: boolean;
  /** Any of the above. */
  any: boolean;
}

export const NO_PERMISSIONS: Readonly<MemberPermissions> = {
  profile: false,
  role: false,
  active: false,
  matrix: false,
  capacity: false,
  schedule: false,
  absences: false,
  lines: false,
  crossRoles: false,
  any: false,
};

export function memberPermissions(scope: ViewerScope | null, target: MemberPlace): MemberPermissions {
  if (!scope) return { ...NO_PERMISSIONS };
  const may = (operation: string, change: MemberChange) => mayCallOperation(scope.role, operation) && mayChangeMember(scope, target, change);
  const permissions = {
    profile: may('updateMember', 'PROFILE'),
    // A director may not demote or deactivate themselves from here (they would lose the page they are on).
    role: may('updateMember', 'ROLE') && target.id !== scope.memberId,
    active: may('updateMember', 'ACTIVE') && target.id !== scope.memberId,
    matrix: may('updateMember', 'MATRIX'),
    capacity: may('updateMember', 'CAPACITY'),
    schedule: may('setWorkSchedule', 'SCHEDULE'),
    absences: may('addAbsence', 'ABSENCE'),
    lines: may('removeReportingLine', 'ROLE'),
    crossRoles: may('assignCrossRole', 'ROLE'),
  };
  return { ...permissions, any: Object.values(permissions).some(Boolean) };
}

/** Whether the viewer may pause or resume a team. */
export function mayPauseTeam(scope: ViewerScope | null, teamId: string): boolean {
  return !!scope && mayCallOperation(scope.role, 'setTeamPaused') && mayManageTeam(scope, teamId, 'PAUSE');
}
