import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { ImportFile, ImportOutcome } from '@salescircle/shared';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { MavenCrmFilesInput } from './dto/import.inputs';
import { ImportFileEnum, ImportOutcomeEnum, ImportReportModel, ImportRowModel } from './imports.model';
import { ImportsService } from './imports.service';

/** Rows of a report per request; page with offset for more. */
const ROWS_PAGE_LIMIT = 1_000;

@Resolver(() => ImportReportModel)
export class ImportsResolver {
  constructor(private readonly service: ImportsService) {}

  @Mutation(() => ImportReportModel, {
    description: 'Imports a maven-crm export (atomic, idempotent by external id) into the organization; dryRun evaluates without writing',
  })
  async importMavenCrm(
    @CurrentViewer() viewer: Viewer,
    @Args('files') files: MavenCrmFilesInput,
    @Args('pipelineName', { description: 'The pipeline the deals go into (created with the file\'s stages when missing)' }) pipelineName: string,
    @Args('dryRun', { nullable: true }) dryRun?: boolean,
  ): Promise<ImportReportModel> {
    const { rows, ...report } = await this.service.importForViewer(viewer, files, pipelineName, dryRun ?? false);
    return { ...report, allRows: rows };
  }

  @ResolveField(() => [ImportRowModel], { description: `Rows in file order, filtered; at most ${ROWS_PAGE_LIMIT} per request` })
  rows(
    @Parent() report: ImportReportModel,
    @Args('outcome', { type: () => ImportOutcomeEnum, nullable: true }) outcome?: ImportOutcome,
    @Args('file', { type: () => ImportFileEnum, nullable: true }) file?: ImportFile,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number,
    @Args('limit', { type: () => Int, nullable: true, description: `1..${ROWS_PAGE_LIMIT}, default ${ROWS_PAGE_LIMIT}` }) limit?: number,
  ): ImportRowModel[] {
    const take = limit ?? ROWS_PAGE_LIMIT;
    if (!Number.isInteger(take) || take < 1 || take > ROWS_PAGE_LIMIT) throw DomainError.outOfRange('limit', `limit must be 1 to ${ROWS_PAGE_LIMIT}`, take, 1, ROWS_PAGE_LIMIT);
    const skip = offset ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw DomainError.outOfRange('offset', 'offset must be 0 or more', skip, 0, Number.MAX_SAFE_INTEGER);
    return report.allRows.filter((r) => (!outcome || r.outcome === outcome) && (!file || r.file === file)).slice(skip, skip + take);
  }
}
