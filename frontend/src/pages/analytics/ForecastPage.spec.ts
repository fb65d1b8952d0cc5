import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORECAST } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import { localToday, periodRange } from '@/utils/analytics';

async function mountForecast(path = '/analytics/forecast', overrides: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  // The director of the fixtures reads Russian; English unless the test asks for Russian.
  const user = { ...USERS.DIRECTOR, locale };
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const lastFilter = (fake: Awaited<ReturnType<typeof mountForecast>>['fake']) => fake.requests.filter((r) => r.body.operationName === 'Forecast').at(-1)?.body.variables.filter;

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ForecastPage', () => {
  it('shows closed, commit, best case and weighted, the categories chart and where the number comes from', async () => {
    const { root, fake } = await mountForecast('/analytics/forecast', {}, 'ru');
    expect(lastFilter(fake)).toEqual(periodRange('month', localToday()));
    const tile = (key: string) => nbsp(root.get(`[data-testid="stat-${key}"] [data-testid="stat-value"]`).text());
    expect(tile('closed')).toBe('500 000 ₽');
    expect(tile('commit')).toBe('1 500 000 ₽');
    expect(tile('best-case')).toBe('2 700 000 ₽');
    expect(tile('weighted')).toBe('2 030 000 ₽');
    expect(nbsp(root.get('[data-testid="forecast-chart"]').attributes('aria-label') ?? '')).toContain('Закрыто: 500 000 ₽; Обязательство: 1 000 000 ₽');
    const rows = root.findAll('[data-testid="forecast-members-row"]');
    expect(rows.map((r) => r.get('[data-col="member"]').text())).toEqual(['Rita Rep', 'Pavel Prospector']);
    const total = root.get('[data-testid="forecast-members-total"]');
    expect(total.get('[data-col="member"]').text()).toBe('Всего');
    expect(nbsp(total.get('[data-col="commit"]').text())).toBe('1 000 000 ₽');
    expect(nbsp(total.get('[data-col="weighted"]').text())).toBe('2 030 000 ₽');
    expect(fake.violations).toEqual([]);
  });

  it('rolls the table up by team, stage role and client category, with a total only where the rows add up to it', async () => {
    const { root, fake } = await mountForecast('/analytics/forecast', {}, 'ru');
    const views = root.findAll('[data-testid="forecast-rollup-views"] button');
    expect(views.map((v) => v.text())).toEqual(['По людям', 'По командам', 'По ролям этапа', 'По категориям клиентов']);
    await root.get('[data-view="team"]').trigger('click');
    await flushPromises();
    expect(root.find('[data-testid="forecast-members"]').exists()).toBe(false);
    const card = root.get('[data-testid="forecast-rollup"]');
    expect(card.text()).toContain('учтён в обеих');
    const teamRows = card.findAll('[data-testid="forecast-rollup-row"]');
    expect(teamRows.map((r) => [r.get('[data-col="team"]').text(), r.get('[data-col="members"]').text(), nbsp(r.get('[data-col="weighted"]').text())])).toEqual([
      ['Дилерские продажи', '2', '2 030 000 ₽'],
      ['Ключевые клиенты', '1', '1 300 000 ₽'],
    ]);
    // a person in two teams counts in both: no total row for teams
    expect(card.find('[data-testid="forecast-rollup-total"]').exists()).toBe(false);
    expect(root.get('[data-view="team"]').attributes('aria-pressed')).toBe('true');

    await root.get('[data-view="stageRole"]').trigger('click');
    await flushPromises();
    expect(root.findAll('[data-testid="forecast-rollup-row"]').map((r) => r.get('[data-col="stageRole"]').text())).toEqual(['Фермер (МРК)', 'Актуализатор']);
    expect(nbsp(root.get('[data-testid="forecast-rollup-total"] [data-col="weighted"]').text())).toBe('2 030 000 ₽');

    await root.get('[data-view="category"]').trigger('click');
    await flushPromises();
    expect(root.findAll('[data-testid="forecast-rollup-row"]').map((r) => r.get('[data-col="category"]').text())).toEqual(['Категория 2', 'Без категории']);
    expect(root.get('[data-testid="forecast-rollup-csv"]').attributes('disabled')).toBeUndefined();
    expect(root.get('[data-testid="forecast-rollup-xlsx"]').attributes('disabled')).toBeUndefined();

    await root.get('[data-view="member"]').trigger('click');
    await flushPromises();
    expect(root.findAll('[data-testid="forecast-members-row"]')).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('moves by month and quarter, keeping the period in the address', async () => {
    const { root, ctx, fake } = await mountForecast();
    const today = localToday();
    await root.get('[data-testid="forecast-prev"]').trigger('click');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ offset: '-1' });
    expect(lastFilter(fake)).toEqual(periodRange('month', today, -1));
    await root.get('[data-testid="forecast-period"] [data-grain="quarter"]').trigger('click');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ grain: 'quarter' });
    expect(lastFilter(fake)).toEqual(periodRange('quarter', today));
    expect(root.get('[data-testid="forecast-period-label"]').text()).toMatch(/^Q[1-4] \d{4}$/);
    await root.get('[data-testid="analytics-filter-team"]').setValue('t-north');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ grain: 'quarter', team: 't-north' });
    expect(lastFilter(fake)).toEqual({ teamId: 't-north', ...periodRange('quarter', today) });
  });

  it('says so when nothing is expected to close', async () => {
    const { root } = await mountForecast('/analytics/forecast', {
      Forecast: () => ({ json: { data: { forecast: { ...FORECAST, closed: 0, commit: 0, bestCase: 0, weightedPipeline: 0, categories: FORECAST.categories.map((c) => ({ ...c, count: 0, amount: 0, weighted: 0 })), byMember: [] } } } }),
    });
    expect(root.get('[data-testid="forecast-card"] [data-testid="empty-state"]').text()).toContain('No deals are expected to close in this period.');
    expect(root.get('[data-testid="forecast-members"] [data-testid="empty-state"]').text()).toContain('No rows to show.');
    expect(root.get('[data-testid="forecast-members-csv"]').attributes('disabled')).toBeDefined();
  });
});

