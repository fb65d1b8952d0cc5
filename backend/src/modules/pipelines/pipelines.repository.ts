import { Injectable } from '@nestjs/common';
import type { DealStageKind } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';

export interface PipelineStageRow {
  id: string;
  pipelineId: string;
  name: string;
  kind: DealStageKind;
  probability: number;
  position: number;
}

export interface PipelineRow {
  id: string;
  name: string;
  isDefault: boolean;
  stages: PipelineStageRow[];
}

/** Pipelines and their stages: the only SQL on these two tables outside the demo seeder. */
@Injectable()
export class PipelinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  /** Every pipeline of the organization with its stages, the default first, then by name. */
  async pipelinesOf(organizationId: string, tx?: EntityManager): Promise<PipelineRow[]> {
    return this.withStages(
      await this.db(tx).query(
        `SELECT id, name, is_default AS "isDefault" FROM pipeline WHERE organization_id = $1 ORDER BY is_default DESC, lower(name), id`,
        [organizationId],
      ),
      tx,
    );
  }

  async pipelineByName(tx: EntityManager, organizationId: string, name: string): Promise<PipelineRow | null> {
    const rows = await this.withStages(
      await tx.query(`SELECT id, name, is_default AS "isDefault" FROM pipeline WHERE organization_id = $1 AND name = $2`, [organizationId, name]),
      tx,
    );
    return rows[0] ?? null;
  }

  /** A new pipeline; the organization's default when it has none yet. */
  async insertPipeline(tx: EntityManager, organizationId: string, name: string): Promise<PipelineRow> {
    const [row]: Omit<PipelineRow, 'stages'>[] = await tx.query(
      `INSERT INTO pipeline (organization_id, name, is_default)
       VALUES ($1, $2, NOT EXISTS (SELECT 1 FROM pipeline WHERE organization_id = $1 AND is_default))
       RETURNING id, name, is_default AS "isDefault"`,
      [organizationId, name],
    );
    return { ...row, stages: [] };
  }

  async insertStages(tx: EntityManager, pipelineId: string, stages: readonly Omit<PipelineStageRow, 'id' | 'pipelineId'>[]): Promise<PipelineStageRow[]> {
    if (stages.length === 0) return [];
    return tx.query(
      `INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::text[])
       RETURNING id, pipeline_id AS "pipelineId", name, kind, probability::float8 AS probability, position`,
      [pipelineId, stages.map((s) => s.position), stages.map((s) => s.name), stages.map((s) => s.probability), stages.map((s) => s.kind)],
    );
  }

  private async withStages(pipelines: Omit<PipelineRow, 'stages'>[], tx?: EntityManager): Promise<PipelineRow[]> {
    if (pipelines.length === 0) return [];
    const stages: PipelineStageRow[] = await this.db(tx).query(
      `SELECT id, pipeline_id AS "pipelineId", name, kind, probability::float8 AS probability, position
         FROM pipeline_stage WHERE pipeline_id = ANY($1) ORDER BY pipeline_id, position`,
      [pipelines.map((p) => p.id)],
    );
    return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }));
  }
}
