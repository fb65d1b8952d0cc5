import {
  CSV_EXTERNAL_ID_PREFIX,
  CSV_IMPORT_FIELDS,
  CSV_IMPORT_FILES,
  csvMappingProblem,
  csvImportReason,
  nameKey,
  NameMatcher,
  parseCsvCell,
  suggestCsvMapping,
  type CsvCellProblem,
  type CsvCellRef,
  type CsvCellValue,
  type CsvImportReason,
  type CsvImportEntity,
  type CsvMappingEntry,
  type CsvMatchKind,
} from '@salescircle/shared';
import { CsvError, parseCsv, type CsvRecord } from './csv';
import { newRow, note, reconcile, reject, type RowReport } from './import-report';
import type { ImportMember } from './imports.repository';

/**
 * The generic CSV import's reading of a file (pure; the database is asked in
 * csv-import.service): the header and the person's mapping of columns to fields, every
 * cell read by the shared value rules, the names in it (owners, stages, products,
 * clients) matched to known ones, and the stable key of each row's record:
 *
 *   a row with an external id   csv:client:<id>, csv:deal:<id>, csv:activity:<id>
 *   a client without one        csv:client#inn:<INN>, else csv:client#name:<normalized name>
 *   a deal without one          csv:deal#<normalized title>|<client id or normalized name>
 *   an activity without one     csv:activity#<kind>|<date and time>|<owner>|<client>|<deal>
 *
 * so that importing the same file again finds the same records.
 */

/** The whole file or its mapping cannot be used: nothing is imported (BAD_USER_INPUT on `field`). */
export class CsvImportFileError extends Error {
  override name = 'CsvImportFileError';

