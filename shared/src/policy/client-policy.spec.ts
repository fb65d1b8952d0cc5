import type { ViewerScope } from './circle-policy';
import { clientScope, mayReassignClient } from './client-policy';

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

describe('mayReassignClient', () => {
  it('lets directors reassign anything and leads within their teams', () => {
    expect(mayReassignClient(scope('DIRECTOR'), 'z', [])).toBe(true);
    expect(mayReassignClient(scope('LEAD'), 'x', ['x'])).toBe(true);
    expect(mayReassignClient(scope('LEAD'), 'z', ['x'])).toBe(false);
    expect(mayReassignClient(scope('SALES'), 'me', ['me'])).toBe(false);
    expect(mayReassignClient(scope('COACH'), null, [])).toBe(false);
  });
});
