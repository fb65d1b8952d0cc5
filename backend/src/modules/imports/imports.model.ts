import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IMPORT_CHANGES,
  IMPORT_FILES,
  IMPORT_OUTCOMES,
  IMPORT_STATUSES,
  type ImportChange,
  type ImportFile,
  type ImportOutcome,
  type ImportStatus,
} from '@salescircle/shared';
import { enumObject } from '../../common/graphql/enums';
import type { ImportRowResult } from './import-report';

export const ImportOutcomeEnum: Record<ImportOutcome, ImportOutcome> = enumObject(IMPORT_OUTCOMES);
export const ImportChangeEnum: Record<ImportChange, ImportChange> = enumObject(IMPORT_CHANGES);
export const ImportStatusEnum: Record<ImportStatus, ImportStatus> = enumObject(IMPORT_STATUSES);
export const ImportFileEnum: Record<ImportFile, ImportFile> = enumObject(IMPORT_FILES);

registerEnumType(ImportOutcomeEnum, {
  name: 'ImportOutcome',
  description: 'IMPORTED new, UPDATED changed, UNCHANGED already so, RECONCILED written after matching a value (message: with what), REJECTED (message: why)',
});
registerEnumType(ImportChangeEnum, { name: 'ImportChange', description: "What a row did to its record" });
registerEnumType(ImportStatusEnum, { name: 'ImportStatus', description: 'APPLIED written; DRY_RUN nothing written; FAILED a row was rejected, nothing written' });
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
  @Field()
  what: string;

  @Field(() => Int)
  imported: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;
}

@ObjectType('ImportNote', { description: 'Something the import had to decide, with how many rows it concerns' })
export class ImportNoteModel {
  @Field()
  code: string;

  @Field()
  message: string;

  @Field(() => Int)
  count: number;
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
