import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessCardFragment } from '@/graphql/generated';
import { circleHandler } from '@/testing/circle-fixtures';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import { boardProcess, boardSprint } from '@/testing/sprint-fixtures';
import type { CurrentUser } from '@/utils/session';

function boardFetch(user: CurrentUser, processes: ProcessCardFragment[], move?: (variables: Record<string, unknown>) => ReturnType<typeof graphQLError> | { data: unknown }) {
  let current = processes;
  const fake = createFakeFetch(
    circleHandler(user, {
      ActiveSprint: () => ({ json: { data: { activeSprint: boardSprint(current) } } }),
      MoveProcess: (variables) => {
        const answer = move?.(variables);
        if (answer && 'errors' in answer) return { json: answer };
        current = current.map((p) => (p.id === variables.id ? { ...p, status: variables.status as ProcessCardFragment['status'], position: variables.position as number, blockedReason: (variables.blockedReason as string | null) ?? null } : p));
        return { json: { data: { moveProcess: current.find((p) => p.id === variables.id) } } };
      },
    }),
  );
  return {
    ...fake,
    /** What another page changed on the server meanwhile. */
    set(next: ProcessCardFragment[]) {
      current = next;
    },
  };
}

const counts = (root: Awaited<ReturnType<typeof mountRoute>>['root']) =>
  Object.fromEntries(root.findAll('[data-testid="column-count"]').map((c) => [c.attributes('data-status'), Number(c.attributes('data-count'))]));

