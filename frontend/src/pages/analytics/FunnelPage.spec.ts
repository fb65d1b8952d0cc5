import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FUNNEL, PERFORMANCE } from '@/testing/analytics-fixtures';
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
    expect(rows.map((r) => r.get('[data-col="avgDays"]').text())).toEqual(['4.5', '12.3', '—', '—']);

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
    expect(text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 4)).toEqual([
      'Stage;Reached;In stage now;Amount now;To next stage;Probability;Avg. days in stage',
      'Новый лид;20;4;1200000;0.8;0.1;4.5',
      'Переговоры;16;8;1857500;0.375;0.6;12.25',
      'Выиграна;6;6;3150000;;1;',
    ]);
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

    // a refusal that the same request would meet again offers no retry
    const refused = await mountFunnel(USERS.LEAD, '/analytics', { FunnelPage: () => ({ json: graphQLError('FORBIDDEN', 'no') }) });
    expect(refused.root.get('[data-testid="error-state"]').attributes('data-error-code')).toBe('FORBIDDEN');
    expect(refused.root.find('[data-testid="error-state"] button').exists()).toBe(false);
    document.body.innerHTML = '';

    let calls = 0;
    const failing = await mountFunnel(USERS.LEAD, '/analytics', {
      FunnelPage: () => (calls++ === 0 ? { json: graphQLError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side (reference 0a1b2c3d).') } : { json: { data: { funnel: FUNNEL, memberPerformance: [] } } }),
    });
    expect(failing.root.get('[data-testid="error-state"]').attributes('data-error-code')).toBe('INTERNAL_SERVER_ERROR');
    await failing.root.get('[data-testid="error-state"] button').trigger('click');
    await flushPromises();
    expect(failing.root.find('[data-testid="funnel-chart"]').exists()).toBe(true);
  });

  it('shows sales velocity with its formula and the days in each stage, in both languages', async () => {
    const en = await mountFunnel(DIRECTOR_EN);
    const card = en.root.get('[data-testid="velocity-card"]');
    expect(card.get('[data-testid="velocity-value"]').attributes('data-value')).toBe('225000');
    expect(nbsp(card.get('[data-testid="velocity-value"]').text())).toBe('₽225,000 a day');
    expect(nbsp(card.get('[data-testid="velocity-formula"]').text())).toBe('12 open deals × 75% win rate × ₽525,000 average won deal ÷ 21 days to win');
    expect(card.text()).toContain('divided by the average days');
    expect(card.findAll('[data-testid="stat-tiles"] li').map((li) => li.attributes('data-value'))).toEqual(['12', '0.75', '525000', '21']);
    expect(en.root.findAll('[data-testid="funnel-step-days"]').map((d) => nbsp(d.text()))).toEqual(['4.5 days on average', '12.3 days on average']);
    document.body.innerHTML = '';

    const ru = await mountFunnel(USERS.DIRECTOR, '/analytics', {}, 'ru');
    const ruCard = ru.root.get('[data-testid="velocity-card"]');
    expect(ruCard.text()).toContain('Скорость продаж');
    expect(nbsp(ruCard.get('[data-testid="velocity-value"]').text())).toBe('225 000 ₽ в день');
    expect(nbsp(ruCard.get('[data-testid="velocity-formula"]').text())).toBe('открытые сделки (12) × доля выигранных 75 % × средняя выигранная 525 000 ₽ ÷ 21 день до победы');
    expect(nbsp(ru.root.findAll('[data-testid="funnel-step-days"]')[0]!.text())).toBe('в среднем 4,5 дня');

    // Nothing closed yet: no velocity, and a word why.
    document.body.innerHTML = '';
    const none = await mountFunnel(DIRECTOR_EN, '/analytics', {
      FunnelPage: () => ({ json: { data: { funnel: { ...FUNNEL, won: 0, lost: 0, winRate: null, avgWonAmount: null, avgDaysToWin: null, salesVelocity: null }, memberPerformance: [] } } }),
    });
    expect(none.root.get('[data-testid="velocity-value"]').text()).toBe('Not enough closed deals yet');
    expect(none.root.find('[data-testid="velocity-formula"]').exists()).toBe(false);
  });

  it('filters by stage role, client segment and product, keeps them in the address, and a link reproduces the view', async () => {
    const { root, ctx, fake } = await mountFunnel(DIRECTOR_EN);
    const lastFilter = () => fake.requests.filter((r) => r.body.operationName === 'FunnelPage').at(-1)?.body.variables.filter as Record<string, unknown>;
    expect(root.findAll('[data-testid="funnel-filter-role"] option').map((o) => o.text())).toEqual(['Any role', 'Prospector', 'Hunter', 'Farmer', 'Key account manager']);
    await root.get('[data-testid="funnel-filter-role"]').setValue('HUNTER');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({ role: 'HUNTER' });
    expect(lastFilter()).toEqual({ stageRole: 'HUNTER' });
    await root.get('[data-testid="funnel-filter-category"]').setValue('1');
    await root.get('[data-testid="funnel-filter-region"]').setValue('Москва');
    await root.get('[data-testid="funnel-filter-industry"]').setValue('Энергетика');
    await root.get('[data-testid="funnel-filter-channel"]').setValue('DEALER');
    await root.get('[data-testid="funnel-filter-ownership"]').setValue('GOVERNMENT');
    await root.get('[data-testid="funnel-filter-vip"]').setValue('no');
    // Products are grouped by their line.
    expect(root.findAll('[data-testid="funnel-filter-product"] optgroup').map((g) => g.attributes('label'))).toEqual(['Сетевое оборудование', 'Серверы', 'Other']);
    await root.get('[data-testid="funnel-filter-product"]').setValue('pr-2');
    await root.get('[data-testid="analytics-filter-period"]').setValue('quarter');
    await flushPromises();
    const query = { role: 'HUNTER', category: '1', region: 'Москва', industry: 'Энергетика', channel: 'DEALER', ownership: 'GOVERNMENT', vip: 'no', product: 'pr-2', period: 'quarter' };
    expect(ctx.router.currentRoute.value.query).toEqual(query);
    const sent = lastFilter();
    expect(sent).toMatchObject({ stageRole: 'HUNTER', category: 1, region: 'Москва', industry: 'Энергетика', channel: 'DEALER', ownershipForm: 'GOVERNMENT', vip: false, productId: 'pr-2' });
    expect(sent.from).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    expect(root.get('[data-testid="analytics-filter"]').element.closest('section')?.textContent).toContain('9 filters on');
    // The tab to the forecast carries only what the forecast reads.
    expect(root.get('[data-testid="analytics-tabs"] [data-tab="forecast"]').attributes('href')).toBe('/analytics/forecast?period=quarter');
    document.body.innerHTML = '';

    // The same address opened afresh asks for the same funnel and shows the same choices.
    const again = await mountFunnel(DIRECTOR_EN, `/analytics?${new URLSearchParams(query).toString()}`);
    const first = again.fake.requests.find((r) => r.body.operationName === 'FunnelPage')?.body.variables.filter;
    expect(first).toEqual(sent);
    expect((again.root.get('[data-testid="funnel-filter-role"]').element as HTMLSelectElement).value).toBe('HUNTER');
    expect((again.root.get('[data-testid="funnel-filter-vip"]').element as HTMLSelectElement).value).toBe('no');
    expect((again.root.get('[data-testid="funnel-filter-product"]').element as HTMLSelectElement).value).toBe('pr-2');
    // Reset keeps nothing.
    await again.root.get('[data-testid="funnel-filter-reset"]').trigger('click');
    await flushPromises();
    expect(again.ctx.router.currentRoute.value.query).toEqual({});
    expect(again.fake.requests.filter((r) => r.body.operationName === 'FunnelPage').at(-1)?.body.variables).toEqual({ filter: {} });
    expect(again.root.find('[data-testid="funnel-filter-reset"]').exists()).toBe(false);
    expect(again.fake.violations).toEqual([]);
  });

  it('drops values from the address that are not choices', async () => {
    const { fake } = await mountFunnel(DIRECTOR_EN, '/analytics?role=CHIEF&category=7&vip=maybe&channel=TELEPATHY&ownership=&region=%20');
    expect(fake.requests.find((r) => r.body.operationName === 'FunnelPage')?.body.variables).toEqual({ filter: {} });
  });

  it('says when no deal matches the filters and resets them from the empty state', async () => {
    const emptyFunnel = { ...FUNNEL, totalDeals: 0, won: 0, lost: 0, winRate: null, medianDaysToWin: null, avgWonAmount: null, avgDaysToWin: null, salesVelocity: null, stages: FUNNEL.stages.map((s) => ({ ...s, count: 0, reached: 0, amount: 0, avgDaysInStage: null })) };
    let calls = 0;
    const { root, ctx, fake } = await mountFunnel(DIRECTOR_EN, '/analytics?role=PROSPECTOR&vip=yes', {
      // The people in scope come back with zeros when none of their deals matches.
      FunnelPage: () => (calls++ === 0
        ? { json: { data: { funnel: emptyFunnel, memberPerformance: PERFORMANCE.map((r) => ({ ...r, won: 0, lost: 0, open: 0, winRate: null, wonAmount: 0, averageWon: null })) } } }
        : { json: { data: { funnel: FUNNEL, memberPerformance: PERFORMANCE } } }),
    });
    expect(fake.requests.find((r) => r.body.operationName === 'FunnelPage')?.body.variables).toEqual({ filter: { stageRole: 'PROSPECTOR', vip: true } });
    const empty = root.get('[data-testid="funnel-card"] [data-testid="empty-state"]');
    expect(empty.text()).toContain('No deals match the filter.');
    expect(empty.text()).toContain('Try fewer filters');
    // No deals, no velocity to speak of, and nobody's chart of zeros.
    expect(root.find('[data-testid="velocity-card"]').exists()).toBe(false);
    expect(root.get('[data-testid="performance-card"] [data-testid="empty-state"]').text()).toContain('Nobody owns deals');
    await empty.get('[data-testid="funnel-empty-reset"]').trigger('click');
    await flushPromises();
    expect(ctx.router.currentRoute.value.query).toEqual({});
    expect(root.find('[data-testid="funnel-card"] [data-testid="empty-state"]').exists()).toBe(false);
    expect(root.find('[data-testid="funnel-chart"]').exists()).toBe(true);
    expect(root.find('[data-testid="performance-chart"]').exists()).toBe(true);
  });
});
