import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';
import { AppConfig } from '../../config/app-config';
import { knownMigrationNames } from '../../database/data-source';
import { ReadReplica } from '../../database/read-replica';
import { JobsService } from '../jobs/jobs.service';

const startedAt = Date.now();
const CHECK_TIMEOUT_MS = 2_000;

type Check = { ok: boolean; [detail: string]: unknown };

function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([work, new Promise<T>((r) => setTimeout(() => r(fallback), CHECK_TIMEOUT_MS).unref())]);
}

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly replica: ReadReplica,
  ) {}

  /** Liveness: 200 once the database answers, 503 while it does not. */
  @Public()
  @Get('healthz')
  @HttpCode(200)
  async healthz(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const began = Date.now();
    const database = await withTimeout(
      this.dataSource.isInitialized ? this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const) : Promise.resolve('down' as const),
      'down' as const,
    );
    if (database !== 'up') res.status(503);
    return {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      databaseLatencyMs: Date.now() - began,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }

  /**
   * Readiness (for a load balancer or orchestrator): the database answers, every migration
   * this build knows is applied, the replica answers when DATABASE_READ_URL is set, and the
   * job workers run when JOBS_ENABLED. 200 or 503 with `failed` naming the checks that failed.
   */
  @Public()
  @Get('readyz')
  @HttpCode(200)
  async readyz(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const [database, migrations, replica] = await Promise.all([this.checkDatabase(), this.checkMigrations(), this.checkReplica()]);
    const checks: Record<string, Check> = { database, migrations, jobs: this.checkJobs() };
    if (replica) checks.replica = replica;
    const failed = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    if (failed.length > 0) res.status(503);
    return { status: failed.length === 0 ? 'ready' : 'not ready', failed, checks };
  }

  private async checkDatabase(): Promise<Check> {
    const began = Date.now();
    if (!this.dataSource.isInitialized) return { ok: false, error: 'not connected' };
    const error = await withTimeout(
      this.dataSource.query('SELECT 1').then(
        () => null,
        (e: Error) => e.message,
      ),
      `no answer within ${CHECK_TIMEOUT_MS} ms`,
    );
    return error === null ? { ok: true, latencyMs: Date.now() - began } : { ok: false, error };
  }

  private async checkMigrations(): Promise<Check> {
    const known = knownMigrationNames();
    const applied = await withTimeout(
      this.dataSource.isInitialized
        ? this.dataSource.query<{ name: string }[]>('SELECT name FROM schema_migration').then(
            (rows) => rows.map((r) => r.name),
            () => null,
          )
        : Promise.resolve(null),
      null,
    );
    if (applied === null) return { ok: false, error: 'cannot read schema_migration' };
    const have = new Set(applied);
    const pending = known.filter((name) => !have.has(name));
    // Applied but unknown: a newer build migrated (expand/contract upgrade in progress); this build still works.
    const newer = applied.filter((name) => !known.includes(name));
    return { ok: pending.length === 0, applied: applied.length, pending, newer };
  }

  private async checkReplica(): Promise<Check | null> {
    if (!this.replica.configured) return null;
    const began = Date.now();
    const error = await withTimeout(
      this.replica.query('SELECT 1').then(
        () => null,
        (e: Error) => e.message,
      ),
      `no answer within ${CHECK_TIMEOUT_MS} ms`,
    );
    return error === null ? { ok: true, latencyMs: Date.now() - began } : { ok: false, error };
  }

  private checkJobs(): Check {
    if (!this.config.jobsEnabled) return { ok: true, state: 'disabled' };
    return this.jobs.running ? { ok: true, state: 'running' } : { ok: false, state: 'stopped' };
  }
}
