import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';

const startedAt = Date.now();

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 once the database answers, 503 while it does not. */
  @Public()
  @Get('healthz')
  @HttpCode(200)
  async healthz(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const began = Date.now();
    const database = await Promise.race([
      this.dataSource.isInitialized ? this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const) : Promise.resolve('down' as const),
      new Promise<'down'>((r) => setTimeout(() => r('down'), 2_000).unref()),
    ]);
    if (database !== 'up') res.status(503);
    return {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      databaseLatencyMs: Date.now() - began,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }
}
