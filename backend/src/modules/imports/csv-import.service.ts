import { Injectable } from '@nestjs/common';
import {
  CSV_EXTERNAL_ID_PREFIX,
  CSV_IMPORT_FILES,
  CSV_PREVIEW_ROWS,
  checkCsvMapping,
  classifyClientCategory,
  csvImportReason,
  derivedKeysReason,
  nameKey,
  NameMatcher,
  planPipelineStages,
  readOrganizationSettings,
  type ClientStage,
  type CsvImportEntity,
  type CsvMappingEntry,
  type ImportChange,
} from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ClientsRepository, type AssignmentWrite } from '../clients/clients.repository';
import { OrganizationRepository } from '../organization/organization.repository';
import { PipelinesRepository, type PipelineRow } from '../pipelines/pipelines.repository';
import {
  cellIssue,
  CsvImportFileError,
  keyRows,
  MemberMatcher,
  readCsvRows,
  readCsvSheet,
  resolveMember,
  text,
  type CsvColumnMapping,
  type CsvRowPlan,
  type CsvSheet,
} from './csv-import.mapping';
import { countReason, note, orderedReasons, reconcile, reject, summarizeRows, type PlanNote, type RowReason, type RowReport } from './import-report';
import { ImportsRepository, type ActivityWrite, type ClientRow, type DealWrite, type ExistingClient, type StageVisitRow } from './imports.repository';
import { ImportReason } from './imports.errors';
import { ImportsService, type ImportActor, type ImportDerivedCounts, type ImportResult, type WrittenImport } from './imports.service';

/** The currency of what a file does not say otherwise. */
const DEFAULT_CURRENCY = 'RUB';

export interface CsvImportRequest {
  entity: CsvImportEntity;
  csv: string;
  /** Column → field; null: the suggested mapping (a preview only). */
  mapping: readonly CsvMappingEntry[] | null;
  /** Deals: the pipeline by name (created with the file's stages when missing); else the default pipeline. */
  pipelineName: string | null;
  dryRun: boolean;
  /** The uploaded file's name, for the report. */
  fileName: string | null;
}

export interface CsvPreviewCell {
  column: string;
  field: string | null;
  value: string;
  problem: string | null;
  message: string | null;
}

export interface CsvPreviewRow {
  line: number;
  cells: CsvPreviewCell[];
  /** Why the row would be rejected (its cells' problems and the rest), empty when it reads. */
  problems: string[];
  reconciled: string[];
  notes: string[];
  /** All of them by code and values (problems, then reconciled, then notes). */
  reasons: RowReason[];
}

export interface CsvPreview {
  entity: CsvImportEntity;
  delimiter: string;
  headers: string[];
  totalRows: number;
  mapping: CsvColumnMapping[];
  /** What the mapping still needs (a required field unmapped), as a person reads it. */
  mappingProblem: string | null;
  rows: CsvPreviewRow[];
  notes: string[];
  /** The notes by code and values. */
  noteReasons: PlanNote[];
}

type Changes = Map<RowReport, ImportChange>;

interface Written {
  changes: Changes;
  pipeline: PipelineRow | null;
  derived: ImportDerivedCounts[];
}

/** Lookups a run (or a preview) reads once, for every row. */
interface Context {
  tx: EntityManager;
  organizationId: string;
  actorUserId: string | null;
  sheet: CsvSheet;
  plans: CsvRowPlan[];
  notes: Map<string, PlanNote>;
  pipelineName: string | null;
  /** A preview reads and writes nothing: a missing pipeline is not created. */
  preview: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The generic CSV import: clients, deals or activities from one CSV file, its columns
 * mapped to fields by the person (a suggestion first). The maven-crm import's machinery:
 * the same CSV reader, row report and outcomes, name reconciliation, and one transaction
 * per run through ImportsService.runAtomically: all or nothing (a rejected row fails the
 * run and nothing is written; so does any database error), idempotent by external id or,
 * for rows without one, by a key derived from the INN or the normalized name.
 */
@Injectable()
export class CsvImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly runner: ImportsService,
    private readonly imports: ImportsRepository,
    private readonly pipelines: PipelinesRepository,
    private readonly clients: ClientsRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  private directorOnly(viewer: Viewer): ImportActor {
    if (viewer.role !== 'DIRECTOR') throw DomainError.forbidden('Only a sales director imports data.', ImportReason.DIRECTOR_IMPORTS_ONLY);
    return { organizationId: viewer.organizationId, actorUserId: viewer.userId };
  }

