import { Client } from 'pg';
import { ReassignmentService } from '../../backend/src/modules/clients/reassignment.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('offboarding and vacation cover: nothing is lost', () => {
  let t: TestApp;
  let director: string;
  let lead: string;
  let db: Client;
  const memberId = async (email: string) => (await db.query<{ id: string }>('SELECT id FROM member WHERE email = $1', [email])).rows[0].id;
  const owned = async (id: string) => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM client WHERE owner_member_id = $1 AND stage NOT IN ('DORMANT', 'LOST')", [id])).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('reassignment');
    [director, lead] = await Promise.all([t.login('director@demo.local'), t.login('lead@demo.local')]);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('previews where every client of a leaving member goes, applies exactly that, and deactivates them', async () => {
    const leaving = await memberId('rep4@demo.local');
    const before = await owned(leaving);
    expect(before).toBeGreaterThan(10);
    const preview = await t.gql<{ previewOffboarding: { id: string; totalCount: number; items: { to: { name: string } | null; reasons: string[] }[] } }>(
      'query ($m: ID!) { previewOffboarding(memberId: $m) { id totalCount items { client { name } from { name } to { name } reasons } } }',
      { m: leaving },
      { token: director },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewOffboarding.totalCount).toBe(before);
    expect(preview.data!.previewOffboarding.items.every((i) => i.to !== null && i.to.name !== 'Сергей Попов')).toBe(true);
    expect(preview.data!.previewOffboarding.items[0].reasons[0]).toMatch(/Сергей Попов leaves/);
    const applied = await t.gql<{ applyOffboarding: { applied: number; changedMeanwhile: number } }>(
      'mutation ($id: ID!) { applyOffboarding(previewId: $id) { applied changedMeanwhile } }',
      { id: preview.data!.previewOffboarding.id },
      { token: director },
    );
    expect(applied.data!.applyOffboarding).toEqual({ applied: before, changedMeanwhile: 0 });
    const again = await t.gql('mutation ($id: ID!) { applyOffboarding(previewId: $id) { applied } }', { id: preview.data!.previewOffboarding.id }, { token: director });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PREVIEW_USED' });
    expect(again.errors?.[0].message).toBe('This preview was applied already. Make a new preview.');
    expect(await owned(leaving)).toBe(0);
    const member = await db.query<{ active: boolean }>('SELECT active FROM member WHERE id = $1', [leaving]);
    expect(member.rows[0].active).toBe(false);
    const records = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assignment_record WHERE kind = 'OFFBOARDING' AND from_member_id = $1", [leaving]);
    expect(records.rows[0].n).toBe(before);
  });

  it('covers a vacation until a date and hands the clients back the day after, except those moved meanwhile', async () => {
    const away = await memberId('rep2@demo.local');
    const colleague = await memberId('rep3@demo.local');
    const count = await owned(away);
    const COVER = 'mutation ($input: CoverClientsInput!) { coverClients(input: $input) }';
    const today = new Date().toISOString().slice(0, 10);
    const covered = await t.gql(COVER, { input: { fromMemberId: away, toMemberId: colleague, until: today, reason: 'Отпуск' } }, { token: lead });
    expect(covered.data).toEqual({ coverClients: count });
    expect(await owned(away)).toBe(0);

    // one covered client is reassigned by hand meanwhile: it must not be pulled back
    const { rows } = await db.query<{ client_id: string }>('SELECT client_id FROM client_cover WHERE original_member_id = $1 LIMIT 1', [away]);
    const third = await memberId('rep5@demo.local');
    const moved = await t.gql('mutation ($input: ReassignClientsInput!) { reassignClients(input: $input) }', { input: { clientIds: [rows[0].client_id], toMemberId: third, reason: 'Клиент просил' } }, { token: lead });
    expect(moved.data).toEqual({ reassignClients: 1 });

    const service = t.app.get(ReassignmentService);
    const orgId = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    expect(await service.endDueCovers(orgId, today)).toBe(0); // still the last day of the cover
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await service.endDueCovers(orgId, tomorrow)).toBe(count - 1);
    expect(await owned(away)).toBe(count - 1);
    const ends = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assignment_record WHERE kind = 'COVER_END' AND to_member_id = $1", [away]);
    expect(ends.rows[0].n).toBe(count - 1);
  });

  it('refuses a cover in the past or to oneself', async () => {
    const away = await memberId('rep6@demo.local');
    const COVER = 'mutation ($input: CoverClientsInput!) { coverClients(input: $input) }';
    const past = await t.gql(COVER, { input: { fromMemberId: away, toMemberId: away, until: '2020-01-01', reason: 'Отпуск' } }, { token: lead });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until', reason: 'COVER_IN_PAST', params: { until: '2020-01-01', today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(past.errors?.[0].message).toBe('The cover must last until today or later.');
    const self = await t.gql(COVER, { input: { fromMemberId: away, toMemberId: away, until: '2099-01-01', reason: 'Отпуск' } }, { token: lead });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toMemberId', reason: 'COVER_BY_SELF' });
    expect(self.errors?.[0].message).toBe('Choose a colleague other than the absent member.');
  });

  it('keeps a lead\'s cover within the team, naming who is outside it, and takes real days only, moving no client', async () => {
    const COVER = 'mutation ($input: CoverClientsInput!) { coverClients(input: $input) }';
    const away = await memberId('rep6@demo.local');
    const owners = async () => (await db.query<{ f: string }>("SELECT md5(string_agg(id || ':' || owner_member_id, '|' ORDER BY id)) AS f FROM client")).rows[0].f;
    const before = await owners();
    const outsideName = (await db.query<{ name: string }>("SELECT name FROM member WHERE email = 'vip1@demo.local'")).rows[0].name;
    const outside = await t.gql(COVER, { input: { fromMemberId: away, toMemberId: await memberId('vip1@demo.local'), until: '2099-01-01', reason: 'Отпуск' } }, { token: lead });
    expect(outside.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', reason: 'COVER_OUTSIDE_TEAM', params: { name: outsideName } }]);
    expect(outside.errors?.[0].message).toBe('A lead arranges cover within the team.');
    // a day the calendar lacks: refused on its field, not left to the database
    const unreal = await t.gql(COVER, { input: { fromMemberId: away, toMemberId: await memberId('rep2@demo.local'), until: '2099-02-30', reason: 'Отпуск' } }, { token: lead });
    expect(unreal.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'until', reason: 'VALUE_NOT_DAY' }]);
    expect(unreal.errors?.[0].message).toBe('until is not a real date.');
    expect(await owners()).toBe(before);
  });

  it('measures and rebalances the dealer territories within 5% without moving regular or strategic clients', async () => {
    const dealers: string[] = [];
    for (const email of ['rep@demo.local', 'rep3@demo.local', 'rep5@demo.local', 'rep6@demo.local', 'rep7@demo.local']) dealers.push(await memberId(email));
    const Q = `query ($ids: [ID!]!) { territoryBalance(memberIds: $ids) { mean maxDeviationBefore members { member { name } potential deviation } } }`;
    const measured = await t.gql<{ territoryBalance: { maxDeviationBefore: number; members: { potential: string }[] } }>(Q, { ids: dealers }, { token: lead });
    expect(measured.errors).toBeUndefined();
    expect(measured.data!.territoryBalance.members).toHaveLength(5);
    expect(measured.data!.territoryBalance.maxDeviationBefore).toBeGreaterThan(0.05);

    const P = `query ($ids: [ID!]!) { proposeRebalance(memberIds: $ids) { id balanced maxDeviationBefore maxDeviationAfter items { client { id stage } from { name } to { name } } members { potential potentialAfter } } }`;
    const proposal = await t.gql<{ proposeRebalance: { id: string; balanced: boolean; maxDeviationAfter: number; maxDeviationBefore: number; items: { client: { id: string; stage: string } }[] } }>(P, { ids: dealers }, { token: director });
    expect(proposal.errors).toBeUndefined();
    const p = proposal.data!.proposeRebalance;
    expect(p.maxDeviationAfter).toBeLessThan(p.maxDeviationBefore);
    expect(p.items.every((i) => !['REGULAR', 'STRATEGIC'].includes(i.client.stage))).toBe(true);
    const applied = await t.gql<{ applyRebalance: { applied: number } }>('mutation ($id: ID!) { applyRebalance(proposalId: $id) { applied changedMeanwhile } }', { id: p.id }, { token: director });
    expect(applied.data!.applyRebalance.applied).toBe(p.items.length);
    const after = await t.gql<{ territoryBalance: { maxDeviationBefore: number } }>(Q, { ids: dealers }, { token: lead });
    expect(after.data!.territoryBalance.maxDeviationBefore).toBeCloseTo(p.maxDeviationAfter, 6);
    const records = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assignment_record WHERE kind = 'REBALANCE'");
    expect(records.rows[0].n).toBe(p.items.length);
  });

  it('refuses applying the offboarding of someone who became a team lead after the preview, by the circle rule, moving no client', async () => {
    const team = (await db.query<{ id: string; lead_id: string }>(`SELECT id, lead_id FROM team WHERE name = 'Дилерские продажи'`)).rows[0];
    const created = await t.gql<{ createMember: { id: string } }>('mutation ($i: CreateMemberInput!) { createMember(input: $i) { id } }', { i: { name: 'Уходящий руководитель', role: 'LEAD', teamId: team.id } }, { token: director });
    expect(created.errors).toBeUndefined();
    const leaving = created.data!.createMember.id;
    const client = (await db.query<{ id: string; owner_member_id: string }>(`SELECT id, owner_member_id FROM client WHERE stage = 'ACTIVE' AND owner_member_id IS NOT NULL ORDER BY name LIMIT 1`)).rows[0];
    await db.query('UPDATE client SET owner_member_id = $2, version = version + 1 WHERE id = $1', [client.id, leaving]);
    try {
      const preview = await t.gql<{ previewOffboarding: { id: string; totalCount: number } }>('query ($m: ID!) { previewOffboarding(memberId: $m) { id totalCount } }', { m: leaving }, { token: director });
      expect(preview.errors).toBeUndefined();
      expect(preview.data!.previewOffboarding.totalCount).toBe(1);
      // Meanwhile they are made the team's lead.
      await db.query('UPDATE team SET lead_id = $2 WHERE id = $1', [team.id, leaving]);
      const applied = await t.gql('mutation ($id: ID!) { applyOffboarding(previewId: $id) { applied } }', { id: preview.data!.previewOffboarding.id }, { token: director });
      expect(applied.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId', reason: 'TEAM_HOLDER_INACTIVE' });
      expect(applied.errors?.[0].message).toMatch(/Уходящий руководитель is the lead of "Дилерские продажи" and so stays active/);
      expect((await db.query<{ active: boolean }>('SELECT active FROM member WHERE id = $1', [leaving])).rows[0].active).toBe(true);
      expect((await db.query<{ owner_member_id: string }>('SELECT owner_member_id FROM client WHERE id = $1', [client.id])).rows[0].owner_member_id).toBe(leaving);
      expect((await db.query<{ status: string }>('SELECT status FROM handoff_batch WHERE id = $1', [preview.data!.previewOffboarding.id])).rows[0].status).toBe('PREVIEWED');
    } finally {
      await db.query('UPDATE team SET lead_id = $2 WHERE id = $1', [team.id, team.lead_id]);
      await db.query('UPDATE client SET owner_member_id = $2, version = version + 1 WHERE id = $1', [client.id, client.owner_member_id]);
    }
  });
});
