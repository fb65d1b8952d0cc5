import { checkCircleStructure, newViolations, reportsToPath, type LineFact, type MemberFact, type TeamFact } from './check-circle-structure';

const members: MemberFact[] = [
  { id: 'd', name: 'Director', role: 'DIRECTOR' },
  { id: 'l', name: 'Lead', role: 'LEAD' },
  { id: 'c', name: 'Coach', role: 'COACH' },
  { id: 'r', name: 'Rep', role: 'SALES' },
  { id: 'h', name: 'HR head', role: 'DIRECTOR' },
];
const team: TeamFact = { id: 't', name: 'Dealers', directorId: 'd', leadId: 'l', coachId: 'c' };
const healthy: LineFact[] = [
  { fromId: 'r', toId: 'l', kind: 'REPORTS_TO' },
  { fromId: 'l', toId: 'd', kind: 'REPORTS_TO' },
  // from = the person, to = their manager, coach or matrix manager
  { fromId: 'l', toId: 'c', kind: 'COACHES' },
  { fromId: 'r', toId: 'c', kind: 'COACHES' },
];

describe('checkCircleStructure', () => {
  it('accepts the healthy circle, including a coach reporting outside the director line', () => {
    expect(checkCircleStructure(members, [...healthy, { fromId: 'c', toId: 'h', kind: 'REPORTS_TO' }], [team])).toEqual([]);
  });

  it('refuses a coach reporting to the director directly', () => {
    const violations = checkCircleStructure(members, [...healthy, { fromId: 'c', toId: 'd', kind: 'REPORTS_TO' }], [team]);
    expect(violations.map((v) => v.code)).toEqual(['COACH_IN_DIRECTOR_LINE']);
    expect(violations[0].message).toMatch(/Coach → Director/);
  });

  it('refuses a coach reporting to the director through the lead', () => {
    const violations = checkCircleStructure(members, [...healthy, { fromId: 'c', toId: 'l', kind: 'REPORTS_TO' }], [team]);
    expect(violations.map((v) => v.code)).toEqual(['COACH_IN_DIRECTOR_LINE']);
    expect(violations[0].message).toMatch(/Coach → Lead → Director/);
    expect(violations[0].params).toEqual({ name: 'Coach', team: 'Dealers', director: 'Director', path: 'Coach → Lead → Director' });
  });

  it('finds a REPORTS_TO cycle once', () => {
    const violations = checkCircleStructure(members, [...healthy, { fromId: 'd', toId: 'r', kind: 'REPORTS_TO' }], [team]);
    expect(violations.filter((v) => v.code === 'REPORTING_CYCLE')).toHaveLength(1);
    expect(violations[0].message).toMatch(/→/);
  });

  it('refuses a second manager and a line to oneself', () => {
    const codes = checkCircleStructure(
      members,
      [...healthy, { fromId: 'r', toId: 'h', kind: 'REPORTS_TO' }, { fromId: 'l', toId: 'l', kind: 'MATRIX' }],
      [team],
    ).map((v) => v.code);
    expect(codes).toEqual(['SELF_LINE', 'SECOND_MANAGER']);
  });

  it('allows a MATRIX line beside the REPORTS_TO line', () => {
    expect(checkCircleStructure(members, [...healthy, { fromId: 'r', toId: 'h', kind: 'MATRIX' }], [team])).toEqual([]);
  });

  it('checks the roles of a team', () => {
    const codes = checkCircleStructure(members, healthy, [{ ...team, leadId: 'r', coachId: 'l', directorId: 'c' }]).map((v) => v.code);
    expect(codes).toEqual(['TEAM_LEAD_ROLE', 'TEAM_COACH_ROLE', 'TEAM_DIRECTOR_ROLE']);
  });
});

describe('the people a team stands on', () => {
  it('keeps a team\'s lead, coach and director active; a rep may leave', () => {
    const without = (id: string) => members.map((m) => (m.id === id ? { ...m, active: false } : m));
    for (const [id, as] of [['l', 'lead'], ['c', 'coach'], ['d', 'director']] as const) {
      const violations = checkCircleStructure(without(id), healthy, [team]);
      expect(violations.map((v) => v.code)).toEqual(['TEAM_HOLDER_INACTIVE']);
      expect(violations[0].message).toContain(`the ${as} of "Dealers"`);
      expect(violations[0].params).toMatchObject({ team: 'Dealers', holder: as.toUpperCase() });
    }
    expect(checkCircleStructure(without('r'), healthy, [team])).toEqual([]);
    // a team without a coach asks nothing of anyone
    expect(checkCircleStructure(without('c'), healthy, [{ ...team, coachId: null }])).toEqual([]);
  });
});

describe('reportsToPath', () => {
  it('walks up and stops at a repeat', () => {
    expect(reportsToPath(healthy, 'r')).toEqual(['r', 'l', 'd']);
    expect(reportsToPath([{ fromId: 'a', toId: 'b', kind: 'REPORTS_TO' }, { fromId: 'b', toId: 'a', kind: 'REPORTS_TO' }], 'a')).toEqual(['a', 'b', 'a']);
  });
});

describe('newViolations', () => {
  it('keeps only what a change adds', () => {
    const old = { code: 'SELF_LINE' as const, message: 'x', params: {} };
    const added = { code: 'REPORTING_CYCLE' as const, message: 'y', params: {} };
    expect(newViolations([old], [old, added])).toEqual([added]);
  });
});