  private sheet(entity: CsvImportEntity, csv: string, mapping: readonly CsvMappingEntry[] | null): CsvSheet {
    try {
      return readCsvSheet(entity, csv, mapping);
    } catch (error) {
      if (error instanceof CsvImportFileError) throw DomainError.badInput(error.field, error.message, error.field === 'csv' ? ImportReason.BAD_FILE : ImportReason.BAD_MAPPING, error.params);
      throw error;
    }
  }

  private pipelineName(request: Pick<CsvImportRequest, 'entity' | 'pipelineName'>): string | null {
    if (request.entity !== 'DEALS') return null;
    const name = request.pipelineName?.trim() ?? '';
    if (name.length > 200) throw new DomainError('BAD_USER_INPUT', 'The pipeline name must be at most 200 characters.', { field: 'pipelineName', reason: 'VALUE_TOO_LONG', limit: 200 });
    return name || null;
  }

  /** The header, the suggested (or given) mapping and the first rows read, with every cell's problem; writes nothing. */
  async preview(viewer: Viewer, request: Omit<CsvImportRequest, 'dryRun' | 'fileName'>): Promise<CsvPreview> {
    const actor = this.directorOnly(viewer);
    const sheet = this.sheet(request.entity, request.csv, request.mapping);
    const plans = readCsvRows(sheet, sheet.records.slice(0, CSV_PREVIEW_ROWS));
    keyRows(request.entity, plans);
    const notes = new Map<string, PlanNote>();
    const mappingProblem = this.mappingProblem(sheet);
    if (!mappingProblem) {
      const context: Context = { tx: this.tx.manager, organizationId: actor.organizationId, actorUserId: actor.actorUserId, sheet, plans, notes, pipelineName: this.pipelineName(request), preview: true };
      await this.resolve(context);
    }
    return {
      entity: request.entity,
      delimiter: sheet.delimiter,
      headers: sheet.header,
      totalRows: sheet.records.length,
      mapping: sheet.mapping,
      mappingProblem,
      notes: [...notes.values()].map((n) => n.message),
      noteReasons: [...notes.values()],
      rows: plans.map((plan) => ({
        line: plan.row.line,
        cells: sheet.header.map((column, index) => {
          const field = [...sheet.columnOf].find(([, i]) => i === index)?.[0] ?? null;
          const issue = field ? plan.issues.find((x) => x.field === field) : undefined;
          return { column, field, value: plan.record.values[index] ?? '', problem: issue?.problem ?? null, message: issue?.message ?? null };
        }),
        problems: plan.row.rejected ? plan.row.rejected.split('; ') : [],
        reconciled: plan.row.reconciled,
        notes: plan.row.notes,
        reasons: orderedReasons(plan.row),
      })),
    };
  }

  /** What the (suggested) mapping still lacks: a required field no column fills. */
  private mappingProblem(sheet: CsvSheet): string | null {
    return checkCsvMapping(sheet.entity, sheet.header, sheet.mapping.filter((m) => m.field !== null));
  }

  importForViewer(viewer: Viewer, request: CsvImportRequest): Promise<ImportResult> {
    return this.importCsv(this.directorOnly(viewer), request, 'upload');
  }

