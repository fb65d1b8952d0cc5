/**
 * The reasons the maven-crm import gives for a row (why it is rejected, which value was
 * matched to a known one, what it noted) and for a whole run (agents without a manager, a
 * sector spelled two ways…): each a stable code with the values it names, so a client can
 * say it in its own language, and the English sentence the API and the command line have
 * always given for it. The codes are not the CSV import's (describe-csv-import-reason): a
 * client tells the two apart by the code alone.
 */
import { MAVEN_CRM_FILES, MAVEN_CRM_FILE_NAMES, type DealStageKind } from '../domain/imports';

type NoParams = Record<never, never>;

/** A column of a file and its cell's text. (A type, not an interface: reasons' values are records of text.) */
type ColumnValue = { column: string; value: string };

/** The values each reason names. Columns are the export's (sales_agent, close_date…); `file` is a file's name (sales_teams.csv). */
export type MavenImportReasonParams = {
  // ---- a row is rejected ----
  COLUMN_EMPTY: { column: string };
  /** The row's key (sales_agent, account, product, opportunity_id) was on an earlier line. */
  REPEATED_KEY: ColumnValue & { line: number };
  NOT_A_NON_NEGATIVE_NUMBER: ColumnValue;
  /** revenue: millions of US dollars. */
  REVENUE_NOT_A_NUMBER: ColumnValue;
  NAME_TOO_LONG: { column: string; max: number };
  NOT_A_YEAR: ColumnValue;
  NOT_A_WHOLE_NUMBER: ColumnValue;
  NOT_A_DAY: ColumnValue;
  /** `stages`: the stages a deal may be at, as a list. */
  UNKNOWN_DEAL_STAGE: ColumnValue & { stages: string };
  /** A sales agent, product or account the file it belongs to does not list. */
  NOT_IN_FILE: ColumnValue & { file: string };
  CLOSED_BEFORE_ENGAGED: { closedOn: string; engagedOn: string };
  /** `stage`: Won or Lost; `column`: engage_date, close_date or close_value. */
  CLOSED_DEAL_NEEDS: { stage: string; column: string };
  // ---- a value matched to a known one ----
  COLUMN_VALUE_MATCHED: ColumnValue & { match: string };
  // ---- a note of a row ----
  NO_MANAGER: NoParams;
  NO_REGIONAL_OFFICE: NoParams;
  UNKNOWN_SECTOR: { value: string };
  UNKNOWN_COUNTRY: { value: string };
  PARENT_NOT_AN_ACCOUNT: { value: string };
  PARENT_IS_ITSELF: NoParams;
  DEAL_WITHOUT_ACCOUNT: { stageKind: DealStageKind };
  OPEN_DEAL_CLOSE_DATE_IGNORED: { closedOn: string };
  /** `day`: the export's last date, the deal's started_on. */
  STARTED_ON_LAST_DATE: { day: string };
  /** An agent of sales_teams.csv without a deal. */
  NO_DEALS_MEMBER: NoParams;
  /** An account or a product without a deal. */
  NO_DEALS: NoParams;
  // ---- a note of a run (the note's code: see mavenImportNote) ----
  IGNORED_FILE_COLUMNS: { file: string; columns: string };
  AGENT_WITHOUT_MANAGER: NoParams;
  AGENT_WITHOUT_OFFICE: NoParams;
  /** An office of several managers: `count` of them, `managers` as a list, `lead` the first. */
  TEAM_MANAGERS: { team: string; count: number; managers: string; lead: string };
  RECONCILED_SECTOR: { from: string; to: string };
  RECONCILED_COUNTRY: { from: string; to: string };
  UNKNOWN_PARENT: NoParams;
  SUBSIDIARIES: NoParams;
  RECONCILED_PRODUCT: { from: string; to: string };
  CLOSED_DEAL_WITHOUT_ACCOUNT: NoParams;
  OPEN_DEAL_WITHOUT_ACCOUNT: NoParams;
  OPEN_DEAL_CLOSE_DATE: NoParams;
  OPEN_AMOUNT_FROM_PRICE: NoParams;
  NO_ENGAGE_DATE: { day: string };
  AGENT_WITHOUT_DEALS: NoParams;
  ACCOUNT_WITHOUT_DEALS: NoParams;
  PRODUCT_WITHOUT_DEALS: NoParams;
};

