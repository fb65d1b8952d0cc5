import { mayChangeMember, mayManageTeam, visibleTeamIds, type MemberChange, type ViewerScope } from './circle-policy';
import { mayCallOperation, OPERATION_ACCESS } from './operation-access';

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

  // A rep keeps the data of their own clients: creates one they found, edits it, adds contacts and orders.
  // Whether the client is theirs is checked by the service (client-policy), not by this table.
  const REP_CLIENT_DATA = new Set(['createClient', 'updateClient', 'addClientContact', 'recordOrder']);
  // Sprint work on one's own processes (sprint-policy checks ownership); anyone may propose a process; the coach writes the retrospective.
  // Coaching: the coach keeps templates; whoever is in the session ticks its action items (service checks).
  const COACHING_WORK = new Set(['createCoachingTemplate', 'setCoachingActionDone']);
  const REP_SPRINT_WORK = new Set(['createProcess', 'updateProcess', 'setProcessStep', 'addProcessProgress', 'addReminder', 'removeReminder', 'updateSprintNotes']);

  it('keeps rule and structure changes away from coaches and reps', () => {
    for (const op of Object.keys(OPERATION_ACCESS).filter((o) => /^(update|create|add|remove|assign|set)[A-Z]/.test(o) && !/My|changePassword/.test(o) && !REP_CLIENT_DATA.has(o) && !REP_SPRINT_WORK.has(o) && !COACHING_WORK.has(o))) {
      expect(mayCallOperation('COACH', op)).toBe(false);
      expect(mayCallOperation('SALES', op)).toBe(false);
    }
  });

  it('lets a rep keep their own client data, and never a coach', () => {
    for (const op of REP_CLIENT_DATA) {
      expect(mayCallOperation('SALES', op)).toBe(true);
      expect(mayCallOperation('COACH', op)).toBe(false);
    }
  });
});
