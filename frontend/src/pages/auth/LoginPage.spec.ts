import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { mountRoute } from '@/testing/mount-app';
import LoginPage from './LoginPage.vue';

type Fake = ReturnType<typeof createFakeFetch>;

async function mountLogin(fake: Fake, options: { locale?: 'en' | 'ru'; path?: string } = {}) {
  const { root, ctx } = await mountRoute(options.path ?? '/login', { fetch: fake.fetch, locale: options.locale });
  return { wrapper: root.getComponent(LoginPage), ctx };
}

const lead = { id: 'u2', email: 'lead@demo.local', name: 'Lena Lead', role: 'LEAD', locale: 'en', active: true };

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('LoginPage', () => {
  it('shows the product, the tagline, the form and the demo accounts', async () => {
    const { wrapper } = await mountLogin(createFakeFetch());
    expect(wrapper.text()).toContain('SalesCircle');
    expect(wrapper.get('[data-testid="tagline"]').text()).toContain('B2B sales teams');
    expect(wrapper.get('h1').text()).toBe('Sign in');
    const demo = wrapper.get('[data-testid="demo-accounts"]');
    for (const email of ['director@demo.local', 'lead@demo.local', 'coach@demo.local', 'rep@demo.local']) {
      expect(demo.text()).toContain(email);
    }
    expect(demo.text()).toContain('The password for every account is salescircle.');
  });

  it('asks for both fields when the form is sent empty, without calling the server', async () => {
    const fake = createFakeFetch();
    const { wrapper } = await mountLogin(fake);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="email-error"]').text()).toBe('Enter your email.');
    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('Enter your password.');
    expect(wrapper.get('#login-email').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#login-email').attributes('aria-describedby')).toBe('login-email-error');
    expect(document.activeElement?.id).toBe('login-email');
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects a malformed email', async () => {
    const fake = createFakeFetch();
    const { wrapper } = await mountLogin(fake);
    await wrapper.get('#login-email').setValue('not-an-email');
    await wrapper.get('#login-password').setValue('secret');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="email-error"]').text()).toBe('Enter a valid email address, for example name@company.ru.');
    expect(wrapper.find('[data-testid="password-error"]').exists()).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it('shows the validation messages in Russian', async () => {
    const { wrapper } = await mountLogin(createFakeFetch(), { locale: 'ru' });
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="email-error"]').text()).toBe('Введите электронную почту.');
    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('Введите пароль.');
  });

  it('fills the form from a demo account', async () => {
    const { wrapper } = await mountLogin(createFakeFetch());
    await wrapper.get('[data-email="coach@demo.local"]').trigger('click');
    expect((wrapper.get('#login-email').element as HTMLInputElement).value).toBe('coach@demo.local');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('salescircle');
  });

  it('says the credentials are wrong on UNAUTHENTICATED and clears the password', async () => {
    const fake = createFakeFetch([{ json: graphQLError('UNAUTHENTICATED', 'Invalid email or password') }]);
    const { wrapper } = await mountLogin(fake);
    await wrapper.get('#login-email').setValue('lead@demo.local');
    await wrapper.get('#login-password').setValue('wrong-password');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.requests[0]?.body.variables).toEqual({ email: 'lead@demo.local', password: 'wrong-password' });
    const failure = wrapper.get('[data-testid="login-failure"]');
    expect(failure.attributes('role')).toBe('alert');
    expect(failure.text()).toBe('Wrong email or password.');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('');
    expect(localStorage.getItem('sc.token')).toBeNull();
  });

  it('tells a deactivated account whom to ask, in the page\'s language, and a refused email why', async () => {
    const fake = createFakeFetch([
      { json: graphQLError('UNAUTHENTICATED', 'This account is deactivated. Ask your sales director to restore it.', { reason: 'ACCOUNT_DEACTIVATED' }) },
      { json: graphQLError('BAD_USER_INPUT', 'Enter a valid email address.', { field: 'email', reason: 'VALUE_NOT_EMAIL' }) },
    ]);
    const { wrapper } = await mountLogin(fake, { locale: 'ru' });
    await wrapper.get('#login-email').setValue('gone@demo.local');
    await wrapper.get('#login-password').setValue('salescircle');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-failure"]').text()).toBe('Эта учётная запись отключена. Попросите директора по продажам восстановить её.');
    await wrapper.get('#login-password').setValue('salescircle');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-failure"]').text()).toBe('Это не адрес электронной почты.');
  });

  it('tells how long to wait on TOO_MANY_ATTEMPTS, with Russian plurals', async () => {
    const fake = createFakeFetch([
      { json: graphQLError('TOO_MANY_ATTEMPTS', 'Too many attempts', { retryAfterSeconds: 290 }) },
      { json: graphQLError('TOO_MANY_ATTEMPTS', 'Too many attempts') },
    ]);
    const { wrapper } = await mountLogin(fake, { locale: 'ru' });
    await wrapper.get('#login-email').setValue('lead@demo.local');
    await wrapper.get('#login-password').setValue('whatever');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-failure"]').text()).toBe('Слишком много попыток входа. Повторите через 5 минут.');

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-failure"]').text()).toBe(
      'Слишком много попыток входа. Подождите несколько минут и попробуйте снова.',
    );
  });

  it('explains BAD_USER_INPUT and marks the field the server named', async () => {
    const fake = createFakeFetch([{ json: graphQLError('BAD_USER_INPUT', 'email must be an email', { field: 'email' }) }]);
    const { wrapper } = await mountLogin(fake);
    await wrapper.get('#login-email').setValue('a@b.co');
    await wrapper.get('#login-password').setValue('x');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="login-failure"]').text()).toBe('Check the email and password and try again.');
    expect(wrapper.get('#login-email').attributes('aria-invalid')).toBe('true');
  });

  it('shows a busy button while signing in, then stores the session and follows ?redirect', async () => {
    const fake = createFakeFetch([
      { json: { data: { login: { accessToken: 'tok-1', expiresAt: '2999-01-01T00:00:00.000Z', user: lead } } } },
    ]);
    const { wrapper, ctx } = await mountLogin(fake, { path: '/login?redirect=/somewhere' });
    await wrapper.get('#login-email').setValue('  lead@demo.local ');
    await wrapper.get('#login-password').setValue('salescircle');
    await wrapper.get('form').trigger('submit');
    const button = wrapper.get('[data-testid="login-submit"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toBe('Signing in…');

    await flushPromises();
    expect(fake.requests[0]?.body.variables).toEqual({ email: 'lead@demo.local', password: 'salescircle' });
    expect(localStorage.getItem('sc.token')).toBe('tok-1');
    await vi.waitFor(() => expect(ctx.router.currentRoute.value.fullPath).toBe('/somewhere'));
    expect(fake.pending).toBe(0);
  });

  it('switches the language from the page and remembers it', async () => {
    const { wrapper } = await mountLogin(createFakeFetch());
    await wrapper.get('[data-testid="locale-switch"]').setValue('ru');
    expect(wrapper.get('h1').text()).toBe('Вход');
    expect(localStorage.getItem('sc.locale')).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
  });
});
