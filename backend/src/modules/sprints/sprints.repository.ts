import { Injectable } from '@nestjs/common';
import type { ApprovalState, ProcessEventKind, ProcessPriority, ProcessStatus, SprintStatus, TargetKind } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPrepared } from '../../database/prepared-statements';
import { PROGRESS_INCREMENTS_SQL, PROGRESS_TOTALS_SQL, progressTotalsSql } from './progress-sql';

export interface SprintRow {
  id: string;
  organizationId: string;
  teamId: string;
  name: string;
  goal: string;
  startsOn: string;
  endsOn: string;
  status: SprintStatus;
  review: string;
  retrospective: string;
  startedAt: Date | null;
  closedAt: Date | null;
  version: number;
}

export interface ProcessRow {
  id: string;
  organizationId: string;
  teamId: string;
  sprintId: string | null;
  title: string;
  description: string;
  templateKey: string | null;
  ownerMemberId: string | null;
  coOwnerIds: string[];
  targetKind: TargetKind;
  target: number;
  segment: string | null;
  startsOn: string | null;
  dueAt: Date | null;
  priority: ProcessPriority;
  status: ProcessStatus;
  blockedReason: string | null;
  blockedSince: Date | null;
  doneAt: Date | null;
  approval: ApprovalState;
  rejectedReason: string | null;
  requestedBy: string | null;
  position: number;
  version: number;
  createdAt: Date;
}

export interface ProcessStepRow {
  processId: string;
  id: string;
  position: number;
  title: string;
  doneAt: Date | null;
}

export interface ProcessClientRow {
  processId: string;
  id: string;
  name: string;
  stage: string;
  ownerName: string | null;
}

export interface ProcessDealRow {
  processId: string;
  id: string;
  title: string;
  amount: string;
  stageName: string;
  stageKind: string;
}

/** A card of the board: the process, its progress and what the card shows of it. */
export interface BoardRow extends ProcessRow {
  progress: number;
  steps: ProcessStepRow[];
  clients: ProcessClientRow[];
  deals: ProcessDealRow[];
}

export interface ProcessEventWrite {
  processId: string;
  sprintId: string | null;
  kind: ProcessEventKind;
  fromStatus?: ProcessStatus | null;
  toStatus?: ProcessStatus | null;
  units?: number | null;
  note?: string | null;
  actorUserId: string | null;
  at?: Date;
}

const SPRINT_COLUMNS = `s.id, s.organization_id AS "organizationId", s.team_id AS "teamId", s.name, s.goal, s.starts_on::text AS "startsOn",
  s.ends_on::text AS "endsOn", s.status, s.review, s.retrospective, s.started_at AS "startedAt", s.closed_at AS "closedAt", s.version`;

const PROCESS_COLUMNS = `p.id, p.organization_id AS "organizationId", p.team_id AS "teamId", p.sprint_id AS "sprintId", p.title, p.description,
  p.template_key AS "templateKey", p.owner_member_id AS "ownerMemberId", p.co_owner_ids AS "coOwnerIds", p.target_kind AS "targetKind",
  p.target_value::float8 AS target, p.segment::text AS segment, p.starts_on::text AS "startsOn", p.due_at AS "dueAt", p.priority, p.status,
  p.blocked_reason AS "blockedReason", p.blocked_since AS "blockedSince", p.done_at AS "doneAt", p.approval, p.rejected_reason AS "rejectedReason",
  p.requested_by AS "requestedBy", p.position, p.version, p.created_at AS "createdAt"`;

/**
 * The board in one statement: a sprint's processes (rejected proposals left out) in column order,
 * each with its progress (the totals statement over the same ids), checklist, linked clients and
 * linked deals, the same rows stepsOf, clientsOf and dealsOf return. $1: sprint id, $2: organization id.
 */