export type MavenImportReasonCode = keyof MavenImportReasonParams;

export interface MavenImportReason<C extends MavenImportReasonCode = MavenImportReasonCode> {
  code: C;
  params: MavenImportReasonParams[C];
  /** The English sentence (the API's message, the command line's report). */
  message: string;
}

const cell = (p: ColumnValue, tail: string) => `${p.column} "${p.value}" ${tail}`;

const ENGLISH: { [C in MavenImportReasonCode]: (p: MavenImportReasonParams[C]) => string } = {
  COLUMN_EMPTY: (p) => `${p.column} is empty`,
  REPEATED_KEY: (p) => cell(p, `is already on line ${p.line}`),
  NOT_A_NON_NEGATIVE_NUMBER: (p) => cell(p, 'is not a non-negative number'),
  REVENUE_NOT_A_NUMBER: (p) => cell(p, 'is not a non-negative number (millions of USD)'),
  NAME_TOO_LONG: (p) => `${p.column} is longer than ${p.max} characters`,
  NOT_A_YEAR: (p) => cell(p, 'is not a year'),
  NOT_A_WHOLE_NUMBER: (p) => cell(p, 'is not a whole number'),
  NOT_A_DAY: (p) => cell(p, 'is not a date (YYYY-MM-DD)'),
  UNKNOWN_DEAL_STAGE: (p) => cell(p, `is not one of ${p.stages}`),
  NOT_IN_FILE: (p) => cell(p, `is not in ${p.file}`),
  CLOSED_BEFORE_ENGAGED: (p) => `close_date ${p.closedOn} is before engage_date ${p.engagedOn}`,
  CLOSED_DEAL_NEEDS: (p) => `a ${p.stage} deal needs ${p.column}`,
  COLUMN_VALUE_MATCHED: (p) => `${p.column} ${p.value} → ${p.match}`,
  NO_MANAGER: () => 'no manager: imported without a reporting line',
  NO_REGIONAL_OFFICE: () => 'no regional office: imported without a team',
  UNKNOWN_SECTOR: (p) => `sector "${p.value}" is not a known industry: kept as spelled`,
  UNKNOWN_COUNTRY: (p) => `office_location "${p.value}" is not a known country: kept as spelled`,
  PARENT_NOT_AN_ACCOUNT: (p) => `subsidiary_of "${p.value}" is not an account of accounts.csv: no parent link`,
  PARENT_IS_ITSELF: () => 'subsidiary_of names the account itself: no parent link',
  DEAL_WITHOUT_ACCOUNT: (p) => `${p.stageKind.toLowerCase()} deal without an account: kept without a client`,
  OPEN_DEAL_CLOSE_DATE_IGNORED: (p) => `close_date ${p.closedOn} of an open deal ignored`,
  STARTED_ON_LAST_DATE: (p) => `no engage_date: started_on = ${p.day}, the export's last date`,
  NO_DEALS_MEMBER: () => 'no deals in sales_pipeline.csv: imported as a member',
  NO_DEALS: () => 'no deals in sales_pipeline.csv',
  IGNORED_FILE_COLUMNS: (p) => `${p.file}: columns not mapped, ignored: ${p.columns}`,
  AGENT_WITHOUT_MANAGER: () => 'agents without a manager: imported without a reporting line',
  AGENT_WITHOUT_OFFICE: () => 'agents without a regional office: imported without a team',
  TEAM_MANAGERS: (p) => `office ${p.team} has ${p.count} managers (${p.managers}): team ${p.team} is led by ${p.lead}; every agent reports to their own manager`,
  RECONCILED_SECTOR: (p) => `reconciled sector ${p.from} → ${p.to}`,
  RECONCILED_COUNTRY: (p) => `reconciled office_location ${p.from} → ${p.to}`,
  UNKNOWN_PARENT: () => 'subsidiaries whose parent is not in accounts.csv: no parent link',
  SUBSIDIARIES: () => 'subsidiaries linked to their parent account',
  RECONCILED_PRODUCT: (p) => `reconciled ${p.from} → ${p.to}`,
  CLOSED_DEAL_WITHOUT_ACCOUNT: () => 'closed deals without an account: kept, without a client',
  OPEN_DEAL_WITHOUT_ACCOUNT: () => 'open deals without an account: kept, without a client',
  OPEN_DEAL_CLOSE_DATE: () => 'open deals with a close_date: the date is ignored until the deal closes',
  OPEN_AMOUNT_FROM_PRICE: () => "open deals without close_value: amount = the product's sales_price (expected value)",
  NO_ENGAGE_DATE: (p) => `open deals without engage_date: started_on = ${p.day}, the latest date in sales_pipeline.csv`,
  AGENT_WITHOUT_DEALS: () => 'agents without deals: imported as members',
  ACCOUNT_WITHOUT_DEALS: () => 'accounts without deals: imported as clients (stage LEAD)',
  PRODUCT_WITHOUT_DEALS: () => 'products without deals',
};