  constructor(
    readonly field: 'csv' | 'mapping',
    message: string,
    /** What is wrong and the values it names (a line, a column, fields), for a client to say what to fix (extensions.params). */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export interface CsvColumnMapping {
  column: string;
  field: string | null;
  /** How the suggestion was made (null: chosen by the person, or no suggestion). */
  match: CsvMatchKind | null;
}

export interface CsvSheet {
  entity: CsvImportEntity;
  delimiter: ',' | ';';
  header: string[];
  records: CsvRecord[];
  mapping: CsvColumnMapping[];
  /** The column index of each mapped field. */
  columnOf: Map<string, number>;
  /** Columns of the header no field is read from. */
  ignored: string[];
}

/**
 * Reads the text and checks the mapping; without a mapping, the suggested one is used. A
 * mapped column must be named once in the header.
 */
export function readCsvSheet(entity: CsvImportEntity, text: string, mapping: readonly CsvMappingEntry[] | null): CsvSheet {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new CsvImportFileError('csv', `The file cannot be read: ${error.message}.`, { problem: error.kind, line: error.line });
    throw error;
  }
  if (parsed.header.length === 0 || parsed.header.every((h) => h === '')) throw new CsvImportFileError('csv', 'The file is empty: it needs a header line with the column names.', { problem: 'EMPTY' });
  const suggested = suggestCsvMapping(entity, parsed.header);
  const chosen: CsvColumnMapping[] = mapping
    ? parsed.header.map((column) => ({ column, field: mapping.find((m) => m.column === column)?.field ?? null, match: null }))
    : suggested;
  if (mapping) {
    const problem = csvMappingProblem(entity, parsed.header, mapping);
    if (problem) throw new CsvImportFileError('mapping', problem.message, { problem: problem.problem, ...problem.params });
  } else {
    const problem = csvMappingProblem(entity, parsed.header, suggested.filter((s) => s.field !== null));
    if (problem && problem.problem !== 'REQUIRED_FIELD_UNMAPPED') throw new CsvImportFileError('mapping', problem.message, { problem: problem.problem, ...problem.params });
  }
  const columnOf = new Map<string, number>();
  for (const { column, field } of chosen) {
    if (field === null || columnOf.has(field)) continue;
    const indexes = parsed.header.flatMap((h, i) => (h === column ? [i] : []));
    if (indexes.length > 1) throw new CsvImportFileError('mapping', `The header names the column "${column}" ${indexes.length} times; rename the copies to map one of them.`, { problem: 'HEADER_COLUMN_REPEATED', column, count: indexes.length });
    columnOf.set(field, indexes[0]!);
  }
  const ignored = [...new Set(parsed.header.filter((h, i) => h !== '' && ![...columnOf.values()].includes(i)))];
  return { entity, delimiter: parsed.delimiter, header: parsed.header, records: parsed.records, mapping: chosen, columnOf, ignored };
}

export interface CsvCellIssue {
  field: string;
  column: string;
  value: string;
  problem: CsvCellProblem;
  /** "ИНН "7707083894" is not a valid INN: the check digits do not match" */
  message: string;
}

/** One input row: its report line, its cells read, and the problems of its cells. */
export interface CsvRowPlan {
  row: RowReport;
  record: CsvRecord;
  /** Non-empty cells of mapped fields, read (an empty cell leaves the field as it is). */
  values: Map<string, CsvCellValue>;
  issues: CsvCellIssue[];
  /** Every cell is empty (a spreadsheet's trailing ";;;;"): reported, nothing imported. */
  empty: boolean;
}

/** The raw text of a mapped field's cell ('' when unmapped or missing). */
export function rawCell(sheet: CsvSheet, record: CsvRecord, field: string): string {
  const index = sheet.columnOf.get(field);
  return index === undefined ? '' : (record.values[index] ?? '').trim();
}

/**
 * Marks a cell as unusable: the row is rejected, saying which column holds what and why: the
 * cell's problem, or a finer reason naming what was found (`finer`, given the cell).
 */
export function cellIssue(sheet: CsvSheet, plan: CsvRowPlan, field: string, problem: CsvCellProblem, finer?: (cell: CsvCellRef) => CsvImportReason): void {
  const index = sheet.columnOf.get(field);
  const column = index === undefined ? field : sheet.header[index]!;
  const value = rawCell(sheet, plan.record, field);
  const reason = finer ? finer({ column, field, value }) : csvImportReason(problem, { column, field, value });
  plan.issues.push({ field, column, value, problem, message: reason.message });
  plan.values.delete(field);
  reject(plan.row, reason);
}

/** Every record read by its mapped fields' rules; cells that do not read reject their row. */
export function readCsvRows(sheet: CsvSheet, records: readonly CsvRecord[] = sheet.records): CsvRowPlan[] {
  const specs = CSV_IMPORT_FIELDS[sheet.entity].filter((s) => sheet.columnOf.has(s.key));
  return records.map((record) => {
    const empty = record.values.every((v) => v.trim() === '');
    const plan: CsvRowPlan = { row: newRow(CSV_IMPORT_FILES[sheet.entity], record.line), record, values: new Map(), issues: [], empty };
    if (empty) {
      note(plan.row, csvImportReason('EMPTY_ROW', {}));
      return plan;
    }
    for (const spec of specs) {
      const result = parseCsvCell(spec, rawCell(sheet, record, spec.key));
      if (!result.ok) cellIssue(sheet, plan, spec.key, result.problem);
      else if (result.value !== null) plan.values.set(spec.key, result.value);
    }
    return plan;
  });
}

export const text = (plan: CsvRowPlan, field: string): string | null => {
  const v = plan.values.get(field);
  return v === undefined ? null : String(v);
};

/** The key of a row's record (see the top of this file); null when the row has nothing to build one from. */
export function recordKey(entity: CsvImportEntity, plan: CsvRowPlan): string | null {
  const prefix = CSV_EXTERNAL_ID_PREFIX[entity];
  const id = text(plan, 'externalId');
  if (id) return `${prefix}:${id}`;
  const client = text(plan, 'clientExternalId') ?? nameKey(text(plan, 'clientName') ?? '');
  if (entity === 'CLIENTS') {
    const inn = text(plan, 'inn');
    if (inn) return `${prefix}#inn:${inn}`;
    const name = nameKey(text(plan, 'name') ?? '');
    return name ? `${prefix}#name:${name}` : null;
  }
  if (entity === 'DEALS') {
    const title = nameKey(text(plan, 'title') ?? '');
    return title ? `${prefix}#${title}|${client}` : null;
  }
  const kind = text(plan, 'kind');
  const at = text(plan, 'at');
  if (!kind || !at) return null;
  return `${prefix}#${kind}|${at}|${nameKey(text(plan, 'owner') ?? '')}|${client}|${text(plan, 'dealExternalId') ?? ''}`;
}

/** Keys every row and rejects the second row of the same record ("the same client as line 4"). */
export function keyRows(entity: CsvImportEntity, plans: readonly CsvRowPlan[]): void {
  const seen = new Map<string, number>();
  for (const plan of plans) {
    if (plan.empty) continue;
    const key = recordKey(entity, plan);
    plan.row.externalId = key;
    if (!key) continue;
    const line = seen.get(key);
    if (line !== undefined) reject(plan.row, csvImportReason('DUPLICATE_RECORD', { line, key }));
    else seen.set(key, plan.row.line);
  }
}

/** Whole words in any order, normalized: "Петров Иван" and "Иван Петров" share it. */
function wordsKey(name: string): string {
  return name
    .split(/[\s,.]+/)
    .map((w) => nameKey(w))
    .filter(Boolean)
    .sort()
    .join(' ');
}

export type MemberMatch = { ok: true; member: ImportMember; reconciled: string | null } | { ok: false; problem: 'UNKNOWN_MEMBER' | 'AMBIGUOUS_MEMBER' };

/**
 * Finds a member by e-mail (exact, any case), else by name: exact, then ignoring case,
 * spaces and punctuation, then with the words in another order ("Петров Иван"). People's
 * names are never matched fuzzily: "Петрова" is not "Петров". Two members of one name:
 * AMBIGUOUS (the e-mail tells them apart).
 */
export class MemberMatcher {
  private readonly byEmail = new Map<string, ImportMember>();
  private readonly byName: NameMatcher;
  private readonly named = new Map<string, ImportMember[]>();
  private readonly byWords = new Map<string, ImportMember[]>();

