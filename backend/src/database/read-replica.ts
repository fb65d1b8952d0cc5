import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { queryPrepared, queryPreparedArrays } from './prepared-statements';

/**
 * Read-only queries that may run on the replica (DATABASE_READ_URL) when one is configured,
 * else on the primary. Only for statements that tolerate replication lag (seconds): analytics
 * over history (funnel, forecast, KPI progress, velocity). Never for anything that must see a
 * write the same user just made, nothing inside a transaction, no locks.
 */
@Injectable()
export class ReadReplica {
  constructor(private readonly dataSource: DataSource) {}

  /** True when a separate replica pool exists. */
  get configured(): boolean {
    return this.dataSource.driver.options.type === 'postgres' && (this.dataSource.driver as PostgresDriver).slaves.length > 0;
  }

  /** A statement of the hot read path, prepared on the replica's connections (see queryPrepared). */
  prepared<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return queryPrepared<T>(this.dataSource, sql, parameters, { replica: true });
  }

  /** prepared, with the rows as arrays and the columns' names (see queryPreparedArrays). */
  preparedArrays(sql: string, parameters: unknown[]): Promise<{ names: string[]; rows: unknown[][] }> {
    return queryPreparedArrays(this.dataSource, sql, parameters, { replica: true });
  }

  async query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    const runner = this.dataSource.createQueryRunner(this.configured ? 'slave' : 'master');
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }
}
