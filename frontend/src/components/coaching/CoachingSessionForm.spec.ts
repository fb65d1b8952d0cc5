import { DEFAULT_COACHING_CRITERIA } from '@salescircle/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphQLClient } from '@/graphql/client';
import { GRAPHQL_CLIENT_KEY } from '@/graphql/provide';
import { createAppI18n } from '@/i18n';
import { COACHING_TEMPLATES } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import CoachingSessionForm from './CoachingSessionForm.vue';

/** The form for m-rep1 over a fake API: templates load, a session is answered with `record()`. */
async function mountForm(record: () => FakeReply, locale: 'en' | 'ru' = 'en') {
  const fake = createFakeFetch((request) => {
    if (request.body.operationName === 'CoachingTemplates') return { json: { data: { coachingTemplates: COACHING_TEMPLATES } } };
    if (request.body.operationName === 'RecordCoachingSession') return record();
    return undefined;
  });
  const wrapper = mount(CoachingSessionForm, {
    props: { coacheeId: 'm-rep1' },
    global: { plugins: [createAppI18n(locale)], provide: { [GRAPHQL_CLIENT_KEY as symbol]: createGraphQLClient({ fetch: fake.fetch }) } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, fake };
}

async function send(wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper']): Promise<void> {
  await wrapper.get('[data-testid="coaching-form"]').trigger('submit');
  await flushPromises();
}

/** The score selects' shown option texts, one per criterion ('' when none is selected). */
const shownScores = (wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper']) =>
  wrapper.findAll<HTMLSelectElement>('[data-testid^="coaching-form-score-"]').map((s) => s.element.selectedOptions[0]?.textContent ?? '');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('CoachingSessionForm', () => {
  it('shows the server\'s refusal of the coachee (a session with oneself) above the form, whole in English and in Russian', async () => {
    const refused = () => ({ json: graphQLError('BAD_USER_INPUT', 'A session is with someone else.', { field: 'coacheeId', reason: 'SELF_SESSION' }) });
    const en = await mountForm(refused);
    await send(en.wrapper);
    expect(en.fake.requests.find((r) => r.body.operationName === 'RecordCoachingSession')?.body.variables.input).toMatchObject({ coacheeId: 'm-rep1' });
    const line = en.wrapper.get('[data-testid="coaching-form-error"]');
    expect(line.isVisible()).toBe(true);
    expect(line.attributes('role')).toBe('alert');
    expect(line.text()).toBe('A coaching session is with someone else: you cannot record one with yourself.');
    expect(en.wrapper.find('[data-testid="coaching-form-saved"]').exists()).toBe(false);
    expect(en.fake.violations).toEqual([]);
    en.wrapper.unmount();

    const ru = await mountForm(refused, 'ru');
    await send(ru.wrapper);
    // one sentence in Russian, the server's English one not after it
    expect(ru.wrapper.get('[data-testid="coaching-form-error"]').text()).toBe('Коуч-сессия проводится с другим человеком: записать её с самим собой нельзя.');
  });

  it('shows a refusal of the template under the template picker', async () => {
    const { wrapper } = await mountForm(() => ({ json: graphQLError('BAD_USER_INPUT', 'templateId must be a UUID', { field: 'templateId' }) }));
    await wrapper.get('[data-testid="coaching-form-template"]').setValue('ct-1');
    await send(wrapper);
    const line = wrapper.get('[data-testid="coaching-form-error-templateId"]');
    expect(line.text()).toBe('templateId must be a UUID');
    expect(line.element.parentElement?.contains(wrapper.get('[data-testid="coaching-form-template"]').element)).toBe(true);
    expect(wrapper.get('[data-testid="coaching-form-template"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="coaching-form-error"]').exists()).toBe(false);
  });

  it('says every refusal somewhere: at the field it names when the form has a line for it, else above the form', async () => {
    const lines: Record<string, string> = {
      heldOn: 'coaching-form-error-heldOn',
      templateId: 'coaching-form-error-templateId',
      scores: 'coaching-form-error-scores',
      'scores.0.score': 'coaching-form-error-scores',
      notes: 'coaching-form-error-notes',
      actions: 'coaching-form-error-actions',
      'actions.0.title': 'coaching-form-error-actions',
      coacheeId: 'coaching-form-error',
      input: 'coaching-form-error',
    };
    for (const [field, testid] of Object.entries(lines)) {
      const message = `Refused: ${field}.`;
      const { wrapper } = await mountForm(() => ({ json: graphQLError('BAD_USER_INPUT', message, { field }) }));
      await send(wrapper);
      const shown = wrapper.findAll('.field-error').filter((p) => p.text().includes(message));
      expect(shown.map((p) => p.attributes('data-testid')), field).toEqual([testid]);
      wrapper.unmount();
    }
  });

  it('starts each score at "—", and is back at "—" for a template\'s criteria and after a session is saved', async () => {
    const { wrapper, fake } = await mountForm(() => ({ json: { data: { recordCoachingSession: 'cs-9' } } }));
    expect(shownScores(wrapper)).toEqual(DEFAULT_COACHING_CRITERIA.map(() => '—'));
    await wrapper.get('[data-testid="coaching-form-score-0"]').setValue('4');
    await wrapper.get('[data-testid="coaching-form-template"]').setValue('ct-1');
    expect(shownScores(wrapper)).toEqual(['—', '—']);
    await wrapper.get('[data-testid="coaching-form-score-1"]').setValue('3');
    expect(shownScores(wrapper)).toEqual(['—', '3']);
    await send(wrapper);
    expect(fake.requests.find((r) => r.body.operationName === 'RecordCoachingSession')?.body.variables.input).toMatchObject({ templateId: 'ct-1', scores: [{ criterion: 'Следующий шаг', score: 3 }] });
    expect(wrapper.get('[data-testid="coaching-form-saved"]').text()).toBe('The session is recorded.');
    expect(shownScores(wrapper)).toEqual(['—', '—']);
  });
});
