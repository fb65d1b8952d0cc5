import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CSV_IMPORT_ENTITIES, type CsvImportEntity } from '@salescircle/shared';
import { enumObject } from '../../common/graphql/enums';
import { ImportNoteModel, ImportReasonModel } from './imports.model';

export const CsvImportEntityEnum: Record<CsvImportEntity, CsvImportEntity> = enumObject(CSV_IMPORT_ENTITIES);

registerEnumType(CsvImportEntityEnum, { name: 'CsvImportEntity', description: 'What the rows of a CSV import are' });

@ObjectType('CsvColumnMapping', { description: 'Which field a column fills' })
export class CsvColumnMappingModel {
  @Field()
  column: string;

  @Field(() => String, { nullable: true, description: 'null: ignored' })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'EXACT: the header is a known spelling of the field; PARTIAL: it contains one; null: chosen by the person or not suggested' })
  match: string | null;
}

@ObjectType('CsvPreviewCell')
export class CsvPreviewCellModel {
  @Field()
  column: string;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field({ description: 'The text of the cell as the file has it' })
  value: string;

  @Field(() => String, { nullable: true, description: 'Why the cell cannot be used (a stable code: NOT_A_DATE, INN_BAD_CHECKSUM, UNKNOWN_MEMBER, …)' })
  problem: string | null;

  @Field(() => String, { nullable: true, description: 'The problem in words' })
  message: string | null;
}

@ObjectType('CsvPreviewRow')
export class CsvPreviewRowModel {
  @Field(() => Int, { description: 'Line of the file where the row starts (the header is line 1)' })
  line: number;

  @Field(() => [CsvPreviewCellModel], { description: 'One per column of the header' })
  cells: CsvPreviewCellModel[];

  @Field(() => [String], { description: 'Why the row would be rejected; empty when it reads' })
  problems: string[];

  @Field(() => [String], { description: 'Values matched to known ones: "owner Петров Иван → Иван Петров"' })
  reconciled: string[];

  @Field(() => [String])
  notes: string[];

  @Field(() => [ImportReasonModel], { description: 'Problems, reconciled values and notes by code and values, in that order' })
  reasons: ImportReasonModel[];
}

@ObjectType('CsvPreview', { description: 'A CSV file read with a mapping: its header, the mapping, and its first rows with every cell\'s problem' })
export class CsvPreviewModel {
  @Field(() => CsvImportEntityEnum)
  entity: CsvImportEntity;

  @Field({ description: ', or ;' })
  delimiter: string;

  @Field(() => [String])
  headers: string[];

  @Field(() => Int, { description: 'Rows of the file (without the header)' })
  totalRows: number;

  @Field(() => [CsvColumnMappingModel], { description: 'One per column: the given mapping, or the suggested one' })
  mapping: CsvColumnMappingModel[];

  @Field(() => String, { nullable: true, description: 'What the mapping still lacks (a required field), null when it works' })
  mappingProblem: string | null;

  @Field(() => [CsvPreviewRowModel], { description: 'The first rows' })
  rows: CsvPreviewRowModel[];

  @Field(() => [String], { description: 'What the import would also do, e.g. create the named pipeline' })
  notes: string[];

  @Field(() => [ImportNoteModel], { description: 'The same notes by code and values (PIPELINE_TO_CREATE, …)' })
  noteReasons: ImportNoteModel[];
}
