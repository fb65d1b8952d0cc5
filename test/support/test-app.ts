import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../backend/src/bootstrap';
import { AppConfig } from '../../backend/src/config/app-config';
import { createTestDatabase } from './database';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null;
  errors: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[] | undefined;
  /** SQL statements the server ran for this request (x-sql-statements). */
  sqlStatements: number;
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  databaseUrl: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GqlResult<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on a real port, on a database of its own (with the demo company unless told otherwise). */
export async function startTestApp(label: string, options: { seedDemo?: boolean; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const db = await createTestDatabase(label);
  const config = new AppConfig({
    nodeEnv: 'test',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.url,
    databaseReadUrl: null,
    dataDir: join(tmpdir(), 'sc-test-unused'),
    authTokenSecret: randomBytes(32).toString('hex'),
    authTokenTtlSeconds: 3600,
    embeddedDbPassword: '',
    logLevel: 'silent',
    seedDemo: options.seedDemo ?? true,
    trustProxy: false,
    jobsEnabled: false,
    frontendDist: join(tmpdir(), 'sc-no-frontend'),
    ...options.config,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  const gql: TestApp['gql'] = async (query, variables, opts = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: GqlResult['errors'] };
    return {
      status: response.status,
      headers: response.headers,
      data: (body.data ?? null) as never,
      errors: body.errors,
      sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN),
    };
  };

  return {
    app,
    url,
    config,
    databaseUrl: db.url,
    gql,
    async login(email, password = 'salescircle') {
      const result = await gql<{ login: { accessToken: string } }>(
        'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
        { email, password },
      );
      if (!result.data) throw new Error(`login ${email} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.accessToken;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
