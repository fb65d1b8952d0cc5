import { BUILTIN_PROCESS_TEMPLATES } from '@salescircle/shared';
import { Client } from 'pg';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';

/**
 * The sprint module's refusals as a client sees them: the real request, the exact code,
 * reason, field and the values the sentence names (extensions.params), and nothing written.
 */

const TEAM = 'Дилерские продажи';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
/** Every table a sprint request may write: a refused one leaves them all as they were. */
const STATE_TABLES = ['sprint', 'team', 'member', 'sales_process', 'process_step', 'process_client', 'process_deal', 'process_event', 'process_template', 'reminder', 'notification'];

const CREATE_SPRINT = 'mutation ($i: CreateSprintInput!) { createSprint(input: $i) { id } }';
const UPDATE_SPRINT = 'mutation ($id: ID!, $i: UpdateSprintInput!) { updateSprint(id: $id, input: $i) { id } }';
const START_SPRINT = 'mutation ($id: ID!) { startSprint(id: $id) { id } }';
const CLOSE_SPRINT = 'mutation ($id: ID!, $next: ID) { closeSprint(id: $id, nextSprintId: $next) { rolledOver } }';
const NOTES = 'mutation ($id: ID!, $review: String) { updateSprintNotes(id: $id, review: $review) { id } }';
const CREATE_PROCESS = 'mutation ($i: CreateProcessInput!) { createProcess(input: $i) { id } }';
const UPDATE_PROCESS = 'mutation ($id: ID!, $i: UpdateProcessInput!) { updateProcess(id: $id, input: $i) { id } }';
const MOVE = 'mutation ($id: ID!, $status: ProcessStatus!, $reason: String) { moveProcess(id: $id, status: $status, blockedReason: $reason) { id } }';
const PLAN = 'mutation ($id: ID!, $sprint: ID) { planProcess(id: $id, sprintId: $sprint) { id } }';
const APPROVE = 'mutation ($id: ID!) { approveProcess(id: $id) { id } }';
const REJECT = 'mutation ($id: ID!) { rejectProcess(id: $id, reason: "Не сейчас") { id } }';
const STEP = 'mutation ($id: ID!, $step: ID!) { setProcessStep(processId: $id, stepId: $step, done: true) { id } }';
const PROGRESS = 'mutation ($id: ID!, $units: Float!) { addProcessProgress(id: $id, units: $units) { id } }';
const TEMPLATE = 'mutation ($i: ProcessTemplateInput!) { createProcessTemplate(input: $i) { key } }';
const ADD_REMINDER = 'mutation ($i: AddReminderInput!) { addReminder(input: $i) { id } }';
const REMOVE_REMINDER = 'mutation ($id: ID!) { removeReminder(id: $id) }';

type Extensions = NonNullable<GqlResult['errors']>[number]['extensions'];