const BOARD_SQL = `
WITH board AS (
  SELECT ${PROCESS_COLUMNS} FROM sales_process p WHERE p.sprint_id = $1 AND p.approval <> 'REJECTED'
), progress AS (${progressTotalsSql('ARRAY(SELECT id FROM board)', '$2::uuid')})
SELECT board.*, coalesce(progress.units, 0)::float8 AS progress,
       coalesce((SELECT json_agg(json_build_object('processId', s.process_id, 'id', s.id, 'position', s.position, 'title', s.title, 'doneAt', s.done_at) ORDER BY s.position)
                   FROM process_step s WHERE s.process_id = board.id), '[]') AS steps,
       coalesce((SELECT json_agg(json_build_object('processId', pc.process_id, 'id', c.id, 'name', c.name, 'stage', c.stage, 'ownerName', m.name) ORDER BY c.name)
                   FROM process_client pc JOIN client c ON c.id = pc.client_id LEFT JOIN member m ON m.id = c.owner_member_id
                  WHERE pc.process_id = board.id), '[]') AS clients,
       coalesce((SELECT json_agg(json_build_object('processId', pd.process_id, 'id', d.id, 'title', d.title, 'amount', d.amount::text, 'stageName', st.name, 'stageKind', st.kind) ORDER BY d.title)
                   FROM process_deal pd JOIN deal d ON d.id = pd.deal_id JOIN pipeline_stage st ON st.id = d.stage_id
                  WHERE pd.process_id = board.id), '[]') AS deals
  FROM board LEFT JOIN progress ON progress."processId" = board.id
 ORDER BY board.position, board."createdAt"`;

