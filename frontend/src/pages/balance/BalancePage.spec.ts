import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BalanceFieldsFragment } from '@/graphql/generated';
import { circleHandler } from '@/testing/circle-fixtures';
import { createFakeFetch } from '@/testing/fake-fetch';
import { TEAMS, USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

const TEAM = { ...TEAMS[0]!, members: [...TEAMS[0]!.members, { id: 'm-rep9', name: 'Sam Seller', role: 'SALES', stageRole: 'FARMER', category: 2 }] };
const balance = (after = false): BalanceFieldsFragment => ({
  id: after ? 'prop-1' : null,
  mean: '100000000',
  maxDeviationBefore: 0.3,
  maxDeviationAfter: after ? 0.02 : 0.3,
  balanced: after,
  members: [
    { member: { id: 'm-rep1', name: 'Rita Rep' }, potential: '130000000', potentialAfter: after ? '101000000' : '130000000', deviation: 0.3 },
    { member: { id: 'm-rep2', name: 'Pavel Prospector' }, potential: '70000000', potentialAfter: after ? '99000000' : '70000000', deviation: -0.3 },
    { member: { id: 'm-rep9', name: 'Sam Seller' }, potential: '100000000', potentialAfter: '100000000', deviation: 0 },
  ],
  items: after ? [{ reasons: ['spread'], client: { id: 'c-1', name: 'ООО «Первый»', stage: 'ACTIVE' }, from: { id: 'm-rep1', name: 'Rita Rep' }, to: { id: 'm-rep2', name: 'Pavel Prospector' } }] : [],
});

function balanceFetch(user: CurrentUser) {
  return createFakeFetch(
    circleHandler(user, {
      Teams: () => ({ json: { data: { teams: [TEAM] } } }),
      TerritoryBalance: () => ({ json: { data: { territoryBalance: balance() } } }),
      ProposeRebalance: () => ({ json: { data: { proposeRebalance: balance(true) } } }),
      ApplyRebalance: () => ({ json: { data: { applyRebalance: { applied: 1, changedMeanwhile: 0, changedClients: [] } } } }),
    }),
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('BalancePage', () => {
  it("measures the team's reps by default and charts them with the mean; a lead cannot propose", async () => {
    seedSession(USERS.LEAD);
    const fake = balanceFetch(USERS.LEAD);
    const { root } = await mountRoute('/balance', { fetch: fake.fetch });
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'TerritoryBalance')?.body.variables).toEqual({ memberIds: ['m-rep1', 'm-rep2', 'm-rep9'] });
    const chart = root.get('[data-testid="balance-chart"]');
    expect(chart.attributes('aria-label')).toContain('mean ₽100,000,000');
    expect(root.findAll('[data-testid="balance-row"]').map((r) => r.text())).toEqual([
      'Rita Rep₽130,000,000+30%',
      'Sam Seller₽100,000,0000%',
      'Pavel Prospector₽70,000,000-30%',
    ]);
    // The largest deviation is a size, whichever side of the mean it is on.
    expect(root.get('[data-testid="balance-spread"]').text()).toBe('Largest deviation from the mean: 30%');
    expect(root.find('[data-testid="balance-propose"]').exists()).toBe(false);
    expect(root.text()).toContain('The sales director proposes and applies a rebalance.');

    // Leaving one out measures again without them.
    await root.findAll('[data-testid="balance-members"] input')[2]!.setValue(false);
    await flushPromises();
    expect(fake.requests.filter((r) => r.body.operationName === 'TerritoryBalance').at(-1)?.body.variables).toEqual({ memberIds: ['m-rep1', 'm-rep2'] });
  });

  it('proposes a rebalance with the protected clients allowed, and applies it after a confirm', async () => {
    seedSession(USERS.DIRECTOR);
    const fake = balanceFetch(USERS.DIRECTOR);
    const { root } = await mountRoute('/balance', { fetch: fake.fetch });
    await flushPromises();
    await root.get('[data-testid="balance-allow-protected"]').setValue(true);
    await root.get('[data-testid="balance-propose"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ProposeRebalance')?.body.variables).toEqual({ memberIds: ['m-rep1', 'm-rep2', 'm-rep9'], allowProtected: true });
    expect(root.findAll('[data-testid="balance-move"]')).toHaveLength(1);
    await root.get('[data-testid="balance-apply"]').trigger('click');
    await root.get('[data-testid="balance-confirm-yes"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ApplyRebalance')?.body.variables).toEqual({ proposalId: 'prop-1' });
    expect(root.get('[data-testid="balance-report"]').attributes('data-applied')).toBe('1');
  });
});
