import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import App from '@/App.vue';
import { createFakeFetch } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { createTestContext } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountApp(user: CurrentUser, extra: Parameters<typeof dashboardHandler>[1] = {}) {
  seedSession(user);
  const fake = createFakeFetch(dashboardHandler(user, extra));
  const ctx = createTestContext({ fetch: fake.fetch });
  const wrapper = mount(defineComponent({ render: () => h(App) }), { global: ctx.global, attachTo: document.body });
  await ctx.router.push('/');
  await flushPromises();
  return { wrapper, ctx, fake };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

describe('AppShell', () => {
  it('shows the product, the role navigation and who is signed in', async () => {
    const { wrapper } = await mountApp(USERS.COACH);
    expect(wrapper.get('header').text()).toContain('SalesCircle');
    const nav = wrapper.get('[data-testid="main-nav"]');
    expect(nav.attributes('aria-label')).toBe('Main navigation');
    expect(nav.findAll('a').map((a) => a.text())).toEqual(['Home', 'Team circle', 'Matrix', 'Sprints', 'Analytics', 'KPIs', 'Coaching']);
    expect(wrapper.get('[data-testid="current-user"]').text()).toContain('Carl Coach');
    expect(wrapper.get('[data-testid="current-user-role"]').text()).toBe('Coach');
    expect(document.title).toBe('Home · SalesCircle');
  });

  it('shows the unread notifications in the bell and follows them live', async () => {
    const { wrapper, ctx } = await mountApp(USERS.LEAD, {
      UnreadNotificationCount: () => ({ json: { data: { unreadNotificationCount: 2 } } }),
      Notifications: () => ({
        json: {
          data: {
            unreadNotificationCount: 3,
            notifications: [
              { id: 'n1', kind: 'OVERDUE', title: 'Overdue: Calls Volga', body: 'Due yesterday', processId: 'p1', teamId: 't-north', createdAt: '2026-12-01T08:00:00.000Z', readAt: null },
            ],
          },
        },
      }),
    });
    const bell = wrapper.get('[data-testid="notification-bell"]');
    expect(wrapper.get('[data-testid="notification-count"]').text()).toBe('2');
    expect(bell.attributes('aria-label')).toBe('Notifications, 2 unread');
    expect(ctx.live.active('NotificationAdded')).toHaveLength(1);

    ctx.live.emit('NotificationAdded', { notificationAdded: { unreadCount: 3, latest: null } });
    await flushPromises();
    expect(wrapper.get('[data-testid="notification-count"]').text()).toBe('3');

    await bell.trigger('click');
    await flushPromises();
    const items = wrapper.findAll('[data-testid="notification-item"]');
    expect(items).toHaveLength(1);
    expect(items[0]!.text()).toContain('Overdue: Calls Volga');
    expect(items[0]!.find('a').attributes('href')).toBe('/processes/p1');
  });

  it('signs out: forgets the session and shows the sign-in page', async () => {
    const { wrapper, ctx } = await mountApp(USERS.LEAD);
    await wrapper.get('[data-testid="sign-out"]').trigger('click');
    await vi.waitFor(() => expect(ctx.router.currentRoute.value.name).toBe('login'));
    await flushPromises();
    expect(localStorage.getItem('sc.token')).toBeNull();
    expect(ctx.router.currentRoute.value.query.redirect).toBeUndefined();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="main-nav"]').exists()).toBe(false);
  });

  it('switches the language, remembers it and saves it on the account', async () => {
    const { wrapper, fake } = await mountApp(USERS.LEAD, {
      UpdateMyPreferences: () => ({ json: { data: { updateMyPreferences: { ...USERS.LEAD, locale: 'ru' } } } }),
    });
    await wrapper.get('[data-testid="locale-switch"]').setValue('ru');
    await flushPromises();
    expect(wrapper.get('[data-testid="current-user-role"]').text()).toBe('Руководитель группы');
    expect(wrapper.get('[data-testid="main-nav"]').text()).toContain('Главная');
    expect(document.documentElement.lang).toBe('ru');
    expect(document.title).toBe('Главная · SalesCircle');
    expect(localStorage.getItem('sc.locale')).toBe('ru');
    const update = fake.requests.find((r) => r.body.operationName === 'UpdateMyPreferences');
    expect(update?.body.variables).toEqual({ input: { locale: 'ru' } });
    expect(JSON.parse(localStorage.getItem('sc.user') ?? '{}')).toMatchObject({ locale: 'ru' });
  });

  it("uses the account's language when this browser has no saved choice", async () => {
    const { wrapper } = await mountApp(USERS.DIRECTOR);
    expect(wrapper.get('[data-testid="current-user-role"]').text()).toBe('Директор по продажам');
    expect(localStorage.getItem('sc.locale')).toBeNull();
  });

  it('keeps the language chosen in this browser over the account one', async () => {
    localStorage.setItem('sc.locale', 'en');
    const { wrapper } = await mountApp(USERS.DIRECTOR);
    expect(wrapper.get('[data-testid="current-user-role"]').text()).toBe('Sales director');
  });
});
