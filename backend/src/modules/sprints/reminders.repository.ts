import { Injectable } from '@nestjs/common';
import type { NotificationKind, ReminderKind } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { LIVE_CHANNEL } from './live-events.service';

export interface ReminderRow {
  id: string;
  processId: string;
  recipientMemberId: string;
  recipientName: string | null;
  kind: ReminderKind;
  at: Date | null;
  offsetMinutes: number | null;
  everyDays: number | null;
  nextAt: Date | null;
  lastFiredAt: Date | null;
  note: string;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  processId: string | null;
  teamId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * The reminder sweep, as one statement per batch: take due reminders (SKIP LOCKED, so two
 * sweeps never take the same one), write one notification each (the dedupe key makes a
 * firing exactly once even if a batch were repeated), move each to its next time (the
 * arithmetic of nextFireAfter in shared/, held equal by a property test) or finish it, and
 * notify the recipients' open pages; all in the batch's transaction.
 * $1: now, $2: batch size.
 */
export const REMINDER_SWEEP_SQL = `
WITH due AS (
  SELECT r.id, r.organization_id, r.process_id, r.kind, r.next_at, r.every_days, r.note, m.user_id, p.title, p.team_id, p.status
    FROM reminder r
    JOIN sales_process p ON p.id = r.process_id
    JOIN member m ON m.id = r.recipient_member_id
   WHERE r.next_at <= $1
   ORDER BY r.next_at
   LIMIT $2
     FOR UPDATE OF r SKIP LOCKED
), moved AS (
  UPDATE reminder r
     SET last_fired_at = $1,
         next_at = CASE WHEN due.kind = 'RECURRING' AND due.status <> 'DONE'
                        THEN due.next_at + make_interval(days => due.every_days * (floor(extract(epoch FROM ($1::timestamptz - due.next_at)) / (due.every_days * 86400))::int + 1))
                   END
    FROM due WHERE r.id = due.id
  RETURNING r.id
), sent AS (
  INSERT INTO notification (organization_id, recipient_user_id, kind, process_id, team_id, title, body, reminder_id, dedupe_key)
  SELECT due.organization_id, due.user_id, 'REMINDER', due.process_id, due.team_id, due.title, due.note, due.id,
         'reminder:' || due.id || ':' || (extract(epoch FROM due.next_at) * 1000)::bigint
    FROM due WHERE due.user_id IS NOT NULL AND due.status <> 'DONE'
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING recipient_user_id
), told AS (
  SELECT pg_notify('${LIVE_CHANNEL}', json_build_object('type', 'notification', 'userId', recipient_user_id)::text)
    FROM (SELECT DISTINCT recipient_user_id FROM sent) s
)
SELECT (SELECT count(*)::int FROM moved) AS taken, (SELECT count(*)::int FROM sent) AS sent, (SELECT count(*)::int FROM told) AS told`;

/**
 * Escalations to the team's lead (the director when the team has no lead who signs in): open
 * processes of active sprints overdue beyond the grace, or blocked longer than the limit
 * (escalationOf in shared/). Once per process and cause: the key holds the due time or the
 * moment it was blocked, so a new due date or a new block escalates again.
 * $1: now; $2, $3: the default overdue grace and blocked hours (an organization's settings override them).
 */
export const ESCALATION_SWEEP_SQL = `
WITH hit AS (
  SELECT p.id, p.organization_id, p.team_id, p.title, coalesce(lm.user_id, dm.user_id) AS user_id,
         CASE WHEN p.status = 'BLOCKED' AND p.blocked_since <= $1::timestamptz - make_interval(hours => coalesce((o.settings->>'escalateBlockedAfterHours')::int, $3)) THEN 'BLOCKED' ELSE 'OVERDUE' END AS kind,
         CASE WHEN p.status = 'BLOCKED' AND p.blocked_since <= $1::timestamptz - make_interval(hours => coalesce((o.settings->>'escalateBlockedAfterHours')::int, $3)) THEN p.blocked_since ELSE p.due_at END AS since,
         p.blocked_reason
    FROM sales_process p
    JOIN sprint s ON s.id = p.sprint_id AND s.status = 'ACTIVE'
    JOIN team t ON t.id = p.team_id
    JOIN organization o ON o.id = p.organization_id
    LEFT JOIN member lm ON lm.id = t.lead_id
    LEFT JOIN member dm ON dm.id = t.director_id
   WHERE p.status <> 'DONE' AND p.approval = 'APPROVED'
     AND ((p.status = 'BLOCKED' AND p.blocked_since <= $1::timestamptz - make_interval(hours => coalesce((o.settings->>'escalateBlockedAfterHours')::int, $3)))
          OR p.due_at <= $1::timestamptz - make_interval(hours => coalesce((o.settings->>'escalateOverdueAfterHours')::int, $2)))
), sent AS (
  INSERT INTO notification (organization_id, recipient_user_id, kind, process_id, team_id, title, body, dedupe_key)
  SELECT organization_id, user_id, kind, id, team_id, title, coalesce(CASE WHEN kind = 'BLOCKED' THEN blocked_reason END, ''),
         'escalation:' || kind || ':' || id || ':' || (extract(epoch FROM since) * 1000)::bigint
    FROM hit WHERE user_id IS NOT NULL
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING recipient_user_id
), told AS (
  SELECT pg_notify('${LIVE_CHANNEL}', json_build_object('type', 'notification', 'userId', recipient_user_id)::text)
    FROM (SELECT DISTINCT recipient_user_id FROM sent) s
)
SELECT (SELECT count(*)::int FROM sent) AS sent, (SELECT count(*)::int FROM told) AS told`;

const REMINDER_COLUMNS = `r.id, r.process_id AS "processId", r.recipient_member_id AS "recipientMemberId", m.name AS "recipientName", r.kind, r.at,
  r.offset_minutes AS "offsetMinutes", r.every_days AS "everyDays", r.next_at AS "nextAt", r.last_fired_at AS "lastFiredAt", r.note`;

@Injectable()
export class RemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  async sweepBatch(tx: EntityManager, now: Date, batch: number): Promise<{ taken: number; sent: number }> {
    const [row]: { taken: number; sent: number }[] = await tx.query(REMINDER_SWEEP_SQL, [now, batch]);
    return row;
  }

