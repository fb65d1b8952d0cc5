import type { LineKind, Role } from '../domain/roles';

/** A line of the circle: `from` is the person, `to` their manager, coach or matrix manager. */
export interface LineFact {
  fromId: string;
  toId: string;
  kind: LineKind;
}

export interface TeamFact {
  id: string;
  name: string;
  directorId: string | null;
  leadId: string | null;
  coachId: string | null;
}

export interface MemberFact {
  id: string;
  name: string;
  role: Role;
  /** Absent: active. */
  active?: boolean;
}

export type CircleViolationCode =
  | 'SELF_LINE'
  | 'SECOND_MANAGER'
  | 'REPORTING_CYCLE'
  | 'COACH_IN_DIRECTOR_LINE'
  | 'TEAM_LEAD_ROLE'
  | 'TEAM_COACH_ROLE'
  | 'TEAM_DIRECTOR_ROLE'
  | 'TEAM_HOLDER_INACTIVE';

export interface CircleViolation {
  code: CircleViolationCode;
  /** The English sentence, naming the people and the team. */
  message: string;
  /** The values the sentence names (people's names, the team, a line of reporting), for a client to say it in its own language. */
  params: Record<string, string>;
}

/** The REPORTS_TO path upward from a member (member first), stopping at a repeat. */
export function reportsToPath(lines: readonly LineFact[], fromId: string): string[] {
  const manager = new Map<string, string>();
  for (const line of lines) if (line.kind === 'REPORTS_TO') manager.set(line.fromId, line.toId);
  const path = [fromId];
  const seen = new Set(path);
  let current = manager.get(fromId);
  while (current !== undefined) {
    path.push(current);
    if (seen.has(current)) break;
    seen.add(current);
    current = manager.get(current);
  }
  return path;
}

/**
 * Checks the invariants of the circle on a whole picture of lines and teams (the state a
 * change would produce): no line to oneself; at most one REPORTS_TO per member; no
 * REPORTS_TO cycle; the coach of a team never reports (directly or through others) to
 * that team's director; a team's lead, coach and director hold those roles and are active.
 * Messages name people, for a director to read.
 */
export function checkCircleStructure(
  members: readonly MemberFact[],
  lines: readonly LineFact[],
  teams: readonly TeamFact[],
): CircleViolation[] {
  const name = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? 'an unknown member') : 'nobody');
  const role = (id: string) => members.find((m) => m.id === id)?.role;
  const violations: CircleViolation[] = [];

  for (const line of lines) {
    if (line.fromId === line.toId) {
      violations.push({ code: 'SELF_LINE', message: `${name(line.fromId)} cannot have a ${line.kind} line to themselves.`, params: { name: name(line.fromId), kind: line.kind } });
    }
  }

  const managers = new Map<string, string[]>();
  for (const line of lines) {
    if (line.kind !== 'REPORTS_TO') continue;
    managers.set(line.fromId, [...(managers.get(line.fromId) ?? []), line.toId]);
  }
  for (const [memberId, to] of managers) {
    if (to.length > 1) {
      violations.push({
        code: 'SECOND_MANAGER',
        message: `${name(memberId)} would report to ${to.map(name).join(' and ')}; a person reports to one manager (use a MATRIX line for a second one).`,
        params: { name: name(memberId), managers: to.map(name).join(', ') },
      });
    }
  }

  const reportedCycles = new Set<string>();
  for (const memberId of managers.keys()) {
    const path = reportsToPath(lines, memberId);
    const last = path[path.length - 1];
    const start = path.indexOf(last);
    if (start === path.length - 1) continue;
    const cycle = path.slice(start);
    const key = [...cycle.slice(0, -1)].sort().join('|');
    if (reportedCycles.has(key)) continue;
    reportedCycles.add(key);
    violations.push({
      code: 'REPORTING_CYCLE',
      message: `Reporting lines would go round in a circle: ${cycle.map(name).join(' → ')}.`,
      params: { path: cycle.map(name).join(' → ') },
    });
  }

  for (const team of teams) {
    if (team.leadId && role(team.leadId) !== 'LEAD') {
      violations.push({ code: 'TEAM_LEAD_ROLE', message: `${name(team.leadId)} cannot lead "${team.name}": the lead must have the team lead role.`, params: { name: name(team.leadId), team: team.name } });
    }
    if (team.coachId && role(team.coachId) !== 'COACH') {
      violations.push({ code: 'TEAM_COACH_ROLE', message: `${name(team.coachId)} cannot coach "${team.name}": the coach must have the coach role.`, params: { name: name(team.coachId), team: team.name } });
    }
    if (team.directorId && role(team.directorId) !== 'DIRECTOR') {
      violations.push({
        code: 'TEAM_DIRECTOR_ROLE',
        message: `${name(team.directorId)} cannot direct "${team.name}": the director must have the sales director role.`,
        params: { name: name(team.directorId), team: team.name },
      });
    }
    for (const [holder, as] of [[team.leadId, 'lead'], [team.coachId, 'coach'], [team.directorId, 'director']] as const) {
      if (holder && members.find((m) => m.id === holder)?.active === false) {
        violations.push({
          code: 'TEAM_HOLDER_INACTIVE',
          message: `${name(holder)} is the ${as} of "${team.name}" and so stays active: appoint another ${as} first.`,
          params: { name: name(holder), team: team.name, holder: as.toUpperCase() },
        });
      }
    }
    if (team.coachId && team.directorId) {
      const path = reportsToPath(lines, team.coachId);
      const at = path.indexOf(team.directorId);
      if (at > 0) {
        violations.push({
          code: 'COACH_IN_DIRECTOR_LINE',
          message:
            `${name(team.coachId)} coaches "${team.name}" and so must stay outside the line of its director ${name(team.directorId)} ` +
            `(a coach the director can sway cannot judge fairly), but would report to them: ${path.slice(0, at + 1).map(name).join(' → ')}.`,
          params: { name: name(team.coachId), team: team.name, director: name(team.directorId), path: path.slice(0, at + 1).map(name).join(' → ') },
        });
      }
    }
  }
  return violations;
}

/** The violations a change introduces: those in `after` that were not already in `before`. */
export function newViolations(before: readonly CircleViolation[], after: readonly CircleViolation[]): CircleViolation[] {
  const known = new Set(before.map((v) => `${v.code}|${v.message}`));
  return after.filter((v) => !known.has(`${v.code}|${v.message}`));
}

/** The picture of an organization's circle that checkCircleStructure reads. */
export interface StructureSnapshotLike {
  members: readonly MemberFact[];
  lines: readonly LineFact[];
  teams: readonly TeamFact[];
}
