import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphQLClient } from '@/graphql/client';
import { GRAPHQL_CLIENT_KEY } from '@/graphql/provide';
import { createAppI18n } from '@/i18n';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { processDetail } from '@/testing/sprint-fixtures';
import ProcessEditForm from './ProcessEditForm.vue';

/** The edit form of process p1 over a fake API: the linked client's deals load, the update is answered with `update()`. */
async function mountForm(update: () => FakeReply, locale: 'en' | 'ru' = 'en', process = processDetail()) {
  const fake = createFakeFetch((request) => {
    if (request.body.operationName === 'ProcessClientDeals') return { json: { data: { client: { id: request.body.variables.id, deals: [] } } } };
    if (request.body.operationName === 'UpdateProcess') return update();
    return undefined;
  });
  const wrapper = mount(ProcessEditForm, {
    props: { process, owners: [{ id: 'm-rep1', name: 'Rita Rep' }], mayRun: true },
    global: { plugins: [createAppI18n(locale)], provide: { [GRAPHQL_CLIENT_KEY as symbol]: createGraphQLClient({ fetch: fake.fetch }) } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, fake };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ProcessEditForm', () => {
  it('shows a refusal of the priority under the priority select', async () => {
    const { wrapper, fake } = await mountForm(() => ({ json: graphQLError('BAD_USER_INPUT', 'priority must be one of the following values: LOW, MEDIUM, HIGH', { field: 'priority', reason: 'VALUE_NOT_ALLOWED' }) }), 'ru');
    await wrapper.get('[data-testid="process-edit-priority"]').setValue('HIGH');
    await wrapper.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'UpdateProcess')?.body.variables.input).toMatchObject({ priority: 'HIGH' });
    expect(wrapper.get('[data-testid="process-edit-problem-priority"]').text()).toBe('Такое значение недопустимо.');
    expect(wrapper.get('[data-testid="process-edit-priority"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="process-edit-error"]').exists()).toBe(false);
    expect(fake.violations).toEqual([]);
  });

  it("checks a due date moved before the sprint's first day before sending, and leaves a carried-over overdue date alone", async () => {
    // no start date of its own: the sprint's first day is what bounds the due date
    const { wrapper, fake } = await mountForm(() => ({ json: { data: null } }), 'ru', processDetail({ startsOn: null }));
    await wrapper.get('[data-testid="process-edit-due"]').setValue('2026-11-20');
    await wrapper.get('[data-testid="process-edit-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="process-edit-problem-dueOn"]').text()).toBe('Спринт «Sprint 20» начинается 23 ноября 2026 г.: срок не может быть раньше.');
    expect(fake.requests.some((r) => r.body.operationName === 'UpdateProcess')).toBe(false);
    await wrapper.get('[data-testid="process-edit-due"]').setValue('2026-11-23');
    expect(wrapper.find('[data-testid="process-edit-problem-dueOn"]').exists()).toBe(false);
    wrapper.unmount();

    // a process carried over with a date before this sprint: editing its title is not refused for the date it keeps
    const { wrapper: carried } = await mountForm(() => ({ json: { data: null } }), 'en', processDetail({ startsOn: null, dueAt: '2026-11-18T15:00:00.000Z' }));
    expect(carried.find('[data-testid="process-edit-problem-dueOn"]').exists()).toBe(false);
    await carried.get('[data-testid="process-edit-due"]').setValue('2026-11-19');
    expect(carried.get('[data-testid="process-edit-problem-dueOn"]').text()).toBe('The sprint «Sprint 20» starts on November 23, 2026: the due date cannot be earlier.');
  });

  it('says every refusal somewhere: beside the field the server named, else above the buttons', async () => {
    const shownAt: Record<string, string> = {
      title: 'process-edit-problem-title',
      description: 'process-edit-problem-description',
      startsOn: 'process-edit-problem-startsOn',
      dueAt: 'process-edit-problem-dueOn',
      ownerId: 'process-edit-problem-owner',
      priority: 'process-edit-problem-priority',
      target: 'process-edit-problem-target',
      targetKind: 'process-edit-problem-target',
      clientIds: 'process-edit-problem-clients',
      dealIds: 'process-edit-problem-deals',
      expectedVersion: 'process-edit-error',
    };
    for (const [field, testid] of Object.entries(shownAt)) {
      const message = `Refused: ${field}.`;
      const { wrapper } = await mountForm(() => ({ json: graphQLError('BAD_USER_INPUT', message, { field }) }));
      await wrapper.get('[data-testid="process-edit-title"]').setValue('Call the Volga and Kama dealers');
      await wrapper.get('[data-testid="process-edit-form"]').trigger('submit');
      await flushPromises();
      const shown = wrapper.findAll('.field-error, [data-testid="process-edit-error"]').filter((e) => e.text().includes(message));
      expect(shown.map((e) => e.attributes('data-testid')), field).toEqual([testid]);
      wrapper.unmount();
    }
  });
});
