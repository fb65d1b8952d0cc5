import { Injectable } from '@nestjs/common';
import { MAVEN_CRM_FILE_NAMES, MAVEN_CRM_FILES, type ImportChange, type ImportStatus } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import { PipelinesRepository, type PipelineRow } from '../pipelines/pipelines.repository';
import { summarizeRows, type ImportFileCounts, type ImportRowResult } from './import-report';
import { ImportsRepository, type DealWrite, type ExistingProduct, type ImportRunKind, type StageVisitRow } from './imports.repository';
import { ImportReason } from './imports.errors';
import { ImportFileError, MAVEN_STAGES, MAVEN_TEXT_KEYS, planMavenImport, type MavenCrmTexts, type MavenPlan, type PlanNote, type RowReport } from './maven-crm.mapping';

/** The sample's money is US dollars; imported records say so rather than pretend roubles. */
const MAVEN_CURRENCY = 'USD';
/** A run keeps, in import_run.report, the rows worth reading again (reconciled, rejected, or with a note). */
const KEPT_ROWS_LIMIT = 20_000;

export interface ImportActor {
  organizationId: string;
  actorUserId: string | null;
}

export interface ImportOptions {
  pipelineName: string;
  /** Evaluate everything in a transaction that is rolled back. */
  dryRun?: boolean;
  /** Where the files came from (a folder, or "upload"), kept with the run. */
  source: string;
  /** YYYY-MM-DD; the fallback date when the files hold none (tests fix it). */
  today?: string;
}

export type { ImportFileCounts, ImportRowResult } from './import-report';

/** Records the files imply rather than list row by row (managers, offices, the pipeline's stages). */
export interface ImportDerivedCounts {
  what: string;
  /** What is counted, as a code the app says in its language: LEAD_MEMBERS, TEAMS, PIPELINE_STAGES (then `pipeline` names it). */
  kind: ImportDerivedKind;
  pipeline?: string;
  imported: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  runId: string | null;
  status: ImportStatus;
  organizationId: string;
  pipelineId: string | null;
  /** The pipeline the deals went into; null for an import without deals. */
  pipelineName: string | null;
  source: string;
  durationMs: number;
  files: ImportFileCounts[];
  derived: ImportDerivedCounts[];
  notes: PlanNote[];
  totalRows: number;
  rows: ImportRowResult[];
}

/** What a run's writer returns: the report, before the run is kept. */
export type WrittenImport = Omit<ImportResult, 'durationMs' | 'runId' | 'status'>;

/** How one run is kept: its import_run kind and the change-log action. */
export interface ImportRun {
  kind: ImportRunKind;
  action: string;
  source: string;
  dryRun: boolean;
  started: Date;
}

/** Thrown inside the transaction to roll a dry or failed run back with its report. */
class Rollback extends Error {
  constructor(
    readonly result: WrittenImport,
    readonly status: 'DRY_RUN' | 'FAILED',
  ) {
    super('rollback');
  }
}

type Changes = Map<RowReport, ImportChange>;

export type ImportDerivedKind = 'LEAD_MEMBERS' | 'TEAMS' | 'PIPELINE_STAGES';

function derived(what: string, kind: ImportDerivedKind, pipeline?: string): ImportDerivedCounts {
  return { what, kind, ...(pipeline === undefined ? {} : { pipeline }), imported: 0, updated: 0, unchanged: 0 };
}

function bump(counts: ImportDerivedCounts, change: ImportChange): void {
  if (change === 'IMPORTED') counts.imported++;
  else if (change === 'UPDATED') counts.updated++;
  else counts.unchanged++;
}

function at(day: string): string {
  return `${day} 00:00:00`;
}

