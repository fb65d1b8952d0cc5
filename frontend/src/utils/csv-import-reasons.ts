import { isCsvImportReasonCode, mavenImportReasonCode } from '@salescircle/shared';
import type { Message } from './handoff-criteria';

/** A reason or a note of an import (a CSV file, the maven-crm export) as the API gives it: a stable code, its values, and the English sentence. */
export interface CodedImportReason {
  code: string;
  params: readonly { name: string; value: string }[];
  message: string;
}

/** How the app names the values a reason holds as codes or raw data. */
export interface ImportReasonLabels {
  /** A field's key (owner, clientName, …) as the mapping table names it. */
  field: (key: string) => string;
  /** OPEN, WON or LOST. */
  stageKind: (kind: string) => string;
  /** How rows without an external id of an entity (CLIENTS, …) are found again. */
  derivedBy: (entity: string) => string;
  /** A YYYY-MM-DD day. */
  day: (day: string) => string;
}

/** Values that are days (YYYY-MM-DD), counts (for the plural forms) and stage kinds. */
const DAYS = new Set(['day', 'closedOn', 'startedOn', 'engagedOn']);
const NUMBERS = new Set(['count', 'line']);

/** The app's message of a code: a CSV import's, or a maven-crm import's (a note counted per value by its reason: RECONCILED_SECTOR_technolgy). */
function reasonKey(code: string): string | null {
  if (isCsvImportReasonCode(code)) return `analytics.import.csv.reasons.${code}`;
  const maven = mavenImportReasonCode(code);
  return maven ? `analytics.import.maven.reasons.${maven}` : null;
}

/**
 * A reason of an import (`analytics.import.csv.reasons.<code>` or
 * `analytics.import.maven.reasons.<code>`) as a message of the app with its values in the
 * viewer's language: field keys by their titles, days by the locale, stage kinds in words,
 * counts as numbers. Null for a code the app does not know (a newer server's): that reason
 * is shown as the server wrote it.
 */
export function importReasonMessage(reason: CodedImportReason, labels: ImportReasonLabels): Message | null {
  const key = reasonKey(reason.code);
  if (!key) return null;
  const named: Record<string, string | number> = {};
  for (const { name, value } of reason.params) {
    if (name === 'field') named[name] = labels.field(value);
    else if (name === 'kind') named[name] = labels.stageKind(value);
    else if (name === 'stages') named[name] = value.replace(/\((OPEN|WON|LOST)\)/g, (_, kind: string) => `(${labels.stageKind(kind)})`);
    else if (DAYS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(value)) named[name] = labels.day(value);
    else if (NUMBERS.has(name) && /^\d+$/.test(value)) named[name] = Number(value);
    else named[name] = value;
    if (name === 'entity') named.how = labels.derivedBy(value);
  }
  return { key, named };
}
