import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from './config/app-config';
import { createApp } from './bootstrap';
import { EmbeddedDatabase } from './database/embedded-database';
import { DemoSeeder } from './modules/demo/demo-seeder';
import { DEMO_PASSWORD } from './modules/demo/demo-data';

async function main(): Promise<void> {
  const began = Date.now();
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = new Logger('SalesCircle');
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: finishing requests, closing the database`);
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await app?.close();
      await EmbeddedDatabase.stopAll();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    app = await createApp(config);
    await app.listen(config.port, config.host);
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use: stop what runs there or set PORT to another port.`
        : error instanceof Error
          ? error.message
          : String(error);
    app?.flushLogs();
    process.stderr.write(`SalesCircle could not start: ${message}\n`);
    await app?.close().catch(() => undefined);
    await EmbeddedDatabase.stopAll();
    process.exit(1);
  }

  const url = `http://localhost:${config.port}`;
  logger.log(`SalesCircle is ready at ${url} (${config.nodeEnv}, started in ${Date.now() - began} ms)`);
  if (await app.get(DemoSeeder).hasDemoUsers()) {
    logger.log(
      `Demo sign-in at ${url}: director@demo.local, lead@demo.local, coach@demo.local, rep@demo.local — password "${DEMO_PASSWORD}"`,
    );
  }
}

void main();
