import { describe, expect, it, vi } from 'vitest';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { AppError, createGraphQLClient, mapGraphQLError } from './client';
import { LoginDocument, MeDocument, TeamCompositionDocument } from './generated';

const user = { id: 'u1', email: 'lead@demo.local', name: 'Lena Lead', role: 'LEAD', locale: 'ru', active: true };

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('GraphQL client requests', () => {
  it('posts the operation with its name, variables, JSON headers and the bearer token', async () => {
    const fake = createFakeFetch([{ json: { data: { teamComposition: [{ key: 'LEAD', count: 1 }] } } }]);
    const client = createGraphQLClient({ fetch: fake.fetch, getToken: () => 'tok-123' });

    const data = await client.request(TeamCompositionDocument, { teamId: 't1' });

    expect(data.teamComposition).toEqual([{ key: 'LEAD', count: 1 }]);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.url).toBe('/graphql');
    expect(request?.headers.Authorization).toBe('Bearer tok-123');
    expect(request?.headers.Accept).toBe('application/graphql-response+json, application/json');
    expect(request?.body.operationName).toBe('TeamComposition');
    expect(request?.body.variables).toEqual({ teamId: 't1' });
    expect(request?.body.query).toContain('teamComposition(teamId: $teamId)');
  });

  it('sends no Authorization header without a token, and {} for absent variables', async () => {
    const fake = createFakeFetch([{ json: { data: { me: user } } }]);
    const client = createGraphQLClient({ fetch: fake.fetch, getToken: () => null });
    await client.request(MeDocument);
    expect(fake.requests[0]?.headers.Authorization).toBeUndefined();
    expect(fake.requests[0]?.body.variables).toEqual({});
  });
});

describe('GraphQL client error mapping', () => {
  it('maps extensions.code, message and field', async () => {
    const fake = createFakeFetch([
      { json: graphQLError('BAD_USER_INPUT', 'email must be an email', { field: 'email' }) },
    ]);
    const client = createGraphQLClient({ fetch: fake.fetch });
    const error = await caught(client.request(LoginDocument, { email: 'x', password: 'y' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('email must be an email');
    expect(error.field).toBe('email');
    expect(error.reason).toBeUndefined();
  });

  it('keeps the finer reason of a refusal', () => {
    expect(
      mapGraphQLError({ message: 'Ivan would report to Olga and Pavel', extensions: { code: 'BAD_USER_INPUT', field: 'toMemberId', reason: 'SECOND_MANAGER' } }),
    ).toEqual({ code: 'BAD_USER_INPUT', message: 'Ivan would report to Olga and Pavel', field: 'toMemberId', reason: 'SECOND_MANAGER' });
    expect(mapGraphQLError({ message: 'x', extensions: { code: 'CONFLICT', reason: 42 } })).toEqual({ code: 'CONFLICT', message: 'x' });
  });

  it('keeps the values the reason\'s sentence names (texts and numbers only)', () => {
    const params = { name: 'Анна Котова', from: '2026-03-10', count: 3, bad: { nested: true }, nan: Number.NaN, no: null };
    expect(mapGraphQLError({ message: 'x', extensions: { code: 'BAD_USER_INPUT', reason: 'SELF_SESSION', params } })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'x',
      reason: 'SELF_SESSION',
      params: { name: 'Анна Котова', from: '2026-03-10', count: 3 },
    });
    expect(mapGraphQLError({ message: 'x', extensions: { code: 'BAD_USER_INPUT', params: ['a'] } })).toEqual({ code: 'BAD_USER_INPUT', message: 'x' });
    expect(mapGraphQLError({ message: 'x', extensions: { code: 'BAD_USER_INPUT', params: { bad: {} } } })).toEqual({ code: 'BAD_USER_INPUT', message: 'x' });
  });

  it.each(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_ATTEMPTS', 'INTERNAL_SERVER_ERROR'])(
    'keeps the API code %s',
    async (code) => {
      const fake = createFakeFetch([{ json: graphQLError(code, `failed with ${code}`) }]);
      const error = await caught(createGraphQLClient({ fetch: fake.fetch }).request(MeDocument));
      expect(error.code).toBe(code);
      expect(error.message).toBe(`failed with ${code}`);
    },
  );

  it('reads the retry delay of TOO_MANY_ATTEMPTS', () => {
    expect(mapGraphQLError({ message: 'slow down', extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 90.2 } })).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      message: 'slow down',
      retryAfterSeconds: 91,
    });
  });

  it('keeps every error of the response, the first one as the main one', async () => {
    const fake = createFakeFetch([
      {
        json: {
          data: null,
          errors: [
            { message: 'first', extensions: { code: 'FORBIDDEN' } },
            { message: 'second', extensions: { code: 'NOT_FOUND' } },
          ],
        },
      },
    ]);
    const error = await caught(createGraphQLClient({ fetch: fake.fetch }).request(MeDocument));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.details.map((d) => d.code)).toEqual(['FORBIDDEN', 'NOT_FOUND']);
  });

  it('maps codes it does not know by HTTP status, else to INTERNAL_SERVER_ERROR', async () => {
    const fake = createFakeFetch([
      { status: 400, json: graphQLError('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "x"') },
      { status: 200, json: { errors: [{ message: 'boom' }] } },
    ]);
    const client = createGraphQLClient({ fetch: fake.fetch });
    expect((await caught(client.request(MeDocument))).code).toBe('BAD_USER_INPUT');
    const second = await caught(client.request(MeDocument));
    expect(second.code).toBe('INTERNAL_SERVER_ERROR');
    expect(second.message).toBe('boom');
  });

  it('turns a failed fetch and a gateway error page into NETWORK_ERROR', async () => {
    const fake = createFakeFetch([{ networkError: 'Failed to fetch' }, { status: 502, text: '<html>Bad Gateway</html>' }]);
    const client = createGraphQLClient({ fetch: fake.fetch });
    expect((await caught(client.request(MeDocument))).code).toBe('NETWORK_ERROR');
    expect((await caught(client.request(MeDocument))).code).toBe('NETWORK_ERROR');
  });

  it('rejects a 200 answer without data', async () => {
    const fake = createFakeFetch([{ json: { data: null } }]);
    const error = await caught(createGraphQLClient({ fetch: fake.fetch }).request(MeDocument));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('reports UNAUTHENTICATED to the app only when a token was sent', async () => {
    const onUnauthenticated = vi.fn();
    let token: string | null = 'expired';
    const fake = createFakeFetch([
      { json: graphQLError('UNAUTHENTICATED', 'Token expired') },
      { json: graphQLError('UNAUTHENTICATED', 'Wrong email or password') },
    ]);
    const client = createGraphQLClient({ fetch: fake.fetch, getToken: () => token, onUnauthenticated });

    await caught(client.request(MeDocument));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(onUnauthenticated.mock.calls[0]?.[0]).toMatchObject({ code: 'UNAUTHENTICATED' });

    token = null;
    await caught(client.request(LoginDocument, { email: 'a@b.c', password: 'nope' }));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});