describe('sprint refusals: code, reason, field and params, and nothing written', () => {
  let t: TestApp;
  let db: Client;
  const tokens: Record<string, string> = {};
  const members: Record<string, string> = {};
  let teamId: string;
  let active: { id: string; name: string; starts_on: string };
  let closed: { id: string; name: string };

  /** A fingerprint of every row a sprint request may write. */
  const fingerprint = async (): Promise<string> => {
    const parts: string[] = [];
    for (const table of STATE_TABLES) {
      const { rows } = await db.query<{ n: number; f: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${table} x`);
      parts.push(`${table}:${rows[0].n}:${rows[0].f}`);
    }
    return parts.join(' ');
  };

  /** Sends the request as `who`, expects exactly this one refusal, and that nothing changed; returns the error for more checks. */
  const refused = async (who: string, query: string, variables: Record<string, unknown>, extensions: Extensions) => {
    const before = await fingerprint();
    const result = await t.gql(query, variables, { token: tokens[who] });
    expect(result.errors?.map((e) => e.extensions)).toEqual([extensions]);
    expect(await fingerprint()).toBe(before);
    return result.errors![0];
  };

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const { rows } = await db.query(sql, params);
    if (rows.length === 0) throw new Error(`no row for ${sql}`);
    return rows[0] as T;
  };

  /** An approved, unfinished process of the running sprint owned by the rep. */
  const repProcess = () =>
    one<{ id: string; title: string; version: number }>(
      `SELECT p.id, p.title, p.version FROM sales_process p WHERE p.sprint_id = $1 AND p.owner_member_id = $2 AND p.status IN ('TODO', 'IN_PROGRESS') AND p.approval = 'APPROVED' ORDER BY p.title LIMIT 1`,
      [active.id, members.rep],
    );

  const createProcess = async (input: Record<string, unknown>, who = 'lead'): Promise<{ id: string; title: string }> => {
    const created = await t.gql<{ createProcess: { id: string } }>(CREATE_PROCESS, { i: { teamId, targetKind: 'CUSTOM', target: 1, ...input } }, { token: tokens[who] });
    expect(created.errors).toBeUndefined();
    return { id: created.data!.createProcess.id, title: input.title as string };
  };

  beforeAll(async () => {
    t = await startTestApp('refusals-sprints');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const people = { director: 'director@demo.local', lead: 'lead@demo.local', lead2: 'lead2@demo.local', coach: 'coach@demo.local', rep: 'rep@demo.local', rep2: 'rep2@demo.local', vip1: 'vip1@demo.local' };
    for (const [key, email] of Object.entries(people)) {
      members[key] = (await one<{ id: string }>('SELECT id FROM member WHERE email = $1', [email])).id;
      tokens[key] = await t.login(email);
    }
    teamId = (await one<{ id: string }>('SELECT id FROM team WHERE name = $1', [TEAM])).id;
    active = await one(`SELECT id, name, starts_on::text FROM sprint WHERE team_id = $1 AND status = 'ACTIVE'`, [teamId]);
    closed = await one(`SELECT id, name FROM sprint WHERE team_id = $1 AND status = 'CLOSED' ORDER BY starts_on DESC LIMIT 1`, [teamId]);
    // Павел Волков leads another team and sits in the dealer team as a member: he sees its sprints but does not run them.
    await db.query('INSERT INTO team_member (team_id, member_id) VALUES ($1, $2)', [teamId, members.lead2]);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('takes only real days for a sprint (SPRINT_DATE_INVALID names the value and its field)', async () => {
    const create = (startsOn: string, endsOn: string) => ({ i: { teamId, name: 'Спринт с неверной датой', startsOn, endsOn } });
    await refused('lead', CREATE_SPRINT, create('2027-13-01', '2027-13-14'), { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-13-01' } });
    // a day the month does not have: not rolled over into the next month, not left to the database
    await refused('lead', CREATE_SPRINT, create('2027-02-29', '2027-03-10'), { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-02-29' } });
    const error = await refused('lead', CREATE_SPRINT, create('2027-04-20', '2027-04-31'), { code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-04-31' } });
    expect(error.message).toBe('endsOn is not a real date.');
    await refused('lead', UPDATE_SPRINT, { id: active.id, i: { endsOn: '2027-02-30' } }, { code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-02-30' } });
    // and a process's first day likewise
    const process = { teamId, title: 'Процесс с неверной датой', targetKind: 'CUSTOM', target: 1, ownerId: members.rep, startsOn: '2027-02-30' };
    await refused('lead', CREATE_PROCESS, { i: process }, { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-02-30' } });
    const own = await repProcess();
    await refused('rep', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version, startsOn: '2027-06-31' } }, { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'SPRINT_DATE_INVALID', params: { value: '2027-06-31' } });
  });

  it('keeps a running sprint\'s first day and a closed sprint as it is, and starts only a planned one', async () => {
    const dayBefore = new Date(Date.parse(`${active.starts_on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await refused('lead', UPDATE_SPRINT, { id: active.id, i: { startsOn: dayBefore } }, { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'RUNNING_SPRINT_START', params: { startsOn: active.starts_on } });
    await refused('lead', START_SPRINT, { id: active.id }, { code: 'CONFLICT', reason: 'SPRINT_NOT_PLANNED', params: { sprint: active.name } });
    await refused('lead', START_SPRINT, { id: closed.id }, { code: 'CONFLICT', reason: 'SPRINT_NOT_PLANNED', params: { sprint: closed.name } });
    await refused('lead', UPDATE_SPRINT, { id: closed.id, i: { goal: 'Переписать историю' } }, { code: 'CONFLICT', reason: 'SPRINT_CLOSED', params: { sprint: closed.name } });
    await refused('lead', CLOSE_SPRINT, { id: closed.id }, { code: 'CONFLICT', reason: 'SPRINT_CLOSED', params: { sprint: closed.name } });
    // unfinished work goes to a planned sprint, not into a closed one
    await refused('lead', CLOSE_SPRINT, { id: active.id, next: closed.id }, { code: 'BAD_USER_INPUT', field: 'nextSprintId', reason: 'NEXT_SPRINT_NOT_PLANNED', params: { sprint: closed.name } });
  });

  it('lets only the lead (or the director) plan, start, close and decide (LEAD_ONLY with the action), and hand a process over', async () => {
    const planned = await t.gql<{ createSprint: { id: string } }>(CREATE_SPRINT, { i: { teamId, name: 'Летний спринт', startsOn: '2027-06-01', endsOn: '2027-06-14' } }, { token: tokens.lead });
    expect(planned.errors).toBeUndefined();
    const plannedId = planned.data!.createSprint.id;
    const backlog = await createProcess({ title: 'Процесс из бэклога (отказы)', ownerId: members.rep });
    const pending = await createProcess({ title: 'Предложение представителя (отказы)' }, 'rep');
    expect((await one<{ approval: string }>('SELECT approval FROM sales_process WHERE id = $1', [pending.id])).approval).toBe('PENDING');

    const leadOnly = (action: string) => ({ code: 'FORBIDDEN', reason: 'LEAD_ONLY', params: { action } });
    const plan = await refused('lead2', CREATE_SPRINT, { i: { teamId, name: 'Чужой спринт', startsOn: '2027-07-01', endsOn: '2027-07-14' } }, leadOnly('PLAN'));
    expect(plan.message).toBe('The lead of the team (or its director) plans its sprints.');
    await refused('lead2', UPDATE_SPRINT, { id: plannedId, i: { name: 'Переименован' } }, leadOnly('PLAN'));
    await refused('lead2', PLAN, { id: backlog.id, sprint: plannedId }, leadOnly('PLAN'));
    await refused('lead2', START_SPRINT, { id: plannedId }, leadOnly('START'));
    await refused('lead2', CLOSE_SPRINT, { id: active.id }, leadOnly('CLOSE'));
    await refused('lead2', APPROVE, { id: pending.id }, leadOnly('DECIDE'));
    await refused('lead2', REJECT, { id: pending.id }, leadOnly('DECIDE'));
    // the owner changes their process, but only the lead hands it to someone else
    const own = await repProcess();
    await refused('rep', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version, ownerId: members.rep2 } }, leadOnly('HANDOVER'));
  });

  it('lets the lead and the coach write the review, within its length (NOTES_LEAD_OR_COACH, VALUE_TOO_LONG)', async () => {
    const error = await refused('lead2', NOTES, { id: active.id, review: 'Чужое ревью' }, { code: 'FORBIDDEN', reason: 'NOTES_LEAD_OR_COACH' });
    expect(error.message).toBe('The lead and the coach of the team write the review and the retrospective.');
    await refused('coach', NOTES, { id: active.id, review: 'x'.repeat(20_001) }, { code: 'BAD_USER_INPUT', field: 'review', reason: 'VALUE_TOO_LONG', limit: 20_000 });
  });

  it('refuses a new process that is incomplete or names what the team does not have', async () => {
    const input = (extra: Record<string, unknown>) => ({ i: { teamId, title: 'Новый процесс (отказы)', targetKind: 'CUSTOM', target: 1, ownerId: members.rep, ...extra } });
    await refused('lead', CREATE_PROCESS, input({ title: '   ' }), { code: 'BAD_USER_INPUT', field: 'title', reason: 'TITLE_REQUIRED' });
    await refused('lead', CREATE_PROCESS, input({ segment: '[1, 2]' }), { code: 'BAD_USER_INPUT', field: 'segment', reason: 'BAD_SEGMENT' });
    await refused('lead', CREATE_PROCESS, input({ segment: '{not json' }), { code: 'BAD_USER_INPUT', field: 'segment', reason: 'BAD_SEGMENT' });
    await refused('lead', CREATE_PROCESS, input({ templateKey: 'no-such-template' }), { code: 'BAD_USER_INPUT', field: 'templateKey', reason: 'UNKNOWN_TEMPLATE' });
    // Анна Фёдорова is of another team: neither owner nor co-owner here
    await refused('lead', CREATE_PROCESS, input({ ownerId: members.vip1 }), { code: 'BAD_USER_INPUT', field: 'ownerId', reason: 'OWNER_NOT_IN_TEAM' });
    await refused('lead', CREATE_PROCESS, input({ coOwnerIds: [members.rep2, members.vip1] }), { code: 'BAD_USER_INPUT', field: 'ownerId', reason: 'OWNER_NOT_IN_TEAM' });
    await refused('lead', CREATE_PROCESS, input({ clientIds: [NO_SUCH_ID] }), { code: 'BAD_USER_INPUT', field: 'clientIds', reason: 'LINKED_CLIENT_NOT_FOUND' });
    await refused('lead', CREATE_PROCESS, input({ dealIds: [NO_SUCH_ID] }), { code: 'BAD_USER_INPUT', field: 'dealIds', reason: 'LINKED_DEAL_NOT_FOUND' });
    await refused('lead', CREATE_PROCESS, input({ sprintId: closed.id }), { code: 'CONFLICT', reason: 'SPRINT_CLOSED', params: { sprint: closed.name } });
  });

  it('names the person over their WIP limit, owner or co-owner (MEMBER_WIP_LIMIT), and the team over its own (TEAM_WIP_LIMIT)', async () => {
    const openOf = async (memberId: string) =>
      (
        await one<{ n: number }>(
          `SELECT count(*)::int AS n FROM sales_process WHERE sprint_id = $1 AND status <> 'DONE' AND approval = 'APPROVED' AND (owner_member_id = $2 OR $2 = ANY(co_owner_ids))`,
          [active.id, memberId],
        )
      ).n;
    const teamOpen = async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM sales_process WHERE sprint_id = $1 AND status <> 'DONE' AND approval = 'APPROVED'`, [active.id])).n;
    const backlog = await createProcess({ title: 'В спринт сверх лимита (отказы)', ownerId: members.rep2 });
    const repOpen = await openOf(members.rep);
    await db.query('UPDATE team SET wip_limit = 200 WHERE id = $1', [teamId]);
    await db.query('UPDATE member SET capacity_processes = $2 WHERE id = $1', [members.rep, repOpen]);
    try {
      const input = { teamId, sprintId: active.id, title: 'Сверх личного лимита (отказы)', targetKind: 'CUSTOM', target: 1 };
      const member = { code: 'WIP_LIMIT', reason: 'MEMBER_WIP_LIMIT', params: { name: 'Иван Петров', wouldBe: repOpen + 1, limit: repOpen } };
      const error = await refused('lead', CREATE_PROCESS, { i: { ...input, ownerId: members.rep } }, member);
      expect(error.message).toBe(`That would make ${repOpen + 1} processes in progress for Иван Петров, over the limit of ${repOpen}. Finish one first, or override the limit.`);
      await refused('lead', CREATE_PROCESS, { i: { ...input, ownerId: members.rep2, coOwnerIds: [members.rep] } }, member);

      const open = await teamOpen();
      await db.query('UPDATE team SET wip_limit = $2 WHERE id = $1', [teamId, open]);
      const team = await refused('lead', PLAN, { id: backlog.id, sprint: active.id }, { code: 'WIP_LIMIT', reason: 'TEAM_WIP_LIMIT', params: { team: TEAM, wouldBe: open + 1, limit: open } });
      expect(team.message).toBe(`That would make ${open + 1} processes in progress for the team "${TEAM}", over the limit of ${open}. Finish one first, or override the limit.`);
      expect((await one<{ sprint_id: string | null }>('SELECT sprint_id FROM sales_process WHERE id = $1', [backlog.id])).sprint_id).toBeNull();
    } finally {
      await db.query('UPDATE team SET wip_limit = NULL WHERE id = $1', [teamId]);
      await db.query('UPDATE member SET capacity_processes = 5 WHERE id = $1', [members.rep]);
    }
  });

  it('lets only the owners and the lead work on a process, on the version they saw, and asks for what a change needs', async () => {
    const own = await repProcess();
    const notYours = { code: 'FORBIDDEN', reason: 'OWNERS_OR_LEAD_ONLY', params: { title: own.title } };
    const error = await refused('rep2', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version, title: 'Чужой процесс' } }, notYours);
    expect(error.message).toBe('The owners of a process and the lead change it.');
    await refused('rep2', MOVE, { id: own.id, status: 'DONE' }, notYours);
    await refused('rep2', STEP, { id: own.id, step: NO_SUCH_ID }, notYours);
    await refused('rep2', PROGRESS, { id: own.id, units: 1 }, notYours);

    await refused('rep', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version + 1, title: 'Поздно' } }, { code: 'CONFLICT', reason: 'VERSION_MISMATCH', params: { title: own.title } });
    await refused('rep', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version, title: '  ' } }, { code: 'BAD_USER_INPUT', field: 'title', reason: 'TITLE_REQUIRED' });
    await refused('rep', UPDATE_PROCESS, { id: own.id, i: { expectedVersion: own.version, clientIds: [NO_SUCH_ID] } }, { code: 'BAD_USER_INPUT', field: 'clientIds', reason: 'LINKED_CLIENT_NOT_FOUND' });
    await refused('rep', MOVE, { id: own.id, status: 'BLOCKED', reason: '   ' }, { code: 'BAD_USER_INPUT', field: 'blockedReason', reason: 'BLOCKED_REASON_REQUIRED' });
    await refused('rep', PROGRESS, { id: own.id, units: 0 }, { code: 'BAD_USER_INPUT', field: 'units', reason: 'UNITS_REQUIRED' });
  });

  it('moves only approved work, decides a proposal once, and leaves a closed sprint\'s processes in its history', async () => {
    const pending = await one<{ id: string; title: string }>(`SELECT id, title FROM sales_process WHERE team_id = $1 AND approval = 'PENDING' ORDER BY title LIMIT 1`, [teamId]);
    await refused('lead', MOVE, { id: pending.id, status: 'IN_PROGRESS' }, { code: 'CONFLICT', reason: 'NOT_APPROVED', params: { title: pending.title } });
    const approved = await repProcess();
    await refused('lead', APPROVE, { id: approved.id }, { code: 'CONFLICT', reason: 'NOT_PENDING', params: { title: approved.title } });
    await refused('lead', REJECT, { id: approved.id }, { code: 'CONFLICT', reason: 'NOT_PENDING', params: { title: approved.title } });

    const history = await one<{ id: string }>(`SELECT id FROM sales_process WHERE sprint_id = $1 AND approval = 'APPROVED' ORDER BY title LIMIT 1`, [closed.id]);
    const closedSprint = { code: 'CONFLICT', reason: 'SPRINT_CLOSED', params: { sprint: closed.name } };
    await refused('lead', MOVE, { id: history.id, status: 'IN_PROGRESS' }, closedSprint);
    await refused('lead', PLAN, { id: history.id, sprint: null }, closedSprint);
    const backlog = await createProcess({ title: 'В закрытый спринт (отказы)', ownerId: members.rep });
    await refused('lead', PLAN, { id: backlog.id, sprint: closed.id }, closedSprint);
  });

  it('keeps the built-in templates\' names and one template per name (BUILTIN_TEMPLATE_NAME, DUPLICATE)', async () => {
    const template = (name: string) => ({ i: { name, targetKind: 'CALLS', targetValue: 10, steps: ['Позвонить'] } });
    const [builtin] = BUILTIN_PROCESS_TEMPLATES;
    await refused('lead', TEMPLATE, template(builtin.name.ru), { code: 'BAD_USER_INPUT', field: 'name', reason: 'BUILTIN_TEMPLATE_NAME', params: { name: builtin.name.ru } });
    await refused('director', TEMPLATE, template(`  ${builtin.name.en} `), { code: 'BAD_USER_INPUT', field: 'name', reason: 'BUILTIN_TEMPLATE_NAME', params: { name: builtin.name.en } });
    const first = await t.gql(TEMPLATE, template('Тендерная заявка (отказы)'), { token: tokens.lead });
    expect(first.errors).toBeUndefined();
    const error = await refused('director', TEMPLATE, template('Тендерная заявка (отказы) '), { code: 'BAD_USER_INPUT', field: 'name', reason: 'DUPLICATE', params: { name: 'Тендерная заявка (отказы)' } });
    expect(error.message).toBe('A template with this name exists already.');
  });

  it('sets reminders for oneself (the lead for the team), with what each kind needs, at most 20 a process', async () => {
    const own = await repProcess();
    const undated = await createProcess({ title: 'Без срока (отказы)', ownerId: members.rep });
    const remind = (extra: Record<string, unknown>) => ({ i: { processId: own.id, kind: 'AT', at: '2030-01-01T09:00:00Z', ...extra } });
    const others = await refused('rep', ADD_REMINDER, remind({ recipientMemberId: members.rep2 }), { code: 'FORBIDDEN', reason: 'OWN_REMINDERS_ONLY' });
    expect(others.message).toBe('You set reminders for yourself; the lead sets them for the team.');
    await refused('coach', ADD_REMINDER, remind({ recipientMemberId: members.rep }), { code: 'FORBIDDEN', reason: 'OWN_REMINDERS_ONLY' });
    await refused('lead', ADD_REMINDER, remind({ recipientMemberId: members.vip1 }), { code: 'BAD_USER_INPUT', field: 'recipientMemberId', reason: 'OWNER_NOT_IN_TEAM' });
    await refused('rep', ADD_REMINDER, remind({ at: null }), { code: 'BAD_USER_INPUT', field: 'at', reason: 'REMINDER_TIME_REQUIRED' });
    await refused('rep', ADD_REMINDER, remind({ kind: 'RECURRING', at: null, everyDays: 2 }), { code: 'BAD_USER_INPUT', field: 'at', reason: 'REMINDER_TIME_REQUIRED' });
    await refused('rep', ADD_REMINDER, remind({ kind: 'RECURRING' }), { code: 'BAD_USER_INPUT', field: 'everyDays', reason: 'REMINDER_INTERVAL_REQUIRED' });
    await refused('rep', ADD_REMINDER, remind({ kind: 'BEFORE_DUE', at: null }), { code: 'BAD_USER_INPUT', field: 'offsetMinutes', reason: 'REMINDER_OFFSET_REQUIRED' });
    await refused('rep', ADD_REMINDER, remind({ processId: undated.id, kind: 'BEFORE_DUE', at: null, offsetMinutes: 60 }), { code: 'BAD_USER_INPUT', field: 'kind', reason: 'NO_DUE_TIME', params: { title: undated.title } });

    // the lead's reminder for a colleague stays: the rep removes only their own
    const colleague = await t.gql<{ addReminder: { id: string } }>(ADD_REMINDER, remind({ recipientMemberId: members.rep2 }), { token: tokens.lead });
    expect(colleague.errors).toBeUndefined();
    const removal = await refused('rep', REMOVE_REMINDER, { id: colleague.data!.addReminder.id }, { code: 'FORBIDDEN', reason: 'OWN_REMINDERS_ONLY' });
    expect(removal.message).toBe('You remove your own reminders; the lead removes any.');

    const org = (await one<{ id: string }>('SELECT organization_id AS id FROM team WHERE id = $1', [teamId])).id;
    await db.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, next_at, note)
       SELECT $1, $2, $3, 'AT', now() + g * interval '1 day', now() + g * interval '1 day', 'refusals' FROM generate_series(1, 20 - (SELECT count(*)::int FROM reminder WHERE process_id = $2)) g`,
      [org, own.id, members.rep],
    );
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM reminder WHERE process_id = $1', [own.id])).n).toBe(20);
    await refused('rep', ADD_REMINDER, remind({}), { code: 'BAD_USER_INPUT', field: 'processId', reason: 'VALUE_TOO_MANY', limit: 20 });
  });
});
