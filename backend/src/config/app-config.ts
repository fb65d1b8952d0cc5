import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export type NodeEnv = 'production' | 'development' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The repository root, from backend/src/config (ts) or backend/dist/config (js). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

interface Secrets {
  authTokenSecret: string;
  embeddedDbPassword: string;
}

/**
 * The one configuration of the server, read once at start-up from the environment and
 * validated; nothing else reads `process.env`. Every variable is documented in the
 * README's configuration table.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  /** Any PostgreSQL; when null the embedded default runs in `dataDir`. */
  readonly databaseUrl: string | null;
  /** Optional read replica for read-only analytics. */
  readonly databaseReadUrl: string | null;
  readonly dataDir: string;
  readonly authTokenSecret: string;
  readonly authTokenTtlSeconds: number;
  /** Password of the embedded database's superuser (kept in `dataDir`). */
  readonly embeddedDbPassword: string;
  readonly logLevel: LogLevel;
  /** Seed the demo company into an empty database at start. */
  readonly seedDemo: boolean;
  /** Trust X-Forwarded-For from a reverse proxy for the client address. */
  readonly trustProxy: boolean;
  /** Run scheduled jobs (nightly handoff sweep, reminders) on this server (pg-boss: once across servers). */
  readonly jobsEnabled: boolean;
  /** Where the built frontend is served from. */
  readonly frontendDist: string;
  /**
   * Bearer token that `GET /metrics` requires. When null, `/metrics` answers only to
   * connections from the loopback interface (a Prometheus agent on the same host).
   */
  readonly metricsToken: string | null;
  /** Execute queries with graphql-jit (compiled per operation); false: graphql-js only (see common/graphql/jit-execution.ts). */
  readonly graphqlJit: boolean;
  /** KPI card computations over many people (a team's or everyone's) at once per server; more wait their turn (bounded memory). */
  readonly analyticsConcurrency: number;

  constructor(
    values: Omit<AppConfig, 'isProduction' | 'usesEmbeddedDatabase' | 'exposesSqlCount' | 'metricsToken' | 'graphqlJit' | 'analyticsConcurrency'> & {
      metricsToken?: string | null;
      graphqlJit?: boolean;
      analyticsConcurrency?: number;
    },
  ) {
    Object.assign(this, { metricsToken: null, graphqlJit: true, analyticsConcurrency: 2, ...values });
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get usesEmbeddedDatabase(): boolean {
    return this.databaseUrl === null;
  }

  /** Test helpers read the SQL statement count of a request from a response header. */
  get exposesSqlCount(): boolean {
    return this.nodeEnv !== 'production';
  }

  /** Reads and validates the environment; generates and keeps secrets in DATA_DIR when not given. */
  static fromEnv(env: NodeJS.ProcessEnv, overrides: Partial<AppConfig> = {}): AppConfig {
    const problems: string[] = [];
    const nodeEnv = oneOf(env.NODE_ENV, ['production', 'development', 'test'] as const, 'development', 'NODE_ENV', problems);
    const port = integer(env.PORT, 3000, 0, 65535, 'PORT', problems);
    const host = env.HOST?.trim() || '0.0.0.0';
    const databaseUrl = postgresUrl(env.DATABASE_URL, 'DATABASE_URL', problems);
    const databaseReadUrl = postgresUrl(env.DATABASE_READ_URL, 'DATABASE_READ_URL', problems);
    const rawDataDir = env.DATA_DIR?.trim() || join(REPO_ROOT, '.data');
    const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(process.cwd(), rawDataDir);
    const authTokenTtlSeconds = integer(env.AUTH_TOKEN_TTL_SECONDS, 12 * 3600, 60, 30 * 24 * 3600, 'AUTH_TOKEN_TTL_SECONDS', problems);
    const logLevel = oneOf(
      env.LOG_LEVEL,
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'warn' : 'info',
      'LOG_LEVEL',
      problems,
    );
    const seedDemo = boolean(env.SEED_DEMO, databaseUrl === null, 'SEED_DEMO', problems);
    const trustProxy = boolean(env.TRUST_PROXY, false, 'TRUST_PROXY', problems);
    const jobsEnabled = boolean(env.JOBS_ENABLED, true, 'JOBS_ENABLED', problems);
    const graphqlJit = boolean(env.GRAPHQL_JIT, true, 'GRAPHQL_JIT', problems);
    const analyticsConcurrency = integer(env.ANALYTICS_CONCURRENCY, 2, 1, 64, 'ANALYTICS_CONCURRENCY', problems);
    const givenSecret = env.AUTH_TOKEN_SECRET?.trim();
    if (givenSecret !== undefined && givenSecret !== '' && givenSecret.length < 32) {
      problems.push('AUTH_TOKEN_SECRET: must be at least 32 characters (or unset, to generate one in DATA_DIR)');
    }
    const metricsToken = env.METRICS_TOKEN?.trim() || null;
    if (metricsToken !== null && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
      problems.push('METRICS_TOKEN: must be at least 16 printable characters without spaces (or unset: /metrics then answers only on loopback)');
    }
    if (problems.length > 0) throw new ConfigError(problems);

    const needsStoredSecrets = overrides.authTokenSecret === undefined && (!givenSecret || databaseUrl === null);
    const stored = needsStoredSecrets ? loadOrCreateSecrets(dataDir) : null;
    return new AppConfig({
      nodeEnv,
      port,
      host,
      databaseUrl,
      databaseReadUrl,
      dataDir,
      authTokenSecret: givenSecret || stored?.authTokenSecret || '',
      authTokenTtlSeconds,
      embeddedDbPassword: stored?.embeddedDbPassword ?? '',
      logLevel,
      seedDemo,
      trustProxy,
      jobsEnabled,
      frontendDist: join(REPO_ROOT, 'frontend', 'dist'),
      metricsToken,
      graphqlJit,
      analyticsConcurrency,
      ...overrides,
    });
  }
}

function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    if (typeof parsed.authTokenSecret === 'string' && typeof parsed.embeddedDbPassword === 'string') {
      return { authTokenSecret: parsed.authTokenSecret, embeddedDbPassword: parsed.embeddedDbPassword };
    }
    throw new ConfigError([`${file}: is damaged; remove it to generate new secrets (existing sign-ins end)`]);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secrets: Secrets = {
    authTokenSecret: randomBytes(48).toString('base64url'),
    embeddedDbPassword: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function oneOf<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T, name: string, problems: string[]): T {
  const value = raw?.trim();
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
  return fallback;
}

function integer(raw: string | undefined, fallback: number, min: number, max: number, name: string, problems: string[]): number {
  const value = raw?.trim();
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: "${value}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

function boolean(raw: string | undefined, fallback: boolean, name: string, problems: string[]): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  problems.push(`${name}: "${raw}" must be true or false`);
  return fallback;
}

function postgresUrl(raw: string | undefined, name: string, problems: string[]): string | null {
  const value = raw?.trim();
  if (value === undefined || value === '') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      problems.push(`${name}: must start with postgres:// or postgresql://`);
    }
  } catch {
    problems.push(`${name}: is not a valid URL`);
  }
  return value;
}