const PROCESSES = [boardProcess('p1', 'TODO'), boardProcess('p2', 'TODO', { position: 2 }), boardProcess('p3', 'IN_PROGRESS'), boardProcess('p4', 'DONE', { owner: { id: 'm-rep2', name: 'Pavel Prospector' } })];

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('SprintBoardPage', () => {
  it("shows the team's running sprint by status with the counts and the WIP of the team and each person", async () => {
    seedSession(USERS.LEAD);
    const fake = boardFetch(USERS.LEAD, PROCESSES);
    const { root } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ActiveSprint')?.body.variables).toEqual({ teamId: 't-north' });
    expect(counts(root)).toEqual({ TODO: 2, IN_PROGRESS: 1, BLOCKED: 0, DONE: 1 });
    expect(root.get('[data-testid="sprint-name"]').text()).toBe('Sprint 20');
    expect(root.get('[data-testid="wip-team"]').text()).toContain('3 of 20');
    expect(root.get('[data-testid="wip-person"]').text()).toBe('Rita Rep2/5');
    expect(root.get('[data-status="TODO"] [data-testid="process-card"]').text()).toContain('10 of 40 calls');
    // The lead moves every card.
    expect(root.findAll('[data-testid="card-move"]')).toHaveLength(4);
  });

  it('moves a card with the menu and asks for a reason before Blocked', async () => {
    seedSession(USERS.LEAD);
    const fake = boardFetch(USERS.LEAD, PROCESSES);
    const { root } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    const card = () => root.get('[data-testid="process-card"][data-id="p1"]');
    await card().get('[data-testid="card-move"]').trigger('click');
    await root.get('[data-testid="card-move-menu"] [data-status="IN_PROGRESS"]').trigger('click');
    // Shown at once, before the server answers.
    expect(counts(root)).toMatchObject({ TODO: 1, IN_PROGRESS: 2 });
    await flushPromises();
    const move = fake.requests.find((r) => r.body.operationName === 'MoveProcess');
    expect(move?.body.variables).toMatchObject({ id: 'p1', status: 'IN_PROGRESS', position: 2, blockedReason: null, overrideWip: null });
    expect(root.get('[data-testid="toast"]').text()).toContain('«Process p1» moved to In progress.');

    await card().get('[data-testid="card-move"]').trigger('click');
    await root.get('[data-testid="card-move-menu"] [data-status="BLOCKED"]').trigger('click');
    expect(root.find('[data-testid="block-dialog"]').exists()).toBe(true);
    await root.get('[data-testid="block-dialog"]').trigger('submit');
    expect(root.get('[data-testid="block-dialog"]').text()).toContain('Write the reason.');
    await root.get('[data-testid="block-reason"]').setValue('Waiting for prices');
    await root.get('[data-testid="block-dialog"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.filter((r) => r.body.operationName === 'MoveProcess').at(-1)?.body.variables).toMatchObject({ id: 'p1', status: 'BLOCKED', blockedReason: 'Waiting for prices' });
    expect(card().get('[data-testid="process-blocked"]').text()).toBe('Blocked: Waiting for prices');
  });

  it('puts a refused move back and lets the lead go over the WIP limit', async () => {
    seedSession(USERS.LEAD);
    const fake = boardFetch(USERS.LEAD, PROCESSES, (variables) =>
      variables.overrideWip ? { data: null } : graphQLError('WIP_LIMIT', 'Rita Rep is at 5 of 5', { reason: 'MEMBER_WIP_LIMIT' }),
    );
    const { root } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    await root.get('[data-testid="process-card"][data-id="p4"] [data-testid="card-move"]').trigger('click');
    await root.get('[data-testid="card-move-menu"] [data-status="TODO"]').trigger('click');
    await flushPromises();
    expect(counts(root)).toEqual({ TODO: 2, IN_PROGRESS: 1, BLOCKED: 0, DONE: 1 });
    const refusal = root.get('[data-testid="move-refusal"]');
    expect(refusal.text()).toContain('This person is at their work-in-progress limit.');
    expect(refusal.get('[data-testid="refusal"]').attributes('data-reason')).toBe('MEMBER_WIP_LIMIT');
    await refusal.get('[data-testid="wip-override"]').trigger('click');
    await flushPromises();
    expect(fake.requests.filter((r) => r.body.operationName === 'MoveProcess').at(-1)?.body.variables).toMatchObject({ id: 'p4', status: 'TODO', overrideWip: true });
    expect(counts(root)).toMatchObject({ TODO: 3, DONE: 0 });
    expect(root.find('[data-testid="move-refusal"]').exists()).toBe(false);
  });

  it('offers no override to a rep, who moves only their own cards', async () => {
    seedSession(USERS.SALES);
    const fake = boardFetch(USERS.SALES, PROCESSES, () => graphQLError('WIP_LIMIT', 'Team at 20 of 20', { reason: 'TEAM_WIP_LIMIT' }));
    const { root } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    expect(root.find('[data-testid="process-card"][data-id="p4"] [data-testid="card-move"]').exists()).toBe(false);
    expect(root.get('[data-testid="process-card"][data-id="p4"]').attributes('draggable')).toBe('false');
    await root.get('[data-testid="process-card"][data-id="p3"] [data-testid="card-move"]').trigger('click');
    await root.get('[data-testid="card-move-menu"] [data-status="TODO"]').trigger('click');
    await flushPromises();
    expect(root.get('[data-testid="move-refusal"]').text()).toContain('The team is at its work-in-progress limit.');
    expect(root.find('[data-testid="wip-override"]').exists()).toBe(false);
  });

  it('reloads the board when anyone changes it (boardChanged), once per burst', async () => {
    seedSession(USERS.LEAD);
    const fake = boardFetch(USERS.LEAD, PROCESSES);
    const { root, ctx } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    expect(ctx.live.active('BoardChanged').map((s) => s.variables)).toEqual([{ teamId: 't-north' }]);
    const loads = () => fake.requests.filter((r) => r.body.operationName === 'ActiveSprint').length;
    expect(loads()).toBe(1);

    vi.useFakeTimers();
    fake.set(PROCESSES.map((p) => (p.id === 'p2' ? { ...p, status: 'IN_PROGRESS' } : p)));
    const event = { boardChanged: { teamId: 't-north', sprintId: 's-20', processId: 'p2', kind: 'MOVED', status: 'IN_PROGRESS', actorUserId: 'u-other', at: '2026-12-01T10:00:00.000Z' } };
    ctx.live.emit('BoardChanged', event);
    ctx.live.emit('BoardChanged', event);
    vi.advanceTimersByTime(250);
    vi.useRealTimers();
    await flushPromises();
    expect(loads()).toBe(2);
    expect(counts(root)).toEqual({ TODO: 1, IN_PROGRESS: 2, BLOCKED: 0, DONE: 1 });
    expect(root.get('[data-testid="board-live"]').attributes('data-events')).toBe('2');

    // After a dropped socket comes back, it reloads too (events may have been missed).
    vi.useFakeTimers();
    ctx.live.reconnect();
    vi.advanceTimersByTime(250);
    vi.useRealTimers();
    await flushPromises();
    expect(loads()).toBe(3);
    root.unmount();
    expect(ctx.live.active('BoardChanged')).toHaveLength(0);
  });

  it('says so when no sprint is running, with a way to planning', async () => {
    seedSession(USERS.LEAD);
    const fake = createFakeFetch(circleHandler(USERS.LEAD, { ActiveSprint: () => ({ json: { data: { activeSprint: null } } }) }));
    const { root } = await mountRoute('/sprints', { fetch: fake.fetch });
    await flushPromises();
    expect(root.get('[data-testid="empty-state"]').text()).toContain('No sprint is running');
    expect(root.get('[data-testid="empty-state"] a').attributes('href')).toBe('/sprints/planning');
  });
});
