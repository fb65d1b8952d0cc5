import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circleHandler } from '@/testing/circle-fixtures';
import { createFakeFetch } from '@/testing/fake-fetch';
import { seedSession, TEAMS, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import { boardProcess, boardSprint } from '@/testing/sprint-fixtures';
import type { CurrentUser } from '@/utils/session';

/** The planning page over a fake API: the North team's running sprint (from 25 Nov 2026), an empty backlog, no templates. */
function planningFetch(user: CurrentUser) {
  const sprint = boardSprint([boardProcess('p1', 'TODO')]);
  const { processes: _processes, wip: _wip, startedAt: _startedAt, closedAt: _closedAt, ...summary } = sprint;
  return createFakeFetch(
    circleHandler(user, {
      SprintPlanning: () => ({ json: { data: { sprints: [summary], backlog: [], processTemplates: [], sprintPlanHint: { processes: 15, wipLimit: 20, basedOn: 3 } } } }),
      SprintBoard: () => ({ json: { data: { sprint } } }),
      Teams: () => ({ json: { data: { teams: TEAMS.slice(0, 1) } } }),
      CreateProcess: (variables) => ({ json: { data: { createProcess: { id: 'p-new', title: (variables.input as { title: string }).title } } } }),
    }),
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('SprintPlanningPage: a new process', () => {
  it('refuses a due date before the sprint starts at the due date, before sending (the API\'s DUE_BEFORE_SPRINT), and sends once it fits', async () => {
    const lead = { ...USERS.LEAD, locale: 'ru' as const };
    seedSession(lead);
    const fake = planningFetch(lead);
    const { root } = await mountRoute('/sprints/planning', { fetch: fake.fetch, locale: 'ru' });
    await flushPromises();
    const form = root.get('[data-testid="process-form"]');
    await form.get('[data-testid="process-title-input"]').setValue('Обзвон дилеров Поволжья');
    await form.get('[data-testid="process-due"]').setValue('24.11.2026');
    expect(form.get('[data-testid="process-due-error"]').text()).toBe('Спринт начинается 25 нояб. 2026 г.: срок не может быть раньше.');
    expect(form.get('[data-testid="process-due"]').attributes('aria-invalid')).toBe('true');
    await form.trigger('submit');
    await flushPromises();
    expect(fake.requests.filter((r) => r.body.operationName === 'CreateProcess')).toHaveLength(0);

    // Into the backlog any date goes; into the sprint its first day does.
    await form.get('.plan-form__check input').setValue(false);
    expect(form.find('[data-testid="process-due-error"]').exists()).toBe(false);
    await form.get('.plan-form__check input').setValue(true);
    await form.get('[data-testid="process-due"]').setValue('25.11.2026');
    expect(form.find('[data-testid="process-due-error"]').exists()).toBe(false);
    await form.trigger('submit');
    await flushPromises();
    const created = fake.requests.filter((r) => r.body.operationName === 'CreateProcess');
    expect(created).toHaveLength(1);
    expect(created[0]!.body.variables.input).toMatchObject({ title: 'Обзвон дилеров Поволжья', sprintId: 's-20', dueAt: new Date('2026-11-25T18:00:00').toISOString() });
    expect(fake.violations).toEqual([]);
  });
});
