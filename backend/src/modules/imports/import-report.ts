import type { ImportChange, ImportFile, ImportOutcome } from '@salescircle/shared';

/**
 * The row-level report every import builds, whatever it reads (the maven-crm export or a
 * mapped CSV file): one RowReport per input row, then one outcome per row once the writer
 * knows what the row did to its record.
 */

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
}

export interface PlanNote {
  code: string;
  message: string;
  count: number;
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
  return { file, line, externalId: null, rejected: null, reconciled: [], notes: [] };
}

export function reject(row: RowReport, reason: string): void {
  row.rejected = row.rejected ? `${row.rejected}; ${reason}` : reason;
}

/** Adds n rows to the note of this code (created with the message the first time). */
export function countNote(notes: Map<string, PlanNote>, code: string, message: string, n = 1): void {
  const note = notes.get(code);
  if (note) note.count += n;
  else notes.set(code, { code, message, count: n });
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
    out.push({ file, line: r.line, externalId: r.externalId, outcome, change, message });
  }
  return { counts, rows: out };
}