  /** One run over the whole file (see the class comment). */
  async importCsv(actor: ImportActor, request: CsvImportRequest, source: string): Promise<ImportResult> {
    const started = new Date();
    if (!request.mapping) throw DomainError.badInput('mapping', 'Give the mapping of columns to fields.', ImportReason.BAD_MAPPING, { problem: 'NO_MAPPING' });
    const pipelineName = this.pipelineName(request);
    const sheet = this.sheet(request.entity, request.csv, request.mapping);
    const fileName = request.fileName?.trim() || `${request.entity.toLowerCase()}.csv`;
    return this.runner.runAtomically(
      actor,
      { kind: CSV_IMPORT_FILES[request.entity], action: `IMPORT_${CSV_IMPORT_FILES[request.entity]}`, source, dryRun: request.dryRun, started },
      async (tx): Promise<WrittenImport> => {
        await this.imports.lockOrganization(tx, actor.organizationId);
        const plans = readCsvRows(sheet);
        keyRows(request.entity, plans);
        const notes = new Map<string, PlanNote>();
        if (sheet.ignored.length > 0) countReason(notes, csvImportReason('IGNORED_COLUMNS', { columns: sheet.ignored.join(', ') }), 0);
        const context: Context = { tx, organizationId: actor.organizationId, actorUserId: actor.actorUserId, sheet, plans, notes, pipelineName, preview: false };
        const written = await this.resolve(context);
        const keyless = plans.filter((p) => p.row.externalId && !text(p, 'externalId')).length;
        if (keyless > 0) countReason(notes, derivedKeysReason(request.entity), keyless);
        for (const plan of plans) if (plan.empty) written.changes.set(plan.row, 'UNCHANGED');
        const summary = summarizeRows(CSV_IMPORT_FILES[request.entity], fileName, plans.map((p) => p.row), written.changes);
        return {
          organizationId: actor.organizationId,
          pipelineId: written.pipeline?.id ?? null,
          pipelineName: written.pipeline?.name ?? null,
          source,
          files: [summary.counts],
          derived: written.derived,
          notes: [...notes.values()],
          totalRows: summary.rows.length,
          rows: summary.rows,
        };
      },
    );
  }

  /** Matches every row's names and records; writes the difference unless it is a preview. */
  private resolve(c: Context): Promise<Written> {
    if (c.sheet.entity === 'CLIENTS') return this.clientsRun(c);
    if (c.sheet.entity === 'DEALS') return this.dealsRun(c);
    return this.activitiesRun(c);
  }

  private async members(c: Context): Promise<MemberMatcher> {
    return new MemberMatcher(await this.imports.membersOf(c.tx, c.organizationId));
  }

  /** Rows still to be written: read, keyed and not rejected. */
  private live(c: Context): CsvRowPlan[] {
    return c.plans.filter((p) => !p.empty && !p.row.rejected && p.row.externalId);
  }

  // ---- clients ----

  private async clientsRun(c: Context): Promise<Written> {
    const members = await this.members(c);
    const settings = readOrganizationSettings((await this.organizations.findById(c.organizationId, c.tx))?.settings);
    const people = new Map<CsvRowPlan, { owner: string | null | undefined; hunter: string | null | undefined }>();
    for (const plan of c.plans.filter((p) => !p.empty)) {
      people.set(plan, { owner: resolveMember(c.sheet, plan, 'owner', members, true), hunter: resolveMember(c.sheet, plan, 'hunter', members, false) });
    }
    const live = this.live(c);
    const byKey = new Map((await this.imports.clientsByExternalIds(c.tx, c.organizationId, live.map((p) => p.row.externalId!))).map((x) => [x.externalId, x]));
    const unkeyed = live.filter((p) => !byKey.has(p.row.externalId!));
    const candidates = (
      await this.imports.clientsByInnsOrNames(
        c.tx,
        c.organizationId,
        unkeyed.flatMap((p) => text(p, 'inn') ?? []),
        unkeyed.flatMap((p) => text(p, 'name') ?? []),
      )
    ).filter((x) => x.externalId === null);
    const adopted = new Set<string>();
    const changes: Changes = new Map();
    const inserts: ClientRow[] = [];
    const insertPlans: CsvRowPlan[] = [];
    const updates: (ClientRow & { id: string })[] = [];
    const assignments: Omit<AssignmentWrite, 'clientId'>[] = [];
    const assignmentClient: (string | CsvRowPlan)[] = [];

    for (const plan of live) {
      const key = plan.row.externalId!;
      let found: ExistingClient | undefined = byKey.get(key);
      if (!found) {
        const inn = text(plan, 'inn');
        const name = nameKey(text(plan, 'name')!);
        const byInn = inn ? candidates.find((x) => x.inn === inn && !adopted.has(x.id)) : undefined;
        const byName = byInn ? undefined : candidates.filter((x) => nameKey(x.name) === name && !adopted.has(x.id));
        found = byInn ?? (byName?.length === 1 ? byName[0] : undefined);
        if (found) {
          adopted.add(found.id);
          reconcile(plan.row, byInn ? csvImportReason('CLIENT_MATCHED_BY_INN', { client: found.name, inn: inn! }) : csvImportReason('CLIENT_MATCHED_BY_NAME', { client: found.name }));
        } else if (byName && byName.length > 1) {
          note(plan.row, csvImportReason('SAME_NAME_CLIENTS', { count: byName.length, client: byName[0]!.name }));
        }
      }
      const want = this.clientWant(plan, found, key, people.get(plan)!, settings);
      if (!found) {
        inserts.push(want);
        insertPlans.push(plan);
        changes.set(plan.row, 'IMPORTED');
        if (want.ownerMemberId) {
          assignments.push(this.assignment(c, plan, null, want.ownerMemberId, want.stage as ClientStage));
          assignmentClient.push(plan);
        } else {
          countReason(c.notes, csvImportReason('CLIENT_WITHOUT_OWNER', {}));
        }
        continue;
      }
      const changed = (Object.keys(want) as (keyof ClientRow)[]).some((k) => want[k] !== found[k]);
      changes.set(plan.row, changed ? 'UPDATED' : 'UNCHANGED');
      if (!changed) continue;
      updates.push({ ...want, id: found.id });
      if (want.ownerMemberId !== found.ownerMemberId) {
        assignments.push(this.assignment(c, plan, found.ownerMemberId, want.ownerMemberId, want.stage as ClientStage, found.stage as ClientStage));
        assignmentClient.push(found.id);
      }
    }
    if (!c.preview) {
      await this.imports.updateClients(c.tx, updates);
      const ids = new Map((await this.imports.insertClients(c.tx, c.organizationId, inserts)).map((x) => [x.externalId, x.id]));
      await this.clients.recordAssignments(
        c.tx,
        assignments.map((a, i) => {
          const target = assignmentClient[i]!;
          return { ...a, clientId: typeof target === 'string' ? target : ids.get(target.row.externalId!)! };
        }),
      );
    }
    return { changes, pipeline: null, derived: [] };
  }

