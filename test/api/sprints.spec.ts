import { nextFireAfter } from '@salescircle/shared';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { OrganizationTimezone } from '../../backend/src/modules/organization/organization-timezone';
import { RemindersService } from '../../backend/src/modules/sprints/reminders.service';
import { SprintsRepository } from '../../backend/src/modules/sprints/sprints.repository';
import { startTestApp, type TestApp } from '../support/test-app';

const PROCESS = 'id title status owner { id name } dueAt target progress targetKind approval version overdue';

function wsClient(url: string, token: string | null): WsClient {
  return createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** The first event of a subscription, or the error it ends with. */
function firstEvent<T>(client: WsClient, query: string, variables: Record<string, unknown>): { ready: Promise<void>; event: Promise<T> } {
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const event = new Promise<T>((resolve, reject) => {
    const dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          dispose();
          if (value.errors) reject(new Error(JSON.stringify(value.errors)));
          else resolve(value.data as T);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => undefined,
      },
    );
    // graphql-ws has no "subscribed" acknowledgement: give the server a moment to register the listener.
    setTimeout(readyResolve, 300);
  });
  return { ready, event };
}

describe('sales sprints: board, WIP limits, approvals, rollover, reminders, live updates', () => {
  let t: TestApp;
  let db: Client;
  let lead: string;
  let rep: string;
  let pm: string;
  let teamId: string;
  const member = async (email: string) => (await db.query<{ id: string }>('SELECT id FROM member WHERE email = $1', [email])).rows[0].id;

  beforeAll(async () => {
    t = await startTestApp('sprints');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    [lead, rep, pm] = await Promise.all([t.login('lead@demo.local'), t.login('rep@demo.local'), t.login('pm@demo.local')]);
    teamId = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Дилерские продажи'`)).rows[0].id;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('shows the demo sprint: 18 processes in every state, progress from real data, burndown and velocity', async () => {
    const r = await t.gql<{
      activeSprint: { id: string; name: string; status: string; processes: { title: string; status: string; overdue: boolean; progress: number; targetKind: string; target: number }[]; burndown: { date: string; remaining: number | null; ideal: number }[] };
      velocity: { processesDone: number; processesPlanned: number; unitsDone: number }[];
      backlog: { approval: string }[];
    }>(
      `query ($team: ID!) {
         activeSprint(teamId: $team) { id name status startsOn endsOn processes { ${PROCESS} } burndown { date remaining ideal remainingUnits idealUnits } wip { memberId active limit } }
         velocity(teamId: $team, last: 3) { sprintId processesPlanned processesDone unitsDone revenueWon }
         backlog(teamId: $team) { id approval title }
       }`,
      { team: teamId },
      { token: lead },
    );
    expect(r.errors).toBeUndefined();
    const sprint = r.data!.activeSprint;
    expect(sprint.status).toBe('ACTIVE');
    // the 18 planned for it, and what sprint 19 left unfinished: rolled over when it closed (as closeSprint does), done in this one's first days
    const rolled = sprint.processes.filter((p) => p.title.endsWith('(19)'));
    expect(sprint.processes.length - rolled.length).toBe(18);
    expect(rolled.length).toBeGreaterThan(0);
    expect(rolled.every((p) => p.status === 'DONE')).toBe(true);
    expect(new Set(sprint.processes.map((p) => p.status))).toEqual(new Set(['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE']));
    expect(sprint.processes.some((p) => p.overdue)).toBe(true);
    // Calls are counted from the owners' real activities since the sprint started.
    expect(sprint.processes.filter((p) => p.targetKind === 'CALLS').every((p) => p.progress > 0)).toBe(true);
    expect(sprint.burndown).toHaveLength(14);
    expect(sprint.burndown[0].ideal).toBeGreaterThanOrEqual(16);
    expect(sprint.burndown[13].ideal).toBe(0);
    expect(sprint.burndown[0].remaining).toBeGreaterThan(0);
    expect(sprint.burndown[13].remaining).toBeNull();
    expect(r.data!.velocity).toHaveLength(3);
    for (const v of r.data!.velocity) {
      expect(v.processesPlanned).toBeGreaterThanOrEqual(15);
      expect(v.processesDone).toBeGreaterThan(0);
      expect(v.processesDone).toBeLessThanOrEqual(v.processesPlanned);
    }
    expect(r.data!.backlog.some((p) => p.approval === 'PENDING')).toBe(true);
    // WIP: the team first (default limit 20), then each person with open processes.
    const wip = (r.data!.activeSprint as unknown as { wip: { memberId: string | null; active: number; limit: number }[] }).wip;
    const open = sprint.processes.filter((p) => p.status !== 'DONE').length;
    expect(wip[0]).toEqual({ memberId: null, active: open, limit: 20 });
    expect(wip.slice(1).reduce((n, m) => n + m.active, 0)).toBe(open);
    for (const m of wip.slice(1)) expect(m.limit).toBe(5);
  });

  it('loads the whole board in a fixed number of SQL statements, however many processes', async () => {
    const BOARD = `query ($team: ID!) { activeSprint(teamId: $team) { id wip { memberId active limit }
      processes { id title status progress owner { name } clients { name } deals { title } steps { done } reminders { id } } } }`;
    const first = await t.gql(BOARD, { team: teamId }, { token: lead });
    expect(first.errors).toBeUndefined();
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
    const extra = await db.query<{ id: string }>(
      `INSERT INTO sales_process (organization_id, team_id, sprint_id, title, owner_member_id, status)
       SELECT organization_id, team_id, sprint_id, 'Ещё процесс ' || g, owner_member_id, 'DONE' FROM sales_process, generate_series(1, 5) g WHERE sprint_id = $1 LIMIT 5 RETURNING id`,
      [sprintId],
    );
    try {
      const second = await t.gql(BOARD, { team: teamId }, { token: lead });
      expect(second.sqlStatements).toBe(first.sqlStatements);
      // the viewer with their teams, the sprint, WIP, the board with progress, checklists and links, the owners, the reminders
      expect(first.sqlStatements).toBeLessThanOrEqual(7);
    } finally {
      await db.query('DELETE FROM sales_process WHERE id = ANY($1)', [extra.rows.map((r) => r.id)]);
    }
  });

  it('gives the board the same progress totals as the per-day increments the burndown reads, for every process', async () => {
    const repo = t.app.get(SprintsRepository);
    const ids = (await db.query<{ id: string }>('SELECT id FROM sales_process')).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(60);
    const sums = new Map<string, number>();
    for (const inc of await repo.progressIncrements(ids, 'Europe/Moscow')) sums.set(inc.processId, (sums.get(inc.processId) ?? 0) + inc.units);
    const org = (await db.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0].id;
    const totals = new Map((await repo.progressTotals(ids, org)).map((t) => [t.processId, t.units]));
    for (const id of ids) expect([id, totals.get(id) ?? 0]).toEqual([id, sums.get(id) ?? 0]);
    expect([...sums.values()].filter((v) => v > 0).length).toBeGreaterThan(20);
  });

  it('reads in the one board statement the same cards, progress, checklists and links as the separate reads, for every sprint', async () => {
    const repo = t.app.get(SprintsRepository);
    const sprints = (await db.query<{ id: string; org: string }>('SELECT id, organization_id AS org FROM sprint')).rows;
    expect(sprints.length).toBeGreaterThan(3);
    let linked = 0;
    for (const sprint of sprints) {
      const board = await repo.boardOfSprint(sprint.id, sprint.org);
      const processes = await repo.processesOfSprint(sprint.id);
      const ids = processes.map((p) => p.id);
      expect(board.map((c) => c.id)).toEqual(ids);
      const totals = new Map((await repo.progressTotals(ids, sprint.org)).map((x) => [x.processId, x.units]));
      const [steps, clients, deals] = await Promise.all([repo.stepsOf(ids), repo.clientsOf(ids), repo.dealsOf(ids)]);
      for (const [i, card] of board.entries()) {
        const { progress, steps: cardSteps, clients: cardClients, deals: cardDeals, ...process } = card;
        expect(process).toEqual(processes[i]);
        expect([card.id, progress]).toEqual([card.id, totals.get(card.id) ?? 0]);
        expect(cardSteps).toEqual(steps.filter((x) => x.processId === card.id));
        expect(cardClients).toEqual(clients.filter((x) => x.processId === card.id));
        expect(cardDeals).toEqual(deals.filter((x) => x.processId === card.id));
        linked += cardClients.length + cardDeals.length;
      }
    }
    expect(linked).toBeGreaterThan(10);
  });

  it('counts a call logged for the process into its progress', async () => {
    const created = await t.gql<{ createProcess: { id: string; progress: number } }>(
      'mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id progress } }',
      { i: { teamId, title: 'Прозвон сегмента для теста', targetKind: 'CALLS', target: 10, ownerId: await member('rep@demo.local') } },
      { token: lead },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProcess.id;
    await db.query(
      `INSERT INTO activity (organization_id, kind, owner_member_id, process_id, at) SELECT organization_id, 'CALL', owner_member_id, id, now() FROM sales_process WHERE id = $1`,
      [id],
    );
    const after = await t.gql<{ salesProcess: { progress: number; history: { kind: string }[] } }>('query ($id: ID!) { salesProcess(id: $id) { progress history { kind } } }', { id }, { token: lead });
    expect(after.data!.salesProcess.progress).toBeGreaterThanOrEqual(1);
    expect(after.data!.salesProcess.history.map((h) => h.kind)).toContain('CREATED');
  });

  it('refuses going over the team WIP limit with WIP_LIMIT, lets the lead override (recorded), never a rep', async () => {
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
    const active = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales_process WHERE sprint_id = $1 AND status <> 'DONE' AND approval = 'APPROVED'`, [sprintId])).rows[0].n;
    await db.query('UPDATE team SET wip_limit = $2 WHERE id = $1', [teamId, active]);
    try {
      const input = { teamId, sprintId, title: 'Ещё один процесс сверх лимита', targetKind: 'CUSTOM', target: 1, ownerId: await member('rep@demo.local') };
      const refused = await t.gql('mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id } }', { i: input }, { token: lead });
      expect(refused.errors?.[0].extensions?.code).toBe('WIP_LIMIT');
      expect(refused.errors?.[0].extensions?.reason).toBe('TEAM_WIP_LIMIT');
      expect(refused.errors?.[0].extensions?.params).toEqual({ team: 'Дилерские продажи', wouldBe: active + 1, limit: active });
      expect(refused.errors?.[0].message).toBe(`That would make ${active + 1} processes in progress for the team "Дилерские продажи", over the limit of ${active}. Finish one first, or override the limit.`);
      // Nothing was written.
      expect((await db.query(`SELECT 1 FROM sales_process WHERE title = $1`, [input.title])).rowCount).toBe(0);

      const overridden = await t.gql<{ createProcess: { id: string; history: { kind: string; note: string }[] } }>(
        'mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id history { kind note } } }',
        { i: { ...input, overrideWip: true } },
        { token: lead },
      );
      expect(overridden.errors).toBeUndefined();
      expect(overridden.data!.createProcess.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['CREATED', 'WIP_OVERRIDE']));

      // A rep's own done process reopened over the limit: refused, and the override flag does not help a rep.
      const done = (await db.query<{ id: string }>(`SELECT p.id FROM sales_process p JOIN member m ON m.id = p.owner_member_id WHERE p.sprint_id = $1 AND p.status = 'DONE' AND m.email = 'rep@demo.local' LIMIT 1`, [sprintId])).rows[0].id;
      const reopen = await t.gql('mutation ($id: ID!) { moveProcess(id: $id, status: IN_PROGRESS, overrideWip: true) { id } }', { id: done }, { token: rep });
      expect(reopen.errors?.[0].extensions).toEqual({ code: 'WIP_LIMIT', reason: 'TEAM_WIP_LIMIT', params: { team: 'Дилерские продажи', wouldBe: active + 2, limit: active } });
      expect(reopen.errors?.[0].message).toBe(`That would make ${active + 2} processes in progress for the team "Дилерские продажи", over the limit of ${active}. Finish one first, or ask the lead.`);
    } finally {
      await db.query('UPDATE team SET wip_limit = NULL WHERE id = $1', [teamId]);
    }
  });

  it('lets a rep move their own card, not a colleague\'s, and asks why a card is blocked', async () => {
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
    const own = (await db.query<{ id: string }>(`SELECT p.id FROM sales_process p JOIN member m ON m.id = p.owner_member_id WHERE p.sprint_id = $1 AND p.status = 'IN_PROGRESS' AND m.email = 'rep@demo.local' LIMIT 1`, [sprintId])).rows[0].id;
    const other = (await db.query<{ id: string }>(`SELECT p.id FROM sales_process p JOIN member m ON m.id = p.owner_member_id WHERE p.sprint_id = $1 AND m.email <> 'rep@demo.local' LIMIT 1`, [sprintId])).rows[0].id;

    const noReason = await t.gql('mutation ($id: ID!) { moveProcess(id: $id, status: BLOCKED) { id } }', { id: own }, { token: rep });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'blockedReason' });
    const blocked = await t.gql<{ moveProcess: { status: string; history: { kind: string; toStatus: string; note: string }[] } }>(
      'mutation ($id: ID!) { moveProcess(id: $id, status: BLOCKED, blockedReason: "Клиент в отпуске") { status history { kind toStatus note } } }',
      { id: own },
      { token: rep },
    );
    expect(blocked.errors).toBeUndefined();
    expect(blocked.data!.moveProcess.history[0]).toMatchObject({ kind: 'MOVED', toStatus: 'BLOCKED', note: 'Клиент в отпуске' });
    const foreign = await t.gql('mutation ($id: ID!) { moveProcess(id: $id, status: DONE) { id } }', { id: other }, { token: rep });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('sends work proposed by the product manager through the lead: pending, notified, approved, requester told', async () => {
    const unreadBefore = (await t.gql<{ unreadNotificationCount: number }>('{ unreadNotificationCount }', {}, { token: lead })).data!.unreadNotificationCount;
    const proposed = await t.gql<{ createProcess: { id: string; approval: string } }>(
      'mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id approval } }',
      { i: { teamId, title: 'Запуск новой линейки у дилеров Юга', templateKey: 'upsell', ownerId: await member('rep3@demo.local') } },
      { token: pm },
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.createProcess.approval).toBe('PENDING');
    const id = proposed.data!.createProcess.id;
    const moveEarly = await t.gql('mutation ($id: ID!) { moveProcess(id: $id, status: IN_PROGRESS) { id } }', { id }, { token: lead });
    expect(moveEarly.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_APPROVED', params: { title: 'Запуск новой линейки у дилеров Юга' } });
    const leadNotes = await t.gql<{ notifications: { kind: string; processId: string }[]; unreadNotificationCount: number }>('{ notifications(unreadOnly: true) { kind processId } unreadNotificationCount }', {}, { token: lead });
    expect(leadNotes.data!.unreadNotificationCount).toBe(unreadBefore + 1);
    expect(leadNotes.data!.notifications[0]).toEqual({ kind: 'APPROVAL_REQUESTED', processId: id });
    const approved = await t.gql<{ approveProcess: { approval: string } }>('mutation ($id: ID!) { approveProcess(id: $id) { approval } }', { id }, { token: lead });
    expect(approved.data!.approveProcess.approval).toBe('APPROVED');
    const again = await t.gql('mutation ($id: ID!) { approveProcess(id: $id) { approval } }', { id }, { token: lead });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PENDING', params: { title: 'Запуск новой линейки у дилеров Юга' } });
    const pmNotes = await t.gql<{ notifications: { kind: string }[] }>('{ notifications { kind } }', {}, { token: pm });
    expect(pmNotes.data!.notifications[0].kind).toBe('APPROVED');
    const rejectByRep = await t.gql('mutation ($id: ID!) { rejectProcess(id: $id) { id } }', { id }, { token: rep });
    expect(rejectByRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const left = await t.gql<{ markNotificationsRead: number }>('mutation { markNotificationsRead }', {}, { token: lead });
    expect(left.data!.markNotificationsRead).toBe(0);
  });

  it("reads the organization's time zone for a viewer read without it (a mutation's or a subscription's)", async () => {
    const timezones = t.app.get(OrganizationTimezone);
    const org = (await db.query<{ id: string; timezone: string }>('SELECT id, timezone FROM organization LIMIT 1')).rows[0];
    expect(await timezones.of({ organizationId: org.id })).toBe(org.timezone);
    expect(await timezones.of({ organizationId: org.id, timezone: 'Asia/Omsk' })).toBe('Asia/Omsk');
    // a job has no viewer: the organization's id
    expect(await timezones.of(org.id)).toBe(org.timezone);
  });

  it('validates sprints: dates, overlap, one active per team', async () => {
    const bad = await t.gql('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'X', startsOn: '2027-01-10', endsOn: '2027-01-01' } }, { token: lead });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'SPRINT_ENDS_BEFORE_START', params: { startsOn: '2027-01-10', endsOn: '2027-01-01' } });
    expect(bad.errors?.[0].message).toBe('A sprint ends on or after the day it starts.');
    const tooLong = await t.gql('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'X', startsOn: '2027-01-01', endsOn: '2027-03-01' } }, { token: lead });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'SPRINT_TOO_LONG', params: { count: expect.any(Number) } });
    const active = (await db.query<{ starts_on: string }>(`SELECT starts_on::text FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0];
    const overlap = await t.gql('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'X', startsOn: active.starts_on, endsOn: active.starts_on } }, { token: lead });
    expect(overlap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SPRINT_OVERLAP', params: { sprint: expect.any(String) } });
    const byRep = await t.gql('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'X', startsOn: '2027-05-01', endsOn: '2027-05-14' } }, { token: rep });
    expect(byRep.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const planned = await t.gql<{ createSprint: { id: string } }>('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'Весенний', startsOn: '2027-05-01', endsOn: '2027-05-14' } }, { token: lead });
    const start = await t.gql('mutation ($id: ID!) { startSprint(id: $id) { id } }', { id: planned.data!.createSprint.id }, { token: lead });
    expect(start.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACTIVE_SPRINT_EXISTS', params: { sprint: expect.any(String) } });
  });

  it('refuses a due date before the sprint starts (DUE_BEFORE_SPRINT): on create, on update and when planning a dated process into the sprint', async () => {
    const sprint = (await db.query<{ id: string; starts_on: string }>(`SELECT id, starts_on::text FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0];
    const dayBefore = new Date(Date.parse(`${sprint.starts_on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const ownerId = await member('rep@demo.local');
    const create = (dueAt: string, sprintId: string | null, title: string) =>
      t.gql<{ createProcess: { id: string; dueAt: string } }>('mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id dueAt } }', { i: { teamId, sprintId, title, targetKind: 'CUSTOM', target: 1, ownerId, dueAt, overrideWip: true } }, { token: lead });

    const early = await create(`${dayBefore}T12:00:00Z`, sprint.id, 'Срок раньше спринта (e2e)');
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt', reason: 'DUE_BEFORE_SPRINT', params: { dueOn: dayBefore, sprint: expect.any(String), startsOn: sprint.starts_on } });
    expect(early.errors?.[0].message).toContain(`starts on ${sprint.starts_on}`);
    expect((await db.query('SELECT 1 FROM sales_process WHERE title = $1', ['Срок раньше спринта (e2e)'])).rowCount).toBe(0);
    // The day is the organization's (Moscow): 22:00 UTC the evening before is already the first day there.
    const firstDay = await create(`${dayBefore}T22:00:00Z`, sprint.id, 'Срок в первый день спринта (e2e)');
    expect(firstDay.errors).toBeUndefined();

    // An update of a process in the sprint: refused before the start, taken on the first day.
    const inSprint = (await db.query<{ id: string; version: number }>(`SELECT id, version FROM sales_process WHERE sprint_id = $1 AND status = 'TODO' ORDER BY title LIMIT 1`, [sprint.id])).rows[0];
    const update = (dueAt: string, expectedVersion: number) =>
      t.gql<{ updateProcess: { dueAt: string; version: number } }>('mutation ($id: ID!, $i: UpdateProcessInput!) { updateProcess(id: $id, input: $i) { dueAt version } }', { id: inSprint.id, i: { dueAt, expectedVersion } }, { token: lead });
    const refused = await update(`${dayBefore}T12:00:00Z`, inSprint.version);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt', reason: 'DUE_BEFORE_SPRINT' });
    const taken = await update(`${sprint.starts_on}T12:00:00Z`, inSprint.version);
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.updateProcess.dueAt).toBe(`${sprint.starts_on}T12:00:00.000Z`);

    // In the backlog any due date goes; planned into the sprint, the early one is refused and the process stays in the backlog.
    const backlog = await create(`${dayBefore}T12:00:00Z`, null, 'Просроченный процесс из бэклога (e2e)');
    expect(backlog.errors).toBeUndefined();
    const planned = await t.gql('mutation ($id: ID!, $s: ID) { planProcess(id: $id, sprintId: $s) { id } }', { id: backlog.data!.createProcess.id, s: sprint.id }, { token: lead });
    expect(planned.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sprintId', reason: 'DUE_BEFORE_SPRINT' });
    expect((await db.query<{ sprint_id: string | null }>('SELECT sprint_id FROM sales_process WHERE id = $1', [backlog.data!.createProcess.id])).rows[0].sprint_id).toBeNull();
  });

  it('refuses a later sprint start that would leave its processes due before it (PROCESS_DUE_BEFORE_START)', async () => {
    const ownerId = await member('rep@demo.local');
    const sprint = (await t.gql<{ createSprint: { id: string } }>('mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }', { i: { teamId, name: 'Сдвиг начала (e2e)', startsOn: '2027-09-01', endsOn: '2027-09-14' } }, { token: lead })).data!.createSprint;
    const create = (dueAt: string, title: string) =>
      t.gql<{ createProcess: { id: string } }>('mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id } }', { i: { teamId, sprintId: sprint.id, title, targetKind: 'CUSTOM', target: 1, ownerId, dueAt, overrideWip: true } }, { token: lead });
    expect((await create('2027-09-03T12:00:00Z', 'Срок 3 сентября (e2e)')).errors).toBeUndefined();
    expect((await create('2027-09-04T12:00:00Z', 'Срок 4 сентября (e2e)')).errors).toBeUndefined();
    const move = (startsOn: string) => t.gql<{ updateSprint: { startsOn: string } }>('mutation ($id: ID!, $i: UpdateSprintInput!) { updateSprint(id: $id, input: $i) { startsOn } }', { id: sprint.id, i: { startsOn } }, { token: lead });

    const refused = await move('2027-09-05');
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'PROCESS_DUE_BEFORE_START', params: { process: 'Срок 3 сентября (e2e)', dueOn: '2027-09-03', count: 2, startsOn: '2027-09-05' } });
    expect(refused.errors?.[0].message).toBe('2 processes are due before 2027-09-05 ("Срок 3 сентября (e2e)" on 2027-09-03): move their due dates first or choose an earlier start.');
    expect((await db.query<{ starts_on: string }>('SELECT starts_on::text FROM sprint WHERE id = $1', [sprint.id])).rows[0].starts_on).toBe('2027-09-01');
    const one = await move('2027-09-04');
    expect(one.errors?.[0].extensions).toMatchObject({ reason: 'PROCESS_DUE_BEFORE_START', params: { process: 'Срок 3 сентября (e2e)', dueOn: '2027-09-03', count: 1 } });
    // the first day may be the earliest due day; an earlier start is always fine
    expect((await move('2027-09-03')).data?.updateSprint.startsOn).toBe('2027-09-03');
    expect((await move('2027-08-30')).data?.updateSprint.startsOn).toBe('2027-08-30');
    await db.query('DELETE FROM sales_process WHERE sprint_id = $1', [sprint.id]);
    await db.query('DELETE FROM sprint WHERE id = $1', [sprint.id]);
  });

  it('lets the coach write the retrospective, and closes the sprint rolling unfinished work over with its history', async () => {
    const coach = await t.login('coach@demo.local');
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
    const notes = await t.gql<{ updateSprintNotes: { retrospective: string } }>(
      'mutation ($id: ID!) { updateSprintNotes(id: $id, retrospective: "Меньше параллельных тендеров") { retrospective } }',
      { id: sprintId },
      { token: coach },
    );
    expect(notes.data!.updateSprintNotes.retrospective).toBe('Меньше параллельных тендеров');
    expect((await t.gql('mutation ($id: ID!) { updateSprintNotes(id: $id, review: "x") { id } }', { id: sprintId }, { token: rep })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const open = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales_process WHERE sprint_id = $1 AND status <> 'DONE' AND approval <> 'REJECTED'`, [sprintId])).rows[0].n;
    const closed = await t.gql<{ closeSprint: { closed: { status: string }; next: { id: string; status: string; processes: { id: string; history: { kind: string }[] }[] }; rolledOver: number } }>(
      'mutation ($id: ID!) { closeSprint(id: $id) { closed { status } next { id status processes { id history { kind } } } rolledOver } }',
      { id: sprintId },
      { token: lead },
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeSprint.closed.status).toBe('CLOSED');
    expect(closed.data!.closeSprint.rolledOver).toBe(open);
    expect(closed.data!.closeSprint.next.processes).toHaveLength(open);
    // History kept: created in the old sprint, rolled over, added to the new one.
    expect(closed.data!.closeSprint.next.processes[0].history.map((h) => h.kind)).toEqual(expect.arrayContaining(['ADDED_TO_SPRINT', 'ROLLED_OVER']));
    // The closed sprint's burndown still ends with the unfinished ones.
    const old = await t.gql<{ sprint: { burndown: { remaining: number | null }[] } }>('query ($id: ID!) { sprint(id: $id) { burndown { remaining } } }', { id: sprintId }, { token: lead });
    expect(old.data!.sprint.burndown.at(-1)!.remaining).toBeGreaterThanOrEqual(open);
    const velocity = await t.gql<{ velocity: { sprintId: string }[] }>('query ($team: ID!) { velocity(teamId: $team) { sprintId } }', { team: teamId }, { token: lead });
    expect(velocity.data!.velocity.at(-1)!.sprintId).toBe(sprintId);
    // The next sprint starts (it was planned by the rollover).
    const start = await t.gql<{ startSprint: { status: string } }>('mutation ($id: ID!) { startSprint(id: $id) { status } }', { id: closed.data!.closeSprint.next.id }, { token: lead });
    expect(start.data!.startSprint.status).toBe('ACTIVE');
  });

  it('fires reminders as the shared rule says, exactly once even with two sweeps at the same time', async () => {
    const reminders = t.app.get(RemindersService);
    const org = (await db.query<{ id: string }>('SELECT organization_id AS id FROM team WHERE id = $1', [teamId])).rows[0].id;
    const processId = (await db.query<{ id: string }>(`SELECT id FROM sales_process WHERE team_id = $1 AND status <> 'DONE' AND sprint_id IS NOT NULL LIMIT 1`, [teamId])).rows[0].id;
    const recipient = await member('rep@demo.local');
    const now = Date.now();
    // Random reminders: one-shot and recurring, due at random times in the past (missed slots too) and the future.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const specs = Array.from({ length: 300 }, () => {
      const recurring = rnd() < 0.5;
      return { kind: recurring ? 'RECURRING' : 'AT', at: new Date(now - Math.floor(rnd() * 20 * 86_400_000) + Math.floor(rnd() * 3 * 86_400_000)), everyDays: recurring ? 1 + Math.floor(rnd() * 5) : null };
    });
    const ids = (
      await db.query<{ id: string }>(
        `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, every_days, next_at, note)
         SELECT $1, $2, $3, k, a, e, a, 'prop' FROM unnest($4::text[], $5::timestamptz[], $6::int[]) AS s(k, a, e) RETURNING id`,
        [org, processId, recipient, specs.map((s) => s.kind), specs.map((s) => s.at), specs.map((s) => s.everyDays)],
      )
    ).rows.map((r) => r.id);
    await db.query(`UPDATE reminder SET next_at = NULL WHERE id <> ALL($1)`, [ids]);
    const sweepAt = new Date(now);
    const [a, b] = await Promise.all([reminders.sweep(sweepAt, 37), reminders.sweep(sweepAt, 37)]);
    const due = specs.filter((s) => s.at.getTime() <= now).length;
    expect(a.taken + b.taken).toBe(due);
    expect(a.sent + b.sent).toBe(due);
    const rows = (await db.query<{ id: string; next_at: Date | null }>('SELECT id, next_at FROM reminder WHERE id = ANY($1)', [ids])).rows;
    const byId = new Map(rows.map((r) => [r.id, r.next_at?.getTime() ?? null]));
    ids.forEach((id, i) => {
      const s = specs[i];
      const expected = s.at.getTime() > now ? s.at.getTime() : nextFireAfter({ kind: s.kind as 'AT' | 'RECURRING', at: s.at.getTime(), offsetMinutes: null, everyDays: s.everyDays }, s.at.getTime(), now);
      expect(byId.get(id)).toBe(expected);
    });
    const sent = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = ANY($1)`, [ids])).rows[0].n;
    expect(sent).toBe(due);
    // Nothing is due any more at the same moment: a third sweep sends nothing.
    expect((await reminders.sweep(sweepAt)).sent).toBe(0);
  });

  it('escalates blocked and overdue processes to the lead, once each', async () => {
    const reminders = t.app.get(RemindersService);
    const leadUser = (await db.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'lead@demo.local'`)).rows[0].id;
    const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind IN ('OVERDUE', 'BLOCKED')`, [leadUser])).rows[0].n;
    const before = await count();
    const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
    await db.query(`UPDATE sales_process SET status = 'BLOCKED', blocked_reason = 'нет ответа', blocked_since = now() - interval '3 days' WHERE id = (SELECT id FROM sales_process WHERE sprint_id = $1 AND status = 'TODO' LIMIT 1)`, [sprintId]);
    await db.query(`UPDATE sales_process SET due_at = now() - interval '1 hour' WHERE id = (SELECT id FROM sales_process WHERE sprint_id = $1 AND status = 'IN_PROGRESS' LIMIT 1)`, [sprintId]);
    const first = await reminders.sweep(new Date());
    expect(first.escalated).toBeGreaterThanOrEqual(2);
    expect(await count()).toBe(before + first.escalated);
    expect((await reminders.sweep(new Date())).escalated).toBe(0);
  });

  it('delivers a board change live to a page open on another server, through PostgreSQL', async () => {
    // Server B on the same database as server A (t).
    const b = await startTestApp('sprints-b', { seedDemo: false, config: { databaseUrl: t.databaseUrl, authTokenSecret: t.config.authTokenSecret } as never });
    const client = wsClient(b.url, lead);
    try {
      const { ready, event } = firstEvent<{ boardChanged: { kind: string; processId: string; status: string } }>(
        client,
        'subscription ($team: ID!) { boardChanged(teamId: $team) { kind processId status sprintId at } }',
        { team: teamId },
      );
      await ready;
      const sprintId = (await db.query<{ id: string }>(`SELECT id FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId])).rows[0].id;
      const card = (await db.query<{ id: string }>(`SELECT id FROM sales_process WHERE sprint_id = $1 AND status = 'TODO' AND approval = 'APPROVED' LIMIT 1`, [sprintId])).rows[0].id;
      const started = Date.now();
      const moved = await t.gql('mutation ($id: ID!) { moveProcess(id: $id, status: IN_PROGRESS) { id } }', { id: card }, { token: lead });
      expect(moved.errors).toBeUndefined();
      const received = await event;
      expect(received.boardChanged).toMatchObject({ kind: 'MOVED', processId: card, status: 'IN_PROGRESS' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await client.dispose();
      await b.close();
    }
  });

  it('refuses a subscription without a valid sign-in, and to a team the viewer does not see', async () => {
    const anonymous = wsClient(t.url, null);
    const otherTeam = (await db.query<{ id: string }>(`SELECT id FROM team WHERE name = 'Телемаркетинг'`)).rows[0].id;
    const repClient = wsClient(t.url, rep);
    try {
      await expect(firstEvent(anonymous, 'subscription ($team: ID!) { boardChanged(teamId: $team) { kind } }', { team: teamId }).event).rejects.toThrow(/UNAUTHENTICATED|sign in/i);
      await expect(firstEvent(repClient, 'subscription ($team: ID!) { boardChanged(teamId: $team) { kind } }', { team: otherTeam }).event).rejects.toThrow(/NOT_FOUND|not found/i);
    } finally {
      await anonymous.dispose();
      await repClient.dispose();
    }
  });
});
