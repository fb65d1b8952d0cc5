import { startTestApp, type TestApp } from '../support/test-app';

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken expiresAt user { id email name role } } }';
const ME = '{ me { id email name role locale } }';

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('auth');
  });
  afterAll(() => t.close());

  it('signs in each demo role and answers me', async () => {
    for (const [email, role] of [
      ['director@demo.local', 'DIRECTOR'],
      ['lead@demo.local', 'LEAD'],
      ['coach@demo.local', 'COACH'],
      ['rep@demo.local', 'SALES'],
    ]) {
      const login = await t.gql<{ login: { accessToken: string; user: { role: string; email: string } } }>(LOGIN, { email, password: 'salescircle' });
      expect(login.errors).toBeUndefined();
      expect(login.data?.login.user).toMatchObject({ email, role });
      const me = await t.gql<{ me: { email: string; role: string } }>(ME, {}, { token: login.data!.login.accessToken });
      expect(me.data?.me).toMatchObject({ email, role });
    }
  });

  it('accepts the email in any case and with spaces', async () => {
    const login = await t.gql(LOGIN, { email: '  Lead@Demo.Local ', password: 'salescircle' });
    expect(login.errors).toBeUndefined();
  });

  it('never returns a password hash', async () => {
    const result = await t.gql('{ me { passwordHash } }', {}, { token: await t.login('rep@demo.local') });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await t.gql(LOGIN, { email: 'coach@demo.local', password: 'not-the-password' }, { headers: { 'x-forwarded-for': '10.0.0.1' } });
    const unknown = await t.gql(LOGIN, { email: 'nobody@demo.local', password: 'salescircle' });
    for (const result of [wrong, unknown]) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
      expect(result.errors?.[0].message).toBe('Wrong email or password.');
    }
  });

  it('names the field of bad input', async () => {
    const result = await t.gql(LOGIN, { email: 'not-an-email', password: 'x' });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email', reason: 'VALUE_NOT_EMAIL' });
    const empty = await t.gql(LOGIN, { email: 'rep@demo.local', password: '' });
    expect(empty.errors?.[0]).toMatchObject({ message: 'Enter your password.', extensions: { code: 'BAD_USER_INPUT', field: 'password', reason: 'PASSWORD_REQUIRED' } });
  });

  it('denies by default: operations without a token get UNAUTHENTICATED', async () => {
    for (const query of [ME, '{ teams { id } }', '{ organization { name } }', '{ teamComposition { key } }']) {
      const result = await t.gql(query);
      expect(result.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED' });
      expect(result.data).toBeNull();
    }
    const mutation = await t.gql('mutation { updateMyPreferences(input: { locale: en }) { id } }');
    expect(mutation.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a forged, garbled or expired token', async () => {
    const token = await t.login('rep@demo.local');
    const [h, p] = token.split('.');
    for (const bad of [`${h}.${p}.AAAA`, 'garbage', `${token}x`]) {
      const result = await t.gql(ME, {}, { token: bad });
      expect(result.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    }
  });

  it('lets a role check refuse with FORBIDDEN', async () => {
    const rep = await t.login('rep@demo.local');
    const result = await t.gql('mutation ($id: ID!) { setUserActive(userId: $id, active: false) { id } }', { id: '00000000-0000-0000-0000-000000000000' }, { token: rep });
    expect(result.errors?.[0]).toMatchObject({ message: 'Your role may not do this.', extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' } });
  });

  it('ends every older token when the password changes, and issues a new one', async () => {
    const first = await t.login('rep2@demo.local');
    const second = await t.login('rep2@demo.local');
    const changed = await t.gql<{ changePassword: { accessToken: string } }>(
      'mutation { changePassword(currentPassword: "salescircle", newPassword: "a-new-secret-2026") { accessToken } }',
      {},
      { token: first },
    );
    expect(changed.errors).toBeUndefined();
    for (const old of [first, second]) {
      expect((await t.gql(ME, {}, { token: old })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const fresh = await t.gql(ME, {}, { token: changed.data!.changePassword.accessToken });
    expect(fresh.errors).toBeUndefined();
    expect((await t.gql(LOGIN, { email: 'rep2@demo.local', password: 'salescircle' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { email: 'rep2@demo.local', password: 'a-new-secret-2026' })).errors).toBeUndefined();
  });

  it('refuses a too short new password, naming the field', async () => {
    const token = await t.login('rep3@demo.local');
    const result = await t.gql('mutation { changePassword(currentPassword: "salescircle", newPassword: "short") { accessToken } }', {}, { token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword', reason: 'VALUE_TOO_SHORT', limit: 10 });
    const same = await t.gql('mutation { changePassword(currentPassword: "salescircle", newPassword: "salescircle") { accessToken } }', {}, { token });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword', reason: 'PASSWORD_UNCHANGED' });
    const wrong = await t.gql('mutation { changePassword(currentPassword: "not-the-password", newPassword: "a-new-secret-2026") { accessToken } }', {}, { token });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword', reason: 'WRONG_CURRENT_PASSWORD' });
  });

  it('ends the sessions of a deactivated user and refuses their sign-in', async () => {
    const director = await t.login('director@demo.local');
    const directorId = (await t.gql<{ me: { id: string } }>(ME, {}, { token: director })).data!.me.id;
    const self = await t.gql('mutation ($id: ID!) { setUserActive(userId: $id, active: false) { active } }', { id: directorId }, { token: director });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId', reason: 'SELF_DEACTIVATION' });
    const repToken = await t.login('rep4@demo.local');
    const me = await t.gql<{ me: { id: string } }>(ME, {}, { token: repToken });
    const deactivated = await t.gql('mutation ($id: ID!) { setUserActive(userId: $id, active: false) { active } }', { id: me.data!.me.id }, { token: director });
    expect(deactivated.data).toEqual({ setUserActive: { active: false } });
    expect((await t.gql(ME, {}, { token: repToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const login = await t.gql(LOGIN, { email: 'rep4@demo.local', password: 'salescircle' });
    expect(login.errors?.[0].message).toMatch(/deactivated/);
    expect(login.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DEACTIVATED' });
  });

  it('remembers the preferred language', async () => {
    const token = await t.login('lead@demo.local');
    const updated = await t.gql('mutation { updateMyPreferences(input: { locale: en }) { locale } }', {}, { token });
    expect(updated.data).toEqual({ updateMyPreferences: { locale: 'en' } });
    expect((await t.gql<{ me: { locale: string } }>(ME, {}, { token })).data?.me.locale).toBe('en');
    const bad = await t.gql('mutation { updateMyPreferences(input: { name: "" }) { name } }', {}, { token });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const blank = await t.gql('mutation { updateMyPreferences(input: { name: "   " }) { name } }', {}, { token });
    expect(blank.errors?.[0]).toMatchObject({ message: 'The name cannot be empty.', extensions: { code: 'BAD_USER_INPUT', field: 'name', reason: 'NAME_REQUIRED' } });
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('throttle');
  });
  afterAll(() => t.close());

  it('slows down repeated failures and then refuses with TOO_MANY_ATTEMPTS, even with the right password', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const began = Date.now();
      const result = await t.gql(LOGIN, { email: 'lead@demo.local', password: `wrong-${i}` });
      times.push(Date.now() - began);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // the 4th and 5th attempts wait for the throttle (400 and 800 ms) on top of the hash check
    expect(times[4]).toBeGreaterThanOrEqual(800);
    const refused = await t.gql(LOGIN, { email: 'lead@demo.local', password: 'salescircle' });
    expect(refused.errors?.[0].extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(800);
    // another account from the same address is not locked by this
    expect((await t.gql(LOGIN, { email: 'coach@demo.local', password: 'salescircle' })).errors).toBeUndefined();
  });
});
