import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchemaFile } from '../../backend/src/common/graphql/schema-file';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GraphQL over HTTP, limits and errors', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp('graphql_http');
    token = await t.login('director@demo.local');
  });
  afterAll(() => t.close());

  it('answers with application/graphql-response+json when asked', async () => {
    const result = await t.gql('{ me { id } }', {}, { token });
    expect(result.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('refuses 200 aliases with BAD_USER_INPUT and status 400', async () => {
    const query = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const result = await t.gql(query, {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/Aliases limit/);
  });

  it('refuses an over-deep query', async () => {
    const deep = `{ me { member { id ${'x { '.repeat(12)}y${' }'.repeat(12)} } } }`;
    const result = await t.gql(deep, {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(result.errors?.some((e) => /depth limit/i.test(e.message))).toBe(true);
  });

  it('refuses a document with too many tokens', async () => {
    const query = `{ me { ${'id '.repeat(2_500)} } }`;
    const result = await t.gql(query, {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a malformed document with 400, not 500', async () => {
    const result = await t.gql('{ me { id ', {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs queries over GET and never mutations', async () => {
    const headers = { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' };
    const query = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { role } }')}`, { headers });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { me: { role: 'DIRECTOR' } } });
    const mutation = await fetch(
      `${t.url}/graphql?query=${encodeURIComponent('mutation { updateMyPreferences(input: { locale: en }) { id } }')}`,
      { headers },
    );
    expect(mutation.status).toBe(405);
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('answers an id that is no id as not found, without SQL', async () => {
    const director = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, { token });
    // PostgreSQL refuses the text as a uuid inside the repository: nothing has that id
    const result = await t.gql('mutation ($id: ID!) { setUserActive(userId: $id, active: true) { id } }', { id: 'not-a-uuid' }, { token });
    expect(director.data?.me.id).toBeDefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(result.errors)).not.toMatch(/SELECT|UPDATE|stack|QueryFailed|syntax/i);
    const client = await t.gql('query ($id: ID!) { client(id: $id) { id } }', { id: 'abc' }, { token });
    expect(client.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports health with the database status', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('matches the committed schema.gql (run `npm run schema` after API changes)', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const committed = readFileSync(join(__dirname, '../../backend/schema.gql'), 'utf8');
    expect(printSchemaFile(schema)).toBe(committed);
  });
});

describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('graphql_prod', { config: { nodeEnv: 'production' } });
  });
  afterAll(() => t.close());

  it('turns introspection and field suggestions off', async () => {
    const introspection = await t.gql('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const token = await t.login('rep@demo.local');
    const typo = await t.gql('{ mee { id } }', {}, { token });
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('does not expose SQL statement counts', async () => {
    const token = await t.login('rep@demo.local');
    const result = await t.gql('{ me { id } }', {}, { token });
    expect(result.headers.get('x-sql-statements')).toBeNull();
  });
});
