import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';

interface Member {
  id: string;
  name: string;
  role: string;
  stageRole: string | null;
  category: number | null;
  version: number;
}

const MEMBERS = '{ members { id name role stageRole category version } }';

describe('the circle: structure, rules and who sees what', () => {
  let t: TestApp;
  let director: string;
  let lead: string;
  let coach: string;
  let rep: string;
  let people: Map<string, Member>;
  let teams: Map<string, { id: string; name: string }>;

  beforeAll(async () => {
    t = await startTestApp('circle');
    [director, lead, coach, rep] = await Promise.all(
      ['director@demo.local', 'lead@demo.local', 'coach@demo.local', 'rep@demo.local'].map((e) => t.login(e)),
    );
    const all = await t.gql<{ members: Member[] }>(MEMBERS, {}, { token: director });
    people = new Map(all.data!.members.map((m) => [m.name, m]));
    const teamList = await t.gql<{ teams: { id: string; name: string }[] }>('{ teams { id name } }', {}, { token: director });
    teams = new Map(teamList.data!.teams.map((team) => [team.name, team]));
  });
  afterAll(() => t.close());

  const id = (name: string) => {
    const member = people.get(name);
    if (!member) throw new Error(`no demo member ${name}`);
    return member.id;
  };

  /** What a refused change could have touched: the people, their teams, schedules, absences, lines, roles and the change log. */
  const fingerprint = async () => {
    const tables = ['member', 'team', 'team_member', 'work_schedule', 'absence', 'reporting_line', 'cross_role', 'change_log'];
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const parts = [];
      for (const table of tables) parts.push((await db.query<{ f: string }>(`SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${table} x`)).rows[0].f);
      return parts.join(' ');
    } finally {
      await db.end();
    }
  };

  /** Sends the request, expects exactly this one refusal, and that nothing changed. */
  const refusedWith = async (token: string, query: string, variables: Record<string, unknown>, extensions: Record<string, unknown>) => {
    const before = await fingerprint();
    const result = await t.gql(query, variables, { token });
    expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
    expect(await fingerprint()).toBe(before);
    return result.errors![0];
  };

  describe('who sees whom', () => {
    it('shows the director the whole demo organization', () => {
      expect(people.size).toBe(21);
    });

    it('shows a rep the people of their own team (circle transparency) and nobody else', async () => {
      const result = await t.gql<{ members: Member[] }>(MEMBERS, {}, { token: rep });
      const names = result.data!.members.map((m) => m.name);
      expect(names).toContain('Дмитрий Смирнов');
      expect(names).toContain('Андрей Соколов'); // the director above the circle
      expect(names).not.toContain('Анна Фёдорова'); // another team
      expect(names).not.toContain('Кирилл Белов');
    });

    it('answers member(id) with null for someone the caller cannot see', async () => {
      const result = await t.gql('query ($id: ID!) { member(id: $id) { name } }', { id: id('Анна Фёдорова') }, { token: rep });
      expect(result.data).toEqual({ member: null });
    });

    it('filters members by stage role and category', async () => {
      const result = await t.gql<{ members: Member[] }>('{ members(filter: { stageRole: KEY_ACCOUNT, category: 1 }) { name } }', {}, { token: director });
      expect(result.data!.members.map((m) => m.name).sort()).toEqual(['Анна Фёдорова', 'Михаил Орлов']);
    });

    it('draws the matrix: stage roles × categories with the reps in each cell', async () => {
      const result = await t.gql<{ matrix: { stageRole: string | null; category: number | null; members: { name: string }[] }[] }>(
        '{ matrix { stageRole category members { name } } }',
        {},
        { token: director },
      );
      const cell = (stageRole: string | null, category: number | null) =>
        result.data!.matrix.find((c) => c.stageRole === stageRole && c.category === category)!.members.map((m) => m.name).sort();
      expect(cell('FARMER', 2)).toEqual(['Дмитрий Смирнов', 'Елена Кузнецова', 'Иван Петров']);
      expect(cell('PROSPECTOR', 3)).toHaveLength(4);
      expect(cell(null, null)).toEqual(['Роман Андреев']);
      expect(result.data!.matrix).toHaveLength(13);
    });
  });

  describe('updateMember permissions', () => {
    it('refuses reps and coaches with FORBIDDEN before anything else', async () => {
      for (const token of [rep, coach]) {
        const result = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { category: 1 }) { id } }', { id: id('Иван Петров') }, { token });
        expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      // even with an id that does not exist: permission is checked first
      const ghost = await t.gql('mutation { updateMember(id: "00000000-0000-4000-8000-000000000000", input: {}) { id } }', {}, { token: rep });
      expect(ghost.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('lets the lead move a rep of their team to another matrix cell, and records it', async () => {
      const result = await t.gql<{ updateMember: Member }>(
        'mutation ($id: ID!) { updateMember(id: $id, input: { stageRole: HUNTER, category: 3, capacityClients: 55 }) { stageRole category version capacity { clients } } }',
        { id: id('Сергей Попов') },
        { token: lead },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateMember).toMatchObject({ stageRole: 'HUNTER', category: 3, capacity: { clients: 55 } });
      const history = await t.gql<{ member: { history: { action: string; actorName: string; before: string; after: string }[] } }>(
        'query ($id: ID!) { member(id: $id) { history { action actorName before after } } }',
        { id: id('Сергей Попов') },
        { token: director },
      );
      const entry = history.data!.member.history[0];
      expect(entry).toMatchObject({ action: 'updated', actorName: 'Ольга Лебедева' });
      expect(JSON.parse(entry.before)).toMatchObject({ stageRole: 'FARMER', capacityClients: 40 });
      expect(JSON.parse(entry.after)).toEqual({ stageRole: "HUNTER", capacityClients: 55 }); // category 3 was already so
    });

    it('does not let the lead change roles or people of other teams', async () => {
      const role = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { role: LEAD }) { id } }', { id: id('Иван Петров') }, { token: lead });
      expect(role.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const other = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { category: 2 }) { id } }', { id: id('Анна Фёдорова') }, { token: lead });
      expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('says what the lead may not change about whom (MEMBER_CHANGE_NOT_ALLOWED with the person and the change), and changes nothing', async () => {
      const refused = async (query: string, variables: Record<string, unknown>, name: string, change: string, message?: string) => {
        const error = await refusedWith(lead, query, variables, { code: 'FORBIDDEN', reason: 'MEMBER_CHANGE_NOT_ALLOWED', params: { name, change } });
        if (message) expect(error.message).toBe(message);
      };
      const UPDATE = 'mutation ($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }';
      // a rep of her team: not their role, name or activity
      await refused(UPDATE, { id: id('Дмитрий Смирнов'), input: { role: 'LEAD' } }, 'Дмитрий Смирнов', 'ROLE', 'Your role may not change the role of Дмитрий Смирнов.');
      await refused(UPDATE, { id: id('Дмитрий Смирнов'), input: { name: 'Дмитрий Смирнов-Северный' } }, 'Дмитрий Смирнов', 'PROFILE', 'Your role may not change the name or e-mail of Дмитрий Смирнов.');
      await refused(UPDATE, { id: id('Дмитрий Смирнов'), input: { active: false } }, 'Дмитрий Смирнов', 'ACTIVE', 'Your role may not change the active status of Дмитрий Смирнов.');
      // the coach of her team: nothing at all
      const coachId = id('Марина Крылова');
      await refused(UPDATE, { id: coachId, input: { capacityClients: 10 } }, 'Марина Крылова', 'CAPACITY');
      await refused(
        'mutation ($m: ID!) { setWorkSchedule(memberId: $m, input: { slots: [{ weekday: 2, startsAt: "10:00", endsAt: "16:00" }] }) { id } }',
        { m: coachId },
        'Марина Крылова',
        'SCHEDULE',
        'You may not change the schedule of Марина Крылова.',
      );
      await refused(
        'mutation ($m: ID!) { addAbsence(input: { memberId: $m, kind: VACATION, startsOn: "2027-03-01", endsOn: "2027-03-05" }) { id } }',
        { m: coachId },
        'Марина Крылова',
        'ABSENCE',
        'You may not record absences of Марина Крылова.',
      );
      const absence = await t.gql<{ addAbsence: { id: string } }>(
        'mutation ($m: ID!) { addAbsence(input: { memberId: $m, kind: OTHER, startsOn: "2027-04-01", endsOn: "2027-04-02" }) { id } }',
        { m: coachId },
        { token: director },
      );
      expect(absence.errors).toBeUndefined();
      await refused('mutation ($id: ID!) { removeAbsence(id: $id) }', { id: absence.data!.addAbsence.id }, 'Марина Крылова', 'ABSENCE', 'You may not change absences of Марина Крылова.');
    });

    it('keeps the stage role and category for SALES only', async () => {
      const result = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { stageRole: HUNTER }) { id } }', { id: id('Павел Волков') }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MATRIX_ONLY_FOR_SALES', field: 'stageRole' });
    });

    it('refuses to take the lead role from someone who leads a team', async () => {
      const result = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { role: SALES }) { id } }', { id: id('Павел Волков') }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEAM_LEAD_ROLE' });
      expect(result.errors?.[0].message).toMatch(/Павел Волков cannot lead "Ключевые и госклиенты"/);
      expect(result.errors?.[0].extensions?.params).toEqual({ name: 'Павел Волков', team: 'Ключевые и госклиенты' });
    });

    it('refuses another person\'s e-mail, on an edit and on a new member, whatever its case', async () => {
      const taken = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { email: "LEAD@demo.local" }) { id } }', { id: id('Иван Петров') }, { token: director });
      expect(taken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email', reason: 'DUPLICATE_EMAIL', params: { email: 'lead@demo.local', name: expect.any(String) } });
      const created = await t.gql('mutation { createMember(input: { name: "Двойник", email: "lead@demo.local", role: SALES }) { id } }', {}, { token: director });
      expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUPLICATE_EMAIL' });
      // a free address, and then one's own address saved again in another case, are fine
      const free = await t.gql<{ updateMember: { email: string } }>('mutation ($id: ID!) { updateMember(id: $id, input: { email: "ivan.petrov@demo.local" }) { email } }', { id: id('Иван Петров') }, { token: director });
      expect(free.data?.updateMember.email).toBe('ivan.petrov@demo.local');
      const same = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { email: "Ivan.Petrov@demo.local" }) { id } }', { id: id('Иван Петров') }, { token: director });
      expect(same.errors).toBeUndefined();
    });

    it('keeps a team\'s lead active until someone else leads it, and lets a rep go', async () => {
      const lead = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { active: false }) { id } }', { id: id('Павел Волков') }, { token: director });
      expect(lead.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEAM_HOLDER_INACTIVE', field: 'active' });
      expect(lead.errors?.[0].message).toMatch(/Павел Волков is the lead of "[^"]+" and so stays active/);
      expect(lead.errors?.[0].extensions?.params).toEqual({ name: 'Павел Волков', team: expect.any(String), holder: 'LEAD' });
      const offboarding = await t.gql('query ($m: ID!) { previewOffboarding(memberId: $m) { id } }', { m: id('Павел Волков') }, { token: director });
      expect(offboarding.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEAM_HOLDER_INACTIVE' });
      const rep = await t.gql<{ updateMember: { active: boolean } }>('mutation ($id: ID!) { updateMember(id: $id, input: { active: false }) { active } }', { id: id('Иван Петров') }, { token: director });
      expect(rep.data?.updateMember.active).toBe(false);
      await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { active: true }) { id } }', { id: id('Иван Петров') }, { token: director });
    });

    it('answers CONFLICT to an edit made on a stale version', async () => {
      const fresh = await t.gql<{ member: Member }>('query ($id: ID!) { member(id: $id) { version } }', { id: id('Елена Кузнецова') }, { token: director });
      const version = fresh.data!.member.version;
      const first = await t.gql('mutation ($id: ID!, $v: Int) { updateMember(id: $id, input: { capacityProcesses: 7, expectedVersion: $v }) { version } }', { id: id('Елена Кузнецова'), v: version }, { token: director });
      expect(first.errors).toBeUndefined();
      const second = await t.gql('mutation ($id: ID!, $v: Int) { updateMember(id: $id, input: { capacityProcesses: 9, expectedVersion: $v }) { version } }', { id: id('Елена Кузнецова'), v: version }, { token: director });
      expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', params: { name: 'Елена Кузнецова' } });
    });

    it('names the field of a bad value', async () => {
      const result = await t.gql('mutation ($id: ID!) { updateMember(id: $id, input: { category: 4 }) { id } }', { id: id('Иван Петров') }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
    });
  });

  describe('reporting lines and their invariants', () => {
    const ADD = 'mutation ($input: AddReportingLineInput!) { addReportingLine(input: $input) { id kind from { name } to { name } } }';

    it('never lets the coach into the director line, directly or through the lead', async () => {
      for (const to of ['Андрей Соколов', 'Ольга Лебедева']) {
        const result = await t.gql(ADD, { input: { fromMemberId: id('Марина Крылова'), toMemberId: id(to), kind: 'REPORTS_TO' } }, { token: director });
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COACH_IN_DIRECTOR_LINE' });
        expect(result.errors?.[0].message).toMatch(/Марина Крылова coaches/);
        expect(result.errors?.[0].extensions?.params).toMatchObject({ name: 'Марина Крылова', team: expect.any(String), director: expect.any(String), path: expect.stringMatching(/^Марина Крылова → /) });
      }
    });

    it('refuses a REPORTS_TO cycle', async () => {
      const result = await t.gql(ADD, { input: { fromMemberId: id('Андрей Соколов'), toMemberId: id('Иван Петров'), kind: 'REPORTS_TO' } }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPORTING_CYCLE' });
      expect(result.errors?.[0].message).toMatch(/→/);
      expect(result.errors?.[0].extensions?.params).toEqual({ path: expect.stringMatching(/Андрей Соколов.*Иван Петров|Иван Петров.*Андрей Соколов/) });
    });

    it('refuses a second manager but allows a matrix manager', async () => {
      const second = await t.gql(ADD, { input: { fromMemberId: id('Иван Петров'), toMemberId: id('Павел Волков'), kind: 'REPORTS_TO' } }, { token: director });
      expect(second.errors?.[0].extensions).toMatchObject({ reason: 'SECOND_MANAGER', params: { name: 'Иван Петров', managers: expect.stringContaining('Павел Волков') } });
      const matrix = await t.gql<{ addReportingLine: { kind: string; to: { name: string } } }>(
        ADD,
        { input: { fromMemberId: id('Сергей Попов'), toMemberId: id('Роман Андреев'), kind: 'MATRIX', scope: 'Сетевое оборудование' } },
        { token: director },
      );
      expect(matrix.data?.addReportingLine).toMatchObject({ kind: 'MATRIX', to: { name: 'Роман Андреев' } });
    });

    it('shows a rep with two managers: the lead and the product manager', async () => {
      const result = await t.gql<{ member: { reportsTo: { name: string }; lines: { kind: string; to: { name: string } }[] } }>(
        'query ($id: ID!) { member(id: $id) { reportsTo { name } lines { kind to { name } } crossRoles { kind } } }',
        { id: id('Иван Петров') },
        { token: director },
      );
      expect(result.data!.member.reportsTo.name).toBe('Ольга Лебедева');
      expect(result.data!.member.lines.filter((l) => l.kind === 'MATRIX').map((l) => l.to.name)).toEqual(['Роман Андреев']);
    });

    it('names the person and the line refused: to oneself (SELF_LINE), twice (DUPLICATE_LINE), a cross role without scope (CROSS_ROLE_SCOPE_REQUIRED)', async () => {
      const self = await refusedWith(director, ADD, { input: { fromMemberId: id('Елена Кузнецова'), toMemberId: id('Елена Кузнецова'), kind: 'MATRIX', scope: 'Сетевое оборудование' } }, {
        code: 'BAD_USER_INPUT',
        field: 'toMemberId',
        reason: 'SELF_LINE',
        params: { name: 'Елена Кузнецова', kind: 'MATRIX' },
      });
      expect(self.message).toBe('Елена Кузнецова cannot have a MATRIX line to themselves.');
      // Иван Петров's matrix line to the product manager is in the demo already
      const twice = await refusedWith(director, ADD, { input: { fromMemberId: id('Иван Петров'), toMemberId: id('Роман Андреев'), kind: 'MATRIX', scope: 'Сетевое оборудование' } }, {
        code: 'CONFLICT',
        reason: 'DUPLICATE_LINE',
        params: { name: 'Иван Петров', kind: 'MATRIX', to: 'Роман Андреев' },
      });
      expect(twice.message).toBe('Иван Петров already has this MATRIX line to Роман Андреев.');
      const ASSIGN = 'mutation ($input: AssignCrossRoleInput!) { assignCrossRole(input: $input) { id } }';
      await refusedWith(director, ASSIGN, { input: { memberId: id('Елена Кузнецова'), kind: 'PRODUCT_MANAGER', products: ['  '] } }, {
        code: 'BAD_USER_INPUT',
        field: 'products',
        reason: 'CROSS_ROLE_SCOPE_REQUIRED',
        params: { kind: 'PRODUCT_MANAGER' },
      });
      await refusedWith(director, ASSIGN, { input: { memberId: id('Елена Кузнецова'), kind: 'TERRITORY_MANAGER', regions: [] } }, {
        code: 'BAD_USER_INPUT',
        field: 'regions',
        reason: 'CROSS_ROLE_SCOPE_REQUIRED',
        params: { kind: 'TERRITORY_MANAGER' },
      });
    });

    it('names the team and the holder of the wrong role, on the input of that holder (TEAM_COACH_ROLE, TEAM_DIRECTOR_ROLE)', async () => {
      const team = teams.get('Телемаркетинг')!;
      const UPDATE = 'mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }';
      const coach = await refusedWith(director, UPDATE, { id: team.id, input: { coachId: id('Кирилл Белов') } }, {
        code: 'BAD_USER_INPUT',
        field: 'coachId',
        reason: 'TEAM_COACH_ROLE',
        params: { name: 'Кирилл Белов', team: 'Телемаркетинг' },
      });
      expect(coach.message).toBe('Кирилл Белов cannot coach "Телемаркетинг": the coach must have the coach role.');
      await refusedWith(director, UPDATE, { id: team.id, input: { directorId: id('Виктор Козлов') } }, {
        code: 'BAD_USER_INPUT',
        field: 'directorId',
        reason: 'TEAM_DIRECTOR_ROLE',
        params: { name: 'Виктор Козлов', team: 'Телемаркетинг' },
      });
      await refusedWith(director, UPDATE, { id: team.id, input: { leadId: id('Кирилл Белов') } }, {
        code: 'BAD_USER_INPUT',
        field: 'leadId',
        reason: 'TEAM_LEAD_ROLE',
        params: { name: 'Кирилл Белов', team: 'Телемаркетинг' },
      });
    });

    it('keeps a team to leads with the lead role and coaches with the coach role', async () => {
      const team = teams.get('Телемаркетинг')!;
      const result = await t.gql('mutation ($id: ID!, $lead: ID!) { updateTeam(id: $id, input: { leadId: $lead }) { id } }', { id: team.id, lead: id('Кирилл Белов') }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEAM_LEAD_ROLE' });
    });

    it('refuses to make a coach who reports to the director the coach of that director’s team', async () => {
      const newCoach = await t.gql<{ createMember: { id: string } }>('mutation { createMember(input: { name: "Игорь Тренеров", role: COACH }) { id } }', {}, { token: director });
      const coachId = newCoach.data!.createMember.id;
      const line = await t.gql(ADD, { input: { fromMemberId: coachId, toMemberId: id('Андрей Соколов'), kind: 'REPORTS_TO' } }, { token: director });
      expect(line.errors).toBeUndefined(); // fine while they coach no team of this director
      const team = teams.get('Телемаркетинг')!;
      const result = await t.gql('mutation ($id: ID!, $coach: ID!) { updateTeam(id: $id, input: { coachId: $coach }) { id } }', { id: team.id, coach: coachId }, { token: director });
      expect(result.errors?.[0].extensions).toMatchObject({ reason: 'COACH_IN_DIRECTOR_LINE' });
    });
  });

  describe('the time axis', () => {
    it('answers availability from shifts, absences and a paused group', async () => {
      const Q = 'query ($id: ID!, $at: DateTime) { member(id: $id) { availability(at: $at) { available reason } } }';
      const morning = id('Кирилл Белов'); // 10:00-14:00 Moscow, weekdays
      const at = (iso: string) => t.gql<{ member: { availability: { available: boolean; reason: string | null } } }>(Q, { id: morning, at: iso }, { token: director });
      expect((await at('2026-11-23T07:00:00Z')).data!.member.availability).toEqual({ available: true, reason: null }); // Mon 10:00 MSK
      expect((await at('2026-11-23T11:00:00Z')).data!.member.availability).toEqual({ available: false, reason: 'OFF_SHIFT' }); // 14:00
      expect((await at('2026-11-22T08:00:00Z')).data!.member.availability.reason).toBe('OFF_SHIFT'); // Sunday

      const team = teams.get('Телемаркетинг')!;
      const pause = await t.gql('mutation ($id: ID!) { setTeamPaused(teamId: $id, paused: true) { paused } }', { id: team.id }, { token: director });
      expect(pause.data).toEqual({ setTeamPaused: { paused: true } });
      expect((await at('2026-11-23T07:00:00Z')).data!.member.availability.reason).toBe('PAUSED');
      await t.gql('mutation ($id: ID!) { setTeamPaused(teamId: $id, paused: false) { paused } }', { id: team.id }, { token: director });
    });

    it('records an absence and answers ABSENT through its last day', async () => {
      const added = await t.gql<{ addAbsence: { id: string } }>(
        'mutation ($m: ID!) { addAbsence(input: { memberId: $m, kind: VACATION, startsOn: "2027-01-10", endsOn: "2027-01-20" }) { id kind startsOn endsOn } }',
        { m: id('Дмитрий Смирнов') },
        { token: lead },
      );
      expect(added.errors).toBeUndefined();
      const Q = 'query ($id: ID!, $at: DateTime) { member(id: $id) { availability(at: $at) { available reason } } }';
      const last = await t.gql<{ member: { availability: { reason: string } } }>(Q, { id: id('Дмитрий Смирнов'), at: '2027-01-20T20:59:00Z' }, { token: lead });
      expect(last.data!.member.availability.reason).toBe('ABSENT');
      const back = await t.gql<{ member: { availability: { available: boolean } } }>(Q, { id: id('Дмитрий Смирнов'), at: '2027-01-20T21:00:00Z' }, { token: lead });
      expect(back.data!.member.availability.available).toBe(true);
      const inverted = await t.gql('mutation ($m: ID!) { addAbsence(input: { memberId: $m, kind: OTHER, startsOn: "2027-02-10", endsOn: "2027-02-01" }) { id } }', { m: id('Дмитрий Смирнов') }, { token: lead });
      expect(inverted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'ABSENCE_ENDS_BEFORE_START', params: { startsOn: '2027-02-10', endsOn: '2027-02-01' } });
      expect(inverted.errors?.[0].message).toBe('The absence must end on or after the day it starts.');
      // a day the month does not have is refused as such, not rolled over or left to the database
      for (const [startsOn, endsOn] of [['2027-02-29', '2027-03-02'], ['2027-04-28', '2027-04-31']]) {
        const unreal = await t.gql('mutation ($m: ID!, $from: String!, $to: String!) { addAbsence(input: { memberId: $m, kind: OTHER, startsOn: $from, endsOn: $to }) { id } }', { m: id('Дмитрий Смирнов'), from: startsOn, to: endsOn }, { token: lead });
        expect(unreal.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'BAD_ABSENCE', params: { startsOn, endsOn } }]);
      }
    });

    it('replaces a schedule and refuses overlapping shifts', async () => {
      const SET = 'mutation ($m: ID!, $slots: [ScheduleSlotInput!]!) { setWorkSchedule(memberId: $m, input: { slots: $slots }) { schedule { weekday startsAt endsAt } } }';
      const ok = await t.gql<{ setWorkSchedule: { schedule: unknown[] } }>(SET, { m: id('Иван Петров'), slots: [{ weekday: 1, startsAt: '09:00', endsAt: '18:00' }] }, { token: lead });
      expect(ok.data?.setWorkSchedule.schedule).toEqual([{ weekday: 1, startsAt: '09:00', endsAt: '18:00' }]);
      const bad = await t.gql(SET, { m: id('Иван Петров'), slots: [{ weekday: 1, startsAt: '09:00', endsAt: '13:00' }, { weekday: 1, startsAt: '12:00', endsAt: '18:00' }] }, { token: lead });
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'BAD_SCHEDULE',
        params: { slot: 2, startsAt: '12:00', endsAt: '18:00', problem: 'OVERLAP', otherSlot: 1, otherStartsAt: '09:00', otherEndsAt: '13:00' },
      });
      expect(bad.errors?.[0].message).toBe('The schedule has problems: slot 2 (12:00-18:00) overlaps slot 1 (09:00-13:00).');
      const badClock = await t.gql(SET, { m: id('Иван Петров'), slots: [{ weekday: 1, startsAt: '9am', endsAt: '18:00' }] }, { token: lead });
      expect(badClock.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slots.0.startsAt' });
    });
  });

  describe('teams', () => {
    it('creates a team with its lead and coach as members, and refuses a duplicate name', async () => {
      const newLead = await t.gql<{ createMember: { id: string } }>('mutation { createMember(input: { name: "Олег Новый", role: LEAD }) { id } }', {}, { token: director });
      const create = 'mutation ($lead: ID!, $coach: ID) { createTeam(input: { name: "Регионы Сибири", leadId: $lead, coachId: $coach }) { id name director { name } lead { name } members { name } } }';
      const created = await t.gql<{ createTeam: { director: { name: string }; members: { name: string }[] } }>(create, { lead: newLead.data!.createMember.id, coach: id('Марина Крылова') }, { token: director });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createTeam.director.name).toBe('Андрей Соколов');
      expect(created.data!.createTeam.members.map((m) => m.name).sort()).toEqual(['Марина Крылова', 'Олег Новый']);
      const again = await t.gql(create, { lead: newLead.data!.createMember.id, coach: null }, { token: director });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_TEAM_NAME', params: { name: 'Регионы Сибири' } });
    });

    it('lets a lead who is only a member of a team neither pause it nor change its people (TEAM_NOT_MANAGED names the team)', async () => {
      const team = teams.get('Дилерские продажи')!;
      const ADD_MEMBER = 'mutation ($t: ID!, $m: ID!) { addTeamMember(teamId: $t, memberId: $m) { id } }';
      const REMOVE_MEMBER = 'mutation ($t: ID!, $m: ID!) { removeTeamMember(teamId: $t, memberId: $m) { id } }';
      // Павел Волков leads another team and sits in this one
      expect((await t.gql(ADD_MEMBER, { t: team.id, m: id('Павел Волков') }, { token: director })).errors).toBeUndefined();
      try {
        const lead2 = await t.login('lead2@demo.local');
        const notManaged = { code: 'FORBIDDEN', reason: 'TEAM_NOT_MANAGED', params: { team: 'Дилерские продажи' } };
        const paused = await refusedWith(lead2, 'mutation ($t: ID!) { setTeamPaused(teamId: $t, paused: true) { id } }', { t: team.id }, notManaged);
        expect(paused.message).toBe('You may not change "Дилерские продажи".');
        await refusedWith(lead2, ADD_MEMBER, { t: team.id, m: id('Анна Фёдорова') }, notManaged);
        await refusedWith(lead2, REMOVE_MEMBER, { t: team.id, m: id('Иван Петров') }, notManaged);
      } finally {
        expect((await t.gql(REMOVE_MEMBER, { t: team.id, m: id('Павел Волков') }, { token: director })).errors).toBeUndefined();
      }
    });

    it('does not let a lead remove themselves from their team', async () => {
      const team = teams.get('Дилерские продажи')!;
      const result = await t.gql('mutation ($t: ID!, $m: ID!) { removeTeamMember(teamId: $t, memberId: $m) { id } }', { t: team.id, m: id('Ольга Лебедева') }, { token: lead });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOLDER_STAYS_IN_TEAM', params: { team: 'Дилерские продажи', holder: 'LEAD' } });
    });
  });

  it('keeps organization settings for directors, with the OWN default', async () => {
    const before = await t.gql<{ organization: { settings: { clientVisibility: string } } }>('{ organization { settings { clientVisibility leaderboardEnabled } } }', {}, { token: rep });
    expect(before.data!.organization.settings.clientVisibility).toBe('OWN');
    const changed = await t.gql('mutation { updateOrganizationSettings(input: { clientVisibility: TEAM }) { settings { clientVisibility } } }', {}, { token: director });
    expect(changed.data).toEqual({ updateOrganizationSettings: { settings: { clientVisibility: 'TEAM' } } });
  });

  it('resolves teams { members { reportsTo { name } } } in a constant number of statements', async () => {
    const Q = '{ teams { name members { name reportsTo { name } crossRoles { kind } availability { available } } } }';
    const before = await t.gql(Q, {}, { token: director });
    expect(before.errors).toBeUndefined();
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ organization_id: string; id: string }>("SELECT organization_id, id FROM team WHERE name = 'Телемаркетинг'");
    for (let i = 0; i < 30; i += 1) {
      const m = await client.query<{ id: string }>("INSERT INTO member (organization_id, name, role, stage_role, category) VALUES ($1, $2, 'SALES', 'PROSPECTOR', 3) RETURNING id", [rows[0].organization_id, `Студент ${i}`]);
      await client.query('INSERT INTO team_member (team_id, member_id) VALUES ($1, $2)', [rows[0].id, m.rows[0].id]);
      await client.query("INSERT INTO reporting_line (organization_id, from_member_id, to_member_id, kind) SELECT $1, $2, lead_id, 'REPORTS_TO' FROM team WHERE id = $3", [rows[0].organization_id, m.rows[0].id, rows[0].id]);
    }
    await client.end();
    const after = await t.gql(Q, {}, { token: director });
    expect(after.errors).toBeUndefined();
    expect(after.sqlStatements).toBe(before.sqlStatements);
    expect(after.sqlStatements).toBeLessThanOrEqual(10);
  });
});
