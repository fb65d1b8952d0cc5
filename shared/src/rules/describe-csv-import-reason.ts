/**
 * The reasons a CSV import gives for a row (why it is rejected, which value was matched to a
 * known one, what it noted) and for a whole run (columns ignored, a pipeline created…): each
 * a stable code with the values it names, so a client can say it in its own language, and
 * the English sentence the API and the command line have always given for it.
 */
import { CSV_EXTERNAL_ID_PREFIX, type CsvCellProblem, type CsvImportEntity } from '../domain/csv-import';
import { CSV_CELL_PROBLEM_MESSAGES } from './parse-csv-value';

/**
 * The cell a reason is about: the column as the file's header names it, the field it fills,
 * and the cell's text. (A type, not an interface: reasons' values are records of text.)
 */
export type CsvCellRef = {
  column: string;
  field: string;
  value: string;
};

type NoParams = Record<never, never>;

/** The values each reason names. */
export type CsvImportReasonParams = { [P in CsvCellProblem]: CsvCellRef } & {
  // ---- a row is rejected: a cell that names nothing known (finer than the cell's problem) ----
  /** An owner who is a member, but deactivated (the cell's problem: UNKNOWN_MEMBER). */
  INACTIVE_MEMBER: CsvCellRef & { member: string };
  UNKNOWN_CLIENT_ID: CsvCellRef;
  UNKNOWN_CLIENT: CsvCellRef;
  AMBIGUOUS_CLIENT: CsvCellRef & { count: number };
  /** `stages`: the pipeline's stages, in order, as a list. */
  UNKNOWN_PIPELINE_STAGE: CsvCellRef & { pipeline: string; stages: string };
  UNKNOWN_PRODUCT: CsvCellRef;
  UNKNOWN_DEAL_ID: CsvCellRef;
  // ---- a row is rejected: the row as a whole ----
  DUPLICATE_RECORD: { line: number; key: string };
  CLOSED_DATE_REQUIRED: { stage: string; kind: 'WON' | 'LOST' };
  CLOSED_BEFORE_START: { closedOn: string; startedOn: string };
  // ---- a value matched to a known one ----
  /** `field`: the field's key (owner, hunter, clientName, stage, product). */
  VALUE_MATCHED: { field: string; value: string; match: string };
  CLIENT_MATCHED_BY_INN: { client: string; inn: string };
  CLIENT_MATCHED_BY_NAME: { client: string };
  // ---- a note of a row ----
  EMPTY_ROW: NoParams;
  SAME_NAME_CLIENTS: { count: number; client: string };
  NO_START_DATE: { day: string };
  CLOSED_DATE_IGNORED: { closedOn: string };
  LOST_REASON_IGNORED: NoParams;
  CLIENT_DIFFERS_FROM_DEAL: NoParams;
  // ---- a note of a run ----
  /** `columns`: the header's names, as a list. */
  IGNORED_COLUMNS: { columns: string };
  /** `prefix`: how the derived keys start (csv:client#…). */
  DERIVED_KEYS: { entity: CsvImportEntity; prefix: string };
  CLIENT_WITHOUT_OWNER: NoParams;
  /** `stages`: "name (KIND)" as a list, KIND one of OPEN, WON, LOST. */
  NEW_PIPELINE: { pipeline: string; stages: string };
  /** A preview's: the named pipeline is missing and an import would create it. */
  PIPELINE_TO_CREATE: { pipeline: string; stages: string };
  DEAL_WITHOUT_CLIENT: NoParams;
};

export type CsvImportReasonCode = keyof CsvImportReasonParams;

export interface CsvImportReason<C extends CsvImportReasonCode = CsvImportReasonCode> {
  code: C;
  params: CsvImportReasonParams[C];
  /** The English sentence (the API's message, the command line's report). */
  message: string;
}

const cell = (p: CsvCellRef, tail: string) => `${p.column} "${p.value}" ${tail}`;
const cellProblem = (problem: CsvCellProblem) => (p: CsvCellRef) => cell(p, CSV_CELL_PROBLEM_MESSAGES[problem]);

/** How rows without an external id are found again on the next run, per entity. */
const DERIVED_BY: Record<CsvImportEntity, string> = {
  CLIENTS: 'INN, else normalized name',
  DEALS: 'normalized title and client',
  ACTIVITIES: 'kind, time, owner, client and deal',
};

/** A field's word in the English sentences where it is not its key. */
const FIELD_WORD: Record<string, string> = { clientName: 'client' };

