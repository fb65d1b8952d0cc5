import type { CirclePersonFragment, MatrixRepFragment, MemberDetailFragment, ViewerScopeQuery } from '@/graphql/generated';
import type { FakeHandler, FakeReply } from './fake-fetch';
import { USERS } from './fixtures';

/** Member ids of the people of the test circle (the users of fixtures.ts are these members). */
export const PEOPLE = {
  director: 'm-dir',
  lead: 'm-lead',
  coach: 'm-coach',
  rep: 'm-rep1',
  prospector: 'm-rep2',
  pm: 'm-pm',
  farmer: 'm-rep3',
} as const;

const MEMBER_OF_USER: Record<string, string> = {
  [USERS.DIRECTOR.id]: PEOPLE.director,
  [USERS.LEAD.id]: PEOPLE.lead,
  [USERS.COACH.id]: PEOPLE.coach,
  [USERS.SALES.id]: PEOPLE.rep,
};

export const SCOPE_TEAMS: ViewerScopeQuery['teams'] = [
  {
    id: 't-north',
    name: 'North',
    paused: false,
    director: { id: PEOPLE.director },
    lead: { id: PEOPLE.lead },
    coach: { id: PEOPLE.coach },
    members: [{ id: PEOPLE.lead }, { id: PEOPLE.coach }, { id: PEOPLE.rep }, { id: PEOPLE.prospector }, { id: PEOPLE.pm }],
  },
  {
    id: 't-south',
    name: 'South',
    paused: true,
    director: { id: PEOPLE.director },
    lead: null,
    coach: null,
    members: [{ id: PEOPLE.farmer }],
  },
];

export function viewerScopeReply(user: { id: string; role: ViewerScopeQuery['me']['role'] }): FakeReply {
  const memberId = MEMBER_OF_USER[user.id] ?? null;
  const teams = user.role === 'DIRECTOR' ? SCOPE_TEAMS : SCOPE_TEAMS.filter((t) => t.members.some((m) => m.id === memberId) || t.lead?.id === memberId);
  return { json: { data: { me: { id: user.id, role: user.role, member: memberId ? { id: memberId } : null }, teams } } };
}

const on = { available: true, reason: null };
const capacity = { clients: 40, processes: 5 };
const line = (id: string, kind: 'REPORTS_TO' | 'COACHES' | 'MATRIX', from: [string, string], to: [string, string], scope: string | null = null) => ({
  id,
  kind,
  scope,
  from: { id: from[0], name: from[1] },
  to: { id: to[0], name: to[1] },
});

const N = {
  director: [PEOPLE.director, 'Дмитрий Орлов'],
  lead: [PEOPLE.lead, 'Lena Lead'],
  coach: [PEOPLE.coach, 'Carl Coach'],
  rep: [PEOPLE.rep, 'Rita Rep'],
  prospector: [PEOPLE.prospector, 'Pavel Prospector'],
  pm: [PEOPLE.pm, 'Petr Product'],
} satisfies Record<string, [string, string]>;

const LINES = {
  leadReports: line('l1', 'REPORTS_TO', N.lead, N.director),
  repReports: line('l2', 'REPORTS_TO', N.rep, N.lead),
  prospectorReports: line('l3', 'REPORTS_TO', N.prospector, N.lead),
  pmReports: line('l4', 'REPORTS_TO', N.pm, N.director),
  repCoached: line('l5', 'COACHES', N.rep, N.coach),
  leadCoached: line('l6', 'COACHES', N.lead, N.coach),
  repMatrix: line('l7', 'MATRIX', N.rep, N.pm, 'Servers'),
  prospectorOutside: line('l8', 'MATRIX', N.prospector, ['m-far', 'Faina Faraway'], 'Storage'),
};

const person = (
  [id, name]: [string, string],
  role: CirclePersonFragment['role'],
  lines: CirclePersonFragment['lines'],
  extra: Partial<CirclePersonFragment> = {},
): CirclePersonFragment => ({
  id,
  name,
  role,
  stageRole: null,
  category: null,
  active: true,
  capacity,
  availability: on,
  crossRoles: [],
  lines,
  ...extra,
});

