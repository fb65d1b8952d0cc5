import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { sqlCounter } from './database/sql-counter';
import { MetricsService } from './modules/ops/metrics.service';

/** Paths the server answers itself; everything else GET is the single-page app. */
const SERVER_PATHS = /^\/(graphql|healthz|readyz|metrics|export)(\/|$|\?)/;

/** Builds the Nest application (not yet listening): used by `main` and by the integration tests. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // no ETag on answers sent with res.send (GraphQL): a hash of every body, which no client sends back; static files keep theirs
  app.set('etag', false);
  app.use(app.get(MetricsService).httpMiddleware());
  // the import mutation carries whole CSV files (each under its own limit in MavenCrmFilesInput)
  app.useBodyParser('json', { limit: '16mb' });
  if (config.exposesSqlCount) app.use((_req: Request, _res: Response, next: NextFunction) => sqlCounter.run(next));
  serveFrontend(app, config);
  return app;
}

function serveFrontend(app: NestExpressApplication, config: AppConfig): void {
  const index = join(config.frontendDist, 'index.html');
  if (!existsSync(index)) {
    new Logger('Frontend').warn(`No built frontend at ${config.frontendDist}; run "npm run build" (the API still works)`);
    return;
  }
  app.useStaticAssets(join(config.frontendDist, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', fallthrough: false });
  app.useStaticAssets(config.frontendDist, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
