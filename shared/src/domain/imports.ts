/** Real-data import (issue 6): what happened to each input row, and the deal stage kinds of a pipeline. */

/**
 * The outcome of one input row. IMPORTED: a new record; UPDATED: an existing record (same
 * external id) changed; UNCHANGED: it already held these values; RECONCILED: written after
 * a value was matched to a known one (the row says with what), whatever the record's change;
 * REJECTED: not importable (the row says why), and then the whole run is rolled back.
 */
export const IMPORT_OUTCOMES = ['IMPORTED', 'UPDATED', 'UNCHANGED', 'RECONCILED', 'REJECTED'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** What a row did to its record (a RECONCILED row still says whether it inserted, changed or left it). */
export const IMPORT_CHANGES = ['IMPORTED', 'UPDATED', 'UNCHANGED'] as const;
export type ImportChange = (typeof IMPORT_CHANGES)[number];

/** What a reason of a row says: why it is REJECTED, a value RECONCILED with a known one, or a NOTE worth knowing. */
export const IMPORT_REASON_KINDS = ['REJECTED', 'RECONCILED', 'NOTE'] as const;
export type ImportReasonKind = (typeof IMPORT_REASON_KINDS)[number];

/** APPLIED: written; DRY_RUN: evaluated, nothing written; FAILED: a row was rejected, nothing written. */
export const IMPORT_STATUSES = ['APPLIED', 'DRY_RUN', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The files of the maven-crm sample, in the order they are read (later files refer to earlier ones). */
export const MAVEN_CRM_FILES = ['SALES_TEAMS', 'ACCOUNTS', 'PRODUCTS', 'SALES_PIPELINE'] as const;
export type MavenCrmFile = (typeof MAVEN_CRM_FILES)[number];

export const MAVEN_CRM_FILE_NAMES: Record<MavenCrmFile, string> = {
  SALES_TEAMS: 'sales_teams.csv',
  ACCOUNTS: 'accounts.csv',
  PRODUCTS: 'products.csv',
  SALES_PIPELINE: 'sales_pipeline.csv',
};

/** The columns each file must have (others are ignored and reported). */
export const MAVEN_CRM_COLUMNS: Record<MavenCrmFile, readonly string[]> = {
  SALES_TEAMS: ['sales_agent', 'manager', 'regional_office'],
  ACCOUNTS: ['account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'],
  PRODUCTS: ['product', 'series', 'sales_price'],
  SALES_PIPELINE: ['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'],
};

/** Files a report counts rows of: the four of a maven-crm export, or the one CSV file of a generic import. */
export const IMPORT_FILES = [...MAVEN_CRM_FILES, 'CSV_CLIENTS', 'CSV_DEALS', 'CSV_ACTIVITIES'] as const;
export type ImportFile = (typeof IMPORT_FILES)[number];

export const DEAL_STAGE_KINDS = ['OPEN', 'WON', 'LOST'] as const;
export type DealStageKind = (typeof DEAL_STAGE_KINDS)[number];
