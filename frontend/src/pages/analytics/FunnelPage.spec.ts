import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNNEL } from '@/testing/analytics-fixtures';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountFunnel(user: CurrentUser, path = '/analytics', overrides: Partial<Record<string, () => FakeReply>> = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, overrides));
  const { root, ctx } = await mountRoute(path, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}

/** The director of the fixtures reads Russian; this one reads English. */
const DIRECTOR_EN: CurrentUser = { ...USERS.DIRECTOR, locale: 'en' };
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('FunnelPage', () => {
  it('shows the funnel figures, its chart and the performance chart, in Russian number formats', async () => {
    const { root, fake } = await mountFunnel(USERS.DIRECTOR, '/analytics', {}, 'ru');
    expect(root.get('[data-testid="page-title"]').text()).toBe('Воронка продаж');
    expect(fake.requests.find((r) => r.body.operationName === 'FunnelPage')?.body.variables).toEqual({ filter: {} });
    const tile = (key: string) => nbsp(root.get(`[data-testid="stat-${key}"] [data-testid="stat-value"]`).text());
    expect(tile('total')).toBe('20');
    expect(tile('win-rate')).toBe('75 %');
    expect(tile('median-days')).toBe('19,5 дня');
    expect(tile('won-amount')).toBe('3 150 000 ₽');
    expect(tile('weighted')).toBe('1 234 500 ₽');
    expect(root.get('[data-testid="funnel-chart"]').attributes('data-type')).toBe('bar');
    expect(nbsp(root.get('[data-testid="funnel-chart"]').attributes('aria-label') ?? '')).toContain('Новый лид: дошли 20, сейчас 4 на 1 200 000 ₽');
    expect(root.findAll('[data-testid="funnel-step"]')).toHaveLength(FUNNEL.stages.length);
    expect(nbsp(root.findAll('[data-testid="funnel-step"]')[0]!.text())).toContain('80 % переходят дальше');
    expect(root.find('[data-testid="performance-chart"]').exists()).toBe(true);
    // Two pipelines: the pipeline picker shows.
    expect(root.findAll('[data-testid="analytics-filter-pipeline"] option')).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('switches a report to its table and sorts the people by a column', async () => {
    const { root } = await mountFunnel(DIRECTOR_EN);
    await root.get('[data-testid="funnel-card-view-table"]').trigger('click');
    expect(root.find('[data-testid="funnel-chart"]').exists()).toBe(false);
    const rows = root.findAll('[data-testid="funnel-card-row"]');
    expect(rows.map((r) => r.get('[data-col="name"]').text())).toEqual(['Новый лид', 'Переговоры', 'Выиграна', 'Проиграна']);
    expect(rows[0]!.get('[data-col="amount"]').text()).toBe('₽1,200,000');
    expect(rows[1]!.get('[data-col="conversion"]').text()).toBe('37.5%');
    expect(rows[2]!.get('[data-col="conversion"]').text()).toBe('—');

    await root.get('[data-testid="performance-card-view-table"]').trigger('click');
    const names = () => root.findAll('[data-testid="performance-card-row"] [data-col="member"]').map((c) => c.text());
    expect(names()).toEqual(['Rita Rep', 'Pavel Prospector']);
    await root.get('[data-testid="performance-card-sort-averageWon"]').trigger('click');
    expect(names()).toEqual(['Pavel Prospector', 'Rita Rep']);
    expect(root.get('[data-testid="performance-card-sort-averageWon"]').element.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    await root.get('[data-testid="performance-card-sort-averageWon"]').trigger('click');
    expect(names()).toEqual(['Rita Rep', 'Pavel Prospector']);
  });

  it('exports the funnel as CSV made in the page', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const { root } = await mountFunnel(DIRECTOR_EN);
    await root.get('[data-testid="funnel-card-csv"]').trigger('click');
    expect(clicks[0]).toMatch(/^funnel-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await blobs[0]!.text();
    // Blob.text() drops a leading BOM when decoding; the bytes keep it.
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['Stage;Reached;In stage now;Amount now;To next stage;Probability', 'Новый лид;20;4;1200000;0.8;0.1']);
  });

  it('keeps the filter in the address and asks the API for that team and period', async () => {
    const { root, ctx, fake } = await mountFunnel(DIRECTOR_EN);
    await root.get('[data-testid="analytics-filter-team"]').setValue('t-north');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ team: 't-north' });
    expect(fake.requests.filter((r) => r.body.operationName === 'FunnelPage').at(-1)?.body.variables).toEqual({ filter: { teamId: 't-north' } });
    // Only people of North can be picked now.
    expect(root.findAll('[data-testid="analytics-filter-member"] option').map((o) => o.text())).toEqual(['Everyone', 'Lena Lead', 'Pavel Prospector', 'Rita Rep']);
    await root.get('[data-testid="analytics-filter-member"]').setValue('m-rep1');
    await root.get('[data-testid="analytics-filter-period"]').setValue('month');
    await flushPromises();
    const filter = fake.requests.filter((r) => r.body.operationName === 'FunnelPage').at(-1)?.body.variables.filter as Record<string, string>;
    expect(filter.memberId).toBe('m-rep1');
    expect(filter.teamId).toBeUndefined();
    expect(filter.from).toMatch(/^\d{4}-\d{2}-01$/);
    // Another team drops a person who is not in it.
    await root.get('[data-testid="analytics-filter-team"]').setValue('t-south');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ team: 't-south', period: 'month' });
  });

  it('shows an empty funnel and an error with a retry', async () => {
    const empty = await mountFunnel(USERS.LEAD, '/analytics', {
      FunnelPage: () => ({ json: { data: { funnel: { ...FUNNEL, totalDeals: 0, won: 0, lost: 0, winRate: null, medianDaysToWin: null, stages: FUNNEL.stages.map((s) => ({ ...s, count: 0, reached: 0, amount: 0 })) }, memberPerformance: [] } } }),
    });
    expect(empty.root.get('[data-testid="funnel-card"] [data-testid="empty-state"]').text()).toContain('No deals match the filter.');
    expect(empty.root.get('[data-testid="stat-win-rate"] [data-testid="stat-value"]').text()).toBe('—');
    expect(empty.root.get('[data-testid="performance-card"] [data-testid="empty-state"]').text()).toContain('Nobody owns deals');
    expect(empty.root.find('[data-testid="analytics-tabs"] [data-tab="import"]').exists()).toBe(false);
    document.body.innerHTML = '';

    let calls = 0;
    const failing = await mountFunnel(USERS.LEAD, '/analytics', {
      FunnelPage: () => (calls++ === 0 ? { json: graphQLError('FORBIDDEN', 'no') } : { json: { data: { funnel: FUNNEL, memberPerformance: [] } } }),
    });
    expect(failing.root.get('[data-testid="error-state"]').attributes('data-error-code')).toBe('FORBIDDEN');
    await failing.root.get('[data-testid="error-state"] button').trigger('click');
    await flushPromises();
    expect(failing.root.find('[data-testid="funnel-chart"]').exists()).toBe(true);
  });
});