  async escalate(tx: EntityManager, now: Date, overdueGraceHours: number, blockedHours: number): Promise<number> {
    const [row]: { sent: number }[] = await tx.query(ESCALATION_SWEEP_SQL, [now, overdueGraceHours, blockedHours]);
    return row.sent;
  }

  async insert(tx: EntityManager, r: { organizationId: string; processId: string; recipientMemberId: string; kind: ReminderKind; at: Date | null; offsetMinutes: number | null; everyDays: number | null; nextAt: Date | null; note: string; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, offset_minutes, every_days, next_at, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [r.organizationId, r.processId, r.recipientMemberId, r.kind, r.at, r.offsetMinutes, r.everyDays, r.nextAt, r.note, r.createdBy],
    );
    return row.id;
  }

  async byId(id: string, tx?: EntityManager): Promise<ReminderRow | null> {
    const rows: ReminderRow[] = await this.db(tx).query(`SELECT ${REMINDER_COLUMNS} FROM reminder r JOIN member m ON m.id = r.recipient_member_id WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async ofProcesses(processIds: readonly string[]): Promise<ReminderRow[]> {
    if (processIds.length === 0) return [];
    return this.db().query(
      `SELECT ${REMINDER_COLUMNS} FROM reminder r JOIN member m ON m.id = r.recipient_member_id WHERE r.process_id = ANY($1) ORDER BY r.next_at NULLS LAST, r.created_at`,
      [processIds],
    );
  }

  async countOf(tx: EntityManager, processId: string): Promise<number> {
    const [row]: { n: number }[] = await tx.query('SELECT count(*)::int AS n FROM reminder WHERE process_id = $1', [processId]);
    return row.n;
  }

  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.query('DELETE FROM reminder WHERE id = $1', [id]);
  }

  /** A due time moved: reminders relative to it that have not fired move with it. */
  async followDue(tx: EntityManager, processId: string, dueAt: Date | null): Promise<void> {
    await tx.query(
      `UPDATE reminder SET next_at = CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE $2::timestamptz - make_interval(mins => offset_minutes) END
        WHERE process_id = $1 AND kind = 'BEFORE_DUE' AND last_fired_at IS NULL`,
      [processId, dueAt],
    );
  }

  // ---- notifications ----

  async notify(tx: EntityManager, n: { organizationId: string; userIds: readonly string[]; kind: NotificationKind; processId: string | null; teamId: string | null; title: string; body: string }): Promise<void> {
    if (n.userIds.length === 0) return;
    await tx.query(
      `INSERT INTO notification (organization_id, recipient_user_id, kind, process_id, team_id, title, body)
       SELECT $1, u, $3, $4, $5, $6, $7 FROM unnest($2::uuid[]) AS u`,
      [n.organizationId, [...new Set(n.userIds)], n.kind, n.processId, n.teamId, n.title, n.body],
    );
  }

  async notificationsOf(userId: string, unreadOnly: boolean, first: number): Promise<NotificationRow[]> {
    return this.db().query(
      `SELECT id, kind, title, body, process_id AS "processId", team_id AS "teamId", created_at AS "createdAt", read_at AS "readAt"
         FROM notification WHERE recipient_user_id = $1 AND ($2 = false OR read_at IS NULL) ORDER BY created_at DESC, id LIMIT $3`,
      [userId, unreadOnly, first],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row]: { n: number }[] = await this.db().query('SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL', [userId]);
    return row.n;
  }

  async markRead(userId: string, ids: readonly string[] | null): Promise<void> {
    await this.db().query(
      `UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2))`,
      [userId, ids],
    );
  }
}