  private assignment(c: Context, plan: CsvRowPlan, from: string | null, to: string | null, stage: ClientStage, fromStage: ClientStage | null = null): Omit<AssignmentWrite, 'clientId'> {
    return {
      organizationId: c.organizationId,
      kind: 'IMPORT',
      fromMemberId: from,
      toMemberId: to,
      fromStage,
      toStage: stage,
      ruleId: null,
      ruleName: null,
      criteria: null,
      reasons: [`CSV import, line ${plan.row.line}`],
      actorUserId: c.actorUserId,
      batchId: null,
    };
  }

  /** The client as the row wants it: what it found, with every non-empty mapped cell over it. */
  private clientWant(
    plan: CsvRowPlan,
    found: ExistingClient | undefined,
    key: string,
    people: { owner: string | null | undefined; hunter: string | null | undefined },
    settings: ReturnType<typeof readOrganizationSettings>,
  ): ClientRow {
    const base: ClientRow = found
      ? { ...found, externalId: found.externalId ?? key }
      : {
          externalId: key,
          name: '',
          inn: null,
          region: null,
          city: null,
          industry: null,
          ownershipForm: null,
          channel: null,
          vip: false,
          annualPotential: '0.00',
          currency: DEFAULT_CURRENCY,
          category: null,
          categoryManual: false,
          stage: 'LEAD',
          ownerMemberId: null,
          hunterMemberId: null,
          notes: null,
          parentClientId: null,
        };
    const want: ClientRow = { ...base };
    const v = plan.values;
    for (const k of ['name', 'inn', 'region', 'city', 'industry', 'ownershipForm', 'channel', 'annualPotential', 'currency', 'notes', 'stage'] as const) {
      if (v.has(k)) want[k] = String(v.get(k));
    }
    if (v.has('vip')) want.vip = v.get('vip') === true;
    if (v.has('category')) {
      want.category = Number(v.get('category'));
      want.categoryManual = true;
    } else if (!found) {
      want.category = classifyClientCategory(Number(want.annualPotential), 0, settings);
    }
    if (people.owner !== undefined) want.ownerMemberId = people.owner;
    if (people.hunter !== undefined) want.hunterMemberId = people.hunter;
    return want;
  }

  // ---- deals ----

