import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DEAL_STAGE_KINDS, type DealStageKind } from '@salescircle/shared';
import { enumObject } from '../../common/graphql/enums';

export const DealStageKindEnum: Record<DealStageKind, DealStageKind> = enumObject(DEAL_STAGE_KINDS);
registerEnumType(DealStageKindEnum, { name: 'DealStageKind', description: 'OPEN: in progress; WON and LOST close a deal' });

@ObjectType('PipelineStage')
export class PipelineStageModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => DealStageKindEnum)
  kind: DealStageKind;

  @Field(() => Float, { description: 'Chance a deal in this stage is won, 0..1 (weighted pipeline)' })
  probability: number;

  @Field(() => Int, { description: 'Order within the pipeline, from 1' })
  position: number;
}

@ObjectType('Pipeline', { description: 'A sales pipeline: the ordered stages deals move through' })
export class PipelineModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  isDefault: boolean;

  @Field(() => [PipelineStageModel], { description: 'In position order' })
  stages: PipelineStageModel[];
}
