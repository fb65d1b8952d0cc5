import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coachingPage } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountCoaching(user: CurrentUser, path = '/coaching/m-rep1', overrides: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('CoachingPage', () => {
  it('shows the coach the sessions with scores, notes and action items, the flags and the KPI history', async () => {
    const { root, fake } = await mountCoaching(USERS.COACH);
    expect(fake.requests.find((r) => r.body.operationName === 'CoachingPage')?.body.variables).toEqual({ memberId: 'm-rep1' });
    expect(root.get('[data-testid="page-title"]').text()).toBe('Coaching');
    expect((root.get('[data-testid="coaching-member"]').element as HTMLSelectElement).value).toBe('m-rep1');
    const sessions = root.findAll('[data-testid="coaching-session"]');
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.get('[data-testid="coaching-session-score"]').text()).toContain('3.75 of 5');
    expect(sessions[0]!.findAll('[data-testid="coaching-session-criterion"]').map((c) => c.text())).toEqual(['Подготовка: 4', 'Следующий шаг: 3']);
    expect(sessions[0]!.get('[data-testid="coaching-session-notes"]').text()).toBe('Rushes the demo; ask open questions.');
    expect(root.find('[data-testid="coaching-session-private"]').exists()).toBe(false);
    expect(sessions[0]!.get('[data-testid="coaching-action-process"]').attributes('href')).toBe('/processes/p-9');
    expect(root.get('[data-testid="coaching-flag-falling"]').text()).toBe('The score fell over the last two sprints.');
    expect(root.get('[data-testid="coaching-flag-behind"]').text()).toContain('Revenue, Calls made');
    expect(root.get('[data-testid="coaching-stalled-deal"]').text()).toContain('Dealer Volga · Переговоры · 41 d');
    expect(root.get('[data-testid="coaching-history-chart"]').attributes('aria-label')).toContain('80%');
    await root.get('[data-testid="coaching-history-view-table"]').trigger('click');
    expect(root.findAll('[data-testid="coaching-history-row"]')).toHaveLength(2);
    expect(root.find('[data-testid="coaching-form"]').exists()).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('shows the director the private placeholder instead of notes, in Russian', async () => {
    const { root } = await mountCoaching({ ...USERS.DIRECTOR, locale: 'ru' }, '/coaching/m-rep1', { CoachingPage: () => ({ json: { data: coachingPage(null) } }) }, 'ru');
    expect(root.find('[data-testid="coaching-session-notes"]').exists()).toBe(false);
    expect(root.findAll('[data-testid="coaching-session-private"]').map((p) => p.text())).toEqual(['Видят только коуч и сотрудник', 'Видят только коуч и сотрудник']);
    expect(root.find('[data-testid="coaching-action-to-process"]').exists()).toBe(false);
    expect(root.get('[data-testid="coaching-action-done"]').attributes('disabled')).toBeDefined();
  });

  it('writes the dates of the form the way the app language does (not the browser)', async () => {
    const { root, fake } = await mountCoaching({ ...USERS.COACH, locale: 'ru' }, '/coaching/m-rep1', {}, 'ru');
    const heldOn = root.get('[data-testid="coaching-form-held-on"]');
    expect((heldOn.element as HTMLInputElement).value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(heldOn.attributes('lang')).toBe('ru');
    expect(heldOn.attributes('placeholder')).toBe('ДД.ММ.ГГГГ');
    await heldOn.setValue('05.11.2026');
    await root.get('[data-testid="coaching-form-add-action"]').trigger('click');
    await root.get('[data-testid="coaching-form-action-title-0"]').setValue('Позвонить пяти дилерам');
    await root.get('[data-testid="coaching-form-action-due-0"]').setValue('20.12.2026');
    expect((root.get('[data-testid="coaching-form-action-due-0"]').element as HTMLInputElement).value).toBe('20.12.2026');
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    const input = fake.requests.find((r) => r.body.operationName === 'RecordCoachingSession')?.body.variables.input;
    expect(input).toMatchObject({ heldOn: '2026-11-05', actions: [{ title: 'Позвонить пяти дилерам', dueOn: '2026-12-20' }] });
  });

  it('says before sending that a session is recorded once held and that a dated action item needs a title', async () => {
    const { root, fake } = await mountCoaching({ ...USERS.COACH, locale: 'ru' }, '/coaching/m-rep1', {}, 'ru');
    await root.get('[data-testid="coaching-form-held-on"]').setValue('15.01.2099');
    await root.get('[data-testid="coaching-form-add-action"]').trigger('click');
    await root.get('[data-testid="coaching-form-action-due-0"]').setValue('20.01.2099');
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="coaching-form-future-day"]').text()).toContain('сегодня или раньше');
    expect(root.get('[data-testid="coaching-form-untitled-action"]').text()).toContain('нужно название');
    expect(fake.requests.some((r) => r.body.operationName === 'RecordCoachingSession')).toBe(false);
    // the typed values stay, and once put right the session is sent
    expect((root.get('[data-testid="coaching-form-action-due-0"]').element as HTMLInputElement).value).toBe('20.01.2099');
    await root.get('[data-testid="coaching-form-held-on"]').setValue('05.11.2026');
    await root.get('[data-testid="coaching-form-action-title-0"]').setValue('Разобрать звонок');
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'RecordCoachingSession')?.body.variables.input).toMatchObject({ heldOn: '2026-11-05', actions: [{ title: 'Разобрать звонок', dueOn: '2099-01-20' }] });
  });

  it('ticks an action item and makes another a sprint process of the team', async () => {
    const { root, fake } = await mountCoaching(USERS.COACH);
    await root.get('[data-testid="coaching-action-done"]').setValue(true);
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SetCoachingActionDone')?.body.variables).toEqual({ id: 'ca-1', done: true });
    await root.get('[data-testid="coaching-action-to-process"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'CoachingActionToProcess')?.body.variables).toEqual({ id: 'ca-1', teamId: 't-north' });
  });

  it('records a session with scores, notes and action items, and shows the API refusal at its field', async () => {
    let reply: FakeReply = {
      json: graphQLError('BAD_USER_INPUT', 'The score of "Подготовка" must be a whole number from 1 to 5.', { field: 'scores', reason: 'SCORE_OUT_OF_RANGE', params: { criterion: 'Подготовка', min: 1, max: 5 } }),
    };
    const { root, fake } = await mountCoaching(USERS.COACH, '/coaching/m-rep1', { RecordCoachingSession: () => reply });
    await root.get('[data-testid="coaching-form-template"]').setValue('ct-1');
    await root.get('[data-testid="coaching-form-score-0"]').setValue('4');
    await root.get('[data-testid="coaching-form-notes"]').setValue('Better discovery');
    await root.get('[data-testid="coaching-form-add-action"]').trigger('click');
    await root.get('[data-testid="coaching-form-action-title-0"]').setValue('Call five dealers');
    await root.get('[data-testid="coaching-form-action-due-0"]').setValue('2026-12-20');
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="coaching-form-error-scores"]').text()).toBe('The score of «Подготовка» is a whole number from 1 to 5.');
    const input = fake.requests.find((r) => r.body.operationName === 'RecordCoachingSession')?.body.variables.input;
    expect(input).toMatchObject({ coacheeId: 'm-rep1', templateId: 'ct-1', notes: 'Better discovery', scores: [{ criterion: 'Подготовка', score: 4 }], actions: [{ title: 'Call five dealers', dueOn: '2026-12-20' }] });
    reply = { json: { data: { recordCoachingSession: 'cs-3' } } };
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    expect(root.find('[data-testid="coaching-form-error-scores"]').exists()).toBe(false);
    expect(root.get('[data-testid="coaching-form-saved"]').text()).toBe('The session is recorded.');

    // A refusal of no field shows above the form: the translated summary and the server's sentence, apart.
    reply = { json: graphQLError('FORBIDDEN', 'Only the coach of the team records sessions.') };
    await root.get('[data-testid="coaching-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="coaching-form-error"]').text()).toBe('You do not have access to this. Only the coach of the team records sessions.');
  });

  it('shows a rep their own coaching without a picker or a form, linked from their scorecard', async () => {
    const { root, ctx } = await mountCoaching(USERS.SALES, '/kpi');
    await root.get('[data-testid="scorecard-coaching-link"]').trigger('click');
    await flushPromises();
    expect(ctx.router.currentRoute.value.name).toBe('coaching');
    expect(root.get('[data-testid="page-title"]').text()).toBe('My coaching');
    expect(root.find('[data-testid="coaching-member"]').exists()).toBe(false);
    expect(root.find('[data-testid="coaching-form"]').exists()).toBe(false);
  });

  it('shows an error with a retry when the coaching cannot be loaded', async () => {
    const { root } = await mountCoaching(USERS.COACH, '/coaching/m-rep1', { CoachingPage: () => ({ json: graphQLError('FORBIDDEN', 'No.') }) });
    expect(root.find('[data-testid="error-state"]').exists()).toBe(true);
  });
});
