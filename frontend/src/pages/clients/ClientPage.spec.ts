import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circleHandler } from '@/testing/circle-fixtures';
import { clientRow, HISTORY } from '@/testing/client-fixtures';
import { createFakeFetch } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

function cardFetch(user: CurrentUser, client: ReturnType<typeof clientRow> | null = clientRow(7)) {
  return createFakeFetch(
    circleHandler(user, {
      ClientCard: () => ({
        json: { data: { client: client && { ...client, stageChangedAt: '2030-02-01T09:00:00.000Z', hunter: { id: 'm-rep1', name: 'Rita Rep' } }, assignmentHistory: client ? HISTORY : [] } },
      }),
      SimulateRouting: () => ({
        json: { data: { simulateRouting: { fallback: false, ruleName: 'Dealers: Ural', reasons: ['rule 11 "Dealers: Ural" matched region=Урал', 'Rita Rep chosen: named by the rule'], member: { id: 'm-rep1', name: 'Rita Rep' } } } },
      }),
    }),
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ClientPage', () => {
  it('shows the segment, the owner and hunter, and the owner history newest first', async () => {
    seedSession(USERS.LEAD);
    const fake = cardFetch(USERS.LEAD);
    const { root } = await mountRoute('/clients/c-7', { fetch: fake.fetch });
    await flushPromises();
    expect(root.get('[data-testid="page-title"]').text()).toBe('ООО «Клиент 7»');
    expect(root.get('[data-testid="client-header"]').text()).toContain('Active');
    expect(root.get('[data-testid="client-category"]').text()).toBe('Category 3');
    expect(root.get('[data-testid="client-hunter"]').text()).toContain('Rita Rep');
    expect(root.get('[data-testid="client-segment"] [data-field="channel"]').text()).toContain('Dealers');

    const entries = root.findAll('[data-testid="timeline-entry"]');
    expect(entries.map((e) => e.attributes('data-kind'))).toEqual(['HANDOFF', 'ROUTING']);
    expect(entries[0]!.get('[data-testid="timeline-people"]').text()).toMatch(/Rita Rep\s*Fiona Farmer/);
    expect(entries[0]!.get('[data-testid="timeline-criteria"]').text()).toContain('Orders: 2');
    expect(entries[0]!.get('[data-testid="timeline-criteria"]').text()).toContain('Purchases in total: ₽1,200,000');
    expect(entries[0]!.findAll('[data-testid="timeline-reasons"] li')).toHaveLength(2);
    expect(entries[1]!.get('[data-testid="timeline-actor"]').text()).toBe('System');
    expect(entries[1]!.get('[data-testid="timeline-rule"]').text()).toBe('Rule: Warm leads → hunters');
  });

  it('asks the routing rules who would get the client only when asked', async () => {
    seedSession(USERS.LEAD);
    const fake = cardFetch(USERS.LEAD);
    const { root } = await mountRoute('/clients/c-7', { fetch: fake.fetch });
    await flushPromises();
    expect(fake.requests.some((r) => r.body.operationName === 'SimulateRouting')).toBe(false);
    await root.get('[data-testid="simulate-run"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SimulateRouting')?.body.variables).toEqual({ clientId: 'c-7' });
    expect(root.get('[data-testid="simulate-member"]').text()).toBe('Rita Rep');
    expect(root.findAll('[data-testid="simulate-reasons"] li').map((li) => li.text())).toEqual(['rule 11 «Dealers: Ural» matched: Region: Урал', 'Rita Rep chosen: named by the rule']);
    expect(root.get('[data-testid="simulate-answer"]').text()).toContain('That is the current owner.');
  });

  it('does not offer the simulation to a rep, and says when the client is not there', async () => {
    seedSession(USERS.SALES);
    const { root } = await mountRoute('/clients/c-9', { fetch: cardFetch(USERS.SALES, null).fetch });
    await flushPromises();
    expect(root.get('[data-testid="empty-state"]').text()).toContain('Client not found');
    expect(root.find('[data-testid="simulate-routing"]').exists()).toBe(false);
  });
});
