import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CountingSqlLogger } from './sql-counter';

/** Arbitrary but fixed: every server takes this lock before migrating. */
const MIGRATION_LOCK_KEY = 7_302_611_004;

export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsRun: false,
    synchronize: false,
    logger: new CountingSqlLogger(new Logger('SQL')),
    maxQueryExecutionTime: 1_000,
    applicationName: options.applicationName ?? 'salescircle',
    extra: { max: options.poolSize ?? 20, connectionTimeoutMillis: 10_000 },
  });
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
