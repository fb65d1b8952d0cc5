import { Injectable } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Paths the server answers itself; anything else is the SPA or a static file (one label each, bounded cardinality). */
const ROUTES = /^\/(graphql|healthz|readyz|metrics|export\/[a-z.]+)(\/|$)/;
/** Client-chosen operation names beyond this many distinct ones are counted as "(other)". */
const MAX_OPERATION_NAMES = 300;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics of one server (prom-client, a registry per application instance):
 * HTTP and GraphQL durations, jobs, the database pools (read on scrape) and the default
 * Node.js process metrics. Served by MetricsController at GET /metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly graphql: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly jobDuration: Histogram<'job' | 'outcome'>;
  private readonly jobsCompleted: Counter<'job'>;
  private readonly jobsFailed: Counter<'job'>;
  private readonly jitOutcomes: Counter<'outcome'>;
  private readonly operationNames = new Set<string>();

  constructor(dataSource: DataSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.graphql = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation duration (HTTP) by operation name, type (query/mutation) and outcome (ok/error)',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Duration of scheduled jobs (pg-boss workers) by job and outcome',
      labelNames: ['job', 'outcome'],
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers,
    });
    this.jobsCompleted = new Counter({ name: 'jobs_completed_total', help: 'Jobs that completed on this server', labelNames: ['job'], registers });
    this.jobsFailed = new Counter({ name: 'jobs_failed_total', help: 'Jobs that failed on this server (pg-boss retries them)', labelNames: ['job'], registers });
    this.jitOutcomes = new Counter({
      name: 'graphql_jit_queries_total',
      help: 'GraphQL queries by how they were executed: jit (answered by graphql-jit), fallback (an error: executed again by graphql-js), uncompiled (graphql-js only)',
      labelNames: ['outcome'],
      registers,
    });

    const pools = (): { pool: string; p: PgPool }[] => {
      if (!dataSource.isInitialized || dataSource.driver.options.type !== 'postgres') return [];
      const driver = dataSource.driver as PostgresDriver;
      const out: { pool: string; p: PgPool }[] = [];
      if (driver.master) out.push({ pool: 'primary', p: driver.master as PgPool });
      for (const slave of driver.slaves ?? []) out.push({ pool: 'replica', p: slave as PgPool });
      return out;
    };
    const poolGauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'],
        registers,
        collect() {
          this.reset();
          for (const { pool, p } of pools()) this.set({ pool }, read(p));
        },
      });
    poolGauge('db_pool_connections_total', 'Connections open in the TypeORM pg pool (totalCount)', (p) => p.totalCount);
    poolGauge('db_pool_connections_idle', 'Idle connections in the pool (idleCount)', (p) => p.idleCount);
    poolGauge('db_pool_requests_waiting', 'Queries waiting for a pool connection (waitingCount)', (p) => p.waitingCount);
  }

  /** Express middleware: times every request; the route label is one of the server's paths, "/assets" or "other". */
  httpMiddleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      const end = this.http.startTimer();
      // read now: mounted middleware (Apollo) rewrites req.url while it handles the request
      const path = req.path;
      res.once('finish', () => {
        const match = ROUTES.exec(path);
        const route = match ? `/${match[1]}` : path.startsWith('/assets/') ? '/assets' : 'other';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** Apollo plugin: the duration of each GraphQL operation over HTTP by its name and type. */
  graphqlPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const end = this.graphql.startTimer();
        let operation = '(unparsed)';
        let type = 'unknown';
        return {
          didResolveOperation: async ({ operationName, operation: op }) => {
            operation = this.operationLabel(operationName ?? null);
            type = op?.operation ?? 'unknown';
          },
          willSendResponse: async ({ errors }) => {
            end({ operation, type, outcome: errors && errors.length > 0 ? 'error' : 'ok' });
          },
        };
      },
    };
  }

  /** Counts how a query was executed (see common/graphql/jit-execution.ts). */
  countJitOutcome(outcome: 'jit' | 'fallback' | 'uncompiled'): void {
    this.jitOutcomes.inc({ outcome });
  }

  /** Wraps a job handler: counts completions and failures and times them (the error still reaches pg-boss). */
  trackJob<A extends unknown[]>(job: string, handler: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      const end = this.jobDuration.startTimer({ job });
      try {
        await handler(...args);
        end({ outcome: 'completed' });
        this.jobsCompleted.inc({ job });
      } catch (error) {
        end({ outcome: 'failed' });
        this.jobsFailed.inc({ job });
        throw error;
      }
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private operationLabel(name: string | null): string {
    if (!name) return '(anonymous)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }
}
