import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createDataSource, migrateWithLock } from './data-source';
import { EmbeddedDatabase } from './embedded-database';
import { ReadReplica } from './read-replica';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');
/** The connection URL the server uses (embedded or DATABASE_URL), for libraries with their own pool (pg-boss). */
export const DATABASE_URL = Symbol('DATABASE_URL');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.embedded) {
      await this.embedded.stop();
      this.logger.log('Embedded PostgreSQL stopped');
    }
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED_DATABASE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<EmbeddedDatabase | null> => {
        if (!config.usesEmbeddedDatabase) return null;
        const logger = new Logger('EmbeddedPostgres');
        const started = Date.now();
        const db = await EmbeddedDatabase.start({ dataDir: config.dataDir, password: config.embeddedDbPassword, logger });
        logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${db.port} in ${Date.now() - started} ms (data: ${config.dataDir})`);
        return db;
      },
    },
    {
      provide: DataSource,
      inject: [AppConfig, EMBEDDED_DATABASE],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabase | null): Promise<DataSource> => {
        const logger = new Logger('Database');
        const url = embedded ? embedded.url() : (config.databaseUrl as string);
        const dataSource = createDataSource(url, { readUrl: config.databaseReadUrl });
        try {
          await dataSource.initialize();
          const applied = await migrateWithLock(dataSource);
          if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
        } catch (error) {
          if (dataSource.isInitialized) await dataSource.destroy();
          if (embedded) await embedded.stop();
          throw error;
        }
        return dataSource;
      },
    },
    {
      provide: DATABASE_URL,
      inject: [AppConfig, EMBEDDED_DATABASE],
      useFactory: (config: AppConfig, embedded: EmbeddedDatabase | null): string => (embedded ? embedded.url() : (config.databaseUrl as string)),
    },
    DatabaseLifecycle,
    ReadReplica,
  ],
  exports: [DataSource, EMBEDDED_DATABASE, DATABASE_URL, ReadReplica],
})
export class DatabaseModule {}
