/**
 * The generic CSV import (issue 6): clients, deals or activities from any CSV file (an
 * amoCRM or Bitrix24 export, a spreadsheet), its columns mapped to the fields below. The
 * same report model as the maven-crm import: one outcome per input row.
 */

export const CSV_IMPORT_ENTITIES = ['CLIENTS', 'DEALS', 'ACTIVITIES'] as const;
export type CsvImportEntity = (typeof CSV_IMPORT_ENTITIES)[number];

/** The report's file of a CSV import of each entity (the maven-crm import has its four). */
export const CSV_IMPORT_FILES = { CLIENTS: 'CSV_CLIENTS', DEALS: 'CSV_DEALS', ACTIVITIES: 'CSV_ACTIVITIES' } as const satisfies Record<CsvImportEntity, string>;
export type CsvImportFile = (typeof CSV_IMPORT_FILES)[CsvImportEntity];

/**
 * Characters of one CSV file: a Cyrillic file of this size is about 10 MB as UTF-8, under
 * the 16 MB request limit; about 30,000 rows of a wide export.
 */
export const CSV_IMPORT_MAX_CHARS = 5_000_000;
/** Rows a preview reads and shows. */
export const CSV_PREVIEW_ROWS = 20;

/**
 * How a cell is read (see parse-csv-value): TEXT trimmed; MONEY a non-negative decimal with
 * a comma or a dot; DATE dd.mm.yyyy or yyyy-mm-dd; DATETIME the same with an optional
 * hh:mm[:ss]; BOOLEAN yes/no/да/нет; INN 10 or 12 digits with valid check digits; CATEGORY
 * 1 to 3; CURRENCY an ISO code or a sign; the enums by their codes or ru/en words; MEMBER a
 * member's name or e-mail; STAGE a stage of the chosen pipeline (resolved on import).
 */
export const CSV_VALUE_KINDS = [
  'TEXT',
  'MONEY',
  'DATE',
  'DATETIME',
  'BOOLEAN',
  'INN',
  'CATEGORY',
  'CURRENCY',
  'OWNERSHIP_FORM',
  'CHANNEL',
  'CLIENT_STAGE',
  'ACTIVITY_KIND',
  'MEMBER',
  'STAGE',
] as const;
export type CsvValueKind = (typeof CSV_VALUE_KINDS)[number];

export interface CsvFieldSpec {
  key: string;
  kind: CsvValueKind;
  required: boolean;
  /** Longest text accepted (TEXT, MEMBER and STAGE). */
  maxLength: number;
}

const field = (key: string, kind: CsvValueKind, options: { required?: boolean; maxLength?: number } = {}): CsvFieldSpec => ({
  key,
  kind,
  required: options.required ?? false,
  maxLength: options.maxLength ?? 300,
});

/** The fields a column can fill, per entity, in the order a form lists them. */
export const CSV_IMPORT_FIELDS: Record<CsvImportEntity, readonly CsvFieldSpec[]> = {
  CLIENTS: [
    field('externalId', 'TEXT', { maxLength: 200 }),
    field('name', 'TEXT', { required: true }),
    field('inn', 'INN'),
    field('region', 'TEXT', { maxLength: 200 }),
    field('city', 'TEXT', { maxLength: 200 }),
    field('industry', 'TEXT', { maxLength: 200 }),
    field('ownershipForm', 'OWNERSHIP_FORM'),
    field('channel', 'CHANNEL'),
    field('vip', 'BOOLEAN'),
    field('annualPotential', 'MONEY'),
    field('currency', 'CURRENCY'),
    field('category', 'CATEGORY'),
    field('stage', 'CLIENT_STAGE'),
    field('owner', 'MEMBER'),
    field('hunter', 'MEMBER'),
    field('notes', 'TEXT', { maxLength: 5000 }),
  ],
  DEALS: [
    field('externalId', 'TEXT', { maxLength: 200 }),
    field('title', 'TEXT', { required: true, maxLength: 500 }),
    field('clientExternalId', 'TEXT', { maxLength: 200 }),
    field('clientName', 'TEXT'),
    field('owner', 'MEMBER'),
    field('stage', 'STAGE', { required: true }),
    field('amount', 'MONEY'),
    field('currency', 'CURRENCY'),
    field('product', 'TEXT'),
    field('startedOn', 'DATE'),
    field('expectedCloseOn', 'DATE'),
    field('closedOn', 'DATE'),
    field('lostReason', 'TEXT', { maxLength: 1000 }),
  ],
  ACTIVITIES: [
    field('externalId', 'TEXT', { maxLength: 200 }),
    field('kind', 'ACTIVITY_KIND', { required: true }),
    field('at', 'DATETIME', { required: true }),
    field('owner', 'MEMBER'),
    field('clientExternalId', 'TEXT', { maxLength: 200 }),
    field('clientName', 'TEXT'),
    field('dealExternalId', 'TEXT', { maxLength: 200 }),
    field('outcome', 'TEXT', { maxLength: 2000 }),
  ],
};

export function csvFieldSpec(entity: CsvImportEntity, key: string): CsvFieldSpec | null {
  return CSV_IMPORT_FIELDS[entity].find((f) => f.key === key) ?? null;
}

/** Why a cell cannot be read; each code has a message in the API and in both languages of the page. */
export const CSV_CELL_PROBLEMS = [
  'REQUIRED',
  'TOO_LONG',
  'NOT_A_NUMBER',
  'NEGATIVE',
  'TOO_LARGE',
  'NOT_A_DATE',
  'NOT_A_DATETIME',
  'NOT_A_BOOLEAN',
  'INN_NOT_DIGITS',
  'INN_WRONG_LENGTH',
  'INN_BAD_CHECKSUM',
  'NOT_A_CATEGORY',
  'NOT_A_CURRENCY',
  'UNKNOWN_VALUE',
  'UNKNOWN_MEMBER',
  'AMBIGUOUS_MEMBER',
  'UNKNOWN_STAGE',
] as const;
export type CsvCellProblem = (typeof CSV_CELL_PROBLEMS)[number];

/** Namespaces of the external ids a CSV import writes: `csv:client:42`, or a derived `csv:client#inn:7707083893`. */
export const CSV_EXTERNAL_ID_PREFIX = { CLIENTS: 'csv:client', DEALS: 'csv:deal', ACTIVITIES: 'csv:activity' } as const satisfies Record<CsvImportEntity, string>;
