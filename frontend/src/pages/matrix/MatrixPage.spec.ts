import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '@/graphql/client';
import { MATRIX_REPS, PEOPLE, circleHandler, matrixCells } from '@/testing/circle-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

type Overrides = Parameters<typeof circleHandler>[1];

/** A fake fetch that holds MoveInMatrix until the test releases it (to see the optimistic state). */
function holdingFetch(user: CurrentUser, overrides: Overrides = {}) {
  const fake = createFakeFetch(circleHandler(user, overrides));
  const held: (() => void)[] = [];
  const fetch: FetchLike = async (url, init) => {
    if (JSON.parse(String(init.body)).operationName === 'MoveInMatrix') await new Promise<void>((resolve) => held.push(resolve));
    return fake.fetch(url, init);
  };
  return { fake, fetch, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

async function mountMatrix(user: CurrentUser, fetch: FetchLike, path = '/matrix') {
  seedSession(user);
  const { root, ctx } = await mountRoute(path, { fetch });
  await flushPromises();
  return { root, ctx };
}

const cell = (root: VueWrapper, stageRole: string, category: number) =>
  root.get(`[data-testid="matrix-cell"][data-stage-role="${stageRole}"][data-category="${category}"]`);
const chipIn = (root: VueWrapper, stageRole: string, category: number, id: string) =>
  cell(root, stageRole, category).find(`[data-testid="matrix-chip"][data-member-id="${id}"]`);

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('MatrixPage', () => {
  it('lays the reps out by stage role and category, with counts and the unplaced ones apart', async () => {
    const { fake } = holdingFetch(USERS.LEAD);
    const { root } = await mountMatrix(USERS.LEAD, fake.fetch);
    const rows = root.findAll('[data-testid="matrix-grid"] tbody tr').map((tr) => tr.attributes('data-stage-role'));
    expect(rows).toEqual(['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT']);
    expect(root.findAll('[data-testid="matrix-cell"]')).toHaveLength(12);
    expect(chipIn(root, 'HUNTER', 2, PEOPLE.rep).exists()).toBe(true);
    expect(cell(root, 'HUNTER', 2).get('[data-testid="matrix-cell-count"]').text()).toBe('1');
    expect(root.get('[data-testid="matrix-unplaced"]').text()).toContain('Petr Product');
    expect(root.get('[data-testid="matrix-page"]').text()).toContain('4 reps');
  });

  it('shows the active clients per cell, per person and in all', async () => {
    const { fake } = holdingFetch(USERS.LEAD);
    const { root } = await mountMatrix(USERS.LEAD, fake.fetch);
    expect(cell(root, 'HUNTER', 2).get('[data-testid="matrix-cell-clients"]').text()).toBe('12 active clients');
    expect(cell(root, 'HUNTER', 1).find('[data-testid="matrix-cell-clients"]').exists()).toBe(false);
    expect(chipIn(root, 'HUNTER', 2, PEOPLE.rep).get('[data-testid="matrix-chip-clients"]').text()).toBe('12/40');
    expect(root.get('[data-testid="matrix-client-total"]').attributes('data-count')).toBe('36');
  });

  it("lets the lead move their own team's reps only", async () => {
    const { fake } = holdingFetch(USERS.LEAD);
    const { root } = await mountMatrix(USERS.LEAD, fake.fetch);
    const draggable = (id: string) => root.get(`[data-testid="matrix-chip"][data-member-id="${id}"]`).attributes('draggable');
    expect(draggable(PEOPLE.rep)).toBe('true');
    expect(draggable(PEOPLE.pm)).toBe('true');
    expect(draggable(PEOPLE.farmer)).toBe('false');
    expect(root.find(`[data-member-id="${PEOPLE.farmer}"] [data-testid="matrix-move"]`).exists()).toBe(false);
  });

  it('moves a rep at once with "Move to…", saves it with the version shown, and says so', async () => {
    const { fake, fetch, release } = holdingFetch(USERS.LEAD, {
      MoveInMatrix: () => ({ json: { data: { updateMember: { ...MATRIX_REPS.rita, stageRole: 'FARMER', category: 1, version: 4 } } } }),
    });
    const { root } = await mountMatrix(USERS.LEAD, fetch);
    await root.get(`[data-member-id="${PEOPLE.rep}"] [data-testid="matrix-move"]`).trigger('click');
    const menu = root.get('[data-testid="matrix-move-menu"]');
    expect(menu.get('[data-stage-role="HUNTER"][data-category="2"]').attributes('disabled')).toBeDefined();
    await menu.get('[data-stage-role="FARMER"][data-category="1"]').trigger('click');
    await flushPromises();

    // Shown before the server answers, and busy meanwhile.
    expect(chipIn(root, 'FARMER', 1, PEOPLE.rep).attributes('aria-busy')).toBe('true');
    expect(chipIn(root, 'HUNTER', 2, PEOPLE.rep).exists()).toBe(false);

    release();
    await flushPromises();
    expect(chipIn(root, 'FARMER', 1, PEOPLE.rep).attributes('aria-busy')).toBe('false');
    const move = fake.requests.find((r) => r.body.operationName === 'MoveInMatrix');
    expect(move?.body.variables).toEqual({ id: PEOPLE.rep, input: { stageRole: 'FARMER', category: 1, expectedVersion: 3 } });
    expect(root.get('[data-testid="toast"][data-tone="success"]').text()).toContain('Rita Rep moved to Farmer, category 1.');
    expect(fake.violations).toEqual([]);
  });

  it('puts the rep back and shows the refusal, translated, with the server message', async () => {
    const { fake, fetch, release } = holdingFetch(USERS.LEAD, {
      MoveInMatrix: () => ({ json: graphQLError('FORBIDDEN', 'Your role may not change the matrix of Rita Rep.') }),
    });
    const { root } = await mountMatrix(USERS.LEAD, fetch);
    await root.get(`[data-member-id="${PEOPLE.rep}"] [data-testid="matrix-move"]`).trigger('click');
    await root.get('[data-testid="matrix-move-menu"] [data-stage-role="FARMER"][data-category="3"]').trigger('click');
    await flushPromises();
    expect(chipIn(root, 'FARMER', 3, PEOPLE.rep).exists()).toBe(true);
    release();
    await flushPromises();
    expect(chipIn(root, 'FARMER', 3, PEOPLE.rep).exists()).toBe(false);
    expect(chipIn(root, 'HUNTER', 2, PEOPLE.rep).exists()).toBe(true);
    expect(root.get('[data-testid="toast"][data-tone="error"]').text()).toContain(
      'Rita Rep was not moved. You do not have access to this. Your role may not change the matrix of Rita Rep.',
    );
    // Nothing to reload: the matrix did not change on the server.
    expect(fake.requests.filter((r) => r.body.operationName === 'Matrix')).toHaveLength(1);
  });

  it('reloads the matrix after a conflict, with the reason translated', async () => {
    const { fake, fetch, release } = holdingFetch(USERS.LEAD, {
      MoveInMatrix: () => ({
        json: graphQLError('CONFLICT', 'Rita Rep was changed by someone else meanwhile. Reload to see the latest, then try again.', {
          reason: 'STALE_VERSION',
        }),
      }),
    });
    const { root } = await mountMatrix(USERS.LEAD, fetch, '/matrix');
    await root.get(`[data-member-id="${PEOPLE.rep}"] [data-testid="matrix-move"]`).trigger('click');
    await root.get('[data-testid="matrix-move-menu"] [data-stage-role="KEY_ACCOUNT"][data-category="1"]').trigger('click');
    await flushPromises();
    expect(chipIn(root, 'KEY_ACCOUNT', 1, PEOPLE.rep).exists()).toBe(true);

    release();
    await flushPromises();
    expect(chipIn(root, 'KEY_ACCOUNT', 1, PEOPLE.rep).exists()).toBe(false);
    expect(chipIn(root, 'HUNTER', 2, PEOPLE.rep).exists()).toBe(true);
    const toast = root.get('[data-testid="toast"][data-tone="error"]');
    expect(toast.attributes('role')).toBe('alert');
    expect(toast.text()).toContain('Rita Rep was not moved.');
    expect(toast.text()).toContain('Someone else changed this person meanwhile.');
    expect(fake.requests.filter((r) => r.body.operationName === 'Matrix')).toHaveLength(2);
  });

  it('shows a rep the matrix without anything to drag or move', async () => {
    const { fake } = holdingFetch(USERS.SALES);
    const { root } = await mountMatrix(USERS.SALES, fake.fetch);
    expect(root.findAll('[data-testid="matrix-chip"]').length).toBeGreaterThan(0);
    expect(root.findAll('[data-testid="matrix-chip"][draggable="true"]')).toHaveLength(0);
    expect(root.findAll('[data-testid="matrix-move"]')).toHaveLength(0);
    expect(root.text()).toContain('Read only');
  });

  it('filters by team through the address', async () => {
    const { fake } = holdingFetch(USERS.DIRECTOR);
    const { root, ctx } = await mountMatrix(USERS.DIRECTOR, fake.fetch);
    await root.get('[data-testid="matrix-team-filter"]').setValue('t-south');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query.team).toBe('t-south');
    expect(fake.requests.filter((r) => r.body.operationName === 'Matrix').map((r) => r.body.variables)).toEqual([{ teamId: null }, { teamId: 't-south' }]);
  });

  it('has an empty state and an error state with a retry', async () => {
    let reply: FakeReply = { json: graphQLError('INTERNAL_SERVER_ERROR', 'db down') };
    const { fake } = holdingFetch(USERS.LEAD, { Matrix: () => reply });
    const { root } = await mountMatrix(USERS.LEAD, fake.fetch);
    expect(root.get('[data-testid="error-state"]').text()).toContain('The server could not complete the request.');
    reply = { json: { data: { matrix: matrixCells([]) } } };
    await root.get('[data-testid="error-state"] button').trigger('click');
    await flushPromises();
    expect(root.get('[data-testid="empty-state"]').text()).toContain('There are no active reps in the teams you see.');
  });
});