/**
 * Real-data import of the maven-crm shape: one transaction per run (all or nothing),
 * idempotent by namespaced external id, with one outcome per input row. Used by the
 * `importMavenCrm` mutation and by `npm run import`.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly imports: ImportsRepository,
    private readonly pipelines: PipelinesRepository,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  /** The page's import: a director, into their organization. */
  importForViewer(viewer: Viewer, texts: MavenCrmTexts, pipelineName: string, dryRun: boolean): Promise<ImportResult> {
    if (viewer.role !== 'DIRECTOR') throw DomainError.forbidden('Only a sales director imports data.', ImportReason.DIRECTOR_IMPORTS_ONLY);
    const { salesTeams, accounts, products, salesPipeline } = texts;
    return this.importMavenCrm(
      { organizationId: viewer.organizationId, actorUserId: viewer.userId },
      { salesTeams, accounts, products, salesPipeline },
      { pipelineName, dryRun, source: 'upload' },
    );
  }

  async importMavenCrm(actor: ImportActor, texts: MavenCrmTexts, options: ImportOptions): Promise<ImportResult> {
    const started = new Date();
    const pipelineName = options.pipelineName.trim();
    if (pipelineName.length === 0 || pipelineName.length > 200) {
      if (pipelineName.length === 0) throw DomainError.badInput('pipelineName', 'The pipeline name must be 1 to 200 characters.', ImportReason.PIPELINE_NAME_REQUIRED);
      throw new DomainError('BAD_USER_INPUT', 'The pipeline name must be 1 to 200 characters.', { field: 'pipelineName', reason: 'VALUE_TOO_LONG', limit: 200 });
    }
    let plan: MavenPlan;
    try {
      plan = planMavenImport(texts, options.today ?? started.toISOString().slice(0, 10));
    } catch (error) {
      if (error instanceof ImportFileError) {
        throw DomainError.badInput(MAVEN_TEXT_KEYS[error.file], error.message, ImportReason.BAD_FILE, { file: MAVEN_CRM_FILE_NAMES[error.file], ...error.params });
      }
      throw error;
    }
    return this.runAtomically(
      actor,
      { kind: 'MAVEN_CRM', action: 'IMPORT_MAVEN_CRM', source: options.source, dryRun: options.dryRun ?? false, started },
      (tx) => this.write(tx, actor, plan, pipelineName, options.source),
    );
  }

  /**
   * Runs a writer in one transaction, all or nothing: kept with its run and a change-log
   * entry when applied; rolled back for a dry run, and when a row of its report was
   * rejected (then the run is kept as FAILED with its report, and nothing else is written);
   * any database error rolls everything back too. Every import (the maven-crm export, a
   * CSV file) goes through here.
   */
  async runAtomically(actor: ImportActor, run: ImportRun, write: (tx: EntityManager) => Promise<WrittenImport>): Promise<ImportResult> {
    let status: ImportStatus = 'APPLIED';
    let runId: string | null = null;
    let result: WrittenImport;
    try {
      result = await this.tx.run(async (tx) => {
        const written = await write(tx);
        if (written.rows.some((r) => r.outcome === 'REJECTED')) throw new Rollback(written, 'FAILED');
        if (run.dryRun) throw new Rollback(written, 'DRY_RUN');
        runId = await this.imports.insertRun(tx, this.runRecord(actor, run.kind, written, 'APPLIED', run.source, run.started));
        await this.changeLog.record(tx, [
          {
            organizationId: actor.organizationId,
            actorUserId: actor.actorUserId,
            entity: 'import_run',
            entityId: runId,
            memberId: null,
            action: run.action,
            after: { source: run.source, pipeline: written.pipelineName, files: written.files, derived: written.derived },
          },
        ]);
        return written;
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      status = error.status;
      // what the rolled-back transaction created does not exist
      const pipelineId = error.result.pipelineName === null ? null : ((await this.pipelines.pipelineByName(this.tx.manager, actor.organizationId, error.result.pipelineName))?.id ?? null);
      result = { ...error.result, pipelineId };
      if (status === 'FAILED') {
        runId = await this.imports.insertRun(undefined, this.runRecord(actor, run.kind, result, 'FAILED', run.source, run.started));
      }
    }
    return { ...result, runId, status, durationMs: Date.now() - run.started.getTime() };
  }

  private runRecord(actor: ImportActor, kind: ImportRunKind, result: WrittenImport, status: 'APPLIED' | 'FAILED', source: string, started: Date) {
    const kept = result.rows.filter((r) => r.message !== '' || r.outcome === 'REJECTED' || r.outcome === 'RECONCILED').slice(0, KEPT_ROWS_LIMIT);
    return {
      organizationId: actor.organizationId,
      kind,
      source,
      pipelineId: result.pipelineId,
      status,
      counts: { files: result.files, derived: result.derived },
      report: { notes: result.notes, rows: kept },
      actorUserId: actor.actorUserId,
      startedAt: started,
      durationMs: Date.now() - started.getTime(),
    };
  }

  /** Compares the plan with what earlier runs wrote and writes the difference; returns the report. */
  private async write(tx: EntityManager, actor: ImportActor, plan: MavenPlan, pipelineName: string, source: string): Promise<WrittenImport> {
    const org = actor.organizationId;
    await this.imports.lockOrganization(tx, org);
    const changes: Changes = new Map();
    const leads = derived('LEAD members (managers of sales_teams.csv)', 'LEAD_MEMBERS');
    const teamCounts = derived('teams (regional offices)', 'TEAMS');
    const stageCounts = derived(`stages of pipeline "${pipelineName}"`, 'PIPELINE_STAGES', pipelineName);

    const pipeline = await this.ensurePipeline(tx, org, pipelineName, stageCounts);
    const stageId = new Map(pipeline.stages.map((s) => [s.name, s.id]));

    // ---- members ----
    const existingMembers = new Map((await this.imports.membersByExternalIds(tx, org, plan.members.map((m) => m.externalId))).map((m) => [m.externalId, m]));
    const memberId = new Map<string, string>();
    const memberChange = new Map<string, ImportChange>();
    const inserted = await this.imports.insertMembers(
      tx,
      org,
      plan.members.filter((m) => !existingMembers.has(m.externalId)),
    );
    for (const m of inserted) {
      memberId.set(m.externalId, m.id);
      memberChange.set(m.externalId, 'IMPORTED');
    }
    const memberUpdates: { id: string; name: string; role: string }[] = [];
    for (const m of plan.members) {
      const found = existingMembers.get(m.externalId);
      if (!found) continue;
      memberId.set(m.externalId, found.id);
      const changed = found.name !== m.name || found.role !== m.role;
      if (changed) memberUpdates.push({ id: found.id, name: m.name, role: m.role });
      memberChange.set(m.externalId, changed ? 'UPDATED' : 'UNCHANGED');
    }
    await this.imports.updateMembers(tx, memberUpdates);
    const touch = (externalId: string) => {
      if (memberChange.get(externalId) === 'UNCHANGED') memberChange.set(externalId, 'UPDATED');
    };

    // ---- teams (one per regional office) and memberships ----
    const existingTeams = new Map((await this.imports.teamsByNames(tx, org, plan.teams.map((t) => t.name))).map((t) => [t.name, t]));
    const newTeams = plan.teams.filter((t) => !existingTeams.has(t.name));
    for (const t of await this.imports.insertTeams(tx, org, newTeams.map((t) => ({ name: t.name, leadId: t.leadExternalId ? memberId.get(t.leadExternalId)! : null })))) {
      existingTeams.set(t.name, t);
      bump(teamCounts, 'IMPORTED');
    }
    const leadUpdates: { id: string; leadId: string }[] = [];
    for (const t of plan.teams) {
      if (newTeams.includes(t)) continue;
      const team = existingTeams.get(t.name)!;
      // a lead chosen in the app stays; an office team without one gets the file's first manager
      if (team.leadId === null && t.leadExternalId) leadUpdates.push({ id: team.id, leadId: memberId.get(t.leadExternalId)! });
      bump(teamCounts, team.leadId === null && t.leadExternalId ? 'UPDATED' : 'UNCHANGED');
    }
    await this.imports.setTeamLeads(tx, leadUpdates);
    const officeTeamIds = new Set(plan.teams.map((t) => existingTeams.get(t.name)!.id));
    const memberships = await this.imports.teamMemberships(tx, [...memberId.values()]);
    const toAdd: { teamId: string; memberId: string }[] = [];
    const toRemove: { teamId: string; memberId: string }[] = [];
    for (const m of plan.members) {
      const id = memberId.get(m.externalId)!;
      const want = m.team ? existingTeams.get(m.team)!.id : null;
      const has = memberships.filter((x) => x.memberId === id);
      if (want && !has.some((x) => x.teamId === want)) {
        toAdd.push({ teamId: want, memberId: id });
        touch(m.externalId);
      }
      for (const stale of has.filter((x) => x.teamId !== want && officeTeamIds.has(x.teamId))) {
        toRemove.push(stale);
        touch(m.externalId);
      }
    }
    await this.imports.removeTeamMembers(tx, toRemove);
    await this.imports.addTeamMembers(tx, toAdd);

    // ---- reporting lines: agent REPORTS_TO manager ----
    const reporting = plan.members.filter((m) => m.managerExternalId);
    const lines = new Map((await this.imports.managersOf(tx, reporting.map((m) => memberId.get(m.externalId)!))).map((l) => [l.fromId, l]));
    const removeLines: string[] = [];
    const addLines: { fromId: string; toId: string }[] = [];
    for (const m of reporting) {
      const fromId = memberId.get(m.externalId)!;
      const toId = memberId.get(m.managerExternalId!)!;
      const line = lines.get(fromId);
      if (line?.toId === toId) continue;
      if (line) removeLines.push(line.id);
      addLines.push({ fromId, toId });
      touch(m.externalId);
    }
    await this.imports.replaceManagers(tx, org, removeLines, addLines);
    for (const m of plan.members) {
      const change = memberChange.get(m.externalId)!;
      if (m.row) changes.set(m.row, change);
      else bump(leads, change);
    }

    // ---- products (a product of the same name is adopted: product names are unique) ----
    const existingProducts = await this.imports.productsByExternalIdsOrNames(
      tx,
      org,
      plan.products.map((p) => p.externalId),
      plan.products.map((p) => p.name),
    );
    const productId = new Map<string, string>();
    const productInserts: typeof plan.products = [];
    const productUpdates: (ExistingProduct & { externalId: string })[] = [];
    for (const p of plan.products) {
      const found = existingProducts.find((e) => e.externalId === p.externalId) ?? existingProducts.find((e) => e.name === p.name);
      if (!found) {
        productInserts.push(p);
        changes.set(p.row, 'IMPORTED');
        continue;
      }
      if (found.externalId !== p.externalId && found.externalId !== null) {
        throw new DomainError('CONFLICT', `A product named "${p.name}" already exists with another external id (${found.externalId}); rename one of them and import again.`, {
          reason: ImportReason.PRODUCT_NAME_TAKEN,
          params: { name: p.name, externalId: found.externalId },
        });
      }
      productId.set(p.externalId, found.id);
      const want = { id: found.id, externalId: p.externalId, name: p.name, productLine: p.productLine, price: p.price, currency: MAVEN_CURRENCY };
      const changed = found.externalId !== want.externalId || found.name !== want.name || found.productLine !== want.productLine || found.price !== want.price || found.currency !== want.currency;
      if (changed) productUpdates.push(want);
      changes.set(p.row, changed ? 'UPDATED' : 'UNCHANGED');
    }
    await this.imports.updateProducts(tx, productUpdates);
    for (const p of await this.imports.insertProducts(tx, org, productInserts.map((p) => ({ ...p, currency: MAVEN_CURRENCY })))) productId.set(p.externalId, p.id);

    // ---- clients, then their parents (which may be new in this run) ----
    const existingClients = new Map((await this.imports.clientsByExternalIds(tx, org, plan.clients.map((c) => c.externalId))).map((c) => [c.externalId, c]));
    const clientId = new Map<string, string>([...existingClients.values()].map((c) => [c.externalId, c.id]));
    const newClients = plan.clients.filter((c) => !existingClients.has(c.externalId));
    for (const c of await this.imports.insertClients(
      tx,
      org,
      newClients.map((c) => ({ ...c, currency: MAVEN_CURRENCY, stage: c.initialStage })),
    )) {
      clientId.set(c.externalId, c.id);
    }
    const clientUpdates: Parameters<ImportsRepository['updateClients']>[1][number][] = [];
    const parentLinks: { id: string; parentClientId: string }[] = [];
    for (const c of plan.clients) {
      const parent = c.parentExternalId ? (clientId.get(c.parentExternalId) ?? null) : null;
      const found = existingClients.get(c.externalId);
      if (!found) {
        if (parent) parentLinks.push({ id: clientId.get(c.externalId)!, parentClientId: parent });
        changes.set(c.row, 'IMPORTED');
        continue;
      }
      const want = { id: found.id, name: c.name, industry: c.industry, region: c.region, annualPotential: c.annualPotential, currency: MAVEN_CURRENCY, parentClientId: parent };
      const changed =
        found.name !== want.name ||
        found.industry !== want.industry ||
        found.region !== want.region ||
        found.annualPotential !== want.annualPotential ||
        found.currency !== want.currency ||
        found.parentClientId !== want.parentClientId;
      if (changed) clientUpdates.push({ ...found, ...want });
      changes.set(c.row, changed ? 'UPDATED' : 'UNCHANGED');
    }
    await this.imports.updateClients(tx, clientUpdates);
    await this.imports.setClientParents(tx, parentLinks);

    // ---- deals and their stage history ----
    const existingDeals = new Map((await this.imports.dealsByExternalIds(tx, org, plan.deals.map((d) => d.externalId))).map((d) => [d.externalId, d]));
    const history = new Map<string, StageVisitRow[]>();
    for (const v of await this.imports.historyOfDeals(tx, [...existingDeals.values()].map((d) => d.id))) {
      const list = history.get(v.dealId) ?? [];
      list.push(v);
      history.set(v.dealId, list);
    }
    const dealInserts: DealWrite[] = [];
    const dealUpdates: (DealWrite & { id: string })[] = [];
    const rewriteHistory: string[] = [];
    const visits: StageVisitRow[] = [];
    const newVisits = new Map<string, StageVisitRow[]>();
    for (const d of plan.deals) {
      const write: DealWrite = {
        externalId: d.externalId,
        clientId: d.clientExternalId ? clientId.get(d.clientExternalId)! : null,
        ownerMemberId: memberId.get(d.ownerExternalId)!,
        pipelineId: pipeline.id,
        stageId: stageId.get(d.stage)!,
        title: d.title,
        amount: d.amount,
        currency: MAVEN_CURRENCY,
        productId: productId.get(d.productExternalId)!,
        startedOn: d.startedOn,
        closedOn: d.closedOn,
        expectedCloseOn: null,
        lostReason: null,
      };
      const wantVisits = d.history.map((h) => ({ dealId: '', stageId: stageId.get(h.stage)!, enteredAt: at(h.enteredOn), leftAt: h.leftOn ? at(h.leftOn) : null }));
      const found = existingDeals.get(d.externalId);
      if (!found) {
        dealInserts.push(write);
        newVisits.set(d.externalId, wantVisits);
        changes.set(d.row, 'IMPORTED');
        continue;
      }
      const changed = (Object.keys(write) as (keyof DealWrite)[]).some((k) => write[k] !== found[k]);
      const had = history.get(found.id) ?? [];
      const historyChanged =
        had.length !== wantVisits.length || had.some((v, i) => v.stageId !== wantVisits[i].stageId || v.enteredAt !== wantVisits[i].enteredAt || v.leftAt !== wantVisits[i].leftAt);
      if (changed) dealUpdates.push({ ...write, id: found.id });
      if (historyChanged) {
        rewriteHistory.push(found.id);
        visits.push(...wantVisits.map((v) => ({ ...v, dealId: found.id })));
      }
      changes.set(d.row, changed || historyChanged ? 'UPDATED' : 'UNCHANGED');
    }
    await this.imports.updateDeals(tx, dealUpdates);
    for (const row of await this.imports.insertDeals(tx, org, dealInserts)) {
      visits.push(...newVisits.get(row.externalId)!.map((v) => ({ ...v, dealId: row.id })));
    }
    await this.imports.replaceHistory(tx, rewriteHistory, visits);

    return this.report(org, plan, changes, pipeline, source, [leads, teamCounts, stageCounts]);
  }

  /** The named pipeline, created with the file's stages, or an existing one given the stages it lacks. */
  private async ensurePipeline(tx: EntityManager, org: string, name: string, counts: ImportDerivedCounts): Promise<PipelineRow> {
    const pipeline = (await this.pipelines.pipelineByName(tx, org, name)) ?? (await this.pipelines.insertPipeline(tx, org, name));
    const missing: { name: string; kind: (typeof MAVEN_STAGES)[number]['kind']; probability: number; position: number }[] = [];
    let position = Math.max(0, ...pipeline.stages.map((s) => s.position));
    for (const stage of MAVEN_STAGES) {
      const found = pipeline.stages.find((s) => s.name.toLowerCase() === stage.name.toLowerCase());
      if (!found) {
        missing.push({ ...stage, position: ++position });
      } else if (found.kind !== stage.kind) {
        throw DomainError.badInput(
          'pipelineName',
          `Pipeline "${name}" has a stage "${found.name}" of kind ${found.kind}, but the file's "${stage.name}" deals are ${stage.kind}; choose another pipeline name.`,
          ImportReason.PIPELINE_STAGES_MISMATCH,
          { pipeline: name, stage: found.name, kind: found.kind, fileStage: stage.name, fileKind: stage.kind },
        );
      } else {
        bump(counts, 'UNCHANGED');
      }
    }
    const added = await this.pipelines.insertStages(tx, pipeline.id, missing);
    for (let i = 0; i < added.length; i++) bump(counts, 'IMPORTED');
    // the file's stage names map onto existing stages case-insensitively
    const stages = [...pipeline.stages, ...added].map((s) => ({ ...s, name: MAVEN_STAGES.find((m) => m.name.toLowerCase() === s.name.toLowerCase())?.name ?? s.name }));
    return { ...pipeline, stages };
  }

  private report(
    organizationId: string,
    plan: MavenPlan,
    changes: Changes,
    pipeline: PipelineRow,
    source: string,
    derivedCounts: ImportDerivedCounts[],
  ): WrittenImport {
    const rows: ImportRowResult[] = [];
    const files: ImportFileCounts[] = [];
    for (const file of MAVEN_CRM_FILES) {
      const summary = summarizeRows(file, MAVEN_CRM_FILE_NAMES[file], plan.rows[file], changes);
      files.push(summary.counts);
      rows.push(...summary.rows);
    }
    return {
      organizationId,
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      source,
      files,
      derived: derivedCounts,
      notes: plan.notes,
      totalRows: rows.length,
      rows,
    };
  }
}
