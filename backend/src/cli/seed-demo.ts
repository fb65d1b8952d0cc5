import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from '../database/embedded-database';
import { DemoSeeder } from '../modules/demo/demo-seeder';

/** `npm run seed:demo`: seeds the demo company into the configured (empty) database. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv(process.env, { seedDemo: false, logLevel: 'warn' });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  try {
    const seeded = await app.get(DemoSeeder).seedIfEmpty();
    process.stdout.write(
      seeded
        ? 'Seeded the demo company. Sign in as director@demo.local (or lead@, coach@, rep@demo.local), password "salescircle".\n'
        : 'The database already holds an organization; the demo is only seeded into an empty database.\n',
    );
  } finally {
    await app.close();
    await EmbeddedDatabase.stopAll();
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await EmbeddedDatabase.stopAll();
  process.exit(1);
});
