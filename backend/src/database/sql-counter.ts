import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '@nestjs/common';

interface SqlScope {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlScope>();

/** Counts the SQL statements run inside one request (tests read it to catch N+1). */
export const sqlCounter = {
  run<T>(fn: () => T): T {
    return storage.run({ statements: 0 }, fn);
  },
  current(): number | null {
    return storage.getStore()?.statements ?? null;
  },
  increment(): void {
    const scope = storage.getStore();
    if (scope) scope.statements += 1;
  },
};

/** TypeORM logger: counts statements per request and reports slow or failed ones. */
export class CountingSqlLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(): void {
    sqlCounter.increment();
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn(`SQL failed: ${error instanceof Error ? error.message : error} -- ${query.slice(0, 500)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow SQL (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
