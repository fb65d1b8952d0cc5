import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamScorecardFieldsFragment } from '@/graphql/generated';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

const SPRINTS = [
  { id: 's-now', teamId: 't-north', name: 'Sprint 7', goal: '', startsOn: '2026-03-02', endsOn: '2026-03-15', status: 'ACTIVE', version: 1, startedAt: null, closedAt: null },
  { id: 's-before', teamId: 't-north', name: 'Sprint 6', goal: '', startsOn: '2026-02-16', endsOn: '2026-03-01', status: 'CLOSED', version: 2, startedAt: null, closedAt: null },
];
type Member = TeamScorecardFieldsFragment['members'][number];
const line = (metric: string, target: number, actual: number, weight: number, pace: number, status: string) => ({ metric, target, actual, weight, pace, attainment: Math.min(1.5, actual / target), status });
const member = (id: string, name: string, score: number, lines: ReturnType<typeof line>[]): Member =>
  ({ member: { id, name }, from: '2026-03-02', to: '2026-03-15', sprintId: 's-now', elapsed: 0.5, score, lines, crossRoleScopes: [] }) as Member;

function teamCard(overrides: Partial<TeamScorecardFieldsFragment> = {}): TeamScorecardFieldsFragment {
  return {
    team: { id: 't-north', name: 'North' },
    from: '2026-03-02',
    to: '2026-03-15',
    sprintId: 's-now',
    elapsed: 0.5,
    score: 0.4125,
    targetsSet: false,
    lines: [line('REVENUE', 6_000_000, 1_000_000, 0.6, 3_000_000, 'BEHIND'), line('WIN_RATE', 0.3, 0.35, 0.4, 0.3, 'AHEAD')] as TeamScorecardFieldsFragment['lines'],
    members: [
      member('m-rep1', 'Rita Rep', 0.2, [line('REVENUE', 3_000_000, 200_000, 0.5, 1_500_000, 'BEHIND'), line('WIN_RATE', 0.3, 0.2, 0.5, 0.3, 'BEHIND')]),
      member('m-rep2', 'Pavel Prospector', 0.9, [line('REVENUE', 3_000_000, 800_000, 0.6, 1_500_000, 'BEHIND'), line('WIN_RATE', 0.3, 0.5, 0.4, 0.3, 'AHEAD')]),
    ] as Member[],
    ...overrides,
  };
}