const ENGLISH: { [C in CsvImportReasonCode]: (p: CsvImportReasonParams[C]) => string } = {
  REQUIRED: cellProblem('REQUIRED'),
  TOO_LONG: cellProblem('TOO_LONG'),
  NOT_A_NUMBER: cellProblem('NOT_A_NUMBER'),
  NEGATIVE: cellProblem('NEGATIVE'),
  TOO_LARGE: cellProblem('TOO_LARGE'),
  NOT_A_DATE: cellProblem('NOT_A_DATE'),
  NOT_A_DATETIME: cellProblem('NOT_A_DATETIME'),
  NOT_A_BOOLEAN: cellProblem('NOT_A_BOOLEAN'),
  INN_NOT_DIGITS: cellProblem('INN_NOT_DIGITS'),
  INN_WRONG_LENGTH: cellProblem('INN_WRONG_LENGTH'),
  INN_BAD_CHECKSUM: cellProblem('INN_BAD_CHECKSUM'),
  NOT_A_CATEGORY: cellProblem('NOT_A_CATEGORY'),
  NOT_A_CURRENCY: cellProblem('NOT_A_CURRENCY'),
  UNKNOWN_VALUE: cellProblem('UNKNOWN_VALUE'),
  UNKNOWN_MEMBER: cellProblem('UNKNOWN_MEMBER'),
  AMBIGUOUS_MEMBER: cellProblem('AMBIGUOUS_MEMBER'),
  UNKNOWN_STAGE: cellProblem('UNKNOWN_STAGE'),
  INACTIVE_MEMBER: (p) => cell(p, `is not an active member (${p.member} is deactivated)`),
  UNKNOWN_CLIENT_ID: (p) => cell(p, 'is not the external id of a client imported from CSV (import the clients first)'),
  UNKNOWN_CLIENT: (p) => cell(p, 'is not a client of the organization (import the clients first)'),
  AMBIGUOUS_CLIENT: (p) => cell(p, `names ${p.count} clients (give the client's external id)`),
  UNKNOWN_PIPELINE_STAGE: (p) => cell(p, `is not a stage of pipeline «${p.pipeline}» (${p.stages})`),
  UNKNOWN_PRODUCT: (p) => cell(p, 'is not a product of the catalog'),
  UNKNOWN_DEAL_ID: (p) => cell(p, 'is not the external id of a deal imported from CSV (import the deals first)'),
  DUPLICATE_RECORD: (p) => `the same record as line ${p.line} (key ${p.key})`,
  CLOSED_DATE_REQUIRED: (p) => `a ${p.kind === 'WON' ? 'won' : 'lost'} deal (stage ${p.stage}) needs a closed date`,
  CLOSED_BEFORE_START: (p) => `closed date ${p.closedOn} is before the start date ${p.startedOn}`,
  VALUE_MATCHED: (p) => `${FIELD_WORD[p.field] ?? p.field} ${p.value} → ${p.match}`,
  CLIENT_MATCHED_BY_INN: (p) => `matched the existing client «${p.client}» by INN ${p.inn}`,
  CLIENT_MATCHED_BY_NAME: (p) => `matched the existing client «${p.client}» by name`,
  EMPTY_ROW: () => 'an empty row: nothing to import',
  SAME_NAME_CLIENTS: (p) => `${p.count} existing clients are named «${p.client}»: none adopted, a new client is made`,
  NO_START_DATE: (p) => `no start date: started on ${p.day}, the day of the import`,
  CLOSED_DATE_IGNORED: (p) => `closed date ${p.closedOn} of an open deal ignored`,
  LOST_REASON_IGNORED: () => 'lost reason of a deal that is not lost ignored',
  CLIENT_DIFFERS_FROM_DEAL: () => "the client differs from the deal's client: the row's client is kept",
  IGNORED_COLUMNS: (p) => `columns not mapped, ignored: ${p.columns}`,
  DERIVED_KEYS: (p) => `rows without an external id: found again by ${DERIVED_BY[p.entity]} (${p.prefix}#…)`,
  CLIENT_WITHOUT_OWNER: () => 'new clients without an owner: imported unassigned',
  NEW_PIPELINE: (p) => `created pipeline «${p.pipeline}» with the stages ${p.stages}`,
  PIPELINE_TO_CREATE: (p) => `pipeline «${p.pipeline}» does not exist: it will be created with the stages ${p.stages}`,
  DEAL_WITHOUT_CLIENT: () => 'deals without a client: kept without one',
};

/** Every code a CSV import's reason may have (a client's translations are checked against it). */
export const CSV_IMPORT_REASONS = Object.keys(ENGLISH) as readonly CsvImportReasonCode[];

export function isCsvImportReasonCode(value: unknown): value is CsvImportReasonCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENGLISH, value);
}

/** A reason with its values and its English sentence. */
export function csvImportReason<C extends CsvImportReasonCode>(code: C, params: CsvImportReasonParams[C]): CsvImportReason<C> {
  return { code, params, message: ENGLISH[code](params) };
}

/** The DERIVED_KEYS note of an entity's run. */
export function derivedKeysReason(entity: CsvImportEntity): CsvImportReason<'DERIVED_KEYS'> {
  return csvImportReason('DERIVED_KEYS', { entity, prefix: CSV_EXTERNAL_ID_PREFIX[entity] });
}
