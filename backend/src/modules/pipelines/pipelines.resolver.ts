import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { PipelineModel } from './pipeline.model';
import { PipelinesService } from './pipelines.service';

@Resolver(() => PipelineModel)
export class PipelinesResolver {
  constructor(private readonly service: PipelinesService) {}

  @Query(() => [PipelineModel], { description: "The organization's pipelines with their stages, the default first" })
  async pipelines(@CurrentViewer() viewer: Viewer): Promise<PipelineModel[]> {
    return (await this.service.list(viewer)).map((p) => ({
      id: p.id,
      name: p.name,
      isDefault: p.isDefault,
      stages: p.stages.map(({ id, name, kind, probability, position }) => ({ id, name, kind, probability, position })),
    }));
  }
}
