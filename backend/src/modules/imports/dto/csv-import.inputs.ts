import { Field, InputType } from '@nestjs/graphql';
import { CSV_IMPORT_MAX_CHARS, type CsvImportEntity } from '@salescircle/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CsvImportEntityEnum } from '../csv-import.model';

const TOO_LARGE = `The file is over ${CSV_IMPORT_MAX_CHARS.toLocaleString('en-US')} characters; split it into several imports.`;

@InputType('CsvColumnMappingInput', { description: 'Which field a column of the file fills (field null: the column is ignored)' })
export class CsvColumnMappingInput {
  @Field({ description: 'The column as the header names it' })
  @IsString()
  @MaxLength(500)
  column: string;

  @Field(() => String, { nullable: true, description: 'A field of the entity (CLIENTS: name, inn, owner, …; DEALS: title, stage, amount, …; ACTIVITIES: kind, at, …), or null to ignore the column' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  field?: string | null;
}

/** What a preview and an import both send: the kind of rows and the file's text. */
@InputType({ isAbstract: true })
export abstract class CsvFileInput {
  @Field(() => CsvImportEntityEnum)
  @IsIn(Object.values(CsvImportEntityEnum))
  entity: CsvImportEntity;

  @Field({ description: `The file's text (the page reads the file); at most ${CSV_IMPORT_MAX_CHARS.toLocaleString('en-US')} characters` })
  @IsString()
  @MaxLength(CSV_IMPORT_MAX_CHARS, { message: TOO_LARGE })
  csv: string;
}

@InputType('CsvPreviewInput')
export class CsvPreviewInput extends CsvFileInput {
  @Field(() => [CsvColumnMappingInput], { nullable: true, description: 'The mapping to read the rows with; none: the suggested one' })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CsvColumnMappingInput)
  mapping?: CsvColumnMappingInput[] | null;

  @Field(() => String, { nullable: true, description: 'Deals: the pipeline whose stages the rows name; none: the default pipeline' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pipelineName?: string | null;
}

@InputType('CsvImportInput')
export class CsvImportInput extends CsvFileInput {
  @Field(() => String, { nullable: true, description: "The file's name, for the report" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  fileName?: string | null;

  @Field(() => [CsvColumnMappingInput], { description: 'Column → field; unlisted columns are ignored' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CsvColumnMappingInput)
  mapping: CsvColumnMappingInput[];

  @Field(() => String, { nullable: true, description: 'Deals: the pipeline they go into, created with the stages the file names when missing; none: the default pipeline' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pipelineName?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Evaluate every row and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean | null;
}
