import { IMPORT_REASON_KINDS, type ImportChange, type ImportFile, type ImportOutcome, type ImportReasonKind } from '@salescircle/shared';

/**
 * The row-level report every import builds, whatever it reads (the maven-crm export or a
 * mapped CSV file): one RowReport per input row, then one outcome per row once the writer
 * knows what the row did to its record.
 */

/** A value a reason names, as the API gives it: its name and its text. */
export interface ReasonParam {
  name: string;
  value: string;
}

/** A reason with a stable code and its values, and its English sentence (shared describe-csv-import-reason's or describe-maven-import-reason's). */
export interface CodedReason {
  code: string;
  params: Readonly<Record<string, string | number>>;
  message: string;
}

/** One reason of a row, in the order of the row's message. */
export interface RowReason {
  kind: ImportReasonKind;
  code: string;
  params: ReasonParam[];
  message: string;
}

export const reasonParams = (params: CodedReason['params']): ReasonParam[] => Object.entries(params).map(([name, value]) => ({ name, value: String(value) }));

export interface RowReport {
  file: ImportFile;
  line: number;
  /** The namespaced external id of the row's record (null when the row has none). */
  externalId: string | null;
  /** Why the row cannot be imported; any rejection rolls back the whole run. */
  rejected: string | null;
  /** Values matched to known ones: "product GTXPro → GTX Pro". */
  reconciled: string[];
  /** Facts worth knowing that changed nothing the row said: "open deal without an account". */
  notes: string[];
  /** The same, by code and values, for a client to say in its own language: every reason of the row. */
  reasons: RowReason[];
}

export interface PlanNote {
  code: string;
  message: string;
  count: number;
  /** The values the note names, for a client to say it in its own language. */
  params: ReasonParam[];
}

export interface ImportRowResult {
  file: ImportFile;
  line: number;
  externalId: string | null;
  outcome: ImportOutcome;
  /** What the row did to its record; null when rejected. */
  change: ImportChange | null;
  /** Why rejected, what was reconciled, and notes; empty when there is nothing to say. */
  message: string;
  /** The coded reasons of the row (RowReport.reasons). */
  reasons: RowReason[];
}

export interface ImportFileCounts {
  file: ImportFile;
  fileName: string;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  reconciled: number;
  rejected: number;
}

export function newRow(file: ImportFile, line: number): RowReport {
  return { file, line, externalId: null, rejected: null, reconciled: [], notes: [], reasons: [] };
}

const coded = (row: RowReport, kind: ImportReasonKind, reason: CodedReason) => row.reasons.push({ kind, code: reason.code, params: reasonParams(reason.params), message: reason.message });

/** Rejects the row for a reason, kept as its sentence and with its code. */
export function reject(row: RowReport, reason: CodedReason): void {
  row.rejected = row.rejected ? `${row.rejected}; ${reason.message}` : reason.message;
  coded(row, 'REJECTED', reason);
}

/** A value of the row matched to a known one: "owner Петров Иван → Иван Петров". */
export function reconcile(row: RowReport, reason: CodedReason): void {
  row.reconciled.push(reason.message);
  coded(row, 'RECONCILED', reason);
}

/** A fact worth knowing that changed nothing the row said. */
export function note(row: RowReport, reason: CodedReason): void {
  row.notes.push(reason.message);
  coded(row, 'NOTE', reason);
}

/** The coded reasons of a row in its message's order: why rejected, then what was reconciled, then the notes. */
export function orderedReasons(row: RowReport): RowReason[] {
  return IMPORT_REASON_KINDS.flatMap((kind) => row.reasons.filter((r) => r.kind === kind));
}

/** Adds n rows to the note of the reason's code (created with its sentence and values the first time). */
export function countReason(notes: Map<string, PlanNote>, reason: CodedReason, n = 1): void {
  const found = notes.get(reason.code);
  if (found) found.count += n;
  else notes.set(reason.code, { code: reason.code, message: reason.message, count: n, params: reasonParams(reason.params) });
}

/**
 * The outcome of each row of one file and their counts: REJECTED with its reason,
 * RECONCILED when a value was matched (whatever the change), else the change. A row that
 * is neither rejected nor given a change is a bug, never a silently dropped row.
 */
export function summarizeRows(file: ImportFile, fileName: string, rows: readonly RowReport[], changes: ReadonlyMap<RowReport, ImportChange>): { counts: ImportFileCounts; rows: ImportRowResult[] } {
  const counts: ImportFileCounts = { file, fileName, rows: 0, imported: 0, updated: 0, unchanged: 0, reconciled: 0, rejected: 0 };
  const out: ImportRowResult[] = [];
  for (const r of rows) {
    const change = r.rejected ? null : (changes.get(r) ?? null);
    if (!r.rejected && change === null) throw new Error(`import: row ${file}:${r.line} got no outcome`);
    const outcome: ImportOutcome = r.rejected ? 'REJECTED' : r.reconciled.length > 0 ? 'RECONCILED' : change!;
    counts.rows++;
    if (outcome === 'IMPORTED') counts.imported++;
    else if (outcome === 'UPDATED') counts.updated++;
    else if (outcome === 'UNCHANGED') counts.unchanged++;
    else if (outcome === 'RECONCILED') counts.reconciled++;
    else counts.rejected++;
    const message = [r.rejected, ...r.reconciled.map((x) => `reconciled ${x}`), ...r.notes].filter(Boolean).join('; ');
    out.push({ file, line: r.line, externalId: r.externalId, outcome, change, message, reasons: orderedReasons(r) });
  }
  return { counts, rows: out };
}
