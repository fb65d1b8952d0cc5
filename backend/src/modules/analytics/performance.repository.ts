import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface SessionRow {
  id: string;
  coachMemberId: string;
  coacheeMemberId: string;
  templateId: string | null;
  templateName: string | null;
  heldOn: string;
  scores: { criterion: string; score: number }[];
  score: number | null;
  notes: string;
  createdAt: Date;
}

/** KPI targets, forecast submissions and snapshots, coaching sessions: their SQL. */
@Injectable()
export class PerformanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  // ---- KPI targets ----

  async upsertTarget(tx: EntityManager, t: { organizationId: string; memberId: string; metric: string; from: string; to: string; target: number; weight: number; userId: string }): Promise<void> {
    await tx.query(
      `INSERT INTO kpi_target (organization_id, member_id, metric, period_start, period_end, target, weight, set_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (member_id, metric, period_start, period_end) DO UPDATE SET target = excluded.target, weight = excluded.weight, set_by = excluded.set_by, set_at = now()`,
      [t.organizationId, t.memberId, t.metric, t.from, t.to, t.target, t.weight, t.userId],
    );
  }

  // ---- forecast ----

  async insertSubmission(tx: EntityManager, s: { organizationId: string; memberId: string; from: string; to: string; kind: 'SUBMITTED' | 'ADJUSTED'; amount: number; note: string; userId: string }): Promise<void> {
    await tx.query(
      `INSERT INTO forecast_submission (organization_id, member_id, period_start, period_end, kind, amount, note, by_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.organizationId, s.memberId, s.from, s.to, s.kind, s.amount, s.note, s.userId],
    );
  }

  async submissions(organizationId: string, memberIds: string[] | null, from: string, to: string): Promise<{ id: string; memberId: string; kind: 'SUBMITTED' | 'ADJUSTED'; amount: number; note: string; byName: string | null; at: Date }[]> {
    return this.db().query(
      `SELECT s.id, s.member_id AS "memberId", s.kind, s.amount::float8 AS amount, s.note, u.name AS "byName", s.at
         FROM forecast_submission s LEFT JOIN app_user u ON u.id = s.by_user_id
        WHERE s.organization_id = $1 AND ($2::uuid[] IS NULL OR s.member_id = ANY($2)) AND s.period_start = $3 AND s.period_end = $4
        ORDER BY s.at DESC`,
      [organizationId, memberIds, from, to],
    );
  }

  /**
   * The weekly snapshot of every owner's forecast for a period, in one statement: closed, commit,
   * best case and weighted from the deals, and the latest submitted (or adjusted) figure.
   * Taking it twice on a day keeps the first.
   */
  async takeSnapshot(tx: EntityManager, organizationId: string, from: string, to: string, takenOn: string): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO forecast_snapshot (organization_id, member_id, period_start, period_end, taken_on, closed, commit, best_case, weighted, submitted)
       SELECT $1, m.id, $2, $3, $4,
              coalesce(sum(d.amount) FILTER (WHERE s.kind = 'WON' AND d.closed_on BETWEEN $2 AND $3), 0),
              coalesce(sum(d.amount) FILTER (WHERE (s.kind = 'WON' AND d.closed_on BETWEEN $2 AND $3) OR (s.kind = 'OPEN' AND s.probability >= 0.8 AND d.expected_close_on BETWEEN $2 AND $3)), 0),
              coalesce(sum(d.amount) FILTER (WHERE (s.kind = 'WON' AND d.closed_on BETWEEN $2 AND $3) OR (s.kind = 'OPEN' AND s.probability >= 0.4 AND d.expected_close_on BETWEEN $2 AND $3)), 0),
              coalesce(sum(CASE WHEN s.kind = 'WON' AND d.closed_on BETWEEN $2 AND $3 THEN d.amount
                                WHEN s.kind = 'OPEN' AND d.expected_close_on BETWEEN $2 AND $3 THEN d.amount * s.probability ELSE 0 END), 0),
              (SELECT fs.amount FROM forecast_submission fs WHERE fs.member_id = m.id AND fs.period_start = $2 AND fs.period_end = $3 ORDER BY fs.at DESC LIMIT 1)
         FROM member m
         LEFT JOIN deal d ON d.owner_member_id = m.id AND d.organization_id = $1
         LEFT JOIN pipeline_stage s ON s.id = d.stage_id
        WHERE m.organization_id = $1 AND m.role = 'SALES' AND m.active
        GROUP BY m.id
       ON CONFLICT (member_id, period_start, taken_on) DO NOTHING
       RETURNING id`,
      [organizationId, from, to, takenOn],
    );
    return rows.length;
  }

  /**
   * Per closed period: the forecast as it stood `daysBefore` days before the period ended (the
   * latest snapshot on or before that day: the submitted figure, else commit) against what was
   * actually won.
   */
  async accuracyRows(organizationId: string, memberIds: string[] | null, daysBefore: number, today: string): Promise<{ periodStart: string; periodEnd: string; forecast: number; actual: number; members: number }[]> {
    return this.db().query(
      `WITH periods AS (
         SELECT DISTINCT period_start, period_end FROM forecast_snapshot
          WHERE organization_id = $1 AND period_end < $4 AND ($2::uuid[] IS NULL OR member_id = ANY($2))
       ), pick AS (
         SELECT DISTINCT ON (fs.member_id, fs.period_start) fs.member_id, fs.period_start, fs.period_end, coalesce(fs.submitted, fs.commit) AS forecast
           FROM forecast_snapshot fs JOIN periods p ON p.period_start = fs.period_start AND p.period_end = fs.period_end
          WHERE fs.organization_id = $1 AND ($2::uuid[] IS NULL OR fs.member_id = ANY($2)) AND fs.taken_on <= fs.period_end - $3::int
          ORDER BY fs.member_id, fs.period_start, fs.taken_on DESC
       ), actual AS (
         SELECT p.period_start, coalesce(sum(d.amount), 0) AS won
           FROM periods p
           LEFT JOIN deal d ON d.organization_id = $1 AND d.closed_on BETWEEN p.period_start AND p.period_end AND ($2::uuid[] IS NULL OR d.owner_member_id = ANY($2))
                            AND EXISTS (SELECT 1 FROM pipeline_stage s WHERE s.id = d.stage_id AND s.kind = 'WON')
          GROUP BY p.period_start
       )
       SELECT p.period_start::text AS "periodStart", p.period_end::text AS "periodEnd", coalesce(sum(pick.forecast), 0)::float8 AS forecast,
              a.won::float8 AS actual, count(pick.member_id)::int AS members
         FROM periods p JOIN actual a ON a.period_start = p.period_start LEFT JOIN pick ON pick.period_start = p.period_start
        GROUP BY p.period_start, p.period_end, a.won ORDER BY p.period_start`,
      [organizationId, memberIds, daysBefore, today],
    );
  }

  // ---- coaching ----

  async templates(organizationId: string): Promise<{ id: string; name: string; stageRole: string | null; criteria: { name: string; weight: number }[] }[]> {
    return this.db().query('SELECT id, name, stage_role AS "stageRole", criteria FROM coaching_template WHERE organization_id = $1 ORDER BY name', [organizationId]);
  }

  async insertTemplate(tx: EntityManager, organizationId: string, t: { name: string; stageRole: string | null; criteria: { name: string; weight: number }[] }): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO coaching_template (organization_id, name, stage_role, criteria) VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
      [organizationId, t.name, t.stageRole, JSON.stringify(t.criteria)],
    );
    return rows[0]?.id ?? null;
  }

  async insertSession(tx: EntityManager, s: { organizationId: string; coachId: string; coacheeId: string; templateId: string | null; heldOn: string; scores: unknown; score: number | null; notes: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO coaching_session (organization_id, coach_member_id, coachee_member_id, template_id, held_on, scores, score, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [s.organizationId, s.coachId, s.coacheeId, s.templateId, s.heldOn, JSON.stringify(s.scores), s.score, s.notes],
    );
    return row.id;
  }

  async insertActions(tx: EntityManager, sessionId: string, actions: readonly { title: string; dueOn: string | null }[]): Promise<void> {
    if (actions.length === 0) return;
    await tx.query('INSERT INTO coaching_action (session_id, title, due_on) SELECT $1, * FROM unnest($2::text[], $3::date[])', [sessionId, actions.map((a) => a.title), actions.map((a) => a.dueOn)]);
  }

  async sessionsOf(coacheeId: string, limit = 100): Promise<SessionRow[]> {
    return this.db().query(
      `SELECT cs.id, cs.coach_member_id AS "coachMemberId", cs.coachee_member_id AS "coacheeMemberId", cs.template_id AS "templateId", ct.name AS "templateName",
              cs.held_on::text AS "heldOn", cs.scores, cs.score::float8 AS score, cs.notes, cs.created_at AS "createdAt"
         FROM coaching_session cs LEFT JOIN coaching_template ct ON ct.id = cs.template_id
        WHERE cs.coachee_member_id = $1 ORDER BY cs.held_on DESC, cs.created_at DESC LIMIT $2`,
      [coacheeId, limit],
    );
  }

  async sessionById(id: string, tx?: EntityManager): Promise<(SessionRow & { organizationId: string }) | null> {
    const rows = await this.db(tx).query(
      `SELECT cs.id, cs.organization_id AS "organizationId", cs.coach_member_id AS "coachMemberId", cs.coachee_member_id AS "coacheeMemberId", cs.template_id AS "templateId",
              NULL AS "templateName", cs.held_on::text AS "heldOn", cs.scores, cs.score::float8 AS score, cs.notes, cs.created_at AS "createdAt"
         FROM coaching_session cs WHERE cs.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async actionsOf(sessionIds: readonly string[]): Promise<{ id: string; sessionId: string; title: string; dueOn: string | null; doneAt: Date | null; processId: string | null }[]> {
    if (sessionIds.length === 0) return [];
    return this.db().query(
      `SELECT id, session_id AS "sessionId", title, due_on::text AS "dueOn", done_at AS "doneAt", process_id AS "processId" FROM coaching_action WHERE session_id = ANY($1) ORDER BY due_on NULLS LAST, title`,
      [sessionIds],
    );
  }

  async actionById(id: string, tx?: EntityManager): Promise<{ id: string; sessionId: string; title: string; dueOn: string | null; doneAt: Date | null; processId: string | null } | null> {
    const rows = await this.db(tx).query('SELECT id, session_id AS "sessionId", title, due_on::text AS "dueOn", done_at AS "doneAt", process_id AS "processId" FROM coaching_action WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  async updateAction(tx: EntityManager, id: string, changes: { done?: boolean; processId?: string }): Promise<void> {
    if (changes.done !== undefined) await tx.query('UPDATE coaching_action SET done_at = CASE WHEN $2 THEN coalesce(done_at, now()) END WHERE id = $1', [id, changes.done]);
    if (changes.processId !== undefined) await tx.query('UPDATE coaching_action SET process_id = $2 WHERE id = $1', [id, changes.processId]);
  }

  /** Sessions held by a coach in a period (the coach's KPI). */
  async sessionsHeld(coachId: string, from: string, to: string): Promise<number> {
    const [row]: { n: number }[] = await this.db().query('SELECT count(*)::int AS n FROM coaching_session WHERE coach_member_id = $1 AND held_on BETWEEN $2 AND $3', [coachId, from, to]);
    return row.n;
  }
}
