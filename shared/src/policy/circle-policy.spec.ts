import { mayChangeMember, mayManageTeam, visibleTeamIds, type MemberChange, type ViewerScope } from './circle-policy';
import { mayCallOperation, OPERATION_ACCESS, OWN_WORK_OPERATIONS } from './operation-access';

const scope = (role: ViewerScope['role'], over: Partial<ViewerScope> = {}): ViewerScope => ({
  role,
  memberId: 'me',
  directedTeamIds: [],
  ledTeamIds: [],
  coachedTeamIds: [],
  memberOfTeamIds: [],
  ...over,
});
const ALL_CHANGES: MemberChange[] = ['PROFILE', 'ROLE', 'MATRIX', 'CAPACITY', 'ACTIVE', 'SCHEDULE', 'ABSENCE', 'TEAMS'];

describe('mayChangeMember', () => {
  const inTeamA = { id: 'x', role: 'SALES' as const, teamIds: ['A'] };
  const inTeamB = { id: 'y', role: 'SALES' as const, teamIds: ['B'] };
  const noTeam = { id: 'z', role: 'SALES' as const, teamIds: [] };

  it('lets a director change anything about people of their teams and people in no team', () => {
    const director = scope('DIRECTOR', { directedTeamIds: ['A'] });
    for (const change of ALL_CHANGES) {
      expect(mayChangeMember(director, inTeamA, change)).toBe(true);
      expect(mayChangeMember(director, noTeam, change)).toBe(true);
      expect(mayChangeMember(director, inTeamB, change)).toBe(false);
    }
  });

  it('lets a lead change the matrix cell, capacity, schedule, absences and teams of their team only', () => {
    const lead = scope('LEAD', { ledTeamIds: ['A'] });
    expect(ALL_CHANGES.filter((c) => mayChangeMember(lead, inTeamA, c))).toEqual(['MATRIX', 'CAPACITY', 'SCHEDULE', 'ABSENCE', 'TEAMS']);
    expect(ALL_CHANGES.some((c) => mayChangeMember(lead, inTeamB, c))).toBe(false);
    expect(ALL_CHANGES.some((c) => mayChangeMember(lead, noTeam, c))).toBe(false);
  });

  it("does not let a lead change the director, the coach or another lead of their team", () => {
    const lead = scope('LEAD', { ledTeamIds: ['A'] });
    for (const role of ['DIRECTOR', 'COACH', 'LEAD'] as const) {
      expect(ALL_CHANGES.some((c) => mayChangeMember(lead, { id: 'p', role, teamIds: ['A'] }, c))).toBe(false);
    }
  });

  it('lets coaches and reps change nothing, even in their own team', () => {
    for (const role of ['COACH', 'SALES'] as const) {
      const s = scope(role, { coachedTeamIds: ['A'], memberOfTeamIds: ['A'] });
      expect(ALL_CHANGES.some((c) => mayChangeMember(s, inTeamA, c))).toBe(false);
    }
  });
});

describe('mayManageTeam', () => {
  it('gives structure to directors and membership and pause to leads of the team', () => {
    expect(mayManageTeam(scope('DIRECTOR', { directedTeamIds: ['A'] }), 'A', 'STRUCTURE')).toBe(true);
    expect(mayManageTeam(scope('DIRECTOR', { directedTeamIds: ['A'] }), 'B', 'PAUSE')).toBe(false);
    expect(mayManageTeam(scope('LEAD', { ledTeamIds: ['A'] }), 'A', 'PAUSE')).toBe(true);
    expect(mayManageTeam(scope('LEAD', { ledTeamIds: ['A'] }), 'A', 'STRUCTURE')).toBe(false);
    expect(mayManageTeam(scope('COACH', { coachedTeamIds: ['A'] }), 'A', 'PAUSE')).toBe(false);
  });
});

describe('visibleTeamIds', () => {
  it('unites every way of belonging to a team, once', () => {
    expect(visibleTeamIds(scope('LEAD', { ledTeamIds: ['A'], memberOfTeamIds: ['A', 'B'], coachedTeamIds: ['C'] })).sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('mayCallOperation', () => {
  it('opens public operations to everyone and refuses unknown ones to all', () => {
    expect(mayCallOperation(null, 'login')).toBe(true);
    expect(mayCallOperation(null, 'me')).toBe(false);
    expect(mayCallOperation('DIRECTOR', 'noSuchOperation')).toBe(false);
    expect(mayCallOperation('DIRECTOR', 'toString')).toBe(false);
  });

  it('keeps rule and structure changes away from coaches and reps', () => {
    for (const op of Object.keys(OPERATION_ACCESS).filter((o) => /^(update|create|add|remove|assign|set)[A-Z]/.test(o) && !/My|changePassword/.test(o) && !(o in OWN_WORK_OPERATIONS))) {
      expect(mayCallOperation('COACH', op)).toBe(false);
      expect(mayCallOperation('SALES', op)).toBe(false);
    }
  });

  it('lets a rep keep their own client data, and never a coach', () => {
    const clientData = Object.keys(OWN_WORK_OPERATIONS).filter((op) => OWN_WORK_OPERATIONS[op] === 'client-policy');
    expect(clientData.length).toBeGreaterThan(0);
    for (const op of clientData) {
      expect(mayCallOperation('SALES', op)).toBe(true);
      expect(mayCallOperation('COACH', op)).toBe(false);
    }
  });

  it('names only real operations as own work, each open to a coach or a rep', () => {
    for (const op of Object.keys(OWN_WORK_OPERATIONS)) {
      expect([op, op in OPERATION_ACCESS]).toEqual([op, true]);
      expect([op, mayCallOperation('SALES', op) || mayCallOperation('COACH', op)]).toEqual([op, true]);
    }
  });
});