  /** The pipeline by name, created with the file's stages when missing (not in a preview); else the default one. */
  private async dealPipeline(c: Context, derived: ImportDerivedCounts[]): Promise<PipelineRow | null> {
    if (c.pipelineName === null) {
      const all = await this.pipelines.pipelinesOf(c.organizationId, c.tx);
      const pipeline = all.find((p) => p.isDefault) ?? null;
      if (!pipeline) throw DomainError.badInput('pipelineName', 'The organization has no pipeline yet: name the pipeline the deals go into (it is created with the stages of the file).', ImportReason.PIPELINE_NAME_REQUIRED);
      return pipeline;
    }
    const existing = await this.pipelines.pipelineByName(c.tx, c.organizationId, c.pipelineName);
    if (existing) return existing;
    const stages = planPipelineStages(c.plans.flatMap((p) => (p.empty ? [] : (text(p, 'stage') ?? []))));
    const planned = { pipeline: c.pipelineName, stages: stages.map((s) => `${s.name} (${s.kind})`).join(', ') };
    if (c.preview) {
      countReason(c.notes, csvImportReason('PIPELINE_TO_CREATE', planned), 0);
      return null;
    }
    const pipeline = await this.pipelines.insertPipeline(c.tx, c.organizationId, c.pipelineName);
    const added = await this.pipelines.insertStages(c.tx, pipeline.id, stages);
    derived.push({ what: `stages of the new pipeline "${c.pipelineName}"`, kind: 'PIPELINE_STAGES', pipeline: c.pipelineName, imported: added.length, updated: 0, unchanged: 0 });
    countReason(c.notes, csvImportReason('NEW_PIPELINE', planned), 0);
    return { ...pipeline, stages: added };
  }

  /** Clients a row names by external id (csv:client:<id>) or by name; rejects the row when none or several. */
  private async dealClients(c: Context, plans: CsvRowPlan[]): Promise<Map<CsvRowPlan, string | null>> {
    const prefix = CSV_EXTERNAL_ID_PREFIX.CLIENTS;
    const ids = plans.flatMap((p) => (text(p, 'clientExternalId') ? [`${prefix}:${text(p, 'clientExternalId')}`] : []));
    const names = plans.flatMap((p) => (!text(p, 'clientExternalId') && text(p, 'clientName') ? [text(p, 'clientName')!] : []));
    const byId = new Map((await this.imports.clientsByExternalIds(c.tx, c.organizationId, ids)).map((x) => [x.externalId, x]));
    const named = await this.imports.clientsByInnsOrNames(c.tx, c.organizationId, [], names);
    const out = new Map<CsvRowPlan, string | null>();
    for (const plan of plans) {
      const id = text(plan, 'clientExternalId');
      const name = text(plan, 'clientName');
      if (id) {
        const found = byId.get(`${prefix}:${id}`);
        if (found) out.set(plan, found.id);
        else cellIssue(c.sheet, plan, 'clientExternalId', 'UNKNOWN_VALUE', (cell) => csvImportReason('UNKNOWN_CLIENT_ID', cell));
      } else if (name) {
        const exact = named.filter((x) => x.name === name);
        const same = exact.length > 0 ? exact : named.filter((x) => nameKey(x.name) === nameKey(name));
        if (same.length === 1) {
          out.set(plan, same[0]!.id);
          if (same[0]!.name !== name) reconcile(plan.row, csvImportReason('VALUE_MATCHED', { field: 'clientName', value: name, match: same[0]!.name }));
        } else {
          cellIssue(c.sheet, plan, 'clientName', 'UNKNOWN_VALUE', (cell) => (same.length > 1 ? csvImportReason('AMBIGUOUS_CLIENT', { ...cell, count: same.length }) : csvImportReason('UNKNOWN_CLIENT', cell)));
        }
      } else {
        out.set(plan, null);
      }
    }
    return out;
  }

