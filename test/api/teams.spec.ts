import { Client } from 'pg';
import { DataSource, In } from 'typeorm';
import { MemberEntity } from '../../backend/src/modules/team/member.entity';
import { TeamRepository } from '../../backend/src/modules/team/team.repository';
import { startTestApp, type TestApp } from '../support/test-app';

const TEAMS = '{ teams { id name director { name } lead { name } coach { name } members { id name role stageRole category } } }';

describe('teams and the dashboard composition', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('teams');
  });
  afterAll(() => t.close());

  it('shows the director all three demo teams with lead, coach and members', async () => {
    const token = await t.login('director@demo.local');
    const result = await t.gql<{ teams: { name: string; lead: { name: string }; coach: { name: string }; members: unknown[] }[] }>(TEAMS, {}, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.teams.map((team) => team.name).sort()).toEqual(['Дилерские продажи', 'Ключевые и госклиенты', 'Телемаркетинг'].sort());
    const dealers = result.data!.teams.find((team) => team.name === 'Дилерские продажи')!;
    expect(dealers.lead.name).toBe('Ольга Лебедева');
    expect(dealers.coach.name).toBe('Марина Крылова');
    expect(dealers.members).toHaveLength(10);
  });

  it('shows a rep only their own team', async () => {
    const token = await t.login('rep@demo.local');
    const result = await t.gql<{ teams: { name: string }[] }>(TEAMS, {}, { token });
    expect(result.data?.teams.map((team) => team.name)).toEqual(['Дилерские продажи']);
  });

  it('counts the composition from the data: the dealer team by role', async () => {
    const token = await t.login('lead@demo.local');
    const result = await t.gql<{ teamComposition: { key: string; count: number }[] }>('{ teamComposition { key count } }', {}, { token });
    expect(result.data?.teamComposition).toEqual([
      { key: 'DIRECTOR', count: 1 },
      { key: 'LEAD', count: 1 },
      { key: 'COACH', count: 1 },
      { key: 'HUNTER', count: 2 },
      { key: 'FARMER', count: 5 },
      { key: 'SALES', count: 1 },
    ]);
  });

  it('follows changes in the database (nothing is hard-coded)', async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query("UPDATE member SET active = false WHERE email = 'rep7@demo.local'");
    await client.end();
    const token = await t.login('lead@demo.local');
    const result = await t.gql<{ teamComposition: { key: string; count: number }[] }>('{ teamComposition { key count } }', {}, { token });
    expect(result.data?.teamComposition.find((s) => s.key === 'HUNTER')).toEqual({ key: 'HUNTER', count: 1 });
  });

  it('refuses the composition of a team the caller cannot see', async () => {
    const director = await t.login('director@demo.local');
    const teams = await t.gql<{ teams: { id: string; name: string }[] }>('{ teams { id name } }', {}, { token: director });
    const tm = teams.data!.teams.find((team) => team.name === 'Телемаркетинг')!;
    const rep = await t.login('rep@demo.local');
    const result = await t.gql('query ($id: ID) { teamComposition(teamId: $id) { key } }', { id: tm.id }, { token: rep });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('runs a constant number of SQL statements for teams { members, lead, coach } (no N+1)', async () => {
    const director = await t.login('director@demo.local');
    const small = await t.gql('{ teams { id lead { name } } }', {}, { token: director });
    const full = await t.gql(TEAMS, {}, { token: director });
    expect(small.sqlStatements).toBeGreaterThan(0);
    // auth + teams + one batch per relation, whatever the number of teams and members
    expect(full.sqlStatements).toBeLessThanOrEqual(4);

    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ organization_id: string; director_id: string }>("SELECT organization_id, director_id FROM team LIMIT 1");
    for (let i = 0; i < 20; i += 1) {
      const member = await client.query<{ id: string }>(
        "INSERT INTO member (organization_id, name, role, stage_role, category) VALUES ($1, $2, 'SALES', 'HUNTER', 2) RETURNING id",
        [rows[0].organization_id, `Extra ${i}`],
      );
      const team = await client.query<{ id: string }>(
        'INSERT INTO team (organization_id, name, director_id, lead_id) VALUES ($1, $2, $3, $4) RETURNING id',
        [rows[0].organization_id, `Extra team ${i}`, rows[0].director_id, member.rows[0].id],
      );
      await client.query('INSERT INTO team_member (team_id, member_id) VALUES ($1, $2)', [team.rows[0].id, member.rows[0].id]);
    }
    await client.end();
    const bigger = await t.gql<{ teams: unknown[] }>(TEAMS, {}, { token: director });
    expect(bigger.data?.teams).toHaveLength(23);
    expect(bigger.sqlStatements).toBe(full.sqlStatements);
  });

  it('loads members by id exactly as the ORM maps them, every column', async () => {
    const ds = t.app.get(DataSource);
    const ids = (await ds.query('SELECT id FROM member')).map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThan(20);
    const byHand = await t.app.get(TeamRepository).findMembersByIds(ids);
    const byOrm = await ds.getRepository(MemberEntity).findBy({ id: In(ids) });
    const sort = (list: MemberEntity[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(sort(byHand)).toEqual(sort(byOrm));
    expect(byHand.every((m) => m instanceof MemberEntity)).toBe(true);
  });
});
