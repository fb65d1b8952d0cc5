import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IMPORT_CHANGES,
  IMPORT_FILES,
  IMPORT_OUTCOMES,
  IMPORT_REASON_KINDS,
  IMPORT_STATUSES,
  type ImportChange,
  type ImportFile,
  type ImportOutcome,
  type ImportReasonKind,
  type ImportStatus,
} from '@salescircle/shared';
import { enumObject } from '../../common/graphql/enums';
import type { ImportRowResult } from './import-report';

export const ImportOutcomeEnum: Record<ImportOutcome, ImportOutcome> = enumObject(IMPORT_OUTCOMES);
export const ImportChangeEnum: Record<ImportChange, ImportChange> = enumObject(IMPORT_CHANGES);
export const ImportStatusEnum: Record<ImportStatus, ImportStatus> = enumObject(IMPORT_STATUSES);
export const ImportFileEnum: Record<ImportFile, ImportFile> = enumObject(IMPORT_FILES);
export const ImportReasonKindEnum: Record<ImportReasonKind, ImportReasonKind> = enumObject(IMPORT_REASON_KINDS);

registerEnumType(ImportOutcomeEnum, {
  name: 'ImportOutcome',
  description: 'IMPORTED new, UPDATED changed, UNCHANGED already so, RECONCILED written after matching a value (message: with what), REJECTED (message: why)',
});
registerEnumType(ImportChangeEnum, { name: 'ImportChange', description: "What a row did to its record" });
registerEnumType(ImportStatusEnum, { name: 'ImportStatus', description: 'APPLIED written; DRY_RUN nothing written; FAILED a row was rejected, nothing written' });
registerEnumType(ImportReasonKindEnum, { name: 'ImportReasonKind', description: 'REJECTED why a row cannot be imported; RECONCILED a value matched to a known one; NOTE a fact worth knowing' });
registerEnumType(ImportFileEnum, { name: 'ImportFile', description: 'A file of an import: one of the maven-crm export, or the CSV file of clients, deals or activities' });

@ObjectType('ImportFileCounts', { description: 'Outcomes of one file; they add up to its rows' })
export class ImportFileCountsModel {
  @Field(() => ImportFileEnum)
  file: ImportFile;

  @Field()
  fileName: string;

  @Field(() => Int)
  rows: number;

  @Field(() => Int)
  imported: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  reconciled: number;

  @Field(() => Int)
  rejected: number;
}

@ObjectType('ImportDerivedCounts', { description: 'Records the files imply (managers, offices, stages) rather than list row by row' })
export class ImportDerivedCountsModel {
  @Field({ description: 'What is counted, in English' })
  what: string;

  @Field(() => String, { nullable: true, description: 'What is counted, as a code: LEAD_MEMBERS (managers of sales_teams.csv), TEAMS (regional offices), PIPELINE_STAGES (then pipeline names it)' })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: 'The pipeline whose stages are counted (PIPELINE_STAGES)' })
  pipeline?: string | null;

  @Field(() => Int)
  imported: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;
}

@ObjectType('ImportReasonParam', { description: 'A value a reason names: a column, a cell\'s text, a line, a count…' })
export class ImportReasonParamModel {
  @Field()
  name: string;

  @Field()
  value: string;
}

@ObjectType('ImportReason', { description: 'One reason of a row of an import: a stable code with the values it names, for a client to say in its own language' })
export class ImportReasonModel {
  @Field(() => ImportReasonKindEnum)
  kind: ImportReasonKind;

  @Field({
    description:
      "A CSV import's: NOT_A_DATE, INN_BAD_CHECKSUM, INACTIVE_MEMBER, DUPLICATE_RECORD, VALUE_MATCHED, NO_START_DATE, … (shared describe-csv-import-reason.ts); a maven-crm import's: NOT_A_DAY, UNKNOWN_DEAL_STAGE, COLUMN_VALUE_MATCHED, DEAL_WITHOUT_ACCOUNT, … (shared describe-maven-import-reason.ts)",
  })
  code: string;

  @Field(() => [ImportReasonParamModel], { description: 'The values it names, e.g. column, field and value of a cell, or the line of the first copy' })
  params: ImportReasonParamModel[];

  @Field({ description: 'The reason in English, as in the row\'s message' })
  message: string;
}

@ObjectType('ImportNote', { description: 'Something the import had to decide, with how many rows it concerns' })
export class ImportNoteModel {
  @Field({
    description:
      "A stable code: a CSV import's (IGNORED_COLUMNS, DERIVED_KEYS, NEW_PIPELINE, …) or a maven-crm import's (AGENT_WITHOUT_MANAGER, NO_ENGAGE_DATE, …; a note per value ends with it: RECONCILED_SECTOR_technolgy, IGNORED_COLUMNS_ACCOUNTS)",
  })
  code: string;

  @Field()
  message: string;

  @Field(() => Int)
  count: number;

  @Field(() => [ImportReasonParamModel], { description: 'The values the note names, e.g. the columns ignored, or a value matched (from, to)' })
  params: ImportReasonParamModel[];
}

@ObjectType('ImportRow', { description: 'The outcome of one input row' })
export class ImportRowModel {
  @Field(() => ImportFileEnum)
  file: ImportFile;

  @Field(() => Int, { description: 'Line of the file where the row starts (the header is line 1)' })
  line: number;

  @Field(() => String, { nullable: true, description: "The record's external id, e.g. maven:deal:1C1I7A6R" })
  externalId: string | null;

  @Field(() => ImportOutcomeEnum)
  outcome: ImportOutcome;

  @Field(() => ImportChangeEnum, { nullable: true, description: 'null when rejected' })
  change: ImportChange | null;

  @Field({ description: 'Why rejected, what was reconciled, notes; empty when nothing to say' })
  message: string;

  @Field(() => [ImportReasonModel], { description: 'The same by code and values, in the same order' })
  reasons: ImportReasonModel[];
}

@ObjectType('ImportReport', { description: 'The row-level report of an import run' })
export class ImportReportModel {
  @Field(() => ID, { nullable: true, description: 'The kept run (null for a dry run)' })
  runId: string | null;

  @Field(() => ImportStatusEnum)
  status: ImportStatus;

  @Field(() => ID, { nullable: true, description: 'The pipeline the deals are in (null when a dry run would create it)' })
  pipelineId: string | null;

  @Field(() => String, { nullable: true, description: 'null for an import without deals' })
  pipelineName: string | null;

  @Field(() => Int)
  durationMs: number;

  @Field(() => [ImportFileCountsModel])
  files: ImportFileCountsModel[];

  @Field(() => [ImportDerivedCountsModel])
  derived: ImportDerivedCountsModel[];

  @Field(() => [ImportNoteModel])
  notes: ImportNoteModel[];

  @Field(() => Int, { description: 'Input rows over all files' })
  totalRows: number;

  /** Every row, served page by page by the rows field. */
  allRows: ImportRowResult[];
}