/** Every code a maven-crm import's reason may have (a client's translations are checked against it). */
export const MAVEN_IMPORT_REASONS = Object.keys(ENGLISH) as readonly MavenImportReasonCode[];

/**
 * The notes of a run counted once per value: their code is a prefix and that value
 * (RECONCILED_SECTOR_technolgy, IGNORED_COLUMNS_ACCOUNTS, TEAM_MANAGERS_Central), as it has
 * always been; the reason's own code is the prefix's entry here.
 */
const PER_VALUE_NOTES: { [C in MavenImportReasonCode]?: { prefix: string; value: (p: MavenImportReasonParams[C]) => string } } = {
  IGNORED_FILE_COLUMNS: { prefix: 'IGNORED_COLUMNS', value: (p) => MAVEN_CRM_FILES.find((f) => MAVEN_CRM_FILE_NAMES[f] === p.file) ?? p.file },
  TEAM_MANAGERS: { prefix: 'TEAM_MANAGERS', value: (p) => p.team },
  RECONCILED_SECTOR: { prefix: 'RECONCILED_SECTOR', value: (p) => p.from },
  RECONCILED_COUNTRY: { prefix: 'RECONCILED_COUNTRY', value: (p) => p.from },
  RECONCILED_PRODUCT: { prefix: 'RECONCILED_PRODUCT', value: (p) => p.from },
};
const PER_VALUE = Object.entries(PER_VALUE_NOTES).map(([code, note]) => ({ code: code as MavenImportReasonCode, prefix: `${note.prefix}_` }));

const isOwnCode = (value: string): value is MavenImportReasonCode => Object.prototype.hasOwnProperty.call(ENGLISH, value);

/**
 * The reason code of a code the maven-crm import sends, a row reason's or a run note's:
 * RECONCILED_SECTOR for RECONCILED_SECTOR_technolgy, AGENT_WITHOUT_MANAGER for itself; null
 * for any other (a CSV import's, a newer server's).
 */
export function mavenImportReasonCode(code: unknown): MavenImportReasonCode | null {
  if (typeof code !== 'string') return null;
  if (isOwnCode(code)) return code;
  return PER_VALUE.find((n) => code.startsWith(n.prefix) && code.length > n.prefix.length)?.code ?? null;
}

/** A reason of a row with its values and its English sentence. */
export function mavenImportReason<C extends MavenImportReasonCode>(code: C, params: MavenImportReasonParams[C]): MavenImportReason<C> {
  return { code, params, message: ENGLISH[code](params) };
}

/**
 * A note of a run with its values and its English sentence; its code is the note's (with
 * the value for a note counted once per value: RECONCILED_SECTOR_technolgy).
 */
export function mavenImportNote<C extends MavenImportReasonCode>(code: C, params: MavenImportReasonParams[C]): { code: string; params: MavenImportReasonParams[C]; message: string } {
  const reason = mavenImportReason(code, params);
  const perValue = PER_VALUE_NOTES[code];
  return perValue ? { ...reason, code: `${perValue.prefix}_${perValue.value(params)}` } : reason;
}