  private async dealsRun(c: Context): Promise<Written> {
    const derived: ImportDerivedCounts[] = [];
    const pipeline = await this.dealPipeline(c, derived);
    const members = await this.members(c);
    const products = await this.imports.productNames(c.tx, c.organizationId);
    const productMatcher = new NameMatcher(products.map((p) => p.name));
    const productId = new Map(products.map((p) => [p.name, p.id]));
    const stageMatcher = pipeline ? new NameMatcher(pipeline.stages.map((s) => s.name), { fuzzy: true }) : null;
    const stageByName = new Map((pipeline?.stages ?? []).map((s) => [s.name, s]));
    const resolved = new Map<CsvRowPlan, { owner: string | null | undefined; stageId: string | null; productId: string | null | undefined }>();
    for (const plan of c.plans.filter((p) => !p.empty)) {
      const owner = resolveMember(c.sheet, plan, 'owner', members, true);
      let stageId: string | null = null;
      const stage = text(plan, 'stage');
      if (stage && stageMatcher && pipeline) {
        const match = stageMatcher.match(stage);
        if (!match) {
          const stages = pipeline.stages.map((s) => s.name).join(', ');
          cellIssue(c.sheet, plan, 'stage', 'UNKNOWN_STAGE', (cell) => csvImportReason('UNKNOWN_PIPELINE_STAGE', { ...cell, pipeline: pipeline.name, stages }));
        } else {
          stageId = stageByName.get(match.name)!.id;
          if (match.kind !== 'EXACT') reconcile(plan.row, csvImportReason('VALUE_MATCHED', { field: 'stage', value: stage, match: match.name }));
        }
      }
      let product: string | null | undefined;
      const productName = text(plan, 'product');
      if (productName) {
        const match = productMatcher.match(productName);
        if (!match) cellIssue(c.sheet, plan, 'product', 'UNKNOWN_VALUE', (cell) => csvImportReason('UNKNOWN_PRODUCT', cell));
        else {
          product = productId.get(match.name)!;
          if (match.kind !== 'EXACT') reconcile(plan.row, csvImportReason('VALUE_MATCHED', { field: 'product', value: productName, match: match.name }));
        }
      }
      resolved.set(plan, { owner, stageId, productId: product });
    }
    const clients = await this.dealClients(c, this.live(c));
    const live = this.live(c);
    const existing = new Map((await this.imports.dealsByExternalIds(c.tx, c.organizationId, live.map((p) => p.row.externalId!))).map((d) => [d.externalId, d]));
    const changes: Changes = new Map();
    const inserts: DealWrite[] = [];
    const visits = new Map<string, StageVisitRow[]>();
    const updates: (DealWrite & { id: string })[] = [];
    const moves: { dealId: string; stageId: string }[] = [];
    const day = today();
    for (const plan of live) {
      if (!pipeline) continue;
      const r = resolved.get(plan)!;
      const found = existing.get(plan.row.externalId!);
      const stage = pipeline.stages.find((s) => s.id === r.stageId)!;
      const v = (k: string) => text(plan, k);
      const want: DealWrite = {
        externalId: plan.row.externalId!,
        clientId: clients.get(plan) ?? found?.clientId ?? null,
        ownerMemberId: r.owner !== undefined ? r.owner : (found?.ownerMemberId ?? null),
        pipelineId: pipeline.id,
        stageId: stage.id,
        title: v('title')!,
        amount: v('amount') ?? found?.amount ?? '0.00',
        currency: v('currency') ?? found?.currency ?? DEFAULT_CURRENCY,
        productId: r.productId !== undefined ? r.productId : (found?.productId ?? null),
        startedOn: v('startedOn') ?? found?.startedOn ?? day,
        closedOn: v('closedOn') ?? found?.closedOn ?? null,
        expectedCloseOn: v('expectedCloseOn') ?? found?.expectedCloseOn ?? null,
        lostReason: v('lostReason') ?? found?.lostReason ?? null,
      };
      if (!found && !v('startedOn')) note(plan.row, csvImportReason('NO_START_DATE', { day }));
      if (stage.kind === 'OPEN' && want.closedOn) {
        if (v('closedOn')) note(plan.row, csvImportReason('CLOSED_DATE_IGNORED', { closedOn: want.closedOn }));
        want.closedOn = null;
      }
      if (stage.kind !== 'OPEN' && !want.closedOn) reject(plan.row, csvImportReason('CLOSED_DATE_REQUIRED', { stage: stage.name, kind: stage.kind }));
      if (want.closedOn && want.closedOn < want.startedOn) reject(plan.row, csvImportReason('CLOSED_BEFORE_START', { closedOn: want.closedOn, startedOn: want.startedOn }));
      if (stage.kind !== 'LOST' && want.lostReason) {
        if (v('lostReason')) note(plan.row, csvImportReason('LOST_REASON_IGNORED', {}));
        want.lostReason = null;
      }
      if (plan.row.rejected) continue;
      if (want.clientId === null) countReason(c.notes, csvImportReason('DEAL_WITHOUT_CLIENT', {}));
      const entered = `${stage.kind === 'OPEN' ? want.startedOn : want.closedOn} 00:00:00`;
      if (!found) {
        inserts.push(want);
        visits.set(want.externalId, [{ dealId: '', stageId: stage.id, enteredAt: entered, leftAt: null }]);
        changes.set(plan.row, 'IMPORTED');
        continue;
      }
      const changed = (Object.keys(want) as (keyof DealWrite)[]).some((k) => want[k] !== found[k]);
      changes.set(plan.row, changed ? 'UPDATED' : 'UNCHANGED');
      if (changed) updates.push({ ...want, id: found.id });
      if (want.stageId !== found.stageId) moves.push({ dealId: found.id, stageId: want.stageId });
    }
    if (!c.preview && pipeline) {
      await this.imports.updateDeals(c.tx, updates);
      await this.imports.enterStages(c.tx, moves);
      const ids = await this.imports.insertDeals(c.tx, c.organizationId, inserts);
      await this.imports.replaceHistory(c.tx, [], ids.flatMap((d) => visits.get(d.externalId)!.map((x) => ({ ...x, dealId: d.id }))));
    }
    return { changes, pipeline, derived };
  }