/** Sprints, their processes, links, steps, history and reminders: all SQL of the sprint module lives here. */
@Injectable()
export class SprintsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  // ---- sprints ----

  async sprintById(id: string, tx?: EntityManager, lock = false): Promise<SprintRow | null> {
    const rows: SprintRow[] = await this.db(tx).query(`SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async sprintsOfTeam(teamId: string): Promise<SprintRow[]> {
    return this.db().query(`SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.team_id = $1 ORDER BY s.starts_on DESC, s.created_at DESC LIMIT 200`, [teamId]);
  }

  async activeSprint(teamId: string, tx?: EntityManager): Promise<SprintRow | null> {
    const rows: SprintRow[] = await this.db(tx).query(`SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.team_id = $1 AND s.status = 'ACTIVE'`, [teamId]);
    return rows[0] ?? null;
  }

  async closedSprints(teamId: string, last: number): Promise<SprintRow[]> {
    const rows: SprintRow[] = await this.db().query(
      `SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.team_id = $1 AND s.status = 'CLOSED' ORDER BY s.ends_on DESC, s.closed_at DESC LIMIT $2`,
      [teamId, last],
    );
    return rows.reverse();
  }

  async nextPlannedSprint(tx: EntityManager, teamId: string, after: string): Promise<SprintRow | null> {
    const rows: SprintRow[] = await tx.query(
      `SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.team_id = $1 AND s.status = 'PLANNED' AND s.starts_on > $2 ORDER BY s.starts_on LIMIT 1 FOR UPDATE`,
      [teamId, after],
    );
    return rows[0] ?? null;
  }

  async insertSprint(tx: EntityManager, s: { organizationId: string; teamId: string; name: string; goal: string; startsOn: string; endsOn: string; createdBy: string | null }): Promise<SprintRow> {
    const [row]: SprintRow[] = await tx.query(
      `INSERT INTO sprint (organization_id, team_id, name, goal, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SPRINT_COLUMNS.replaceAll('s.', '')}`,
      [s.organizationId, s.teamId, s.name, s.goal, s.startsOn, s.endsOn, s.createdBy],
    );
    return row;
  }

  async updateSprint(tx: EntityManager, id: string, changes: Partial<Record<'name' | 'goal' | 'starts_on' | 'ends_on' | 'status' | 'review' | 'retrospective', string>> & { started_at?: Date; closed_at?: Date }): Promise<SprintRow> {
    const keys = Object.keys(changes) as (keyof typeof changes)[];
    const sets = keys.map((k, i) => `${k} = $${i + 2}`);
    const [rows]: [SprintRow[], number] = await tx.query(
      `UPDATE sprint SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING ${SPRINT_COLUMNS.replaceAll('s.', '')}`,
      [id, ...keys.map((k) => changes[k])],
    );
    return rows[0];
  }

  // ---- processes ----

  async processById(id: string, tx?: EntityManager, lock = false): Promise<ProcessRow | null> {
    const rows: ProcessRow[] = await this.db(tx).query(`SELECT ${PROCESS_COLUMNS} FROM sales_process p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async processesByIds(ids: readonly string[]): Promise<ProcessRow[]> {
    if (ids.length === 0) return [];
    return this.db().query(`SELECT ${PROCESS_COLUMNS} FROM sales_process p WHERE p.id = ANY($1)`, [ids]);
  }

  /** The board: a sprint's processes (rejected proposals left out), by column order. */
  async processesOfSprint(sprintId: string, tx?: EntityManager): Promise<ProcessRow[]> {
    return this.db(tx).query(
      `SELECT ${PROCESS_COLUMNS} FROM sales_process p WHERE p.sprint_id = $1 AND p.approval <> 'REJECTED' ORDER BY p.position, p.created_at`,
      [sprintId],
    );
  }

  /** The board's cards, each with progress, steps and links (BOARD_SQL), prepared: it runs on every board view. */
  async boardOfSprint(sprintId: string, organizationId: string): Promise<BoardRow[]> {
    const rows = await queryPrepared<Omit<BoardRow, 'steps'> & { steps: (Omit<ProcessStepRow, 'doneAt'> & { doneAt: string | null })[] }>(this.dataSource, BOARD_SQL, [sprintId, organizationId]);
    return rows.map((r) => ({ ...r, steps: r.steps.map((step) => ({ ...step, doneAt: step.doneAt === null ? null : new Date(step.doneAt) })) }));
  }

  async backlog(teamId: string): Promise<ProcessRow[]> {
    return this.db().query(
      `SELECT ${PROCESS_COLUMNS} FROM sales_process p WHERE p.team_id = $1 AND p.sprint_id IS NULL AND p.approval <> 'REJECTED' AND p.status <> 'DONE'
        ORDER BY CASE p.approval WHEN 'PENDING' THEN 0 ELSE 1 END, p.created_at DESC LIMIT 500`,
      [teamId],
    );
  }

  async insertProcess(
    tx: EntityManager,
    p: Omit<ProcessRow, 'id' | 'version' | 'createdAt' | 'status' | 'blockedReason' | 'blockedSince' | 'doneAt' | 'rejectedReason' | 'position'> & { createdBy: string | null },
  ): Promise<ProcessRow> {
    const [row]: ProcessRow[] = await tx.query(
      `INSERT INTO sales_process (organization_id, team_id, sprint_id, title, description, template_key, owner_member_id, co_owner_ids, target_kind,
                                  target_value, segment, starts_on, due_at, priority, approval, requested_by, created_by, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17,
               coalesce((SELECT max(position) + 1 FROM sales_process WHERE sprint_id = $3 AND status = 'TODO'), 0))
       RETURNING id`,
      [
        p.organizationId, p.teamId, p.sprintId, p.title, p.description, p.templateKey, p.ownerMemberId, p.coOwnerIds, p.targetKind,
        p.target, p.segment, p.startsOn, p.dueAt, p.priority, p.approval, p.requestedBy, p.createdBy,
      ],
    );
    return (await this.processById(row.id, tx))!;
  }

  /** Changes columns of a process at the expected version; null when someone changed it meanwhile. */
  async updateProcess(tx: EntityManager, id: string, expectedVersion: number | null, changes: Record<string, unknown>): Promise<ProcessRow | null> {
    const keys = Object.keys(changes);
    const sets = keys.map((k, i) => (k === 'segment' ? `${k} = $${i + 3}::jsonb` : `${k} = $${i + 3}`));
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE sales_process SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING id`,
      [id, expectedVersion, ...keys.map((k) => changes[k])],
    );
    return rows.length ? this.processById(id, tx) : null;
  }

  async lastPositionIn(tx: EntityManager, sprintId: string | null, status: ProcessStatus): Promise<number> {
    const [row]: { p: number | null }[] = await tx.query('SELECT max(position) AS p FROM sales_process WHERE sprint_id IS NOT DISTINCT FROM $1 AND status = $2', [sprintId, status]);
    return (row.p ?? -1) + 1;
  }

  /** The board header in one statement: the team's limit and active count, and each member's active count and capacity. */
  async wipOfSprint(sprintId: string, teamId: string, tx?: EntityManager): Promise<{ teamName: string; teamLimit: number | null; teamActive: number; members: { id: string; name: string; active: number; limit: number }[] }> {
    const [row]: { team_name: string; team_limit: number | null; team_active: number; members: { id: string; name: string; active: number; limit: number }[] | null }[] = await this.db(tx).query(
      `WITH open AS (
         SELECT owner_member_id, co_owner_ids FROM sales_process WHERE sprint_id = $1 AND status <> 'DONE' AND approval = 'APPROVED'
       ), people AS (
         SELECT member_id AS id FROM team_member WHERE team_id = $2
         UNION SELECT lead_id FROM team WHERE id = $2 AND lead_id IS NOT NULL
         UNION SELECT director_id FROM team WHERE id = $2 AND director_id IS NOT NULL
       )
       SELECT (SELECT name FROM team WHERE id = $2) AS team_name, (SELECT wip_limit FROM team WHERE id = $2) AS team_limit, (SELECT count(*)::int FROM open) AS team_active,
              (SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'limit', m.capacity_processes,
                        'active', (SELECT count(*) FROM open o WHERE o.owner_member_id = m.id OR m.id = ANY(o.co_owner_ids))) ORDER BY m.name)
                 FROM people JOIN member m ON m.id = people.id) AS members`,
      [sprintId, teamId],
    );
    return { teamName: row.team_name, teamLimit: row.team_limit, teamActive: row.team_active, members: (row.members ?? []).map((m) => ({ ...m, active: Number(m.active) })) };
  }

  async teamWipLimit(teamId: string, tx?: EntityManager): Promise<number | null> {
    const [row]: { wip_limit: number | null }[] = await this.db(tx).query('SELECT wip_limit FROM team WHERE id = $1', [teamId]);
    return row?.wip_limit ?? null;
  }

  /** Moves every unfinished process of a sprint to another one; returns their ids. */
  async moveUnfinished(tx: EntityManager, fromSprintId: string, toSprintId: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE sales_process SET sprint_id = $2, version = version + 1, updated_at = now()
        WHERE sprint_id = $1 AND status <> 'DONE' AND approval <> 'REJECTED' RETURNING id`,
      [fromSprintId, toSprintId],
    );
    return rows.map((r) => r.id);
  }

  // ---- links, steps ----

  async replaceClients(tx: EntityManager, processId: string, clientIds: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM process_client WHERE process_id = $1', [processId]);
    if (clientIds.length) await tx.query('INSERT INTO process_client (process_id, client_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [processId, [...new Set(clientIds)]]);
  }

  async replaceDeals(tx: EntityManager, processId: string, dealIds: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM process_deal WHERE process_id = $1', [processId]);
    if (dealIds.length) await tx.query('INSERT INTO process_deal (process_id, deal_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [processId, [...new Set(dealIds)]]);
  }

  /** How many of the ids are clients / deals of the organization. */
  async countOwnedLinks(tx: EntityManager, organizationId: string, clientIds: readonly string[], dealIds: readonly string[]): Promise<{ clients: number; deals: number }> {
    const [row]: { clients: number; deals: number }[] = await tx.query(
      `SELECT (SELECT count(*)::int FROM client WHERE organization_id = $1 AND id = ANY($2)) AS clients,
              (SELECT count(*)::int FROM deal WHERE organization_id = $1 AND id = ANY($3)) AS deals`,
      [organizationId, [...new Set(clientIds)], [...new Set(dealIds)]],
    );
    return row;
  }

  async clientsOf(processIds: readonly string[]): Promise<ProcessClientRow[]> {
    if (processIds.length === 0) return [];
    return this.db().query(
      `SELECT pc.process_id AS "processId", c.id, c.name, c.stage, m.name AS "ownerName"
         FROM process_client pc JOIN client c ON c.id = pc.client_id LEFT JOIN member m ON m.id = c.owner_member_id
        WHERE pc.process_id = ANY($1) ORDER BY c.name`,
      [processIds],
    );
  }

  async dealsOf(processIds: readonly string[]): Promise<ProcessDealRow[]> {
    if (processIds.length === 0) return [];
    return this.db().query(
      `SELECT pd.process_id AS "processId", d.id, d.title, d.amount::text AS amount, st.name AS "stageName", st.kind AS "stageKind"
         FROM process_deal pd JOIN deal d ON d.id = pd.deal_id JOIN pipeline_stage st ON st.id = d.stage_id
        WHERE pd.process_id = ANY($1) ORDER BY d.title`,
      [processIds],
    );
  }

  async insertSteps(tx: EntityManager, processId: string, titles: readonly string[]): Promise<void> {
    if (titles.length === 0) return;
    await tx.query(
      'INSERT INTO process_step (process_id, position, title) SELECT $1, t.ord - 1, t.title FROM unnest($2::text[]) WITH ORDINALITY AS t(title, ord)',
      [processId, titles],
    );
  }

  async stepsOf(processIds: readonly string[]): Promise<ProcessStepRow[]> {
    if (processIds.length === 0) return [];
    return this.db().query(
      'SELECT process_id AS "processId", id, position, title, done_at AS "doneAt" FROM process_step WHERE process_id = ANY($1) ORDER BY position',
      [processIds],
    );
  }

  /** Checks or unchecks a step; its title, or null when the process has no such step. */
  async setStep(tx: EntityManager, processId: string, stepId: string, done: boolean, userId: string): Promise<string | null> {
    const [rows]: [{ title: string }[], number] = await tx.query(
      `UPDATE process_step SET done_at = CASE WHEN $3 THEN coalesce(done_at, now()) END, done_by = CASE WHEN $3 THEN $4::uuid END
        WHERE id = $2 AND process_id = $1 RETURNING title`,
      [processId, stepId, done, userId],
    );
    return rows[0]?.title ?? null;
  }

  async sprintsByIds(ids: readonly string[]): Promise<SprintRow[]> {
    if (ids.length === 0) return [];
    return this.db().query(`SELECT ${SPRINT_COLUMNS} FROM sprint s WHERE s.id = ANY($1)`, [ids]);
  }

  async userName(userId: string, tx?: EntityManager): Promise<string | null> {
    const rows: { name: string }[] = await this.db(tx).query('SELECT name FROM app_user WHERE id = $1', [userId]);
    return rows[0]?.name ?? null;
  }

  // ---- history ----

  async recordEvents(tx: EntityManager, events: readonly ProcessEventWrite[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO process_event (process_id, sprint_id, kind, from_status, to_status, units, note, actor_user_id, at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::uuid[], $9::timestamptz[])`,
      [
        events.map((e) => e.processId),
        events.map((e) => e.sprintId),
        events.map((e) => e.kind),
        events.map((e) => e.fromStatus ?? null),
        events.map((e) => e.toStatus ?? null),
        events.map((e) => e.units ?? null),
        events.map((e) => e.note ?? null),
        events.map((e) => e.actorUserId),
        events.map((e) => e.at ?? new Date()),
      ],
    );
  }

  async historyOf(processIds: readonly string[]): Promise<{ processId: string; id: string; kind: ProcessEventKind; fromStatus: ProcessStatus | null; toStatus: ProcessStatus | null; units: number | null; note: string | null; sprintId: string | null; at: Date; actorName: string | null }[]> {
    if (processIds.length === 0) return [];
    return this.db().query(
      `SELECT e.process_id AS "processId", e.id::text AS id, e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.units::float8 AS units,
              e.note, e.sprint_id AS "sprintId", e.at, u.name AS "actorName"
         FROM process_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
        WHERE e.process_id = ANY($1) ORDER BY e.at DESC, e.id DESC`,
      [processIds],
    );
  }

  /** Processes added to or removed from the sprint after it started. */
  async scopeChanges(sprint: SprintRow): Promise<{ processId: string; title: string; kind: ProcessEventKind; at: Date; actorName: string | null }[]> {
    if (!sprint.startedAt) return [];
    return this.db().query(
      `SELECT e.process_id AS "processId", p.title, e.kind, e.at, u.name AS "actorName"
         FROM process_event e JOIN sales_process p ON p.id = e.process_id LEFT JOIN app_user u ON u.id = e.actor_user_id
        WHERE e.sprint_id = $1 AND e.kind IN ('CREATED', 'ADDED_TO_SPRINT', 'REMOVED_FROM_SPRINT') AND e.at > $2
        ORDER BY e.at`,
      [sprint.id, sprint.startedAt],
    );
  }

  /**
   * What the burndown and velocity of a sprint rest on: every process that was ever in it,
   * with the day it entered, left (not by rollover) and was done, its target, and its
   * progress per day.
   */
  async sprintScope(sprintId: string, timezone: string): Promise<{ processId: string; addedOn: string; removedOn: string | null; doneOn: string | null; target: number; targetKind: TargetKind }[]> {
    return this.db().query(
      `WITH ev AS (
         SELECT e.process_id,
                min(e.at) FILTER (WHERE e.kind IN ('CREATED', 'ADDED_TO_SPRINT')) AS added_at,
                max(e.at) FILTER (WHERE e.kind IN ('CREATED', 'ADDED_TO_SPRINT')) AS last_added_at,
                max(e.at) FILTER (WHERE e.kind = 'REMOVED_FROM_SPRINT') AS removed_at
           FROM process_event e WHERE e.sprint_id = $1 GROUP BY e.process_id)
       SELECT p.id AS "processId", (ev.added_at AT TIME ZONE $2)::date::text AS "addedOn",
              CASE WHEN ev.removed_at > ev.last_added_at THEN (ev.removed_at AT TIME ZONE $2)::date::text END AS "removedOn",
              (p.done_at AT TIME ZONE $2)::date::text AS "doneOn", p.target_value::float8 AS target, p.target_kind AS "targetKind"
         FROM ev JOIN sales_process p ON p.id = ev.process_id
        WHERE ev.added_at IS NOT NULL AND p.approval = 'APPROVED'`,
      [sprintId, timezone],
    );
  }

  /** Units of progress per process and day (see progress-sql.ts). */
  async progressIncrements(processIds: readonly string[], timezone: string, tx?: EntityManager): Promise<{ processId: string; day: string; units: number }[]> {
    if (processIds.length === 0) return [];
    return this.db(tx).query(PROGRESS_INCREMENTS_SQL, [processIds, timezone]);
  }

  /** Progress per process as one total (the board). */
  async progressTotals(processIds: readonly string[], organizationId: string): Promise<{ processId: string; units: number }[]> {
    if (processIds.length === 0) return [];
    return this.db().query(PROGRESS_TOTALS_SQL, [processIds, organizationId]);
  }

  async wonRevenue(processIds: readonly string[], from: string, to: string): Promise<string> {
    if (processIds.length === 0) return '0';
    const [row]: { total: string }[] = await this.db().query(
      `SELECT coalesce(sum(won.amount), 0)::text AS total FROM (
         SELECT DISTINCT d.id, d.amount FROM process_deal pd JOIN deal d ON d.id = pd.deal_id JOIN pipeline_stage st ON st.id = d.stage_id
          WHERE pd.process_id = ANY($1) AND st.kind = 'WON' AND d.closed_on BETWEEN $2 AND $3) won`,
      [processIds, from, to],
    );
    return row.total;
  }

  // ---- templates ----

  async templates(organizationId: string): Promise<{ id: string; name: string; targetKind: TargetKind; targetValue: number; steps: string[] }[]> {
    return this.db().query(
      'SELECT id, name, target_kind AS "targetKind", target_value::float8 AS "targetValue", steps FROM process_template WHERE organization_id = $1 ORDER BY name',
      [organizationId],
    );
  }

  async insertTemplate(tx: EntityManager, organizationId: string, t: { name: string; targetKind: TargetKind; targetValue: number; steps: string[] }, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO process_template (organization_id, name, target_kind, target_value, steps, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
      [organizationId, t.name, t.targetKind, t.targetValue, t.steps, userId],
    );
    return rows[0]?.id ?? null;
  }

  /** The name of a planned or running sprint of the team whose dates overlap, if any. */
  async overlappingSprint(tx: EntityManager, teamId: string, startsOn: string, endsOn: string, exceptId: string | null): Promise<string | null> {
    const rows: { name: string }[] = await tx.query(
      `SELECT name FROM sprint WHERE team_id = $1 AND status <> 'CLOSED' AND starts_on <= $3 AND ends_on >= $2 AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
      [teamId, startsOn, endsOn, exceptId],
    );
    return rows[0]?.name ?? null;
  }

  /**
   * The first of the sprint's unfinished processes whose due day (in the organization's calendar)
   * falls in [fromDay, toDay): those a later first day would leave due before the sprint starts.
   * Processes due before fromDay already were (a rollover carries them) and are not counted.
   */
  async processDueBetween(tx: EntityManager, sprintId: string, fromDay: string, toDay: string, timezone: string): Promise<{ title: string; dueOn: string; count: number } | null> {
    const rows: { title: string; dueOn: string; count: number }[] = await tx.query(
      `SELECT p.title, (p.due_at AT TIME ZONE $4)::date::text AS "dueOn", count(*) OVER ()::int AS count
         FROM sales_process p
        WHERE p.sprint_id = $1 AND p.status <> 'DONE' AND p.due_at IS NOT NULL
          AND (p.due_at AT TIME ZONE $4)::date >= $2::date AND (p.due_at AT TIME ZONE $4)::date < $3::date
        ORDER BY p.due_at, p.id LIMIT 1`,
      [sprintId, fromDay, toDay, timezone],
    );
    return rows[0] ?? null;
  }

  // ---- people ----

  async membersOfTeam(teamId: string, tx?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.db(tx).query(
      `SELECT member_id AS id FROM team_member WHERE team_id = $1
       UNION SELECT lead_id FROM team WHERE id = $1 AND lead_id IS NOT NULL
       UNION SELECT director_id FROM team WHERE id = $1 AND director_id IS NOT NULL`,
      [teamId],
    );
    return rows.map((r) => r.id);
  }

  async teamRow(teamId: string, tx?: EntityManager): Promise<{ id: string; organizationId: string; name: string; leadUserId: string | null; directorUserId: string | null } | null> {
    const rows = await this.db(tx).query(
      `SELECT t.id, t.organization_id AS "organizationId", t.name, lm.user_id AS "leadUserId", dm.user_id AS "directorUserId"
         FROM team t LEFT JOIN member lm ON lm.id = t.lead_id LEFT JOIN member dm ON dm.id = t.director_id WHERE t.id = $1`,
      [teamId],
    );
    return rows[0] ?? null;
  }

  async userIdsOfMembers(memberIds: readonly string[], tx?: EntityManager): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const rows: { user_id: string }[] = await this.db(tx).query('SELECT user_id FROM member WHERE id = ANY($1) AND user_id IS NOT NULL', [memberIds]);
    return rows.map((r) => r.user_id);
  }
}
