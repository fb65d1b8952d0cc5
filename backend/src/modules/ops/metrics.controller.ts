import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrape endpoint. Access: with METRICS_TOKEN set, `Authorization: Bearer
 * <token>` from anywhere; without it, only connections from the loopback interface (the
 * socket's address, never X-Forwarded-For, so a reverse proxy on another host cannot open
 * it by accident). The reverse proxy in docker/ refuses /metrics from outside either way.
 */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('metrics')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.allowed(req)) {
      res.status(this.config.metricsToken ? 401 : 403).type('text/plain').send(
        this.config.metricsToken ? 'metrics: send Authorization: Bearer <METRICS_TOKEN>\n' : 'metrics: only from loopback (set METRICS_TOKEN to scrape from elsewhere)\n',
      );
      return;
    }
    const { contentType, body } = await this.metrics.render();
    res.status(200).setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }

  private allowed(req: Request): boolean {
    const token = this.config.metricsToken;
    if (token === null) return LOOPBACK.has(req.socket.remoteAddress ?? '');
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
