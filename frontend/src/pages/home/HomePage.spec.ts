import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { KPI_SUMMARY, memberTrends } from '@/testing/analytics-fixtures';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountHome(user: CurrentUser, overrides: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute('/', { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('HomePage', () => {
  it('gives the director all teams: composition chart + table, team sizes and the team list', async () => {
    const { root, fake } = await mountHome(USERS.DIRECTOR, {}, 'ru');
    expect(root.find('[data-testid="home-director"]').exists()).toBe(true);
    expect(root.get('[data-testid="home-greeting"]').text()).toContain('Дмитрий');
    expect(root.get('[data-testid="home-focus"]').text()).toContain('Директор по продажам');

    const table = root.get('[data-testid="composition-table"]');
    expect(table.text()).toContain('Руководитель группы');
    expect(table.text()).toContain('Охотник (МПК)');
    expect(table.text()).toContain('Актуализатор');
    expect(table.text()).toContain('Фермер (МРК)');
    expect(table.get('tfoot').text()).toContain('4');

    const charts = root.findAll('[data-testid="chart"]');
    expect(charts.map((c) => c.attributes('data-type'))).toEqual(['doughnut', 'bar']);
    expect(charts[0]?.attributes('aria-label')).toContain('Охотник (МПК): 1');
    expect(charts[1]?.attributes('aria-label')).toBe('Столбчатая диаграмма размеров команд. North: 3, South: 1');

    expect(root.findAll('[data-testid="team"]')).toHaveLength(2);
    expect(root.get('[data-testid="team-list-card"]').text()).toContain('3 участника');
    expect(root.get('[data-testid="team-list-card"]').text()).toContain('Не назначен');

    const composition = fake.requests.find((r) => r.body.operationName === 'TeamComposition');
    expect(composition?.body.variables).toEqual({ teamId: null });
    expect(fake.violations).toEqual([]);
  });

  it('lets the director narrow the composition to one team', async () => {
    const { root, fake } = await mountHome(USERS.DIRECTOR);
    await root.get('[data-testid="composition-team-filter"]').setValue('t-south');
    await flushPromises();
    const last = fake.requests.filter((r) => r.body.operationName === 'TeamComposition').at(-1);
    expect(last?.body.variables).toEqual({ teamId: 't-south' });
  });

  it.each([
    ['LEAD', 'home-lead', 'Team lead'],
    ['COACH', 'home-coach', 'Coach'],
    ['SALES', 'home-rep', 'Sales rep'],
  ] as const)('gives a %s their own team', async (role, testId, roleLabel) => {
    const { root } = await mountHome(USERS[role]);
    expect(root.find(`[data-testid="${testId}"]`).exists()).toBe(true);
    expect(root.get('[data-testid="home-focus"]').text()).toContain(roleLabel);
    expect(root.get('[data-testid="team-list-card"] h2').text()).toBe('My team');
    expect(root.find('[data-testid="team-sizes-card"]').exists()).toBe(false);
    expect(root.findAll('[data-testid="chart"]')).toHaveLength(1);
    expect(root.get('[data-testid="team-list-card"]').text()).toContain('Hunter');
  });

  it('shows an empty state when there is nobody to count', async () => {
    const { root } = await mountHome(USERS.LEAD, {
      TeamComposition: () => ({ json: { data: { teamComposition: [] } } }),
      Teams: () => ({ json: { data: { teams: [] } } }),
    });
    const card = root.get('[data-testid="composition-card"]');
    expect(card.find('[data-testid="empty-state"]').text()).toContain('There are no active members yet.');
    expect(card.find('[data-testid="chart"]').exists()).toBe(false);
    expect(root.get('[data-testid="team-list-card"] [data-testid="empty-state"]').text()).toContain('There are no teams yet.');
  });

  it('shows a translated error with a retry that asks again', async () => {
    let fail = true;
    const { root, fake } = await mountHome(USERS.LEAD, {
      TeamComposition: () =>
        fail
          ? { json: graphQLError('INTERNAL_SERVER_ERROR', 'db down') }
          : { json: { data: { teamComposition: [{ key: 'SALES', count: 2 }] } } },
    });
    const card = root.get('[data-testid="composition-card"]');
    const error = card.get('[data-testid="error-state"]');
    expect(error.attributes('data-error-code')).toBe('INTERNAL_SERVER_ERROR');
    expect(error.text()).toContain('The server could not complete the request.');

    fail = false;
    await error.get('button').trigger('click');
    await flushPromises();
    expect(card.find('[data-testid="error-state"]').exists()).toBe(false);
    expect(card.get('[data-testid="composition-table"]').text()).toContain('Sales rep');
    expect(fake.requests.filter((r) => r.body.operationName === 'TeamComposition')).toHaveLength(2);
  });

  it('signs the user out when a query says the token is no longer valid', async () => {
    const { ctx } = await mountHome(USERS.LEAD, {
      Teams: () => ({ json: graphQLError('UNAUTHENTICATED', 'Token revoked') }),
    });
    await flushPromises();
    expect(localStorage.getItem('sc.token')).toBeNull();
    await vi.waitFor(() => expect(ctx.router.currentRoute.value.name).toBe('login'));
    expect(ctx.router.currentRoute.value.query.redirect).toBe('/');
  });

  describe('analytics dashboards', () => {
    const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    const ops = (fake: Awaited<ReturnType<typeof mountHome>>['fake'], name: string) => fake.requests.filter((r) => r.body.operationName === name);

    it("gives the director this month's forecast, the funnel of each team and the KPI progress of each team", async () => {
      const { root, fake } = await mountHome(USERS.DIRECTOR, {}, 'ru');
      expect(nbsp(root.get('[data-testid="forecast-headline"] [data-testid="stat-commit"]').text())).toContain('1 500 000 ₽');
      expect(root.get('[data-testid="forecast-no-plan"]').text()).toContain('цели по выручке');
      expect(ops(fake, 'Funnel').map((r) => r.body.variables)).toEqual([{ filter: { teamId: 't-north' } }, { filter: { teamId: 't-south' } }]);
      expect(root.get('[data-testid="team-funnel-chart"]').attributes('aria-label')).toContain('North');
      // One summary per team, not everyone's scorecard.
      expect(ops(fake, 'KpiSummary').map((r) => r.body.variables)).toEqual([{ filter: {}, worst: 3 }]);
      expect(ops(fake, 'Scorecards')).toEqual([]);
      expect(nbsp(root.get('[data-testid="kpi-summary-overall"]').text())).toBe('4 человека, средний итог 64,2 % · каждый за свой текущий спринт, иначе за этот месяц');
      const card = root.get('[data-testid="kpi-transparency"]');
      expect(card.get('[data-testid="kpi-transparency-chart"]').attributes('aria-label')).toBe('Столбчатая диаграмма: кто в темпе и кто отстаёт по командам. North: отстают 1 из 2; South: отстают 1 из 1; Вне команд: отстают 0 из 1');
      const behind = root.get('[data-testid="kpi-transparency-behind"]');
      expect(behind.attributes('data-count')).toBe('2');
      const teams = behind.findAll('[data-testid="kpi-behind-team"]');
      expect(teams.map((t) => t.get('a').text())).toEqual(['North', 'South']);
      expect(teams[0]?.get('a').attributes('href')).toBe('/kpi/team?team=t-north');
      expect(nbsp(teams[0]!.text())).toContain('North (спринт 25 нояб. – 8 дек. 2026 г.) · отстают 1 из 2');
      expect(nbsp(teams[1]!.text())).toContain('South (1 дек. – 31 дек. 2026 г.) · отстают 1 из 1');
      expect(behind.findAll('[data-testid="pace-behind-person"]')[0]?.text()).toContain('Выручка, Звонки');
      expect(behind.findAll('[data-testid="pace-behind-person"]')[0]?.get('a').attributes('href')).toBe('/kpi/m-rep1');
      expect(fake.violations).toEqual([]);
    });

    it('shows the director an empty KPI card when nobody has a scorecard, and an error with a retry', async () => {
      const empty = { ...KPI_SUMMARY, overall: { ...KPI_SUMMARY.overall, people: 0, withTargets: 0, onTrack: 0, behind: 0, averageScore: null, metrics: [], mostBehind: [] }, teams: [] };
      const { root } = await mountHome(USERS.DIRECTOR, { KpiSummary: () => ({ json: { data: { kpiSummary: empty } } }) }, 'ru');
      expect(root.get('[data-testid="kpi-transparency"] [data-testid="empty-state"]').text()).toContain('Карт показателей пока ни у кого нет.');
      expect(root.find('[data-testid="kpi-transparency-behind"]').exists()).toBe(false);

      let fail = true;
      const failing = await mountHome(USERS.DIRECTOR, { KpiSummary: () => (fail ? { json: graphQLError('INTERNAL_SERVER_ERROR', 'db down') } : { json: { data: { kpiSummary: KPI_SUMMARY } } }) });
      const error = failing.root.get('[data-testid="kpi-transparency"] [data-testid="error-state"]');
      fail = false;
      await error.get('button').trigger('click');
      await flushPromises();
      expect(failing.root.get('[data-testid="kpi-transparency-behind"]').attributes('data-count')).toBe('2');
    });

    it("gives the lead the sprint summary and the team's pace", async () => {
      const { root, fake } = await mountHome(USERS.LEAD);
      expect(ops(fake, 'ActiveSprint')[0]?.body.variables).toEqual({ teamId: 't-north' });
      expect(root.get('[data-testid="sprint-pulse"] [data-testid="empty-state"]').text()).toContain('No sprint is running');
      expect(ops(fake, 'Scorecards').map((r) => [...(r.body.variables.memberIds as string[])].sort())).toEqual([['m-rep1', 'm-rep2']]);
      expect(root.get('[data-testid="team-pace-behind"]').text()).toContain('1 person is behind:');
      expect(root.get('[data-testid="team-pace-behind"] a').attributes('href')).toBe('/kpi/m-rep1');
    });

    it("gives the lead the week's reminders of the running sprint, soonest first", async () => {
      const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
      const reminder = (id: string, nextAt: string | null, note: string) => ({ id, kind: 'BEFORE_DUE', note, nextAt, recipientName: 'Rita Rep' });
      const { root, fake } = await mountHome(USERS.LEAD, {
        TeamReminders: () => ({
          json: {
            data: {
              activeSprint: {
                id: 'sp-1',
                name: 'Sprint 20',
                processes: [
                  { id: 'p-1', title: 'Отгрузка ООО Ромашка', status: 'IN_PROGRESS', overdue: false, dueAt: inHours(30), owner: { id: 'm-rep1', name: 'Rita Rep' }, reminders: [reminder('r-1', inHours(26), 'Позвонить закупщику'), reminder('r-2', inHours(24 * 10), 'later')] },
                  { id: 'p-2', title: 'Тендер ГУП', status: 'TODO', overdue: true, dueAt: inHours(-5), owner: { id: 'm-rep2', name: 'Pavel Prospector' }, reminders: [reminder('r-3', inHours(2), '')] },
                  { id: 'p-3', title: 'Done one', status: 'DONE', overdue: false, dueAt: null, owner: null, reminders: [reminder('r-4', inHours(1), 'x')] },
                ],
              },
            },
          },
        }),
      });
      expect(ops(fake, 'TeamReminders')[0]?.body.variables).toEqual({ teamId: 't-north' });
      const items = root.findAll('[data-testid="team-reminder"]');
      expect(items.map((i) => i.get('a').text())).toEqual(['Тендер ГУП', 'Отгрузка ООО Ромашка']);
      expect(items[0]!.text()).toContain('overdue');
      expect(items[1]!.text()).toContain('Позвонить закупщику');
      expect(items[1]!.text()).toContain('For Rita Rep');
      expect(items[1]!.get('a').attributes('href')).toBe('/processes/p-1');
      expect(fake.violations).toEqual([]);
    });

    it('tells the lead when no sprint runs or nothing is due this week', async () => {
      const { root } = await mountHome(USERS.LEAD);
      expect(root.get('[data-testid="team-reminders"] [data-testid="empty-state"]').text()).toContain('When the team starts a sprint');
      const quiet = await mountHome(USERS.LEAD, { TeamReminders: () => ({ json: { data: { activeSprint: { id: 'sp-1', name: 'S', processes: [] } } } }) });
      expect(quiet.root.get('[data-testid="team-reminders"] [data-testid="empty-state"]').text()).toContain('No reminders in the next seven days.');
    });

    it('gives the rep their scorecard, their processes and the clients that went quiet', async () => {
      const { root, fake } = await mountHome(USERS.SALES, {
        AttentionClients: () => ({ json: { data: { clients: { totalCount: 1, edges: [{ node: { id: 'c1', name: 'ООО Тишина', stage: 'DORMANT', region: 'Урал', annualPotential: '1200000.00' } }] } } } }),
      });
      expect(ops(fake, 'Scorecard')[0]?.body.variables).toEqual({ memberId: 'm-rep1', sprintId: null });
      expect(root.get('[data-testid="my-scorecard"] [data-testid="scorecard-behind"]').attributes('data-count')).toBe('2');
      expect(ops(fake, 'AttentionClients')[0]?.body.variables).toEqual({ filter: { stages: ['DORMANT'] }, first: 6 });
      expect(root.get('[data-testid="attention-client"]').text()).toContain('ООО Тишина');
      expect(root.find('[data-testid="my-processes"] [data-testid="empty-state"]').exists()).toBe(true);
    });

    it('gives the coach the coachees with their trends and flags', async () => {
      const { root, fake } = await mountHome(USERS.COACH);
      // one request for everyone's trend, no scorecard each
      expect(ops(fake, 'MemberTrends').map((r) => [[...(r.body.variables.memberIds as string[])].sort(), r.body.variables.last])).toEqual([[['m-rep1', 'm-rep2'], 3]]);
      expect(ops(fake, 'Scorecards')).toEqual([]);
      expect(root.get('[data-testid="coachees"] h2').text()).toBe('Coachees');
      expect(root.get('[data-testid="coachees-chart"]').attributes('aria-label')).toContain('Rita Rep: 90% → 60% → 32.7%');
      const flags = root.get('[data-testid="coachees-behind"]');
      expect(flags.attributes('data-count')).toBe('1');
      expect(flags.text()).toContain('2 people need a word:');
      const [rita, pavel] = flags.findAll('[data-testid="coachee-flagged"]');
      expect(rita!.attributes('data-falling')).toBe('true');
      expect(rita!.text()).toContain('pace falling two sprints running');
      expect(rita!.text()).toContain('behind on Revenue, Calls made');
      expect(rita!.get('a').attributes('href')).toBe('/coaching/m-rep1');
      expect(pavel!.text()).toContain('2 deals stalled 30 days');
      expect(fake.violations).toEqual([]);
    });

    it("shows the coach's trends in Russian, and an error with a retry", async () => {
      let fail = true;
      const { root } = await mountHome({ ...USERS.COACH, locale: 'ru' }, { MemberTrends: () => (fail ? { json: graphQLError('INTERNAL_SERVER_ERROR', 'db down') } : { json: { data: { memberTrends: memberTrends(['m-rep1', 'm-rep2']) } } }) }, 'ru');
      const error = root.get('[data-testid="coachees"] [data-testid="error-state"]');
      fail = false;
      await error.get('button').trigger('click');
      await flushPromises();
      const flags = root.get('[data-testid="coachees-behind"]');
      expect(flags.text()).toContain('Стоит поговорить с 2 сотрудниками:');
      expect(flags.text()).toContain('темп падает два спринта подряд');
      expect(flags.text()).toContain('2 сделки стоят 30 дней');
    });
  });
});