  // ---- activities ----

  private async activitiesRun(c: Context): Promise<Written> {
    const members = await this.members(c);
    const owners = new Map<CsvRowPlan, string | null | undefined>();
    for (const plan of c.plans.filter((p) => !p.empty)) owners.set(plan, resolveMember(c.sheet, plan, 'owner', members, false));
    const dealIds = this.live(c).flatMap((p) => (text(p, 'dealExternalId') ? [`${CSV_EXTERNAL_ID_PREFIX.DEALS}:${text(p, 'dealExternalId')}`] : []));
    const deals = new Map((await this.imports.dealsByExternalIds(c.tx, c.organizationId, dealIds)).map((d) => [d.externalId, d]));
    for (const plan of this.live(c)) {
      const id = text(plan, 'dealExternalId');
      if (id && !deals.has(`${CSV_EXTERNAL_ID_PREFIX.DEALS}:${id}`)) cellIssue(c.sheet, plan, 'dealExternalId', 'UNKNOWN_VALUE', (cell) => csvImportReason('UNKNOWN_DEAL_ID', cell));
    }
    const clients = await this.dealClients(c, this.live(c));
    const live = this.live(c);
    const existing = new Map((await this.imports.activitiesByExternalIds(c.tx, c.organizationId, live.map((p) => p.row.externalId!))).map((a) => [a.externalId, a]));
    const changes: Changes = new Map();
    const inserts: ActivityWrite[] = [];
    const updates: (ActivityWrite & { id: string })[] = [];
    for (const plan of live) {
      const found = existing.get(plan.row.externalId!);
      const deal = text(plan, 'dealExternalId') ? deals.get(`${CSV_EXTERNAL_ID_PREFIX.DEALS}:${text(plan, 'dealExternalId')}`)! : null;
      const owner = owners.get(plan);
      const want: ActivityWrite = {
        externalId: plan.row.externalId!,
        kind: text(plan, 'kind')!,
        at: text(plan, 'at')!,
        ownerMemberId: owner !== undefined ? owner : (found?.ownerMemberId ?? deal?.ownerMemberId ?? null),
        clientId: clients.get(plan) ?? deal?.clientId ?? found?.clientId ?? null,
        dealId: deal?.id ?? found?.dealId ?? null,
        outcome: text(plan, 'outcome') ?? found?.outcome ?? null,
      };
      if (deal && clients.get(plan) && clients.get(plan) !== deal.clientId) note(plan.row, csvImportReason('CLIENT_DIFFERS_FROM_DEAL', {}));
      if (!found) {
        inserts.push(want);
        changes.set(plan.row, 'IMPORTED');
        continue;
      }
      const changed = (Object.keys(want) as (keyof ActivityWrite)[]).some((k) => want[k] !== found[k]);
      changes.set(plan.row, changed ? 'UPDATED' : 'UNCHANGED');
      if (changed) updates.push({ ...want, id: found.id });
    }
    if (!c.preview) {
      await this.imports.updateActivities(c.tx, c.organizationId, updates);
      await this.imports.insertActivities(c.tx, c.organizationId, inserts);
    }
    return { changes, pipeline: null, derived: [] };
  }
}
