import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessDetailFragment } from '@/graphql/generated';
import { circleHandler, PEOPLE } from '@/testing/circle-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { seedSession, TEAMS, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import { processDetail } from '@/testing/sprint-fixtures';
import { dueMoment } from '@/utils/process-edit';
import type { CurrentUser } from '@/utils/session';

type Handler = (variables: Record<string, unknown>) => FakeReply;

const KAMA = {
  id: 'c-kama',
  name: 'Kama Trade',
  stage: 'PROSPECT',
  owner: { id: PEOPLE.prospector, name: 'Pavel Prospector' },
  deals: [
    { id: 'd-kama-1', title: 'Kama pilot', amount: '90000', stageName: 'Qualification', stageKind: 'OPEN' },
    { id: 'd-kama-2', title: 'Kama service', amount: '40000', stageName: 'Proposal', stageKind: 'OPEN' },
  ],
};

/** The process page over a fake API: the process loads and reloads from `current`, an update answers with `update`. */
function processFetch(user: CurrentUser, start: ProcessDetailFragment, overrides: Partial<Record<string, Handler>> = {}) {
  const state = { current: start };
  const fake = createFakeFetch(
    circleHandler(user, {
      SalesProcess: () => ({ json: { data: { salesProcess: state.current } } }),
      Teams: () => ({ json: { data: { teams: TEAMS.slice(0, 1) } } }),
      ProcessClientDeals: (variables) => ({
        json: { data: { client: { id: variables.id, deals: variables.id === 'c-volga' ? [{ id: 'd-volga-1', title: 'Volga spring batch', amount: '250000', stageName: 'Proposal', stageKind: 'OPEN' }, { id: 'd-volga-2', title: 'Volga service contract', amount: '120000', stageName: 'Negotiation', stageKind: 'OPEN' }] : [] } } },
      }),
      ProcessClientSearch: () => ({ json: { data: { clients: { edges: [{ node: KAMA }] } } } }),
      ...overrides,
    }),
  );
  return { ...fake, state };
}

const ops = (fake: { requests: { body: { operationName?: string; variables: Record<string, unknown> } }[] }, name: string) => fake.requests.filter((r) => r.body.operationName === name);

async function openPage(user: CurrentUser, fake: ReturnType<typeof processFetch>, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const { root } = await mountRoute('/processes/p1', { fetch: fake.fetch, locale });
  await flushPromises();
  return root;
}

async function openForm(root: Awaited<ReturnType<typeof openPage>>) {
  await root.get('[data-testid="process-edit"]').trigger('click');
  await flushPromises();
  return root.get('[data-testid="process-edit-form"]');
}