  constructor(members: readonly ImportMember[]) {
    for (const m of members) {
      if (m.email) this.byEmail.set(m.email.toLowerCase(), m);
      this.named.set(m.name, [...(this.named.get(m.name) ?? []), m]);
      const words = wordsKey(m.name);
      this.byWords.set(words, [...(this.byWords.get(words) ?? []), m]);
    }
    this.byName = new NameMatcher(this.named.keys());
  }

  match(value: string): MemberMatch {
    const email = this.byEmail.get(value.toLowerCase());
    if (email) return { ok: true, member: email, reconciled: null };
    const match = this.byName.match(value);
    if (match) {
      const members = this.named.get(match.name)!;
      if (members.length > 1) return { ok: false, problem: 'AMBIGUOUS_MEMBER' };
      return { ok: true, member: members[0]!, reconciled: match.kind === 'EXACT' ? null : match.name };
    }
    const words = this.byWords.get(wordsKey(value));
    if (!words) return { ok: false, problem: 'UNKNOWN_MEMBER' };
    if (words.length > 1) return { ok: false, problem: 'AMBIGUOUS_MEMBER' };
    return { ok: true, member: words[0]!, reconciled: words[0]!.name };
  }
}

/**
 * Resolves a member field (owner, hunter) of a row: its id, a reconciliation note when the
 * spelling differed, or a cell problem. `activeOnly`: an owner must be an active member.
 */
export function resolveMember(sheet: CsvSheet, plan: CsvRowPlan, field: string, members: MemberMatcher, activeOnly: boolean): string | null | undefined {
  const value = text(plan, field);
  if (value === null) return undefined;
  const found = members.match(value);
  if (!found.ok) {
    cellIssue(sheet, plan, field, found.problem);
    return undefined;
  }
  if (activeOnly && !found.member.active) {
    cellIssue(sheet, plan, field, 'UNKNOWN_MEMBER', (cell) => csvImportReason('INACTIVE_MEMBER', { ...cell, member: found.member.name }));
    return undefined;
  }
  if (found.reconciled) reconcile(plan.row, csvImportReason('VALUE_MATCHED', { field, value, match: found.reconciled }));
  return found.member.id;
}
