import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CountingSqlLogger } from './sql-counter';

/** Arbitrary but fixed: every server takes this lock before migrating. */
const MIGRATION_LOCK_KEY = 7_302_611_004;

/**
 * The application's TypeORM data source. With `readUrl` (DATABASE_READ_URL) it is a
 * replicated source: `master` is the primary, `slaves` the replica, and `defaultMode:
 * 'master'` keeps every query, transaction and query builder on the primary unless the
 * caller asks for the replica explicitly (`ReadReplica` in read-replica.ts: read-only,
 * staleness-tolerant analytics). Migrations, writes, locks and read-your-writes never
 * touch the replica.
 */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string; readUrl?: string | null } = {}): DataSource {
  const applicationName = options.applicationName ?? 'salescircle';
  const connection = options.readUrl
    ? {
        replication: {
          master: { url, applicationName },
          slaves: [{ url: options.readUrl, applicationName: `${applicationName}-replica` }],
          defaultMode: 'master' as const,
        },
      }
    : { url, applicationName };
  return new DataSource({
    type: 'postgres',
    ...connection,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsRun: false,
    synchronize: false,
    logger: new CountingSqlLogger(new Logger('SQL')),
    maxQueryExecutionTime: 1_000,
    extra: { max: options.poolSize ?? 20, connectionTimeoutMillis: 10_000 },
  });
}

/** Names of the migrations this build knows, in order (what `schema_migration` should hold). */
export function knownMigrationNames(): string[] {
  return MIGRATIONS.map((M) => (new M() as { name?: string }).name ?? M.name);
}

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that several servers
 * starting at once apply each migration exactly once (the others wait, then find
 * nothing to do). Returns the names applied by this call.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
