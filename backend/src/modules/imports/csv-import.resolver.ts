import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { CsvPreviewModel } from './csv-import.model';
import { CsvImportService } from './csv-import.service';
import { CsvImportInput, CsvPreviewInput } from './dto/csv-import.inputs';
import { ImportReportModel } from './imports.model';

@Resolver()
export class CsvImportResolver {
  constructor(private readonly service: CsvImportService) {}

  @Query(() => CsvPreviewModel, { description: 'Reads a CSV file with a mapping (the suggested one when none is given): the header, the mapping and the first rows with each cell\'s problem; writes nothing' })
  previewCsvImport(@CurrentViewer() viewer: Viewer, @Args('input') input: CsvPreviewInput): Promise<CsvPreviewModel> {
    return this.service.preview(viewer, { entity: input.entity, csv: input.csv, mapping: input.mapping?.map((m) => ({ column: m.column, field: m.field ?? null })) ?? null, pipelineName: input.pipelineName ?? null });
  }

  @Mutation(() => ImportReportModel, {
    description: 'Imports clients, deals or activities from a CSV file with a mapping of its columns (atomic: a rejected row or any failure writes nothing; idempotent by external id, else by a key from the INN or the normalized name); dryRun evaluates without writing',
  })
  async importCsv(@CurrentViewer() viewer: Viewer, @Args('input') input: CsvImportInput): Promise<ImportReportModel> {
    const { rows, ...report } = await this.service.importForViewer(viewer, {
      entity: input.entity,
      csv: input.csv,
      fileName: input.fileName ?? null,
      mapping: input.mapping.map((m) => ({ column: m.column, field: m.field ?? null })),
      pipelineName: input.pipelineName ?? null,
      dryRun: input.dryRun ?? false,
    });
    return { ...report, allRows: rows };
  }
}
