import 'reflect-metadata';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAVEN_CRM_FILE_NAMES, MAVEN_CRM_FILES } from '@salescircle/shared';
import type { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { createDataSource, migrateWithLock } from '../database/data-source';
import { EMBEDDED_DATABASE_NAME, EmbeddedDatabase, readRunningServer } from '../database/embedded-database';
import { TransactionRunner } from '../database/transaction-runner';
import { ChangeLogRepository } from '../modules/audit/change-log.repository';
import { ImportsRepository } from '../modules/imports/imports.repository';
import { ImportsService, type ImportResult } from '../modules/imports/imports.service';
import { MAVEN_TEXT_KEYS, type MavenCrmTexts } from '../modules/imports/maven-crm.mapping';
import { PipelinesRepository } from '../modules/pipelines/pipelines.repository';

const USAGE = `Usage: npm run import -- <folder> --pipeline "<name>" [--organization "<name>"] [--report <file.csv>] [--dry-run]

Imports a maven-crm export (${MAVEN_CRM_FILES.map((f) => MAVEN_CRM_FILE_NAMES[f]).join(', ')}) in one
transaction: all or nothing, and running it again changes nothing.

  --pipeline       the pipeline the deals go into (created with the file's stages when missing)
  --organization   the organization to import into (created when missing); default: the only one
  --report         write every row's outcome to this CSV file
  --dry-run        evaluate and report, write nothing

Database: DATABASE_URL when set; otherwise the embedded database of DATA_DIR (default .data/):
the running server's when there is one, else started for the import and stopped after.`;

class UsageError extends Error {}

function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

interface Target {
  url: string;
  description: string;
  stop: () => Promise<void>;
}

/** DATABASE_URL; else the running server's embedded database; else the embedded database started here. */
async function findDatabase(config: AppConfig): Promise<Target> {
  if (config.databaseUrl) {
    const shown = new URL(config.databaseUrl);
    return { url: config.databaseUrl, description: `DATABASE_URL (${shown.hostname}:${shown.port || 5432}${shown.pathname})`, stop: async () => undefined };
  }
  const password = encodeURIComponent(config.embeddedDbPassword);
  const server = readRunningServer(config.dataDir);
  if (server) {
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${server.port}/${EMBEDDED_DATABASE_NAME}`,
      description: `the embedded database of the running server (pid ${server.pid}, port ${server.port}, ${config.dataDir})`,
      stop: async () => undefined,
    };
  }
  // a postgres still running in DATA_DIR/pg without a server file (its server died): its port is line 4 of postmaster.pid
  const pidFile = join(config.dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 && isAlive(pid)) {
      return {
        url: `postgres://postgres:${password}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`,
        description: `the embedded PostgreSQL running in ${config.dataDir} (pid ${pid}, port ${port})`,
        stop: async () => undefined,
      };
    }
  }
  const logger = { log: (m: string) => out(m), warn: (m: string) => process.stderr.write(`${m}\n`) };
  const db = await EmbeddedDatabase.start({ dataDir: config.dataDir, password: config.embeddedDbPassword, logger });
  return {
    url: db.url(),
    description: `the embedded database of ${config.dataDir} (started for this import on port ${db.port}, stopped after)`,
    stop: () => db.stop(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFolder(folder: string): MavenCrmTexts {
  if (!existsSync(folder)) throw new UsageError(`Folder ${folder} does not exist.`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder; give the folder that holds the CSV files.`);
  const expected = MAVEN_CRM_FILES.map((f) => MAVEN_CRM_FILE_NAMES[f]);
  const missing = expected.filter((name) => !existsSync(join(folder, name)));
  if (missing.length > 0) throw new UsageError(`${missing.join(', ')} not found in ${folder} (a maven-crm export has ${expected.join(', ')}).`);
  const texts = {} as MavenCrmTexts;
  for (const file of MAVEN_CRM_FILES) texts[MAVEN_TEXT_KEYS[file]] = readFileSync(join(folder, MAVEN_CRM_FILE_NAMES[file]), 'utf8');
  return texts;
}

async function chooseOrganization(repo: ImportsRepository, name: string | undefined): Promise<{ id: string; name: string; created: boolean }> {
  const all = await repo.organizations();
  if (name !== undefined) {
    const found = all.find((o) => o.name === name);
    if (found) return { ...found, created: false };
    if (name.trim().length === 0 || name.length > 200) throw new UsageError('--organization must be 1 to 200 characters.');
    return { ...(await repo.insertOrganization(name)), created: true };
  }
  if (all.length === 1) return { ...all[0], created: false };
  if (all.length === 0) throw new UsageError('The database holds no organization yet: pass --organization "<name>" to create one.');
  throw new UsageError(`The database holds ${all.length} organizations (${all.map((o) => `"${o.name}"`).join(', ')}): pass --organization "<name>".`);
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeReport(path: string, result: ImportResult): void {
  const lines = ['file,line,external_id,outcome,change,message'];
  const fileName = fileNames(result);
  for (const r of result.rows) lines.push([fileName(r.file), r.line, r.externalId, r.outcome, r.change, r.message].map(csvField).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The name of each file of the report, as its counts give it. */
function fileNames(result: ImportResult): (file: ImportResult['files'][number]['file']) => string {
  const names = new Map(result.files.map((f) => [f.file, f.fileName]));
  return (file) => names.get(file) ?? file;
}

function printReport(result: ImportResult, seconds: number): void {
  const fileName = fileNames(result);
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  out();
  out(`${'file'.padEnd(20)}${pad('rows', 7)}${pad('imported', 10)}${pad('updated', 9)}${pad('unchanged', 11)}${pad('reconciled', 12)}${pad('rejected', 10)}`);
  for (const f of result.files) {
    out(`${f.fileName.padEnd(20)}${pad(f.rows, 7)}${pad(f.imported, 10)}${pad(f.updated, 9)}${pad(f.unchanged, 11)}${pad(f.reconciled, 12)}${pad(f.rejected, 10)}`);
  }
  for (const d of result.derived) out(`  ${d.what}: ${d.imported} imported, ${d.updated} updated, ${d.unchanged} unchanged`);
  if (result.notes.length > 0) {
    out();
    out('Handled:');
    for (const n of result.notes) out(`  ${n.message}${n.count > 0 ? ` (${n.count} row${n.count === 1 ? '' : 's'})` : ''}`);
  }
  const reconciled = result.rows.filter((r) => r.outcome === 'RECONCILED');
  if (reconciled.length > 0) {
    // one line per kind of reconciliation, with the first lines where it happened
    const byWhat = new Map<string, number[]>();
    for (const r of reconciled) {
      for (const part of r.message.split('; ').filter((p) => p.startsWith('reconciled '))) {
        const key = `${fileName(r.file)}: ${part}`;
        byWhat.set(key, [...(byWhat.get(key) ?? []), r.line]);
      }
    }
    out();
    out('Reconciled:');
    for (const [what, lines] of byWhat) out(`  ${what} (${lines.length} row${lines.length === 1 ? '' : 's'}: line ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''})`);
  }
  const rejected = result.rows.filter((r) => r.outcome === 'REJECTED');
  if (rejected.length > 0) {
    out();
    out(`Rejected (${rejected.length}), so nothing was imported:`);
    for (const r of rejected.slice(0, 50)) out(`  ${fileName(r.file)} line ${r.line}: ${r.message}`);
    if (rejected.length > 50) out(`  … and ${rejected.length - 50} more (see --report)`);
  }
  out();
  const verdict =
    result.status === 'APPLIED'
      ? `Imported in one transaction${result.runId ? ` (run ${result.runId})` : ''}.`
      : result.status === 'DRY_RUN'
        ? 'Dry run: nothing was written.'
        : 'FAILED: rejected rows; the transaction was rolled back and nothing was written.';
  out(verdict);
  out(`Time: import ${(result.durationMs / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s`);
}

async function main(argv: string[]): Promise<number> {
  const began = Date.now();
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        pipeline: { type: 'string' },
        organization: { type: 'string' },
        report: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (args.values.help) {
    out(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'Give the folder of the export.' : `Give one folder (got ${args.positionals.join(', ')}).`);
  const pipelineName = args.values.pipeline?.trim();
  if (!pipelineName) throw new UsageError('Give the pipeline name: --pipeline "<name>".');
  // npm runs scripts in the repository root; paths are meant from where the command was typed
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const folder = resolve(cwd, args.positionals[0]);
  const reportPath = args.values.report ? resolve(cwd, args.values.report) : null;
  const texts = readFolder(folder);

  const config = AppConfig.fromEnv(process.env, { seedDemo: false, logLevel: 'warn' });
  const target = await findDatabase(config);
  let dataSource: DataSource | null = null;
  try {
    out(`Database: ${target.description}`);
    dataSource = createDataSource(target.url, { poolSize: 2, applicationName: 'salescircle-import' });
    await dataSource.initialize();
    await migrateWithLock(dataSource);
    const repo = new ImportsRepository(dataSource);
    const organization = await chooseOrganization(repo, args.values.organization);
    out(`Organization: "${organization.name}"${organization.created ? ' (created)' : ''}`);
    out(`Importing ${folder} into pipeline "${pipelineName}"${args.values['dry-run'] ? ' (dry run)' : ''}…`);
    const service = new ImportsService(new TransactionRunner(dataSource), repo, new PipelinesRepository(dataSource), new ChangeLogRepository(dataSource));
    let result: ImportResult;
    try {
      result = await service.importMavenCrm(
        { organizationId: organization.id, actorUserId: null },
        texts,
        { pipelineName, dryRun: args.values['dry-run'], source: folder },
      );
    } finally {
      // all or nothing: an organization created for a run that wrote nothing goes again
      if (organization.created) await repo.deleteEmptyOrganization(organization.id);
    }
    if (reportPath) {
      writeReport(reportPath, result);
      out(`Report of every row: ${reportPath}`);
    }
    printReport(result, (Date.now() - began) / 1000);
    return result.status === 'FAILED' ? 1 : 0;
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await target.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`import: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof DomainError || error instanceof ConfigError) {
      process.stderr.write(`import failed: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
    await EmbeddedDatabase.stopAll();
    process.exit();
  },
);
