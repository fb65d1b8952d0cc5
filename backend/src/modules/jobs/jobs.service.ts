import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { DATABASE_URL } from '../../database/database.module';
import { HandoffService } from '../clients/handoff.service';
import { ReassignmentService } from '../clients/reassignment.service';
import { OrganizationRepository } from '../organization/organization.repository';

import { PerformanceService } from '../analytics/performance.service';
import { RemindersService } from '../sprints/reminders.service';
import { MetricsService } from '../ops/metrics.service';

export const HANDOFF_SWEEP = 'handoff-sweep';
export const REMINDER_SWEEP = 'reminder-sweep';
export const FORECAST_SNAPSHOT = 'forecast-snapshot';
/** Serializes pg-boss set-up across servers: its create_queue (insert + ATTACH PARTITION) deadlocks when two servers start at once. */
const JOBS_SETUP_LOCK_KEY = 7_302_611_005;

/**
 * Scheduled work on pg-boss (a maintained job library on PostgreSQL): a scheduled job is
 * created once per slot and fetched by exactly one server, even with several running.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly handoffs: HandoffService,
    private readonly organizations: OrganizationRepository,
    private readonly reassignments: ReassignmentService,
    private readonly reminders: RemindersService,
    private readonly performance: PerformanceService,
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  /** pg-boss is started and its workers are polling on this server (readiness). */
  get running(): boolean {
    return this.boss !== null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobsEnabled) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, schema: 'pgboss', max: 4, application_name: 'salescircle-jobs' });
    boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
    await this.exclusively(async () => {
      await boss.start();
      await boss.createQueue(HANDOFF_SWEEP, { name: HANDOFF_SWEEP, retryLimit: 3, retryDelay: 60 });
      await boss.createQueue(REMINDER_SWEEP, { name: REMINDER_SWEEP, retryLimit: 2, retryDelay: 10, expireInSeconds: 300 });
      await boss.createQueue(FORECAST_SNAPSHOT, { name: FORECAST_SNAPSHOT, retryLimit: 3, retryDelay: 300 });
    });
    await boss.schedule(HANDOFF_SWEEP, '0 3 * * *', {}, { tz: 'Europe/Moscow' });
    await boss.work(HANDOFF_SWEEP, { pollingIntervalSeconds: 2 }, this.metrics.trackJob(HANDOFF_SWEEP, async () => {
      await this.sweepAll();
    }));
    // Reminders and escalations: every minute, one server per slot (singleton schedule + SKIP LOCKED in the sweep).
    await boss.schedule(REMINDER_SWEEP, '* * * * *', {}, { tz: 'Europe/Moscow' });
    await boss.work(REMINDER_SWEEP, { pollingIntervalSeconds: 2 }, this.metrics.trackJob(REMINDER_SWEEP, async () => {
      await this.reminders.sweep();
    }));
    // Forecast snapshots: weekly, Monday morning, for the accuracy history.
    await boss.schedule(FORECAST_SNAPSHOT, '0 6 * * 1', {}, { tz: 'Europe/Moscow' });
    await boss.work(FORECAST_SNAPSHOT, { pollingIntervalSeconds: 2 }, this.metrics.trackJob(FORECAST_SNAPSHOT, async () => {
      const taken = await this.performance.snapshotAll(await this.organizations.allIds());
      this.logger.log({ taken }, `Forecast snapshots taken: ${taken}`);
    }));
    this.boss = boss;
    this.logger.log('Jobs started: nightly handoff sweep at 03:00, reminders every minute, forecast snapshots Mondays 06:00 (Europe/Moscow)');
  }

  /** Runs `work` while holding a PostgreSQL advisory lock shared by every server. */
  private async exclusively(work: () => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [JOBS_SETUP_LOCK_KEY]);
      try {
        await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [JOBS_SETUP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
  }

  /** Queues a job to run at once (any server's worker picks it up, once). */
  async runNow(name: typeof HANDOFF_SWEEP | typeof REMINDER_SWEEP | typeof FORECAST_SNAPSHOT): Promise<string | null> {
    if (!this.boss) throw new Error('Jobs are not running on this server (JOBS_ENABLED=false)');
    return this.boss.send(name, {});
  }

  /** The nightly sweep: every organization, each in its own transaction; covers that ended go back first. */
  async sweepAll(): Promise<void> {
    for (const organizationId of await this.organizations.allIds()) {
      const started = Date.now();
      const returned = await this.reassignments.endDueCovers(organizationId);
      if (returned > 0) this.logger.log({ organizationId, returned }, `Vacation covers ended: ${returned} clients back to their owners`);
      const report = await this.handoffs.sweep(organizationId);
      this.logger.log({ organizationId, ...report, ms: Date.now() - started }, `Handoff sweep moved ${report.applied} clients`);
    }
  }
}
