import { describe, expect, it } from 'vitest';
import { buildViewerScope, defaultTeamId, mayPauseTeam, memberPermissions, memberPlace, type ScopeTeam } from './viewer-scope';

const teams: ScopeTeam[] = [
  { id: 'dealers', director: { id: 'dir' }, lead: { id: 'lead' }, coach: { id: 'coach' }, members: [{ id: 'lead' }, { id: 'coach' }, { id: 'rep' }] },
  { id: 'key', director: { id: 'dir' }, lead: { id: 'lead2' }, coach: { id: 'coach' }, members: [{ id: 'lead2' }, { id: 'vip' }] },
];

describe('buildViewerScope', () => {
  it('reads the teams the viewer directs, leads, coaches and belongs to', () => {
    expect(buildViewerScope('DIRECTOR', 'dir', teams)).toEqual({
      role: 'DIRECTOR',
      memberId: 'dir',
      directedTeamIds: ['dealers', 'key'],
      ledTeamIds: [],
      coachedTeamIds: [],
      memberOfTeamIds: [],
    });
    expect(buildViewerScope('LEAD', 'lead', teams)).toMatchObject({ ledTeamIds: ['dealers'], memberOfTeamIds: ['dealers'] });
    expect(buildViewerScope('COACH', 'coach', teams)).toMatchObject({ coachedTeamIds: ['dealers', 'key'] });
  });

  it('gives a user without a member no teams', () => {
    expect(buildViewerScope('DIRECTOR', null, teams).directedTeamIds).toEqual([]);
  });
});

describe('memberPlace', () => {
  it('adds the teams someone directs, leads or coaches to the ones the API named', () => {
    expect(memberPlace('coach', 'COACH', [], teams).teamIds).toEqual(['dealers', 'key']);
    expect(memberPlace('rep', 'SALES', ['dealers'], teams).teamIds).toEqual(['dealers']);
    expect(memberPlace('stranger', 'SALES', ['elsewhere'], teams).teamIds).toEqual(['elsewhere']);
  });
});

describe('memberPermissions', () => {
  const director = buildViewerScope('DIRECTOR', 'dir', teams);
  const lead = buildViewerScope('LEAD', 'lead', teams);
  const rep = memberPlace('rep', 'SALES', ['dealers'], teams);
  const vip = memberPlace('vip', 'SALES', ['key'], teams);

  it('lets the director change anything about people in their teams, but not demote or deactivate themselves', () => {
    expect(memberPermissions(director, rep)).toEqual({
      profile: true,
      role: true,
      active: true,
      matrix: true,
      capacity: true,
      schedule: true,
      absences: true,
      lines: true,
      crossRoles: true,
      any: true,
    });
    expect(memberPermissions(director, memberPlace('dir', 'DIRECTOR', [], teams))).toMatchObject({ profile: true, role: false, active: false });
  });

  it('lets a lead change the matrix cell, capacity, schedule and absences of their own team only', () => {
    expect(memberPermissions(lead, rep)).toEqual({
      profile: false,
      role: false,
      active: false,
      matrix: true,
      capacity: true,
      schedule: true,
      absences: true,
      lines: false,
      crossRoles: false,
      any: true,
    });
    expect(memberPermissions(lead, vip).any).toBe(false);
  });

  it('lets coaches and reps change nothing, and nobody before the scope is known', () => {
    expect(memberPermissions(buildViewerScope('COACH', 'coach', teams), rep).any).toBe(false);
    expect(memberPermissions(buildViewerScope('SALES', 'rep', teams), rep).any).toBe(false);
    expect(memberPermissions(null, rep).any).toBe(false);
  });
});

describe('teams', () => {
  it('opens the team the viewer leads, then directs, belongs to or coaches', () => {
    expect(defaultTeamId(buildViewerScope('LEAD', 'lead2', teams), teams)).toBe('key');
    expect(defaultTeamId(buildViewerScope('SALES', 'vip', teams), teams)).toBe('key');
    expect(defaultTeamId(buildViewerScope('DIRECTOR', 'dir', teams), teams)).toBe('dealers');
    expect(defaultTeamId(null, teams)).toBe('dealers');
    expect(defaultTeamId(null, [])).toBeNull();
  });

  it('lets directors and the team lead pause a team', () => {
    expect(mayPauseTeam(buildViewerScope('DIRECTOR', 'dir', teams), 'key')).toBe(true);
    expect(mayPauseTeam(buildViewerScope('LEAD', 'lead', teams), 'dealers')).toBe(true);
    expect(mayPauseTeam(buildViewerScope('LEAD', 'lead', teams), 'key')).toBe(false);
    expect(mayPauseTeam(buildViewerScope('COACH', 'coach', teams), 'dealers')).toBe(false);
    expect(mayPauseTeam(null, 'dealers')).toBe(false);
  });
});
