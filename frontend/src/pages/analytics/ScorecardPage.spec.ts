import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { productManagerScorecard, scorecard } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountScorecard(user: CurrentUser, path = '/kpi', overrides: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ScorecardPage', () => {
  it("shows a rep their own KPIs with target, actual, pace and status, and no one else to pick", async () => {
    const { root, fake } = await mountScorecard({ ...USERS.SALES, locale: 'ru' }, '/kpi', {}, 'ru');
    expect(root.get('[data-testid="page-title"]').text()).toBe('Мои KPI');
    expect(fake.requests.find((r) => r.body.operationName === 'Scorecard')?.body.variables).toEqual({ memberId: 'm-rep1', sprintId: null });
    expect(root.find('[data-testid="scorecard-member"]').exists()).toBe(false);
    const card = root.get('[data-testid="scorecard-page"] [data-testid="scorecard"]');
    expect(nbsp(card.get('[data-testid="scorecard-score"]').text())).toContain('32,7 %');
    expect(card.get('[data-testid="scorecard-behind"]').attributes('data-count')).toBe('2');
    const lines = card.findAll('[data-testid="score-line"]');
    expect(lines.map((l) => [l.attributes('data-metric'), l.attributes('data-status')])).toEqual([
      ['REVENUE', 'BEHIND'],
      ['CALLS', 'BEHIND'],
      ['PROCESSES_DONE', 'AHEAD'],
    ]);
    expect(nbsp(lines[0]!.text())).toContain('0 ₽ из 3 000 000 ₽');
    expect(nbsp(lines[0]!.text())).toContain('темп 1 500 000 ₽');
    expect(lines[0]!.get('[data-testid="score-status"]').text()).toBe('Отстаёт');
    expect((lines[1]!.get('.score-line__pace').element as HTMLElement).style.left).toBe('50%');
    expect(card.get('[data-testid="scorecard-period"]').text()).toContain('2026');
    expect(root.findAll('[data-testid="scorecard-table-row"]')).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('lets a lead pick a person of the team, with the address following', async () => {
    const { root, ctx, fake } = await mountScorecard(USERS.LEAD);
    expect(root.get('[data-testid="page-title"]').text()).toBe('My KPIs');
    const options = root.findAll('[data-testid="scorecard-member"] option').map((o) => o.text());
    expect(options).toEqual(['Lena Lead (me)', 'Pavel Prospector', 'Rita Rep']);
    await root.get('[data-testid="scorecard-member"]').setValue('m-rep2');
    await flushPromises();
    expect(ctx.router.currentRoute.value.params.memberId).toBe('m-rep2');
    expect(fake.requests.filter((r) => r.body.operationName === 'Scorecard').at(-1)?.body.variables).toEqual({ memberId: 'm-rep2', sprintId: null });
    expect(root.get('[data-testid="page-title"]').text()).toBe('KPIs');
    expect(root.get('[data-testid="scorecard-behind"]').attributes('data-count')).toBe('0');
  });

  it("names the scope of a product manager's lines, which count every rep's sales", async () => {
    for (const locale of ['ru', 'en'] as const) {
      const { root, fake } = await mountScorecard({ ...USERS.SALES, locale }, '/kpi', { Scorecard: () => ({ json: { data: { scorecard: productManagerScorecard('m-rep1', 'Rita Rep') } } }) }, locale);
      const lines = root.findAll('[data-testid="score-line"]');
      expect(lines.map((l) => l.attributes('data-metric'))).toEqual(['PRODUCT_REVENUE', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE']);
      expect(lines.map((l) => l.get('[data-testid="score-scope"]').text())).toEqual(Array(3).fill(locale === 'ru' ? 'Продукт: Сетевое оборудование' : 'Product: Сетевое оборудование'));
      expect(nbsp(lines[0]!.text())).toContain(locale === 'ru' ? '2 400 000 ₽ из 5 000 000 ₽' : '₽2,400,000 of ₽5,000,000');
      expect(nbsp(lines[2]!.text())).toContain(locale === 'ru' ? '18 %' : '18%');
      expect(root.get('[data-testid="scorecard-scope-hint"]').text()).toContain(locale === 'ru' ? 'всех менеджеров' : 'everyone');
      expect(root.findAll('[data-testid="scorecard-table-row"] [data-col="scope"]').map((c) => c.text())).toEqual(Array(3).fill('Сетевое оборудование'));
      expect(fake.violations).toEqual([]);
      document.body.innerHTML = '';
    }
  });

  it("shows a coach their sessions held and their coachees' progress, a signed change of the review score", async () => {
    const coachCard = {
      ...scorecard('m-coach', 'Carl Coach'),
      lines: [
        { metric: 'COACHING_SESSIONS', target: 8, actual: 5, weight: 0.6, pace: 4, attainment: 0.625, status: 'AHEAD' },
        { metric: 'COACHEES_PROGRESS', target: 0.3, actual: 0.6667, weight: 0.4, pace: 0.3, attainment: 1.5, status: 'AHEAD' },
      ],
    } as const;
    for (const locale of ['ru', 'en'] as const) {
      const { root, fake } = await mountScorecard({ ...USERS.COACH, locale }, '/kpi', { Scorecard: () => ({ json: { data: { scorecard: coachCard } } }) }, locale);
      const lines = root.findAll('[data-testid="score-line"]');
      expect(lines.map((l) => l.attributes('data-metric'))).toEqual(['COACHING_SESSIONS', 'COACHEES_PROGRESS']);
      expect(lines[1]!.text()).toContain(locale === 'ru' ? 'Прогресс подопечных' : "Coachees' progress");
      expect(nbsp(lines[1]!.get('[data-testid="score-actual"]').text())).toBe(locale === 'ru' ? '+0,67 из +0,3' : '+0.67 of +0.3');
      expect(root.findAll('[data-testid="scorecard-table-row"] [data-col="actual"]').map((c) => c.text())).toEqual(['5', '+0.67'.replace('.', locale === 'ru' ? ',' : '.')]);
      expect(fake.violations).toEqual([]);
      document.body.innerHTML = '';
    }
  });

  it('shows no scope for a rep without a cross role', async () => {
    const { root } = await mountScorecard(USERS.SALES);
    expect(root.find('[data-testid="score-scope"]').exists()).toBe(false);
    expect(root.find('[data-testid="scorecard-scope-hint"]').exists()).toBe(false);
    expect(root.find('[data-testid="scorecard-table-row"] [data-col="scope"]').exists()).toBe(false);
  });

  it('shows the error of a person the viewer may not see', async () => {
    const { root } = await mountScorecard(USERS.SALES, '/kpi/m-rep3', { Scorecard: () => ({ json: graphQLError('NOT_FOUND', 'The member was not found') }) });
    expect(root.get('[data-testid="error-state"]').attributes('data-error-code')).toBe('NOT_FOUND');
  });
});
