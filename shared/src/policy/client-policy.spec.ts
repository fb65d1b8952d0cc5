import type { ViewerScope } from './circle-policy';
import { clientScope, mayReassignClient, seesClient } from './client-policy';

const scope = (role: ViewerScope['role']): ViewerScope => ({ role, memberId: 'me', directedTeamIds: [], ledTeamIds: ['A'], coachedTeamIds: [], memberOfTeamIds: ['A'] });

describe('clientScope', () => {
  it('gives directors all clients and coaches none', () => {
    expect(clientScope(scope('DIRECTOR'), 'OWN', [])).toEqual({ kind: 'ALL' });
    expect(clientScope(scope('COACH'), 'ALL', ['x'])).toEqual({ kind: 'NONE' });
  });

  it('gives leads the clients of their team', () => {
    expect(clientScope(scope('LEAD'), 'OWN', ['x', 'y'])).toEqual({ kind: 'OWNERS', memberIds: ['me', 'x', 'y'] });
  });

  it('follows the organization setting for reps, OWN by default', () => {
    expect(clientScope(scope('SALES'), 'OWN', ['x'])).toEqual({ kind: 'OWNERS', memberIds: ['me'] });
    expect(clientScope(scope('SALES'), 'TEAM', ['x', 'me'])).toEqual({ kind: 'OWNERS', memberIds: ['me', 'x'] });
    expect(clientScope(scope('SALES'), 'ALL', [])).toEqual({ kind: 'ALL' });
  });
});

describe('seesClient', () => {
  it('sees a client by its owner in the scope; an unowned one only with the whole base', () => {
    expect(seesClient({ kind: 'ALL' }, null)).toBe(true);
    expect(seesClient({ kind: 'NONE' }, 'me')).toBe(false);
    expect(seesClient({ kind: 'OWNERS', memberIds: ['me', 'x'] }, 'x')).toBe(true);
    expect(seesClient({ kind: 'OWNERS', memberIds: ['me', 'x'] }, 'z')).toBe(false);
    expect(seesClient({ kind: 'OWNERS', memberIds: ['me'] }, null)).toBe(false);
  });
});

describe('mayReassignClient', () => {
  it('lets directors reassign anything and leads within their teams', () => {
    expect(mayReassignClient(scope('DIRECTOR'), 'z', [])).toBe(true);
    expect(mayReassignClient(scope('LEAD'), 'x', ['x'])).toBe(true);
    expect(mayReassignClient(scope('LEAD'), 'z', ['x'])).toBe(false);
    // nor one without an owner, which the lead does not see
    expect(mayReassignClient(scope('LEAD'), null, ['x'])).toBe(false);
    expect(mayReassignClient(scope('SALES'), 'me', ['me'])).toBe(false);
    expect(mayReassignClient(scope('COACH'), null, [])).toBe(false);
  });
});
