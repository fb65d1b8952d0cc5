import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRuleFieldsFragment } from '@/graphql/generated';
import { circleHandler } from '@/testing/circle-fixtures';
import { createFakeFetch } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

const anna = { id: 'm-anna', name: 'Anna VIP' };
const misha = { id: 'm-misha', name: 'Misha VIP' };
const RULES: RoutingRuleFieldsFragment[] = [
  { id: 'r1', position: 1, name: 'VIP Moscow', active: true, conditions: '{"vip":true,"regions":["Москва"]}', strategy: null, members: [anna] },
  { id: 'r2', position: 2, name: 'VIP regions', active: true, conditions: '{"vip":true}', strategy: null, members: [misha] },
];
const on = { available: true, reason: null };
const MEMBERS = [
  { id: 'm-dir', name: 'Dora Director', role: 'DIRECTOR', stageRole: null, category: null, active: true, capacity: { clients: 0, activeClients: 0 }, availability: on },
  { id: 'm-anna', name: 'Anna VIP', role: 'SALES', stageRole: 'KEY_ACCOUNT', category: 1, active: true, capacity: { clients: 40, activeClients: 3 }, availability: on },
  { id: 'm-misha', name: 'Misha VIP', role: 'SALES', stageRole: 'KEY_ACCOUNT', category: 1, active: true, capacity: { clients: 40, activeClients: 5 }, availability: on },
];

function routingFetch(user: CurrentUser) {
  return createFakeFetch(
    circleHandler(user, {
      RoutingRules: () => ({
        json: { data: { routingRules: { rules: RULES, overlaps: [{ firstRuleId: 'r1', secondRuleId: 'r2', example: 'region=Москва, vip=yes', message: 'x' }] } } },
      }),
      RoutingCandidates: () => ({ json: { data: { members: MEMBERS } } }),
      UpdateRoutingRule: () => ({ json: { data: { updateRoutingRule: { id: 'r2' } } } }),
    }),
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('RoutingPage', () => {
  it('shows the rules in order with chips, targets and the overlap on the later rule; a lead only reads', async () => {
    seedSession(USERS.LEAD);
    const { root } = await mountRoute('/routing', { fetch: routingFetch(USERS.LEAD).fetch });
    await flushPromises();
    const rules = root.findAll('[data-testid="routing-rule"]');
    expect(rules.map((r) => r.get('[data-testid="routing-rule-name"]').text())).toEqual(['VIP Moscow', 'VIP regions']);
    expect(rules[0]!.findAll('[data-testid="routing-condition"]').map((c) => c.text())).toEqual(['Region: Москва', 'VIP: VIP']);
    expect(rules[0]!.get('[data-testid="routing-target"]').text()).toContain('Anna VIP');
    expect(rules[0]!.find('[data-testid="overlap-warning"]').exists()).toBe(false);
    expect(rules[1]!.get('[data-testid="overlap-warning"]').text()).toBe('«VIP Moscow» (rule 1) comes first and takes the clients with Region: Москва · VIP: VIP');
    expect(root.find('[data-testid="routing-edit"]').exists()).toBe(false);
    expect(root.find('[data-testid="routing-read-only"]').exists()).toBe(true);
  });

  it('runs the live simulator on the rules, following the form', async () => {
    seedSession(USERS.LEAD);
    const { root } = await mountRoute('/routing', { fetch: routingFetch(USERS.LEAD).fetch });
    await flushPromises();
    await root.get('[data-testid="sim-region"]').setValue('Казань');
    await root.get('[data-testid="sim-vip"]').setValue(true);
    expect(root.get('[data-testid="sim-member"]').text()).toBe('Misha VIP');
    expect(root.get('[data-testid="sim-rule"]').text()).toContain('VIP regions');
    await root.get('[data-testid="sim-region"]').setValue('Москва');
    expect(root.get('[data-testid="sim-member"]').text()).toBe('Anna VIP');
    expect(root.findAll('[data-testid="sim-reasons"] li').map((li) => li.text())).toEqual([
      'rule 1 «VIP Moscow» matched: Region: Москва, VIP',
      'Anna VIP chosen: named by the rule',
    ]);
    await root.get('[data-testid="sim-vip"]').setValue(false);
    expect(root.get('[data-testid="sim-member"]').text()).toBe('Dora Director');
    // a potential that is no amount (or beyond any client's) is said wrong and kept, not read as 0
    const potential = root.get('[data-testid="sim-potential"]');
    for (const typed of ['-5000', 'много', '1e26']) {
      await potential.setValue(typed);
      expect(root.get('[data-testid="sim-potential-error"]').text()).toBe('Type an amount in roubles from 0 to 100 trillion.');
      expect((potential.element as HTMLInputElement).value).toBe(typed);
    }
    await potential.setValue('2 500 000');
    expect(root.find('[data-testid="sim-potential-error"]').exists()).toBe(false);
  });

  it('moves a rule up with its position, as the director', async () => {
    seedSession(USERS.DIRECTOR);
    const fake = routingFetch(USERS.DIRECTOR);
    const { root } = await mountRoute('/routing', { fetch: fake.fetch });
    await flushPromises();
    const second = root.findAll('[data-testid="routing-rule"]')[1]!;
    await second.get('[data-testid="routing-up"]').trigger('click');
    await flushPromises();
    const update = fake.requests.find((r) => r.body.operationName === 'UpdateRoutingRule');
    expect(update?.body.variables).toMatchObject({ id: 'r2', input: { name: 'VIP regions', position: 1, memberId: 'm-misha', conditions: { vip: true } } });
    expect(fake.requests.filter((r) => r.body.operationName === 'RoutingRules')).toHaveLength(2);
  });
});