export const CIRCLE = {
  id: 't-north',
  name: 'North',
  paused: false,
  director: person(N.director, 'DIRECTOR', [LINES.leadReports, LINES.pmReports]),
  lead: person(N.lead, 'LEAD', [LINES.leadReports, LINES.repReports, LINES.prospectorReports, LINES.leadCoached]),
  coach: person(N.coach, 'COACH', [LINES.repCoached, LINES.leadCoached]),
  members: [
    person(N.lead, 'LEAD', [LINES.leadReports, LINES.repReports, LINES.prospectorReports, LINES.leadCoached]),
    person(N.coach, 'COACH', [LINES.repCoached, LINES.leadCoached]),
    person(N.rep, 'SALES', [LINES.repReports, LINES.repCoached, LINES.repMatrix], { stageRole: 'HUNTER', category: 2 }),
    person(N.prospector, 'SALES', [LINES.prospectorReports, LINES.prospectorOutside], {
      stageRole: 'PROSPECTOR',
      category: 3,
      availability: { available: false, reason: 'OFF_SHIFT' },
    }),
    person(N.pm, 'SALES', [LINES.pmReports, LINES.repMatrix], {
      crossRoles: [{ id: 'x1', kind: 'PRODUCT_MANAGER', products: ['Servers'], regions: [] }],
    }),
  ],
};

const rep = (id: string, name: string, stageRole: MatrixRepFragment['stageRole'], category: number | null, teamId: string, version = 3): MatrixRepFragment => ({
  id,
  name,
  stageRole,
  category,
  version,
  active: true,
  availability: on,
  capacity: { clients: 40, processes: 5, activeClients: stageRole ? 12 : 0 },
  teams: [{ id: teamId }],
});

export const MATRIX_REPS = {
  rita: rep(PEOPLE.rep, 'Rita Rep', 'HUNTER', 2, 't-north'),
  pavel: rep(PEOPLE.prospector, 'Pavel Prospector', 'PROSPECTOR', 3, 't-north'),
  petr: rep(PEOPLE.pm, 'Petr Product', null, null, 't-north'),
  fiona: rep(PEOPLE.farmer, 'Fiona Farmer', 'FARMER', 1, 't-south'),
};

/** The API's matrix: the 12 cells, then the unplaced reps. */
export function matrixCells(reps: readonly MatrixRepFragment[]) {
  const cells = (['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT'] as const).flatMap((stageRole) =>
    [1, 2, 3].map((category) => ({ stageRole, category, members: reps.filter((r) => r.stageRole === stageRole && r.category === category) })),
  );
  const unplaced = reps.filter((r) => !r.stageRole || r.category === null);
  return unplaced.length > 0 ? [...cells, { stageRole: null, category: null, members: unplaced }] : cells;
}

export function memberDetail(extra: Partial<MemberDetailFragment> = {}): MemberDetailFragment {
  return {
    id: PEOPLE.rep,
    name: 'Rita Rep',
    email: 'rep@demo.local',
    role: 'SALES',
    stageRole: 'HUNTER',
    category: 2,
    active: true,
    hasSignIn: true,
    version: 7,
    capacity,
    reportsTo: { id: PEOPLE.lead, name: 'Lena Lead' },
    lines: [LINES.repReports, LINES.repCoached, LINES.repMatrix],
    crossRoles: [],
    schedule: [{ weekday: 1, startsAt: '10:00', endsAt: '14:00' }],
    absences: [{ id: 'a1', kind: 'VACATION', startsOn: '2030-05-06', endsOn: '2030-05-08', note: 'Sea' }],
    teams: [{ id: 't-north', name: 'North', paused: false }],
    availability: { at: '2030-01-07T09:00:00.000Z', available: true, reason: null },
    history: [
      {
        id: '11',
        at: '2030-01-06T10:00:00.000Z',
        actorName: 'Lena Lead',
        entity: 'member',
        action: 'updated',
        before: '{"category": 3, "stageRole": "FARMER"}',
        after: '{"category": 2, "stageRole": "HUNTER"}',
      },
      { id: '12', at: '2030-01-07T10:00:00.000Z', actorName: null, entity: 'absence', action: 'absence added', before: null, after: '{"kind": "VACATION"}' },
    ],
    ...extra,
  };
}

/** Answers by operation name, the Me query included; override or add any operation. */
export function circleHandler(
  user: { id: string; email: string; name: string; role: ViewerScopeQuery['me']['role']; locale: 'ru' | 'en'; active: boolean },
  overrides: Partial<Record<string, (variables: Record<string, unknown>) => FakeReply>> = {},
): FakeHandler {
  const defaults: Record<string, (variables: Record<string, unknown>) => FakeReply> = {
    Me: () => ({ json: { data: { me: user } } }),
    ViewerScope: () => viewerScopeReply(user),
    TeamCircle: () => ({ json: { data: { team: CIRCLE } } }),
    Matrix: () => ({ json: { data: { matrix: matrixCells(Object.values(MATRIX_REPS)) } } }),
    MemberPage: () => ({ json: { data: { member: memberDetail(), organization: { id: 'o1', timezone: 'Europe/Moscow' } } } }),
  };
  return (request) => {
    const name = request.body.operationName ?? '';
    return (overrides[name] ?? defaults[name])?.(request.body.variables);
  };
}
