import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ChangeLogWrite {
  organizationId: string;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  /** The member whose history shows this change, if any. */
  memberId: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface ChangeLogRow {
  id: string;
  memberId: string | null;
  at: Date;
  actorName: string | null;
  entity: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The append-only record of who changed what in the organization, and when. */
@Injectable()
export class ChangeLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Written in the caller's transaction, so a change and its record land together or not at all. */
  async record(tx: EntityManager, entries: ChangeLogWrite[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO change_log (organization_id, actor_user_id, entity, entity_id, member_id, action, before, after)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[], $8::jsonb[])`,
      [
        entries.map((e) => e.organizationId),
        entries.map((e) => e.actorUserId),
        entries.map((e) => e.entity),
        entries.map((e) => e.entityId),
        entries.map((e) => e.memberId),
        entries.map((e) => e.action),
        entries.map((e) => (e.before ? JSON.stringify(e.before) : null)),
        entries.map((e) => (e.after ? JSON.stringify(e.after) : null)),
      ],
    );
  }

  /** The latest changes of many members, `limit` each, in one statement. */
  async historyOfMembers(memberIds: readonly string[], limit: number): Promise<ChangeLogRow[]> {
    if (memberIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT h.id::text, h.member_id, h.at, u.name AS actor_name, h.entity, h.action, h.before, h.after
         FROM unnest($1::uuid[]) AS ids(member_id)
         CROSS JOIN LATERAL (
           SELECT * FROM change_log c WHERE c.member_id = ids.member_id ORDER BY c.at DESC, c.id DESC LIMIT $2
         ) h
         LEFT JOIN app_user u ON u.id = h.actor_user_id
        ORDER BY h.member_id, h.at DESC, h.id DESC`,
      [memberIds, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      memberId: r.member_id as string | null,
      at: r.at as Date,
      actorName: r.actor_name as string | null,
      entity: r.entity as string,
      action: r.action as string,
      before: r.before as Record<string, unknown> | null,
      after: r.after as Record<string, unknown> | null,
    }));
  }
}
