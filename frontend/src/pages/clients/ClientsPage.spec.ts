import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circleHandler } from '@/testing/circle-fixtures';
import { clientRow, clientsReply, MEMBER_OPTIONS } from '@/testing/client-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

type Overrides = Parameters<typeof circleHandler>[1];

function clientsFetch(user: CurrentUser, overrides: Overrides = {}) {
  return createFakeFetch(
    circleHandler(user, {
      Clients: () => clientsReply([clientRow(1), clientRow(2), clientRow(3)], 1234, true),
      MemberOptions: () => ({ json: { data: { members: MEMBER_OPTIONS } } }),
      ...overrides,
    }),
  );
}

async function mountClients(user: CurrentUser, fake: ReturnType<typeof createFakeFetch>, path = '/clients') {
  seedSession(user);
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch });
  await flushPromises();
  return { root, ctx };
}

const clientRequests = (fake: ReturnType<typeof createFakeFetch>) => fake.requests.filter((r) => r.body.operationName === 'Clients');

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ClientsPage', () => {
  it('shows a page of clients with the total, roubles and the filter from the address', async () => {
    const fake = clientsFetch(USERS.DIRECTOR);
    const { root } = await mountClients(USERS.DIRECTOR, fake, '/clients?region=Урал&stage=ACTIVE');
    expect(clientRequests(fake)[0]?.body.variables).toEqual({ filter: { regions: ['Урал'], stages: ['ACTIVE'] }, first: 50, after: null, countLimit: 10_000 });
    expect(root.get('[data-testid="clients-total"]').attributes('data-count')).toBe('1234');
    // The director's saved language is Russian: Russian plurals and number format.
    expect(root.get('[data-testid="clients-total"]').text().replace(/\u00a0/g, ' ')).toBe('1 234 клиента');
    expect(root.findAll('[data-testid="client-row"]')).toHaveLength(3);
    expect(root.get('[data-testid="client-potential"]').text().replace(/\u00a0/g, ' ')).toBe('1 500 000 ₽');
    expect(root.get('[data-testid="clients-filter-region"]').element).toHaveProperty('value', 'Урал');
    expect(root.get('[data-testid="clients-filter-stage"] [data-value="ACTIVE"]').attributes('aria-pressed')).toBe('true');
    expect(fake.violations).toEqual([]);
  });

  it('shows a total the server stopped counting at its limit as "10 000+", in Russian and English', async () => {
    for (const [user, total, range] of [
      [USERS.DIRECTOR, '10 000+ клиентов', '1–3 из 10 000+'],
      [USERS.LEAD, '10,000+ clients', '1–3 of 10,000+'],
    ] as const) {
      const fake = clientsFetch(user, { Clients: () => clientsReply([clientRow(1), clientRow(2), clientRow(3)], 10_000, true, true) });
      const { root } = await mountClients(user, fake);
      expect(root.get('[data-testid="clients-total"]').attributes('data-capped')).toBe('true');
      expect(root.get('[data-testid="clients-total"]').text().replace(/\u00a0/g, ' ')).toBe(total);
      expect(root.get('[data-testid="clients-range"]').text().replace(/\u00a0/g, ' ')).toBe(range);
      document.body.innerHTML = '';
    }
  });

  it('puts a changed filter in the address and asks the server again from the first page', async () => {
    const fake = clientsFetch(USERS.DIRECTOR);
    const { root, ctx } = await mountClients(USERS.DIRECTOR, fake);
    await root.get('[data-testid="clients-next"]').trigger('click');
    await flushPromises();
    expect(clientRequests(fake).at(-1)?.body.variables).toMatchObject({ after: 'cur-c-3' });

    await root.get('[data-testid="clients-filter-stage"] [data-value="REGULAR"]').trigger('click');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ stage: 'REGULAR' });
    expect(clientRequests(fake).at(-1)?.body.variables).toEqual({ filter: { stages: ['REGULAR'] }, first: 50, after: null, countLimit: 10_000 });

    const region = root.get('[data-testid="clients-filter-region"]');
    await region.setValue('Урал, Юг');
    await region.trigger('change');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ stage: 'REGULAR', region: 'Урал,Юг' });
    expect(clientRequests(fake).at(-1)?.body.variables).toMatchObject({ filter: { stages: ['REGULAR'], regions: ['Урал', 'Юг'] } });
  });

  it('says beside the potential that a negative or non-number bound is not taken, and keeps the last good one', async () => {
    const fake = clientsFetch(USERS.DIRECTOR);
    const { root, ctx } = await mountClients(USERS.DIRECTOR, fake, '/clients?min=1000');
    const min = root.get('[data-testid="clients-filter-potentialMin"]');
    const asked = clientRequests(fake).length;
    await min.setValue('-5000'); // input, then change
    await flushPromises();
    expect(root.get('[data-testid="clients-filter-potential-error"]').text()).toBe('Введите сумму в рублях, не меньше 0 (например, 1 000 000).');
    expect(min.attributes('aria-invalid')).toBe('true');
    expect((min.element as HTMLInputElement).value).toBe('-5000');
    expect(ctx.router.currentRoute.value.query).toEqual({ min: '1000' });
    expect(clientRequests(fake)).toHaveLength(asked);

    await min.setValue('2000'); // input, then change
    await flushPromises();
    expect(root.find('[data-testid="clients-filter-potential-error"]').exists()).toBe(false);
    expect(ctx.router.currentRoute.value.query).toEqual({ min: '2000' });

    const max = root.get('[data-testid="clients-filter-potentialMax"]');
    await max.setValue('abc'); // input, then change
    await flushPromises();
    expect(root.find('[data-testid="clients-filter-potential-error"]').exists()).toBe(true);
    await root.get('[data-testid="clients-filter-clear"]').trigger('click');
    await flushPromises();
    expect(root.find('[data-testid="clients-filter-potential-error"]').exists()).toBe(false);
    expect((root.get('[data-testid="clients-filter-potentialMax"]').element as HTMLInputElement).value).toBe('');
    expect(ctx.router.currentRoute.value.query).toEqual({});
  });

  it('reassigns the selected clients with the versions shown, and says so', async () => {
    const fake = clientsFetch(USERS.DIRECTOR, { ReassignClients: () => ({ json: { data: { reassignClients: 2 } } }) });
    const { root } = await mountClients(USERS.DIRECTOR, fake);
    const boxes = root.findAll('[data-testid="client-select"]');
    await boxes[0]!.setValue(true);
    await boxes[2]!.setValue(true);
    await root.get('[data-testid="clients-reassign"]').trigger('click');
    const options = root.findAll('[data-testid="reassign-member"] option').map((o) => o.text());
    expect(options).not.toContain('Carl Coach');
    await root.get('[data-testid="reassign-submit"]').trigger('submit');
    expect(root.text()).toContain('Выберите нового владельца.');
    await root.get('[data-testid="reassign-member"]').setValue('m-rep3');
    await root.get('[data-testid="reassign-reason"]').setValue('  client asked  ');
    await root.get('[data-testid="reassign-panel"]').trigger('submit');
    await flushPromises();
    const sent = fake.requests.find((r) => r.body.operationName === 'ReassignClients');
    expect(sent?.body.variables).toEqual({ input: { clientIds: ['c-1', 'c-3'], expectedVersions: [1, 3], toMemberId: 'm-rep3', reason: 'client asked' } });
    expect(root.get('[data-testid="toast"][data-tone="success"]').text()).toContain('2 клиента теперь у Fiona Farmer.');
    expect(root.find('[data-testid="reassign-panel"]').exists()).toBe(false);
    expect(clientRequests(fake)).toHaveLength(2);
  });

  it('shows a conflict clearly and reloads the list', async () => {
    const fake = clientsFetch(USERS.DIRECTOR, {
      ReassignClients: (): FakeReply => ({ json: graphQLError('CONFLICT', '"ООО «Клиент 1»" was changed by someone else meanwhile; nothing was reassigned.', { reason: 'STALE_VERSION', params: { name: 'ООО «Клиент 1»' } }) }),
    });
    const { root } = await mountClients(USERS.DIRECTOR, fake);
    await root.findAll('[data-testid="client-select"]')[0]!.setValue(true);
    await root.get('[data-testid="clients-reassign"]').trigger('click');
    await root.get('[data-testid="reassign-member"]').setValue('m-rep3');
    await root.get('[data-testid="reassign-reason"]').setValue('move');
    await root.get('[data-testid="reassign-panel"]').trigger('submit');
    await flushPromises();
    const conflict = root.get('[data-testid="reassign-conflict"]');
    expect(conflict.text()).toContain('Никто не передан');
    // which client changed, in the page's language (not the server's English sentence)
    expect(conflict.get('[data-testid="reassign-conflict-detail"]').text()).toBe('ООО «Клиент 1»: данные уже изменил кто-то другой. Проверьте актуальные данные и повторите.');
    expect(conflict.text()).not.toContain('was changed by someone else');
    expect(clientRequests(fake)).toHaveLength(2);
  });

  it('tells a coach why there are no clients, without asking the server for them', async () => {
    const fake = clientsFetch(USERS.COACH);
    const { root } = await mountClients(USERS.COACH, fake);
    expect(root.get('[data-testid="clients-coach"]').text()).toContain('Coaches do not see clients');
    expect(clientRequests(fake)).toHaveLength(0);
    expect(root.find('[data-testid="clients-export"]').exists()).toBe(false);
  });

  it('shows a rep their clients without selection or the owner filter', async () => {
    const fake = clientsFetch(USERS.SALES, { Clients: () => clientsReply([clientRow(1)]) });
    const { root } = await mountClients(USERS.SALES, fake);
    expect(root.findAll('[data-testid="client-row"]')).toHaveLength(1);
    expect(root.find('[data-testid="client-select"]').exists()).toBe(false);
    expect(root.find('[data-testid="clients-filter-owner"]').exists()).toBe(false);
    expect(fake.requests.some((r) => r.body.operationName === 'MemberOptions')).toBe(false);
    expect(root.get('[data-testid="clients-total"]').text()).toBe('1 client');
  });

  it('explains an empty filtered list', async () => {
    const fake = clientsFetch(USERS.DIRECTOR, { Clients: () => clientsReply([], 0) });
    const { root } = await mountClients(USERS.DIRECTOR, fake, '/clients?q=nothing');
    expect(root.get('[data-testid="empty-state"]').text()).toContain('Ни один клиент не подходит под фильтр.');
  });
});
