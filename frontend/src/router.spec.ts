import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { dashboardHandler, seedSession, USERS } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import { guardRoute, routes } from './router';

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('route guard', () => {
  it('sends a signed-out visitor to sign in, keeping where they wanted to go', async () => {
    const fake = createFakeFetch();
    const { ctx } = await mountRoute('/?tab=x', { fetch: fake.fetch });
    expect(ctx.router.currentRoute.value.name).toBe('login');
    expect(ctx.router.currentRoute.value.query.redirect).toBe('/?tab=x');
    expect(fake.requests).toHaveLength(0);
  });

  it('shows the 404 page for an unknown path, signed in or not', async () => {
    const { root, ctx } = await mountRoute('/no/such/page', { fetch: createFakeFetch().fetch });
    expect(ctx.router.currentRoute.value.name).toBe('not-found');
    expect(root.get('[data-testid="not-found"]').text()).toContain('Page not found');
    expect(root.get('[data-testid="not-found-home"]').attributes('href')).toBe('/');
  });

  it('checks a saved token with `me` and lets the user in', async () => {
    seedSession(USERS.LEAD);
    const fake = createFakeFetch(dashboardHandler(USERS.LEAD));
    const { ctx } = await mountRoute('/', { fetch: fake.fetch });
    expect(ctx.router.currentRoute.value.name).toBe('home');
    expect(fake.requests[0]?.body.operationName).toBe('Me');
    expect(fake.requests[0]?.headers.Authorization).toBe('Bearer tok-saved');
    expect(fake.violations).toEqual([]);
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    seedSession(USERS.LEAD);
    const fake = createFakeFetch(dashboardHandler(USERS.LEAD));
    const { ctx } = await mountRoute('/login', { fetch: fake.fetch });
    expect(ctx.router.currentRoute.value.name).toBe('home');
  });

  it('drops a token the server refuses and goes to sign in', async () => {
    seedSession(USERS.LEAD);
    const fake = createFakeFetch([{ json: graphQLError('UNAUTHENTICATED', 'Token expired') }]);
    const { ctx } = await mountRoute('/', { fetch: fake.fetch });
    expect(ctx.router.currentRoute.value.name).toBe('login');
    expect(localStorage.getItem('sc.token')).toBeNull();
    expect(localStorage.getItem('sc.user')).toBeNull();
  });

  it('keeps the session when the server cannot be reached', async () => {
    seedSession(USERS.LEAD);
    let meCalls = 0;
    const fake = createFakeFetch((request) => {
      if (request.body.operationName === 'Me' && meCalls++ === 0) return { networkError: 'Failed to fetch' };
      return dashboardHandler(USERS.LEAD)(request);
    });
    const { ctx } = await mountRoute('/', { fetch: fake.fetch });
    await flushPromises();
    expect(ctx.router.currentRoute.value.name).toBe('home');
    expect(localStorage.getItem('sc.token')).toBe('tok-saved');
  });

  it('treats an expired saved token as signed out without asking the server', async () => {
    seedSession(USERS.LEAD);
    localStorage.setItem('sc.tokenExpiresAt', '2000-01-01T00:00:00.000Z');
    const fake = createFakeFetch();
    const { ctx } = await mountRoute('/', { fetch: fake.fetch });
    expect(ctx.router.currentRoute.value.name).toBe('login');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('guardRoute', () => {
  const resolve = (path: string) => {
    const route = routes.find((r) => r.path === path);
    if (!route) throw new Error(path);
    return { fullPath: path, query: {}, meta: route.meta ?? {} } as Parameters<typeof guardRoute>[0];
  };

  it('never redirects to another origin after sign-in', () => {
    const login = { ...resolve('/login'), query: { redirect: '//evil.example/x' } };
    expect(guardRoute(login, true)).toBe('/');
  });
});
