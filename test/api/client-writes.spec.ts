import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/test-app';

describe('creating clients, recording orders, reassigning', () => {
  let t: TestApp;
  let director: string;
  let lead: string;
  let rep: string;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp('client_writes');
    [director, lead, rep] = await Promise.all(['director@demo.local', 'lead@demo.local', 'rep@demo.local'].map((e) => t.login(e)));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const CREATE = 'mutation ($input: CreateClientInput!) { createClient(input: $input) { id name stage category owner { name } } }';

  it('checks the INN checksum and names the field', async () => {
    const bad = await t.gql(CREATE, { input: { name: 'ООО «Опечатка»', inn: '7707083894' } }, { token: director });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inn', reason: 'INN_BAD_CHECKSUM' });
    const short = await t.gql(CREATE, { input: { name: 'ООО «Коротко»', inn: '77070' } }, { token: director });
    expect(short.errors?.[0].extensions).toMatchObject({ field: 'inn', reason: 'INN_WRONG_LENGTH' });
  });

  it('routes a new client at once and records why', async () => {
    const created = await t.gql<{ createClient: { id: string; stage: string; category: number; owner: { name: string } } }>(
      CREATE,
      { input: { name: 'ООО «Новый дилер»', inn: '7707083893', region: 'Юг', stage: 'ACTIVE', annualPotential: 6000000, channel: 'DEALER', ownershipForm: 'COMMERCIAL' } },
      { token: director },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createClient).toMatchObject({ stage: 'ACTIVE', category: 2, owner: { name: 'Елена Кузнецова' } });
    const history = await t.gql<{ assignmentHistory: { kind: string; ruleName: string; reasons: string[] }[] }>(
      'query ($id: ID!) { assignmentHistory(clientId: $id) { kind ruleName reasons } }',
      { id: created.data!.createClient.id },
      { token: director },
    );
    expect(history.data!.assignmentHistory[0]).toMatchObject({ kind: 'ROUTING', ruleName: 'Дилеры: Юг' });
    expect(history.data!.assignmentHistory[0].reasons.join('\n')).toMatch(/Елена Кузнецова chosen/);
  });

  it("hands a prospect to a farmer the moment its second order is recorded, keeping the hunter's credit", async () => {
    const { rows } = await db.query<{ id: string; owner: string; version: number }>(
      `SELECT c.id, c.owner_member_id AS owner FROM client c
        WHERE c.stage = 'PROSPECT' AND c.region = 'Северо-Запад' AND NOT c.vip AND c.ownership_form = 'COMMERCIAL'
          AND (SELECT count(*) FROM client_order o WHERE o.client_id = c.id) = 1
          AND (SELECT coalesce(sum(total), 0) FROM client_order o WHERE o.client_id = c.id) < 900000 LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const products = await db.query<{ id: string }>("SELECT id FROM product WHERE name = 'Коммутатор SC-24'");
    const order = await t.gql<{ recordOrder: { total: string; handoff: { applied: number } } }>(
      'mutation ($input: RecordOrderInput!) { recordOrder(input: $input) { orderId total handoff { applied changedMeanwhile } } }',
      { input: { clientId: rows[0].id, lines: [{ productId: products.rows[0].id, quantity: 2 }] } },
      { token: director },
    );
    expect(order.errors).toBeUndefined();
    expect(order.data!.recordOrder).toMatchObject({ total: '84000.00', handoff: { applied: 1 } });
    const after = await db.query<{ stage: string; owner: string; hunter: string }>('SELECT stage, owner_member_id AS owner, hunter_member_id AS hunter FROM client WHERE id = $1', [rows[0].id]);
    expect(after.rows[0].stage).toBe('ACTIVE');
    expect(after.rows[0].hunter).toBe(rows[0].owner);
    const farmer = await db.query<{ name: string }>('SELECT name FROM member WHERE id = $1', [after.rows[0].owner]);
    expect(farmer.rows[0].name).toBe('Дмитрий Смирнов');
    const month = await db.query<{ orders: number }>("SELECT orders FROM client_month WHERE client_id = $1 AND month = date_trunc('month', current_date)", [rows[0].id]);
    expect(month.rows[0].orders).toBeGreaterThanOrEqual(1);
    // the order aggregates the sweep reads were kept with the order: equal to a recount of the orders
    const aggregates = await db.query(
      `SELECT c.order_count = a.n AND c.order_volume = a.volume AND c.first_order_on = a.first_on AND c.last_order_on = a.last_on AS kept, c.order_count
         FROM client c, (SELECT count(*)::int AS n, sum(total) AS volume, min(ordered_on) AS first_on, max(ordered_on) AS last_on FROM client_order WHERE client_id = $1) a
        WHERE c.id = $1`,
      [rows[0].id],
    );
    expect(aggregates.rows[0]).toMatchObject({ kept: true, order_count: 2 });
  });

  it('refuses an order line for an unknown product or a future date, and a rep recording for a client not theirs', async () => {
    const { rows } = await db.query<{ id: string }>("SELECT c.id FROM client c JOIN member m ON m.id = c.owner_member_id WHERE m.email = 'rep@demo.local' LIMIT 1");
    const ghost = await t.gql('mutation ($c: ID!) { recordOrder(input: { clientId: $c, lines: [{ productId: "00000000-0000-4000-8000-000000000000", quantity: 1 }] }) { orderId } }', { c: rows[0].id }, { token: rep });
    expect(ghost.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'lines.0.productId', reason: 'PRODUCT_NOT_IN_CATALOG', params: { line: 1 } }]);
    const future = await t.gql('mutation ($c: ID!) { recordOrder(input: { clientId: $c, orderedOn: "2099-01-01", lines: [{ productId: "00000000-0000-4000-8000-000000000000", quantity: 1 }] }) { orderId } }', { c: rows[0].id }, { token: rep });
    expect(future.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'orderedOn', reason: 'BAD_ORDER_DATE' }]);
    // a day the calendar lacks, with a real product: refused as a bad date, not left to the database, and no order written
    const product = await db.query<{ id: string }>('SELECT id FROM product ORDER BY name LIMIT 1');
    const orders = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM client_order WHERE client_id = $1', [rows[0].id])).rows[0].n;
    const before = await orders();
    const unreal = await t.gql('mutation ($c: ID!, $p: ID!) { recordOrder(input: { clientId: $c, orderedOn: "2026-02-30", lines: [{ productId: $p, quantity: 1 }] }) { orderId } }', { c: rows[0].id, p: product.rows[0].id }, { token: rep });
    expect(unreal.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'orderedOn', reason: 'BAD_ORDER_DATE' }]);
    expect(await orders()).toBe(before);
    const other = await db.query<{ id: string }>("SELECT c.id FROM client c JOIN member m ON m.id = c.owner_member_id WHERE m.email = 'rep2@demo.local' LIMIT 1");
    const notMine = await t.gql('mutation ($c: ID!) { recordOrder(input: { clientId: $c, lines: [{ productId: "00000000-0000-4000-8000-000000000000", quantity: 1 }] }) { orderId } }', { c: other.rows[0].id }, { token: rep });
    expect(notMine.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets a lead reassign clients within the team, all audited, and not outside it', async () => {
    const { rows } = await db.query<{ id: string }>("SELECT c.id FROM client c JOIN member m ON m.id = c.owner_member_id WHERE m.email = 'rep3@demo.local' LIMIT 3");
    const target = await db.query<{ id: string }>("SELECT id FROM member WHERE email = 'rep2@demo.local'");
    const REASSIGN = 'mutation ($input: ReassignClientsInput!) { reassignClients(input: $input) }';
    const done = await t.gql(REASSIGN, { input: { clientIds: rows.map((r) => r.id), toMemberId: target.rows[0].id, reason: 'Отпуск Елены' } }, { token: lead });
    expect(done.data).toEqual({ reassignClients: 3 });
    const records = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assignment_record WHERE kind = 'REASSIGN' AND reasons = ARRAY['Отпуск Елены']");
    expect(records.rows[0].n).toBe(3);
    const outsider = await db.query<{ id: string }>("SELECT id FROM member WHERE email = 'vip1@demo.local'");
    const refused = await t.gql(REASSIGN, { input: { clientIds: [rows[0].id], toMemberId: outsider.rows[0].id, reason: 'Попытка' } }, { token: lead });
    const outsiderName = (await db.query<{ name: string }>('SELECT name FROM member WHERE id = $1', [outsider.rows[0].id])).rows[0].name;
    expect(refused.errors?.[0]).toMatchObject({
      message: 'A lead reassigns clients within the team.',
      extensions: { code: 'FORBIDDEN', reason: 'REASSIGN_OUTSIDE_TEAM', params: { name: outsiderName } },
    });
    const byRep = await t.gql(REASSIGN, { input: { clientIds: [rows[0].id], toMemberId: target.rows[0].id, reason: 'Попытка' } }, { token: rep });
    expect(byRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets one of two concurrent reassignments win and answers the other CONFLICT', async () => {
    const { rows } = await db.query<{ id: string; version: number }>("SELECT c.id, c.version FROM client c JOIN member m ON m.id = c.owner_member_id WHERE m.email = 'rep5@demo.local' LIMIT 1");
    const [a, b] = await Promise.all(['rep6@demo.local', 'rep7@demo.local'].map(async (e) => (await db.query<{ id: string }>('SELECT id FROM member WHERE email = $1', [e])).rows[0].id));
    const REASSIGN = 'mutation ($input: ReassignClientsInput!) { reassignClients(input: $input) }';
    const results = await Promise.all(
      [a, b].map((to) => t.gql(REASSIGN, { input: { clientIds: [rows[0].id], expectedVersions: [rows[0].version], toMemberId: to, reason: 'Гонка' } }, { token: director })),
    );
    const codes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const owner = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM client WHERE id = $1 AND owner_member_id = ANY($2)', [rows[0].id, [a, b]]);
    expect(owner.rows[0].n).toBe(1);
  });

  it('edits a client with the version seen, reclassifies the category from the thresholds, and audits the change', async () => {
    const created = await t.gql<{ createClient: { id: string; category: number } }>(CREATE, { input: { name: 'ООО «Рост»', region: 'Урал', annualPotential: 1000000 } }, { token: director });
    const id = created.data!.createClient.id;
    expect(created.data!.createClient.category).toBe(3);
    const UPDATE = 'mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { category annualPotential version } }';
    const bigger = await t.gql<{ updateClient: { category: number; annualPotential: string; version: number } }>(UPDATE, { id, input: { annualPotential: 31000000, expectedVersion: 2 } }, { token: director });
    expect(bigger.errors).toBeUndefined();
    expect(bigger.data!.updateClient).toMatchObject({ category: 1, annualPotential: '31000000.00', version: 3 });
    const stale = await t.gql(UPDATE, { id, input: { vip: true, expectedVersion: 2 } }, { token: director });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', params: { name: 'ООО «Рост»' } });
    const unnamed = await t.gql(UPDATE, { id, input: { name: '   ', expectedVersion: 3 } }, { token: director });
    expect(unnamed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name', reason: 'CLIENT_NAME_REQUIRED' });
    const manual = await t.gql<{ updateClient: { category: number } }>(UPDATE, { id, input: { category: 2, expectedVersion: 3 } }, { token: director });
    expect(manual.data!.updateClient.category).toBe(2);
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM change_log WHERE entity = 'client' AND entity_id = $1", [id]);
    expect(audit.rows[0].n).toBe(2);
    const thresholds = await t.gql('mutation { updateOrganizationSettings(input: { category1From: 1000, category2From: 5000 }) { id } }', {}, { token: director });
    expect(thresholds.errors?.[0]).toMatchObject({
      message: 'The category 1 threshold must be above the category 2 threshold.',
      extensions: { code: 'BAD_USER_INPUT', field: 'category1From', reason: 'CATEGORY_THRESHOLDS_ORDER', params: { category1From: 1000, category2From: 5000 } },
    });
  });

  it('names what to fix in a client, a contact, a cursor, a reassignment or the thresholds, and changes nothing', async () => {
    const fingerprint = async () => {
      const parts = [];
      for (const table of ['client', 'client_contact', 'assignment_record', 'organization', 'member', 'change_log']) {
        parts.push((await db.query<{ f: string }>(`SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${table} x`)).rows[0].f);
      }
      return parts.join(' ');
    };
    const refused = async (token: string, query: string, variables: Record<string, unknown>, extensions: Record<string, unknown>) => {
      const before = await fingerprint();
      const result = await t.gql(query, variables, { token });
      expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
      expect(await fingerprint()).toBe(before);
      return result.errors![0];
    };
    const memberId = async (email: string) => (await db.query<{ id: string }>('SELECT id FROM member WHERE email = $1', [email])).rows[0].id;
    const clientsOf = async (email: string, n: number) =>
      (await db.query<{ id: string; name: string; version: number }>('SELECT c.id, c.name, c.version FROM client c JOIN member m ON m.id = c.owner_member_id WHERE m.email = $1 ORDER BY c.name LIMIT $2', [email, n])).rows;

    await refused(director, CREATE, { input: { name: 'ООО «Буквы»', inn: '77O7O83893' } }, { code: 'BAD_USER_INPUT', field: 'inn', reason: 'INN_NOT_DIGITS' });
    const [own] = await clientsOf('rep@demo.local', 1);
    await refused(director, 'mutation ($c: ID!) { addClientContact(input: { clientId: $c, name: "   " }) { id } }', { c: own.id }, { code: 'BAD_USER_INPUT', field: 'name', reason: 'CONTACT_NAME_REQUIRED' });
    await refused(director, 'query { clients(after: "bogus") { totalCount } }', {}, { code: 'BAD_USER_INPUT', field: 'after', reason: 'BAD_CURSOR' });

    // a rep who sees the team's clients (visibility TEAM) still edits only their own, and is told whose client it is
    expect((await t.gql('mutation { updateOrganizationSettings(input: { clientVisibility: TEAM }) { id } }', {}, { token: director })).errors).toBeUndefined();
    try {
      const [colleagues] = await clientsOf('rep2@demo.local', 1);
      const notOwn = { code: 'FORBIDDEN', reason: 'NOT_OWN_CLIENT', params: { client: colleagues.name } };
      const edit = await refused(rep, 'mutation ($id: ID!, $v: Int!) { updateClient(id: $id, input: { vip: true, expectedVersion: $v }) { id } }', { id: colleagues.id, v: colleagues.version }, notOwn);
      expect(edit.message).toBe('Reps edit their own clients.');
      await refused(rep, 'mutation ($c: ID!) { addClientContact(input: { clientId: $c, name: "Чужой контакт" }) { id } }', { c: colleagues.id }, notOwn);
      const product = (await db.query<{ id: string }>('SELECT id FROM product ORDER BY name LIMIT 1')).rows[0].id;
      await refused(rep, 'mutation ($c: ID!, $p: ID!) { recordOrder(input: { clientId: $c, lines: [{ productId: $p, quantity: 1 }] }) { orderId } }', { c: colleagues.id, p: product }, notOwn);
    } finally {
      expect((await t.gql('mutation { updateOrganizationSettings(input: { clientVisibility: OWN }) { id } }', {}, { token: director })).errors).toBeUndefined();
    }

    const REASSIGN = 'mutation ($input: ReassignClientsInput!) { reassignClients(input: $input) }';
    const two = await clientsOf('rep4@demo.local', 2);
    const to = await memberId('rep2@demo.local');
    await refused(director, REASSIGN, { input: { clientIds: two.map((c) => c.id), expectedVersions: [two[0].version], toMemberId: to, reason: 'Проверка' } }, { code: 'BAD_USER_INPUT', field: 'expectedVersions', reason: 'VERSIONS_MISMATCH' });
    // a lead reassigns the clients of their own team only; a client they do not see is not named (as if it were not there)
    const [foreign] = await clientsOf('vip1@demo.local', 1);
    const unseen = await refused(lead, REASSIGN, { input: { clientIds: [two[0].id, foreign.id], toMemberId: to, reason: 'Проверка' } }, { code: 'NOT_FOUND', reason: 'SUBJECT_NOT_FOUND', params: { subject: 'A_CLIENT' } });
    expect(unseen.message).not.toContain(foreign.name);
    // nor a client without an owner: the director's to give out, unseen by a lead (nothing changes)
    const [{ owner }] = (await db.query<{ owner: string }>('SELECT owner_member_id AS owner FROM client WHERE id = $1', [two[1].id])).rows;
    await db.query('UPDATE client SET owner_member_id = NULL WHERE id = $1', [two[1].id]);
    try {
      await refused(lead, REASSIGN, { input: { clientIds: [two[1].id], toMemberId: to, reason: 'Проверка' } }, { code: 'NOT_FOUND', reason: 'SUBJECT_NOT_FOUND', params: { subject: 'A_CLIENT' } });
      expect((await db.query('SELECT owner_member_id FROM client WHERE id = $1', [two[1].id])).rows[0].owner_member_id).toBeNull();
    } finally {
      await db.query('UPDATE client SET owner_member_id = $2 WHERE id = $1', [two[1].id, owner]);
    }
    // a rep reassigns nothing, not even their own client (the role is refused before any client is read)
    const [ownClient] = await clientsOf('rep@demo.local', 1);
    await refused(rep, REASSIGN, { input: { clientIds: [ownClient.id], toMemberId: to, reason: 'Проверка' } }, { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    // to someone who left: named; to no one of the organization: not
    const gone = await memberId('rep7@demo.local');
    await db.query('UPDATE member SET active = false WHERE id = $1', [gone]);
    try {
      await refused(director, REASSIGN, { input: { clientIds: [two[0].id], toMemberId: gone, reason: 'Проверка' } }, { code: 'BAD_USER_INPUT', field: 'toMemberId', reason: 'REASSIGN_TARGET_INACTIVE', params: { name: 'Татьяна Морозова' } });
    } finally {
      await db.query('UPDATE member SET active = true WHERE id = $1', [gone]);
    }
    await refused(director, REASSIGN, { input: { clientIds: [two[0].id], toMemberId: '00000000-0000-4000-8000-000000000000', reason: 'Проверка' } }, { code: 'BAD_USER_INPUT', field: 'toMemberId', reason: 'REASSIGN_TARGET_INACTIVE' });

    // a zero threshold stops at the input's bound (so CATEGORY2_THRESHOLD_NOT_POSITIVE is for stored settings only)
    await refused(director, 'mutation { updateOrganizationSettings(input: { category1From: 1000, category2From: 0 }) { id } }', {}, { code: 'BAD_USER_INPUT', field: 'category2From', reason: 'VALUE_TOO_SMALL', limit: 0.01 });
  });

  it('shows the client card: latest orders with products, contacts (added with validation), deals', async () => {
    const { rows } = await db.query<{ id: string }>("SELECT c.id FROM client c WHERE (SELECT count(*) FROM client_order o WHERE o.client_id = c.id) > 25 LIMIT 1");
    const added = await t.gql('mutation ($c: ID!) { addClientContact(input: { clientId: $c, name: "Пётр Иванов", position: "Закупки", phone: "+7 495 123-45-67", email: "Petr@Example.ru" }) { name email } }', { c: rows[0].id }, { token: director });
    expect(added.data).toEqual({ addClientContact: { name: 'Пётр Иванов', email: 'petr@example.ru' } });
    const bad = await t.gql('mutation ($c: ID!) { addClientContact(input: { clientId: $c, name: "X", phone: "звоните" }) { id } }', { c: rows[0].id }, { token: director });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    const card = await t.gql<{ client: { orders: { orderedOn: string; total: string; products: string[] }[]; contacts: { name: string }[]; deals: unknown[] } }>(
      'query ($c: ID!) { client(id: $c) { orders { orderedOn total products } contacts { name position } deals { id } } }',
      { c: rows[0].id },
      { token: director },
    );
    expect(card.data!.client.orders).toHaveLength(20);
    const dates = card.data!.client.orders.map((o) => o.orderedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(card.data!.client.orders[0].products.length).toBeGreaterThan(0);
    expect(card.data!.client.contacts.map((c) => c.name)).toEqual(['Пётр Иванов']);
  });
});
