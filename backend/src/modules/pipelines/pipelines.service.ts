import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../common/auth/viewer';
import { PipelinesRepository, type PipelineRow } from './pipelines.repository';

/** Pipelines are visible to everyone signed in to the organization (the funnel is transparent). */
@Injectable()
export class PipelinesService {
  constructor(private readonly pipelines: PipelinesRepository) {}

  list(viewer: Viewer): Promise<PipelineRow[]> {
    return this.pipelines.pipelinesOf(viewer.organizationId);
  }
}
