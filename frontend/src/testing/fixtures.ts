import type { CurrentUser } from '@/utils/session';
import { STORAGE_KEYS } from '@/utils/storage';
import { ANALYTICS_REPLIES } from './analytics-fixtures';
import type { FakeHandler, FakeReply } from './fake-fetch';

export const USERS = {
  DIRECTOR: { id: 'u-dir', email: 'director@demo.local', name: 'Дмитрий Орлов', role: 'DIRECTOR', locale: 'ru', active: true },
  LEAD: { id: 'u-lead', email: 'lead@demo.local', name: 'Lena Lead', role: 'LEAD', locale: 'en', active: true },
  COACH: { id: 'u-coach', email: 'coach@demo.local', name: 'Carl Coach', role: 'COACH', locale: 'en', active: true },
  SALES: { id: 'u-rep', email: 'rep@demo.local', name: 'Rita Rep', role: 'SALES', locale: 'en', active: true },
} as const satisfies Record<string, CurrentUser>;

export const TEAMS = [
  {
    id: 't-north',
    name: 'North',
    lead: { id: 'm-lead', name: 'Lena Lead' },
    coach: { id: 'm-coach', name: 'Carl Coach' },
    members: [
      { id: 'm-lead', name: 'Lena Lead', role: 'LEAD', stageRole: null, category: null },
      { id: 'm-rep1', name: 'Rita Rep', role: 'SALES', stageRole: 'HUNTER', category: 2 },
      { id: 'm-rep2', name: 'Pavel Prospector', role: 'SALES', stageRole: 'PROSPECTOR', category: 3 },
    ],
  },
  {
    id: 't-south',
    name: 'South',
    lead: null,
    coach: null,
    members: [{ id: 'm-rep3', name: 'Fiona Farmer', role: 'SALES', stageRole: 'FARMER', category: 1 }],
  },
];

export const COMPOSITION = [
  { key: 'LEAD', count: 1 },
  { key: 'HUNTER', count: 1 },
  { key: 'PROSPECTOR', count: 1 },
  { key: 'FARMER', count: 1 },
];

/** Saves a session as a previous visit would have left it. */
export function seedSession(user: CurrentUser, token = 'tok-saved'): void {
  localStorage.setItem(STORAGE_KEYS.token, token);
  localStorage.setItem(STORAGE_KEYS.tokenExpiresAt, '2999-01-01T00:00:00.000Z');
  localStorage.setItem(STORAGE_KEYS.user, JSON.stringify(user));
}

/** Member ids of the signed-in users (as the ViewerScope query names them). */
export const MEMBER_OF = { DIRECTOR: 'm-dir', LEAD: 'm-lead', COACH: 'm-coach', SALES: 'm-rep1' } as const;

/** The viewer's scope over TEAMS: the lead leads North, the coach coaches it, the director directs both. */
export function viewerScopeData(user: CurrentUser) {
  return {
    me: { id: user.id, role: user.role, member: { id: MEMBER_OF[user.role] } },
    teams: (user.role === 'DIRECTOR' ? TEAMS : TEAMS.slice(0, 1)).map((team) => ({
      id: team.id,
      name: team.name,
      paused: false,
      director: { id: MEMBER_OF.DIRECTOR },
      lead: team.lead ? { id: team.lead.id } : null,
      coach: team.coach ? { id: team.coach.id } : null,
      members: team.members.map((m) => ({ id: m.id })),
    })),
  };
}

/** A handler answering the dashboard operations; override any of them. */
export function dashboardHandler(user: CurrentUser, overrides: Partial<Record<string, () => FakeReply>> = {}): FakeHandler {
  const defaults: Record<string, () => FakeReply> = {
    Me: () => ({ json: { data: { me: user } } }),
    Teams: () => ({ json: { data: { teams: user.role === 'DIRECTOR' ? TEAMS : TEAMS.slice(0, 1) } } }),
    TeamComposition: () => ({ json: { data: { teamComposition: COMPOSITION } } }),
    UnreadNotificationCount: () => ({ json: { data: { unreadNotificationCount: 0 } } }),
    ViewerScope: () => ({ json: { data: viewerScopeData(user) } }),
  };
  return (request) => {
    const name = request.body.operationName ?? '';
    const own = overrides[name] ?? defaults[name];
    if (own) return own();
    return ANALYTICS_REPLIES[name]?.(request.body.variables);
  };
}