async function mountPage(user: CurrentUser, card: () => TeamScorecardFieldsFragment, extra: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(
    dashboardHandler(user, {
      Sprints: () => ({ json: { data: { sprints: SPRINTS } } }),
      TeamScorecard: () => ({ json: { data: { teamScorecard: card() } } }),
      TeamScorecardHistory: () => ({ json: { data: { teamScorecardHistory: [{ sprintId: 's-before', from: '2026-02-16', to: '2026-03-01', score: 0.8, targetsSet: true, lines: [{ metric: 'REVENUE', status: 'BEHIND' }] }] } } }),
      ...extra,
    }),
  );
  const { root, ctx } = await mountRoute('/kpi/team', { fetch: fake.fetch, locale });
  await flushPromises();
  await flushPromises();
  return { root, ctx, fake };
}
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('TeamKpiPage', () => {
  it("shows the lead the team's scorecard with pace marks, who is behind and on what, and the history", async () => {
    const { root, fake } = await mountPage(USERS.LEAD, () => teamCard());
    expect(root.get('[data-testid="page-title"]').text()).toBe('Team KPIs');
    expect(fake.requests.find((r) => r.body.operationName === 'TeamScorecard')?.body.variables).toEqual({ teamId: 't-north', sprintId: 's-now' });
    const card = root.get('[data-testid="team-scorecard"]');
    expect(card.attributes('data-targets-set')).toBe('false');
    expect(card.get('[data-testid="team-scorecard-source"]').text()).toContain('Default targets');
    const lines = card.findAll('[data-testid="score-line"]');
    expect(lines.map((l) => [l.attributes('data-metric'), l.attributes('data-status')])).toEqual([
      ['REVENUE', 'BEHIND'],
      ['WIN_RATE', 'AHEAD'],
    ]);
    expect((lines[0]!.get('.score-line__pace').element as HTMLElement).style.left).toBe('50%');
    expect(nbsp(card.get('[data-testid="scorecard-score"]').text())).toContain('41');
    // who is behind: both reps, the one behind on more first
    const behind = card.findAll('[data-testid="team-behind-person"]');
    expect(behind.map((b) => b.attributes('data-member'))).toEqual(['m-rep1', 'm-rep2']);
    expect(behind[0]!.text()).toContain('Revenue');
    expect(behind[0]!.text()).toContain('Win rate');
    expect(root.findAll('[data-testid="team-kpi-lines-row"]')).toHaveLength(2);
    expect(root.findAll('[data-testid="team-kpi-members-row"]')).toHaveLength(2);
    expect(root.get('[data-testid="team-kpi-members-csv"]').attributes('disabled')).toBeUndefined();
    expect(root.findAll('[data-testid="team-kpi-history-row"]')).toHaveLength(1);
    // the lead leads the team: the targets form starts from the targets in force
    expect(root.findAll('[data-testid="team-target-row"]')).toHaveLength(2);
    expect((root.get('[data-testid="team-target-value-1"]').element as HTMLInputElement).value).toBe('30');
    expect(root.get('[data-testid="team-targets-sum"]').text()).toBe('100 %');
    expect(fake.violations).toEqual([]);
  });

  it('checks the weights before sending, sends shares as fractions for the sprint, shows the server refusal with its field, and reloads when saved', async () => {
    let saved = false;
    let reply: FakeReply = { json: graphQLError('BAD_USER_INPUT', 'The weights add up to 0.90; they must add up to 1.', { field: 'targets', reason: 'WEIGHTS_NOT_ONE', params: { weightSum: 0.9 } }) };
    const { root, fake } = await mountPage(USERS.LEAD, () => teamCard({ targetsSet: saved }), { SetTeamKpiTargets: () => reply });
    await root.get('[data-testid="team-target-weight-1"]').setValue('30');
    await root.get('[data-testid="team-targets-submit"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="team-targets-problem"]').attributes('data-problem')).toBe('weights');
    expect(fake.requests.some((r) => r.body.operationName === 'SetTeamKpiTargets')).toBe(false);

    // Over the API's limit: said here, in the page's language, rather than refused by the server.
    await root.get('[data-testid="team-target-weight-1"]').setValue('40');
    await root.get('[data-testid="team-target-value-0"]').setValue('2e15');
    await root.get('[data-testid="team-targets-submit"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="team-targets-problem"]').attributes('data-problem')).toBe('targetTooLarge');
    expect(root.get('[data-testid="team-targets-problem"]').text()).toBe('A target is at most 1,000,000,000,000,000.');
    expect(fake.requests.some((r) => r.body.operationName === 'SetTeamKpiTargets')).toBe(false);
    await root.get('[data-testid="team-target-value-0"]').setValue('6000000');

    await root.get('[data-testid="team-target-weight-1"]').setValue('40');
    await root.get('[data-testid="team-target-value-1"]').setValue('35');
    await root.get('[data-testid="team-targets-submit"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SetTeamKpiTargets')?.body.variables).toEqual({
      input: { teamId: 't-north', sprintId: 's-now', targets: [{ metric: 'REVENUE', target: 6_000_000, weight: 0.6 }, { metric: 'WIN_RATE', target: 0.35, weight: 0.4 }] },
    });
    const error = root.get('[data-testid="team-targets-error"]');
    expect(error.attributes('data-field')).toBe('targets');
    // The reason said whole in the page's language, the sum as a share: not the server's English sentence.
    expect(error.text()).toBe('The weights add up to 90%; they must add up to 100%.');

    reply = { json: { data: { setTeamKpiTargets: true } } };
    saved = true;
    await root.get('[data-testid="team-targets-submit"]').trigger('submit');
    await flushPromises();
    await flushPromises();
    expect(root.find('[data-testid="team-targets-error"]').exists()).toBe(false);
    expect(fake.requests.filter((r) => r.body.operationName === 'TeamScorecard')).toHaveLength(2);
    expect(root.get('[data-testid="team-scorecard"]').attributes('data-targets-set')).toBe('true');
  });

  it('shows an empty state for a team without reps, in Russian, and no targets form for a rep', async () => {
    const empty = await mountPage({ ...USERS.LEAD, locale: 'ru' }, () => teamCard({ lines: [], members: [], score: 0 }), {}, 'ru');
    expect(empty.root.get('[data-testid="page-title"]').text()).toBe('KPI группы');
    expect(empty.root.get('[data-testid="team-scorecard"] [data-testid="empty-state"]').text()).toContain('В группе нет менеджеров');
    expect(empty.root.find('[data-testid="team-targets-form"]').exists()).toBe(false);
    document.body.innerHTML = '';
    const rep = await mountPage(USERS.SALES, () => teamCard());
    expect(rep.root.findAll('[data-testid="score-line"]').length).toBeGreaterThan(0);
    expect(rep.root.find('[data-testid="team-targets-form"]').exists()).toBe(false);
  });
});
