import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, migrateWithLock } from '../../backend/src/database/data-source';

const TEMPLATE = 'sc_template';
const TEMPLATE_LOCK = 7_302_611_099;

function adminUrl(): string {
  const url = process.env.SC_TEST_ADMIN_URL;
  if (!url) throw new Error('SC_TEST_ADMIN_URL is not set: run the API tests through jest (its globalSetup starts PostgreSQL)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates (once per run) a template database with every migration applied. */
async function ensureTemplate(client: Client): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (exists.rowCount) return;
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
    const dataSource = createDataSource(databaseUrl(TEMPLATE), { poolSize: 2 });
    await dataSource.initialize();
    try {
      await migrateWithLock(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** A fresh, migrated database of this suite's own: cloned from the template in a few ms. */
export async function createTestDatabase(label: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `sc_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  await withAdmin(async (client) => {
    await ensureTemplate(client);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** An empty database (no migrations), for tests of migrating itself. */
export async function createEmptyDatabase(label: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `sc_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  await withAdmin(async (client) => void (await client.query(`CREATE DATABASE ${name}`)));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