const input = (root: Awaited<ReturnType<typeof openPage>>, testid: string) => root.get(`[data-testid="${testid}"]`).element as HTMLInputElement;

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ProcessPage: editing the process', () => {
  it('opens the form with the process as it is, in the language of the app', async () => {
    const fake = processFetch(USERS.LEAD, processDetail());
    const root = await openPage(USERS.LEAD, fake);
    expect(root.find('[data-testid="process-edit-form"]').exists()).toBe(false);
    await openForm(root);
    expect(root.find('[data-testid="process-edit"]').exists()).toBe(false);
    expect(input(root, 'process-edit-title').value).toBe('Call the Volga dealers');
    expect(input(root, 'process-edit-description').value).toBe('Stock left over from November.');
    // Dates the English way (the browser's own date field would follow the browser, not the app).
    expect(input(root, 'process-edit-starts').value).toBe('11/25/2026');
    expect(input(root, 'process-edit-due').value).toBe('12/04/2026');
    expect(input(root, 'process-edit-due').getAttribute('lang')).toBe('en');
    const owner = root.get('[data-testid="process-edit-owner"]');
    expect(owner.attributes('disabled')).toBeUndefined();
    expect(owner.findAll('option').map((o) => o.text())).toEqual(['Lena Lead', 'Pavel Prospector', 'Rita Rep']);
    expect((owner.element as HTMLSelectElement).value).toBe(PEOPLE.rep);
    expect(input(root, 'process-edit-target').value).toBe('40');
    expect(root.findAll('[data-testid="process-edit-linked-client"]').map((c) => c.attributes('data-id'))).toEqual(['c-volga']);
    // The other deal of the linked client is offered; the linked one is not.
    expect(root.findAll('[data-testid="process-edit-deal-option"]').map((d) => d.attributes('data-id'))).toEqual(['d-volga-2']);
    expect(ops(fake, 'ProcessClientDeals').map((r) => r.body.variables)).toEqual([{ id: 'c-volga' }]);
    expect(fake.violations).toEqual([]);
  });

  it('saves only what changed, with the version it opened, and shows the result', async () => {
    const fake = processFetch(USERS.LEAD, processDetail(), {
      UpdateProcess: (variables) => {
        const changes = (variables.input ?? {}) as Record<string, unknown>;
        fake.state.current = {
          ...fake.state.current,
          title: changes.title as string,
          dueAt: changes.dueAt as string,
          version: 2,
          clients: [...fake.state.current.clients, { id: KAMA.id, name: KAMA.name, stage: KAMA.stage, ownerName: KAMA.owner.name }],
          deals: [{ id: 'd-kama-1', title: 'Kama pilot', amount: '90000', stageName: 'Qualification', stageKind: 'OPEN' }],
        };
        return { json: { data: { updateProcess: fake.state.current } } };
      },
    });
    const root = await openPage(USERS.LEAD, fake);
    await openForm(root);
    await root.get('[data-testid="process-edit-title"]').setValue('  Call the Volga and Kama dealers ');
    // A date typed the English way (month first) without separators.
    await root.get('[data-testid="process-edit-due"]').setValue('12202026');
    expect(input(root, 'process-edit-due').value).toBe('12/20/2026');

    // A client found by name, linked; then one of its deals; the old deal removed.
    await root.get('[data-testid="process-edit-client-search"]').setValue('Kam');
    await new Promise((r) => setTimeout(r, 350));
    await flushPromises();
    expect(ops(fake, 'ProcessClientSearch').map((r) => r.body.variables)).toEqual([{ search: 'Kam', first: 8 }]);
    await root.get('[data-testid="process-edit-client-result"][data-id="c-kama"] [data-testid="process-edit-link-client"]').trigger('click');
    expect(root.findAll('[data-testid="process-edit-linked-client"]').map((c) => c.attributes('data-id'))).toEqual(['c-volga', 'c-kama']);
    expect(root.get('[data-testid="process-edit-client-result"][data-id="c-kama"]').text()).toContain('Linked');
    await root.get('[data-testid="process-edit-deal-filter"]').setValue('pilot');
    expect(root.findAll('[data-testid="process-edit-deal-option"]').map((d) => d.attributes('data-id'))).toEqual(['d-kama-1']);
    await root.get('[data-testid="process-edit-deal-option"][data-id="d-kama-1"] [data-testid="process-edit-link-deal"]').trigger('click');
    await root.get('[data-testid="process-edit-linked-deal"][data-id="d-volga-1"] [data-testid="process-edit-unlink-deal"]').trigger('click');
    expect(root.findAll('[data-testid="process-edit-linked-deal"]').map((d) => d.attributes('data-id'))).toEqual(['d-kama-1']);

    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    const update = ops(fake, 'UpdateProcess');
    expect(update).toHaveLength(1);
    expect(update[0]!.body.variables).toEqual({
      id: 'p1',
      input: {
        title: 'Call the Volga and Kama dealers',
        dueAt: dueMoment('2026-12-20'),
        clientIds: ['c-volga', 'c-kama'],
        dealIds: ['d-kama-1'],
        expectedVersion: 1,
        overrideWip: null,
      },
    });
    expect(root.find('[data-testid="process-edit-form"]').exists()).toBe(false);
    expect(root.get('[data-testid="page-title"]').text()).toBe('Call the Volga and Kama dealers');
    expect(root.get('[data-testid="process-clients"]').text()).toContain('Kama Trade');
    expect(root.get('[data-testid="toast"]').text()).toContain('Process saved.');
    expect(fake.violations).toEqual([]);
  });

  it('checks the form before sending, and says when nothing changed', async () => {
    const fake = processFetch(USERS.LEAD, processDetail());
    const root = await openPage(USERS.LEAD, fake);
    await openForm(root);
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="process-edit-unchanged"]').text()).toBe('Nothing to save: no field changed.');

    await root.get('[data-testid="process-edit-title"]').setValue('   ');
    await root.get('[data-testid="process-edit-target"]').setValue('-3');
    await root.get('[data-testid="process-edit-due"]').setValue('11/20/2026');
    expect(root.get('[data-testid="process-edit-problem-dueOn"]').text()).toBe('The due date is before the start date.');
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="process-edit-problem-title"]').text()).toBe('Give the process a title.');
    expect(root.get('[data-testid="process-edit-problem-target"]').text()).toBe('A number from 0 up.');
    expect(root.get('[data-testid="process-edit-title"]').attributes('aria-invalid')).toBe('true');
    expect(ops(fake, 'UpdateProcess')).toHaveLength(0);

    // A date that cannot be read keeps the last good one and is written back when the field is left.
    await root.get('[data-testid="process-edit-due"]').setValue('12/20/2026');
    expect(root.find('[data-testid="process-edit-problem-dueOn"]').exists()).toBe(false);
    expect(root.get('[data-testid="process-edit-due"]').attributes('aria-invalid')).toBeUndefined();
    input(root, 'process-edit-due').value = '31/31/2026';
    await root.get('[data-testid="process-edit-due"]').trigger('input');
    expect(root.get('[data-testid="process-edit-due"]').attributes('aria-invalid')).toBe('true');
    await root.get('[data-testid="process-edit-due"]').trigger('change');
    expect(input(root, 'process-edit-due').value).toBe('12/20/2026');
    expect(root.get('[data-testid="process-edit-due"]').attributes('aria-invalid')).toBeUndefined();
  });

  it('shows a field the API refused beside that field', async () => {
    const fake = processFetch(USERS.LEAD, processDetail(), {
      UpdateProcess: () => ({ json: graphQLError('BAD_USER_INPUT', 'A linked client was not found.', { field: 'clientIds', reason: 'LINKED_CLIENT_NOT_FOUND' }) }),
    });
    const root = await openPage(USERS.LEAD, fake);
    await openForm(root);
    await root.get('[data-testid="process-edit-linked-client"] [data-testid="process-edit-unlink-client"]').trigger('click');
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(ops(fake, 'UpdateProcess')[0]!.body.variables.input).toEqual({ clientIds: [], expectedVersion: 1, overrideWip: null });
    expect(root.get('[data-testid="process-edit-clients"]').text()).toContain('A linked client was not found: it may have been removed. Reload and choose again.');
    expect(root.find('[data-testid="process-edit-error"]').exists()).toBe(false);
  });

  it('shows a due date before the sprint starts (DUE_BEFORE_SPRINT) at the due date, in the language of the app', async () => {
    const lead = { ...USERS.LEAD, locale: 'ru' as const };
    // The page read the sprint as starting on 19.11 (the form's own check lets 20.11 go); it has moved to 23.11 since.
    const fake = processFetch(lead, processDetail({ sprint: { id: 's-20', name: 'Sprint 20', startsOn: '2026-11-19' } }), {
      UpdateProcess: () => ({
        json: graphQLError('BAD_USER_INPUT', 'The due date 2026-11-20 is before the sprint "Sprint 20" starts on 2026-11-23: choose 2026-11-23 or later.', {
          field: 'dueAt',
          reason: 'DUE_BEFORE_SPRINT',
          params: { dueOn: '2026-11-20', sprint: 'Sprint 20', startsOn: '2026-11-23' },
        }),
      }),
    });
    const root = await openPage(lead, fake, 'ru');
    await openForm(root);
    // Before the start day of the process (25.11) would be the form's own check: the sprint's start is the API's.
    await root.get('[data-testid="process-edit-starts"]').setValue('');
    await root.get('[data-testid="process-edit-due"]').setValue('20.11.2026');
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(ops(fake, 'UpdateProcess')[0]!.body.variables.input).toMatchObject({ dueAt: dueMoment('2026-11-20') });
    expect(root.get('[data-testid="process-edit-problem-dueOn"]').text()).toBe('Срок 20 ноября 2026 г. раньше начала спринта «Sprint 20» (23 ноября 2026 г.): у процесса в спринте срок не раньше его первого дня.');
    expect(root.get('[data-testid="process-edit-due"]').attributes('aria-invalid')).toBe('true');
    expect(root.find('[data-testid="process-edit-error"]').exists()).toBe(false);
  });

  it('explains a change made meanwhile and reloads the latest version into the form', async () => {
    const fake = processFetch(USERS.LEAD, processDetail(), {
      UpdateProcess: () => ({ json: graphQLError('CONFLICT', 'Someone changed this process meanwhile. Reload and try again.', { reason: 'VERSION_MISMATCH' }) }),
    });
    const root = await openPage(USERS.LEAD, fake);
    await openForm(root);
    await root.get('[data-testid="process-edit-title"]').setValue('My title');
    // Meanwhile someone else renames it.
    fake.state.current = { ...fake.state.current, title: 'Their title', version: 2 };
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    const conflict = root.get('[data-testid="process-edit-conflict"]');
    expect(conflict.text()).toContain('Someone changed this process while you were editing it.');
    expect(conflict.text()).toContain('Your changes are not saved.');
    expect(ops(fake, 'UpdateProcess')[0]!.body.variables.input).toMatchObject({ title: 'My title', expectedVersion: 1 });

    await conflict.get('[data-testid="process-edit-reload"]').trigger('click');
    await flushPromises();
    expect(ops(fake, 'SalesProcess')).toHaveLength(2);
    expect(root.find('[data-testid="process-edit-conflict"]').exists()).toBe(false);
    expect(input(root, 'process-edit-title').value).toBe('Their title');
    expect(root.get('[data-testid="page-title"]').text()).toBe('Their title');
  });

  it('lets the lead hand the process to someone over their WIP limit, on purpose', async () => {
    const fake = processFetch(USERS.LEAD, processDetail(), {
      UpdateProcess: (variables) =>
        (variables.input as { overrideWip: boolean | null }).overrideWip
          ? { json: { data: { updateProcess: { ...fake.state.current, owner: { id: PEOPLE.prospector, name: 'Pavel Prospector' }, version: 2 } } } }
          : { json: graphQLError('WIP_LIMIT', 'That would make 6 processes in progress for Pavel Prospector, over the limit of 5.', { reason: 'MEMBER_WIP_LIMIT' }) },
    });
    const root = await openPage(USERS.LEAD, fake);
    await openForm(root);
    await root.get('[data-testid="process-edit-owner"]').setValue(PEOPLE.prospector);
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    const refusal = root.get('[data-testid="process-edit-error"]');
    expect(refusal.get('[data-testid="refusal"]').attributes('data-reason')).toBe('MEMBER_WIP_LIMIT');
    expect(refusal.text()).toContain('This person is at their work-in-progress limit.');
    await refusal.get('[data-testid="process-edit-override"]').trigger('click');
    await flushPromises();
    expect(ops(fake, 'UpdateProcess').map((r) => r.body.variables.input)).toEqual([
      { ownerId: PEOPLE.prospector, expectedVersion: 1, overrideWip: null },
      { ownerId: PEOPLE.prospector, expectedVersion: 1, overrideWip: true },
    ]);
    expect(root.find('[data-testid="process-edit-form"]').exists()).toBe(false);
  });

  it('lets an owner edit but not hand over, offers no override, and in Russian writes dates day first', async () => {
    const rep = { ...USERS.SALES, locale: 'ru' as const };
    const fake = processFetch(rep, processDetail(), {
      UpdateProcess: () => ({ json: graphQLError('WIP_LIMIT', 'Over the limit.', { reason: 'TEAM_WIP_LIMIT' }) }),
    });
    const root = await openPage(rep, fake, 'ru');
    await openForm(root);
    const owner = root.get('[data-testid="process-edit-owner"]');
    expect(owner.attributes('disabled')).toBeDefined();
    expect(root.get('[data-testid="process-edit-form"]').text()).toContain('Передать процесс другому владельцу может только руководитель.');
    expect(input(root, 'process-edit-due').value).toBe('04.12.2026');
    expect(input(root, 'process-edit-due').placeholder).toBe('ДД.ММ.ГГГГ');
    await root.get('[data-testid="process-edit-due"]').setValue('5.12.2026');
    await root.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(ops(fake, 'UpdateProcess')[0]!.body.variables.input).toEqual({ dueAt: dueMoment('2026-12-05'), expectedVersion: 1, overrideWip: null });
    expect(root.get('[data-testid="process-edit-error"]').text()).toContain('Команда упёрлась в WIP-лимит.');
    expect(root.find('[data-testid="process-edit-override"]').exists()).toBe(false);
  });

  it('shows no edit button to someone who does not work on the process', async () => {
    const notMine = processDetail({ owner: { id: PEOPLE.prospector, name: 'Pavel Prospector' } });
    for (const user of [USERS.SALES, USERS.COACH]) {
      const fake = processFetch(user, notMine);
      const root = await openPage(user, fake);
      expect(root.get('[data-testid="page-title"]').text()).toBe('Call the Volga dealers');
      expect(root.find('[data-testid="process-edit"]').exists()).toBe(false);
      root.unmount();
    }
  });
});

describe('ProcessPage: a reminder at a time', () => {
  it('takes the day the way the app language writes it and a 24-hour time', async () => {
    const fake = processFetch(USERS.LEAD, processDetail(), { AddReminder: () => ({ json: { data: { addReminder: { id: 'r-1' } } } }) });
    const root = await openPage(USERS.LEAD, fake);
    await root.get('[data-testid="reminder-kind"]').setValue('AT');
    expect(root.get('[data-testid="reminder-at"]').attributes('placeholder')).toBe('MM/DD/YYYY');
    await root.get('[data-testid="reminder-at"]').setValue('12/15/2026');
    await root.get('[data-testid="reminder-time"]').setValue('25:00');
    expect(root.get('[data-testid="reminder-add"]').attributes('disabled')).toBeDefined();
    await root.get('[data-testid="reminder-time"]').setValue('14:30');
    await root.get('[data-testid="reminder-form"]').trigger('submit');
    await flushPromises();
    expect(ops(fake, 'AddReminder')[0]!.body.variables.input).toMatchObject({ processId: 'p1', kind: 'AT', at: new Date('2026-12-15T14:30:00').toISOString(), offsetMinutes: null });
  });
});