describe('ForecastPage submissions and accuracy', () => {
  it('lists the submissions and lets the director adjust a rep with a required note', async () => {
    const { root, fake } = await mountForecast();
    const rows = root.findAll('[data-testid="forecast-submissions-row"]');
    expect(rows.map((r) => r.get('[data-col="kind"]').text())).toEqual(['Adjusted', 'Submitted']);
    expect(rows[0]!.get('[data-col="note"]').text()).toBe('Two deals slip to January');
    await root.get('[data-testid="forecast-submit-amount"]').setValue('1000000');
    await root.get('[data-testid="forecast-submit-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="forecast-submit-note-error"]').text()).toBe('Say why you adjust the number.');
    expect(fake.requests.some((r) => r.body.operationName === 'SubmitForecast')).toBe(false);
    await root.get('[data-testid="forecast-submit-member"]').setValue('m-rep1');
    await root.get('[data-testid="forecast-submit-note"]').setValue('Pushed out');
    await root.get('[data-testid="forecast-submit-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SubmitForecast')?.body.variables.input).toEqual({ ...periodRange('month', localToday()), amount: 1_000_000, memberId: 'm-rep1', note: 'Pushed out' });
    expect(root.get('[data-testid="forecast-submit-saved"]').text()).toBe('Saved.');
  });

  it('lets a rep submit their own number, and shows the API refusal at the field', async () => {
    seedSession(USERS.SALES);
    const fake = createFakeFetch(dashboardHandler(USERS.SALES, { SubmitForecast: () => ({ json: graphQLError('BAD_USER_INPUT', 'Say why you adjust the forecast.', { field: 'note', reason: 'ADJUSTMENT_NOTE_REQUIRED', params: { name: 'Rita Rep' } }) }) }));
    const { root } = await mountRoute('/analytics/forecast', { fetch: fake.fetch, locale: 'en' });
    await flushPromises();
    expect(root.find('[data-testid="forecast-submit-member"]').exists()).toBe(false);
    expect(root.get('[data-testid="forecast-submit"]').text()).toBe('Submit my number');
    await root.get('[data-testid="forecast-submit-amount"]').setValue('750000');
    await root.get('[data-testid="forecast-submit-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SubmitForecast')?.body.variables.input).toMatchObject({ amount: 750_000, memberId: null, note: null });
    expect(root.get('[data-testid="forecast-submit-note-error"]').text()).toBe('Say why you adjust the forecast of Rita Rep.');
  });

  it('shows a refusal of no field above the button, the summary and the server sentence apart', async () => {
    seedSession(USERS.SALES);
    const fake = createFakeFetch(dashboardHandler(USERS.SALES, { SubmitForecast: () => ({ json: graphQLError('FORBIDDEN', 'The period is closed.') }) }));
    const { root } = await mountRoute('/analytics/forecast', { fetch: fake.fetch, locale: 'en' });
    await flushPromises();
    await root.get('[data-testid="forecast-submit-amount"]').setValue('750000');
    await root.get('[data-testid="forecast-submit-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="forecast-submit-error"]').text()).toBe('You do not have access to this. The period is closed.');
  });

  it('draws forecast against won per month with the accuracy, and shows it as a table', async () => {
    const { root } = await mountForecast();
    expect(root.get('[data-testid="forecast-accuracy-chart"]').attributes('aria-label')).toContain('75%');
    await root.get('[data-testid="forecast-accuracy-view-table"]').trigger('click');
    const rows = root.findAll('[data-testid="forecast-accuracy-row"]');
    expect(rows.map((r) => r.get('[data-col="accuracy"]').text())).toEqual(['75%', '100%']);
  });
});
