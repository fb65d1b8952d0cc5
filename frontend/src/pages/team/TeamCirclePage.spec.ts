import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIRCLE, PEOPLE, circleHandler } from '@/testing/circle-fixtures';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountCircle(user: CurrentUser, overrides: Parameters<typeof circleHandler>[1] = {}, path = '/team', locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(circleHandler(user, overrides));
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('TeamCirclePage', () => {
  it("opens the viewer's own team and puts it in the address", async () => {
    const { ctx, fake } = await mountCircle(USERS.LEAD);
    expect(ctx.router.currentRoute.value.fullPath).toBe('/team/t-north');
    expect(fake.requests.find((r) => r.body.operationName === 'TeamCircle')?.body.variables).toEqual({ id: 't-north' });
    expect(fake.violations).toEqual([]);
  });

  it('draws everyone once in their place, with the lines between them, and lists them for screen readers', async () => {
    const { root } = await mountCircle(USERS.LEAD);
    const svg = root.get('svg[data-testid="team-circle"]');
    expect(svg.attributes('role')).toBe('img');
    expect(svg.attributes('aria-label')).toBe(
      'Team circle of North: director Дмитрий Орлов above the circle; lead Lena Lead at the top of the circle; 3 people around the circle; coach Carl Coach beside the circle.',
    );
    const nodes = root.findAll('[data-testid="circle-node"]');
    expect(nodes.map((n) => `${n.attributes('data-place')}:${n.attributes('data-member-id')}`).sort()).toEqual([
      `COACH:${PEOPLE.coach}`,
      `DIRECTOR:${PEOPLE.director}`,
      `LEAD:${PEOPLE.lead}`,
      `RING:${PEOPLE.pm}`,
      `RING:${PEOPLE.rep}`,
      `RING:${PEOPLE.prospector}`,
    ]);
    const lines = root.findAll('[data-testid="circle-line"]').map((l) => `${l.attributes('data-kind')}:${l.attributes('data-from') ?? ''}`);
    expect(lines.sort()).toEqual(
      ['COACHES:', `MATRIX:${PEOPLE.rep}`, `REPORTS_TO:${PEOPLE.lead}`, `REPORTS_TO:${PEOPLE.pm}`, `REPORTS_TO:${PEOPLE.prospector}`, `REPORTS_TO:${PEOPLE.rep}`].sort(),
    );
    expect(root.get('[data-testid="circle-node"][data-member-id="m-rep1"]').text()).toContain('Hunter · C2');
    expect(root.get(`[data-testid="circle-node"][data-member-id="${PEOPLE.prospector}"]`).attributes('data-status')).toBe('OFF_SHIFT');
    expect(root.get(`[data-testid="circle-node"][data-member-id="${PEOPLE.pm}"]`).text()).toContain('Product manager');
    // The matrix line to someone outside the team is in the legend instead.
    expect(root.get('[data-testid="circle-outside-lines"]').text()).toContain('Pavel Prospector → Faina Faraway (Storage)');
    expect(root.findAll('[data-testid="circle-person"]')).toHaveLength(6);
    expect(root.get(`[data-testid="circle-person"][data-member-id="${PEOPLE.rep}"]`).text()).toContain('Matrix manager: Petr Product (Servers)');
  });

  it('marks the people the lead may edit and lets the lead pause the team', async () => {
    let paused = false;
    const { root, fake } = await mountCircle(USERS.LEAD, {
      TeamCircle: () => ({ json: { data: { team: { ...CIRCLE, paused } } } }),
      SetTeamPaused: (variables) => {
        paused = variables.paused === true;
        return { json: { data: { setTeamPaused: { id: 't-north', paused } } } };
      },
    });
    // The shared policy lets a lead edit the reps (SALES) of the team, not its director, coach or lead.
    const editable = root.findAll('[data-testid="circle-edit"]').map((e) => e.element.closest('tr')?.getAttribute('data-member-id'));
    expect(editable.sort()).toEqual([PEOPLE.pm, PEOPLE.prospector, PEOPLE.rep].sort());
    expect(root.findAll('[data-testid="circle-node-edit"]')).toHaveLength(3);

    await root.get('[data-testid="pause-team"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SetTeamPaused')?.body.variables).toEqual({ teamId: 't-north', paused: true });
    expect(root.get('[data-testid="team-status"]').attributes('data-paused')).toBe('true');
    expect(root.get('[data-testid="pause-team"]').text()).toContain('Resume the group');
    expect(fake.requests.filter((r) => r.body.operationName === 'TeamCircle')).toHaveLength(2);
  });

  it('shows why a pause was refused next to the button', async () => {
    const { root } = await mountCircle(USERS.LEAD, {
      SetTeamPaused: () => ({ json: graphQLError('FORBIDDEN', 'Only the lead of North may pause it.') }),
    });
    await root.get('[data-testid="pause-team"]').trigger('click');
    await flushPromises();
    expect(root.get('[data-testid="refusal"]').text()).toContain('You do not have access to this. Only the lead of North may pause it.');
  });

  it('gives a rep and a coach a read-only circle', async () => {
    for (const user of [USERS.SALES, USERS.COACH]) {
      const { root } = await mountCircle(user);
      expect(root.find('[data-testid="pause-team"]').exists(), user.role).toBe(false);
      expect(root.findAll('[data-testid="circle-edit"]'), user.role).toHaveLength(0);
      expect(root.findAll('[data-testid="circle-node-edit"]'), user.role).toHaveLength(0);
      document.body.innerHTML = '';
    }
  });

  it('switches teams with the picker, in Russian too', async () => {
    const { root, ctx } = await mountCircle(USERS.DIRECTOR, {}, '/team/t-north', 'ru');
    const picker = root.get('[data-testid="team-picker"]');
    expect(picker.findAll('option').map((o) => o.text())).toEqual(['North', 'South (на паузе)']);
    await picker.setValue('t-south');
    await flushPromises();
    expect(ctx.router.currentRoute.value.fullPath).toBe('/team/t-south');
    expect(root.get('svg[data-testid="team-circle"]').attributes('aria-label')).toContain('Круг команды «North»');
  });

  it('says when the team cannot be found, and shows errors with a retry', async () => {
    const missing = await mountCircle(USERS.LEAD, { TeamCircle: () => ({ json: { data: { team: null } } }) }, '/team/nope');
    expect(missing.root.get('[data-testid="empty-state"]').text()).toContain('This team does not exist, or you may not see it.');
    document.body.innerHTML = '';
    const failing = await mountCircle(USERS.LEAD, { TeamCircle: () => ({ json: graphQLError('INTERNAL_SERVER_ERROR', 'db down') }) });
    expect(failing.root.get('[data-testid="error-state"]').text()).toContain('Try again');
  });

  it('says so when the viewer is in no team', async () => {
    const { root } = await mountCircle(USERS.SALES, {
      ViewerScope: () => ({ json: { data: { me: { id: USERS.SALES.id, role: 'SALES', member: null }, teams: [] } } }),
    });
    expect(root.get('[data-testid="empty-state"]').text()).toContain('You are not in any team yet.');
  });
});
