import { CLIENT_LABELS } from '@salescircle/shared';
import { Client } from 'pg';
import { HandoffService } from '../../backend/src/modules/clients/handoff.service';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';

interface Page {
  clients: { totalCount: number; edges: { cursor: string; node: { id: string; name: string; stage: string; category: number; owner: { id: string; name: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

const PAGE = `query ($filter: ClientFilter, $first: Int, $after: String) {
  clients(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id name stage category owner { id name } } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('the client base: lists, routing and handoff', () => {
  let t: TestApp;
  let director: string;
  let rep: string;
  let coach: string;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp('clients');
    [director, rep, coach] = await Promise.all(['director@demo.local', 'rep@demo.local', 'coach@demo.local'].map((e) => t.login(e)));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('seeds ~2,000 demo clients, every one with an owner and a routing record', async () => {
    const { rows } = await db.query<{ clients: number; unowned: number; records: number; orders: number }>(
      `SELECT (SELECT count(*)::int FROM client) AS clients, (SELECT count(*)::int FROM client WHERE owner_member_id IS NULL) AS unowned,
              (SELECT count(*)::int FROM assignment_record WHERE kind = 'ROUTING') AS records, (SELECT count(*)::int FROM client_order) AS orders`,
    );
    expect(rows[0]).toMatchObject({ clients: 2000, unowned: 0, records: 2000 });
    expect(rows[0].orders).toBeGreaterThan(15_000);
  });

  it('pages the director through every client in name order with a cursor', async () => {
    const first = await t.gql<Page>(PAGE, { first: 50 }, { token: director });
    expect(first.errors).toBeUndefined();
    expect(first.data!.clients.totalCount).toBe(2000);
    expect(first.data!.clients.edges).toHaveLength(50);
    const second = await t.gql<Page>(PAGE, { first: 50, after: first.data!.clients.pageInfo.endCursor }, { token: director });
    const names = [...first.data!.clients.edges, ...second.data!.clients.edges].map((e) => e.node.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set([...first.data!.clients.edges, ...second.data!.clients.edges].map((e) => e.node.id)).size).toBe(100);
  });

  it('filters by segment fields and counts the filtered total', async () => {
    const result = await t.gql<Page>(PAGE, { filter: { regions: ['Сибирь'], stages: ['ACTIVE', 'REGULAR'], categories: [2, 3] }, first: 200 }, { token: director });
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM client WHERE region = 'Сибирь' AND stage IN ('ACTIVE', 'REGULAR') AND category IN (2, 3)");
    expect(result.data!.clients.totalCount).toBe(rows[0].n);
    expect(result.data!.clients.edges.every((e) => ['ACTIVE', 'REGULAR'].includes(e.node.stage) && [2, 3].includes(e.node.category))).toBe(true);
  });

  it('pages a filter in name order exactly, whether read as one list or as ranges per owner or per region × stage × category', async () => {
    const owners = (await db.query<{ id: string }>('SELECT owner_member_id AS id FROM client WHERE owner_member_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3')).rows.map((r) => r.id);
    const cases: { filter: Record<string, unknown>; where: string; params: unknown[] }[] = [
      { filter: { regions: ['Сибирь', 'Урал'], stages: ['ACTIVE', 'REGULAR'] }, where: "region IN ('Сибирь', 'Урал') AND stage IN ('ACTIVE', 'REGULAR')", params: [] },
      { filter: { regions: ['Москва'], categories: [1, 2], vip: false }, where: "region = 'Москва' AND category IN (1, 2) AND NOT vip", params: [] },
      { filter: { ownerIds: owners, stages: ['PROSPECT', 'ACTIVE', 'REGULAR'] }, where: "owner_member_id = ANY($1) AND stage IN ('PROSPECT', 'ACTIVE', 'REGULAR')", params: [owners] },
      { filter: { stages: ['REGULAR'], categories: [3] }, where: "stage = 'REGULAR' AND category = 3", params: [] },
    ];
    for (const { filter, where, params } of cases) {
      const expected = (await db.query<{ id: string }>(`SELECT id FROM client WHERE ${where} ORDER BY lower(name), id`, params)).rows.map((r) => r.id);
      expect(expected.length).toBeGreaterThan(20); // several pages
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 1000; i += 1) {
        const page: GqlResult<Page> = await t.gql<Page>(PAGE, { filter, first: 9, after }, { token: director });
        expect(page.errors).toBeUndefined();
        expect(page.data!.clients.totalCount).toBe(expected.length);
        seen.push(...page.data!.clients.edges.map((e) => e.node.id));
        if (!page.data!.clients.pageInfo.hasNextPage) break;
        after = page.data!.clients.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });

  it('counts up to countLimit when asked, saying when more match, and exactly by default', async () => {
    const COUNTED = `query ($filter: ClientFilter, $countLimit: Int) { clients(filter: $filter, first: 5, countLimit: $countLimit) { totalCount totalCountCapped edges { node { id } } } }`;
    type Counted = { clients: { totalCount: number; totalCountCapped: boolean; edges: unknown[] } };
    const filter = { regions: ['Сибирь', 'Урал'] };
    const exact = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM client WHERE region IN ('Сибирь', 'Урал')")).rows[0].n;
    expect(exact).toBeGreaterThan(100);
    const count = async (countLimit: number | null) => (await t.gql<Counted>(COUNTED, { filter, countLimit }, { token: director })).data!.clients;
    expect(await count(null)).toMatchObject({ totalCount: exact, totalCountCapped: false });
    expect(await count(exact)).toMatchObject({ totalCount: exact, totalCountCapped: false });
    expect(await count(exact + 1)).toMatchObject({ totalCount: exact, totalCountCapped: false });
    expect(await count(exact - 1)).toMatchObject({ totalCount: exact - 1, totalCountCapped: true });
    const capped = await count(40);
    expect(capped).toMatchObject({ totalCount: 40, totalCountCapped: true });
    expect(capped.edges).toHaveLength(5);
    // the whole list: 2,000 clients, counted up to 10,000 as the clients page asks
    expect((await t.gql<Counted>(COUNTED, { countLimit: 10_000 }, { token: director })).data!.clients).toMatchObject({ totalCount: 2000, totalCountCapped: false });
    for (const countLimit of [0, 100_001, 2.5]) {
      const refused = await t.gql(COUNTED, { filter, countLimit }, { token: director });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect((await t.gql(COUNTED, { filter, countLimit: 0 }, { token: director })).errors?.[0].extensions).toMatchObject({ field: 'countLimit' });
  });

  it('refuses pages over 200 and foreign cursors', async () => {
    expect((await t.gql(PAGE, { first: 201 }, { token: director })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await t.gql(PAGE, { after: 'bogus' }, { token: director })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("shows a rep only their own clients by default (OWN), a coach none", async () => {
    const mine = await t.gql<Page>(PAGE, { first: 200 }, { token: rep });
    expect(mine.data!.clients.totalCount).toBeGreaterThan(0);
    expect(new Set(mine.data!.clients.edges.map((e) => e.node.owner?.name))).toEqual(new Set(['Иван Петров']));
    const coachView = await t.gql<Page>(PAGE, {}, { token: coach });
    expect(coachView.data!.clients.totalCount).toBe(0);
  });

  it('explains who would get a client and why', async () => {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM client WHERE stage = 'ACTIVE' AND region = 'Урал' AND NOT vip AND ownership_form = 'COMMERCIAL' LIMIT 1");
    const result = await t.gql<{ simulateRouting: { member: { name: string }; reasons: string[] } }>(
      'query ($id: ID!) { simulateRouting(clientId: $id) { member { id name } reasons ruleName fallback } }',
      { id: rows[0].id },
      { token: director },
    );
    expect(result.errors).toBeUndefined();
    // the Ural dealer rep is on vacation in the demo: the decision says so and falls back to the lead
    const reasons = result.data!.simulateRouting.reasons.join('\n');
    expect(reasons).toMatch(/rule \d+ "Дилеры: Урал" matched region=Урал/);
    expect(reasons).toMatch(/Наталья Васильева skipped: absent/);
    expect(result.data!.simulateRouting.member.name).toBe('Ольга Лебедева');
  });

  it('previews waiting handoffs, applies exactly that list, and records every move', async () => {
    const preview = await t.gql<{ previewHandoffs: { id: string; totalCount: number; items: { client: { id: string; name: string }; fromStage: string; toStage: string; from: { name: string } | null; to: { name: string } | null; rule: { name: string }; criteria: string; reasons: string[] }[] } }>(
      '{ previewHandoffs { id totalCount items { client { id name } fromStage toStage from { name } to { name } rule { name } criteria reasons } } }',
      {},
      { token: director },
    );
    expect(preview.errors).toBeUndefined();
    const items = preview.data!.previewHandoffs.items;
    expect(items.length).toBeGreaterThan(10);
    const transitions = new Set(items.map((i) => `${i.fromStage}->${i.toStage}`));
    expect(transitions).toEqual(new Set(['PROSPECT->ACTIVE', 'ACTIVE->REGULAR', 'REGULAR->STRATEGIC']));

    // one client changes meanwhile: apply must skip it and say so
    const changed = items[0];
    await db.query("UPDATE client SET notes = 'touched', version = version + 1 WHERE id = $1", [changed.client.id]);
    const applied = await t.gql<{ applyHandoffs: { applied: number; changedMeanwhile: number; changedClients: string[]; nextStageDue: number } }>(
      'mutation ($id: ID!) { applyHandoffs(previewId: $id) { applied changedMeanwhile changedClients nextStageDue } }',
      { id: preview.data!.previewHandoffs.id },
      { token: director },
    );
    const { nextStageDue, ...report } = applied.data!.applyHandoffs;
    expect(report).toEqual({ applied: items.length - 1, changedMeanwhile: 1, changedClients: [changed.client.name] });
    // one stage per client per run: the moved clients a new preview lists again (a prospect whose orders already make it regular) are counted
    const next = await t.gql<{ previewHandoffs: { items: { client: { id: string } }[] } }>('{ previewHandoffs { items { client { id } } } }', {}, { token: director });
    const movedIds = new Set(items.filter((i) => i.client.id !== changed.client.id).map((i) => i.client.id));
    expect(nextStageDue).toBe(next.data!.previewHandoffs.items.filter((i) => movedIds.has(i.client.id)).length);
    expect(nextStageDue).toBeGreaterThan(0);

    const moved = items[1];
    const history = await t.gql<{ assignmentHistory: { kind: string; fromStage: string; toStage: string; ruleName: string; criteria: string; reasons: string[]; from: { name: string } | null; to: { name: string } | null }[] }>(
      'query ($id: ID!) { assignmentHistory(clientId: $id) { kind fromStage toStage ruleName criteria reasons from { name } to { name } } }',
      { id: moved.client.id },
      { token: director },
    );
    expect(history.data!.assignmentHistory[0]).toMatchObject({ kind: 'HANDOFF', fromStage: moved.fromStage, toStage: moved.toStage, ruleName: moved.rule.name, criteria: moved.criteria });
    expect(history.data!.assignmentHistory.at(-1)?.kind).toBe('ROUTING');
    // every record reads back the whole chain of reasons the preview showed, though the lines the
    // moves share are stored once (assignment_reasons) and each record keeps only its own
    expect(history.data!.assignmentHistory[0].reasons).toEqual(moved.reasons);
    const stored = await db.query<{ client_id: string; reasons: string[] }>(
      `SELECT a.client_id, CASE WHEN a.shared_reasons_id IS NULL THEN a.reasons
                                ELSE a.reasons[:a.shared_reasons_at] || s.lines || a.reasons[a.shared_reasons_at + 1:] END AS reasons
         FROM assignment_record a LEFT JOIN assignment_reasons s ON s.id = a.shared_reasons_id
        WHERE a.kind = 'HANDOFF' AND a.batch_id = $1`,
      [preview.data!.previewHandoffs.id],
    );
    const previewed = new Map(items.map((i) => [i.client.id, i.reasons]));
    expect(stored.rows).toHaveLength(items.length - 1);
    expect(stored.rows.filter((r) => JSON.stringify(r.reasons) !== JSON.stringify(previewed.get(r.client_id)))).toEqual([]);
    const sharing = await db.query<{ records: number; shared: number }>(
      `SELECT count(*)::int AS records, count(DISTINCT shared_reasons_id)::int AS shared FROM assignment_record WHERE batch_id = $1 AND shared_reasons_id IS NOT NULL`,
      [preview.data!.previewHandoffs.id],
    );
    expect(sharing.rows[0].shared).toBeGreaterThan(0);
    expect(sharing.rows[0].shared).toBeLessThan(sharing.rows[0].records);
    const { rows } = await db.query<{ stage: string; hunter: string | null }>('SELECT stage, hunter_member_id AS hunter FROM client WHERE id = $1', [moved.client.id]);
    expect(rows[0].stage).toBe(moved.toStage);

    const again = await t.gql('mutation ($id: ID!) { applyHandoffs(previewId: $id) { applied } }', { id: preview.data!.previewHandoffs.id }, { token: director });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the hunter of record when a prospect becomes active', async () => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM client c JOIN assignment_record a ON a.client_id = c.id AND a.kind = 'HANDOFF' AND a.from_stage = 'PROSPECT'
        WHERE c.hunter_member_id IS DISTINCT FROM a.from_member_id`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('never leaves a client with no owner or two owners', async () => {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM client WHERE owner_member_id IS NULL AND stage NOT IN ('LOST')");
    expect(rows[0].n).toBe(0);
  });
});

describe('the nightly sweep, written in several statements', () => {
  let t: TestApp;
  let db: Client;
  beforeAll(async () => {
    t = await startTestApp('clients_sweep');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('moves exactly the previewed clients to the previewed owners with the previewed reasons, each shared run stored once', async () => {
    const director = await t.login('director@demo.local');
    const preview = await t.gql<{ previewHandoffs: { asOf: string; items: { client: { id: string }; toStage: string; to: { id: string } | null; reasons: string[] }[] } }>(
      '{ previewHandoffs { asOf items { client { id } toStage to { id } reasons } } }',
      {},
      { token: director },
    );
    const items = preview.data!.previewHandoffs.items;
    expect(items.length).toBeGreaterThan(20);
    const { rows: [org] } = await db.query<{ id: string }>("SELECT organization_id AS id FROM app_user WHERE email = 'director@demo.local'");
    // seven moves per statement: the later ones are routed while the earlier ones are written;
    // the preview's date, not today's: a run across midnight moves a rolling window's clients
    const report = await t.app.get(HandoffService).sweep(org.id, preview.data!.previewHandoffs.asOf, undefined, undefined, 7);
    expect(report).toEqual({ applied: items.length, changedMeanwhile: 0, changedClients: [] });
    const { rows } = await db.query<{ client_id: string; to_stage: string; to_member_id: string | null; reasons: string[]; shared_reasons_id: string | null }>(
      `SELECT a.client_id, a.to_stage, a.to_member_id, a.shared_reasons_id,
              CASE WHEN a.shared_reasons_id IS NULL THEN a.reasons ELSE a.reasons[:a.shared_reasons_at] || s.lines || a.reasons[a.shared_reasons_at + 1:] END AS reasons
         FROM assignment_record a JOIN handoff_batch b ON b.id = a.batch_id AND b.kind = 'SWEEP' LEFT JOIN assignment_reasons s ON s.id = a.shared_reasons_id`,
    );
    const stored = new Map(rows.map((r) => [r.client_id, r]));
    expect(stored.size).toBe(items.length);
    for (const item of items) {
      const record = stored.get(item.client.id);
      expect({ toStage: record?.to_stage, to: record?.to_member_id, reasons: record?.reasons }).toEqual({ toStage: item.toStage, to: item.to?.id ?? null, reasons: item.reasons });
      const { rows: [client] } = await db.query<{ stage: string; owner: string | null }>('SELECT stage, owner_member_id AS owner FROM client WHERE id = $1', [item.client.id]);
      expect(client).toEqual({ stage: item.toStage, owner: item.to?.id ?? null });
    }
    // every shared run the records point at exists once, and none is left unused
    const sharedIds = new Set(rows.map((r) => r.shared_reasons_id).filter((id): id is string => id !== null));
    const runs = await db.query<{ id: string; lines: string[] }>('SELECT id, lines FROM assignment_reasons WHERE created_at >= (SELECT created_at FROM handoff_batch WHERE kind = $1)', ['SWEEP']);
    expect(new Set(runs.rows.map((r) => r.id))).toEqual(sharedIds);
    expect(new Set(runs.rows.map((r) => r.lines.join('\n'))).size).toBe(runs.rows.length);
  });
});

describe('CSV export of the client list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('clients_csv');
  });
  afterAll(() => t.close());

  it('streams every visible client under the filter, Excel-ready, and refuses anonymous callers', async () => {
    const token = await t.login('director@demo.local');
    const filter = encodeURIComponent(JSON.stringify({ regions: ['Урал'] }));
    const response = await fetch(`${t.url}/export/clients.csv?filter=${filter}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    // the viewer's language (the demo director reads Russian): titles and segment values as the app shows them, which the importer reads back
    expect(lines[0]).toBe('Название;ИНН;Регион;Город;Отрасль;Форма собственности;Канал;VIP;Годовой потенциал;Валюта;Категория;Этап;Ответственный');
    const ru = CLIENT_LABELS.ru;
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      expect(Object.values(ru.stages)).toContain(cells[11]);
      expect([ru.yes, ru.no]).toContain(cells[7]);
      if (cells[6]) expect(Object.values(ru.channels)).toContain(cells[6]);
      if (cells[5]) expect(Object.values(ru.ownershipForms)).toContain(cells[5]);
    }
    const english = (await (await fetch(`${t.url}/export/clients.csv?filter=${filter}&lang=en`, { headers: { authorization: `Bearer ${token}` } })).text()).trim().split('\r\n');
    expect(english[0]).toBe('Name;INN;Region;City;Industry;Ownership form;Channel;VIP;Annual potential;Currency;Category;Stage;Owner');
    expect(english.slice(1).every((l) => Object.values(CLIENT_LABELS.en.stages).includes(l.split(';')[11]))).toBe(true);
    const page = await t.gql<{ clients: { totalCount: number } }>('{ clients(filter: { regions: ["Урал"] }) { totalCount } }', {}, { token });
    expect(lines.length - 1).toBe(page.data!.clients.totalCount);
    expect(lines.slice(1).every((l) => l.split(';')[2] === 'Урал')).toBe(true);
    const all = await (await fetch(`${t.url}/export/clients.csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(all.trim().split('\r\n')).toHaveLength(2001);
    expect((await fetch(`${t.url}/export/clients.csv`)).status).toBe(401);
  });
});
