import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales sprints (issue 5): sprints per team, sales processes (the sprint items) with links,
 * checklist, history, reminders, and the in-app notification center.
 */
export class Sprints1763900000005 implements MigrationInterface {
  name = 'Sprints1763900000005';

  async up(q: QueryRunner): Promise<void> {
    // A team's WIP limit (null: the organization default of 20).
    await q.query(`ALTER TABLE team ADD COLUMN wip_limit integer CHECK (wip_limit BETWEEN 1 AND 200)`);
    await q.query(`
      CREATE TABLE sprint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        goal text NOT NULL DEFAULT '' CHECK (length(goal) <= 2000),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'ACTIVE', 'CLOSED')),
        review text NOT NULL DEFAULT '' CHECK (length(review) <= 20000),
        retrospective text NOT NULL DEFAULT '' CHECK (length(retrospective) <= 20000),
        started_at timestamptz,
        closed_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sprint_dates CHECK (ends_on >= starts_on AND ends_on - starts_on <= 42)
      )`);
    // One active sprint per team, enforced by the database.
    await q.query(`CREATE UNIQUE INDEX sprint_one_active_per_team ON sprint (team_id) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX sprint_team_idx ON sprint (team_id, starts_on DESC)`);
    await q.query(`
      CREATE TABLE process_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        target_kind text NOT NULL CHECK (target_kind IN ('CALLS', 'MEETINGS', 'FIRST_ORDERS', 'ORDER_AMOUNT', 'DEALS_WON', 'CUSTOM')),
        target_value numeric(18,2) NOT NULL CHECK (target_value >= 0),
        steps text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT process_template_name_key UNIQUE (organization_id, name)
      )`);
    await q.query(`
      CREATE TABLE sales_process (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
        sprint_id uuid REFERENCES sprint(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        template_key text,
        owner_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        co_owner_ids uuid[] NOT NULL DEFAULT '{}',
        target_kind text NOT NULL DEFAULT 'CUSTOM' CHECK (target_kind IN ('CALLS', 'MEETINGS', 'FIRST_ORDERS', 'ORDER_AMOUNT', 'DEALS_WON', 'CUSTOM')),
        target_value numeric(18,2) NOT NULL DEFAULT 0 CHECK (target_value >= 0),
        manual_progress numeric(18,2) NOT NULL DEFAULT 0 CHECK (manual_progress >= 0),
        segment jsonb,
        starts_on date,
        due_at timestamptz,
        priority text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
        status text NOT NULL DEFAULT 'TODO' CHECK (status IN ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')),
        blocked_reason text,
        blocked_since timestamptz,
        done_at timestamptz,
        approval text NOT NULL DEFAULT 'APPROVED' CHECK (approval IN ('APPROVED', 'PENDING', 'REJECTED')),
        requested_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        rejected_reason text,
        position double precision NOT NULL DEFAULT 0,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sales_process_blocked_reason CHECK (status <> 'BLOCKED' OR blocked_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX sales_process_sprint_idx ON sales_process (sprint_id, status)`);
    await q.query(`CREATE INDEX sales_process_backlog_idx ON sales_process (team_id) WHERE sprint_id IS NULL`);
    await q.query(`CREATE INDEX sales_process_owner_idx ON sales_process (owner_member_id) WHERE status <> 'DONE'`);
    await q.query(`CREATE INDEX sales_process_open_due_idx ON sales_process (due_at) WHERE status <> 'DONE'`);
    await q.query(`
      CREATE TABLE process_client (
        process_id uuid NOT NULL REFERENCES sales_process(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        PRIMARY KEY (process_id, client_id)
      )`);
    await q.query(`CREATE INDEX process_client_client_idx ON process_client (client_id)`);
    await q.query(`
      CREATE TABLE process_deal (
        process_id uuid NOT NULL REFERENCES sales_process(id) ON DELETE CASCADE,
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        PRIMARY KEY (process_id, deal_id)
      )`);
    await q.query(`
      CREATE TABLE process_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        process_id uuid NOT NULL REFERENCES sales_process(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        done_at timestamptz,
        done_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        CONSTRAINT process_step_position_key UNIQUE (process_id, position)
      )`);
    // Activities may name the process they were done for; progress counts them.
    await q.query(`ALTER TABLE activity ADD COLUMN process_id uuid REFERENCES sales_process(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX activity_process_idx ON activity (process_id) WHERE process_id IS NOT NULL`);
    // Progress of a process from its owners' calls and meetings: an index-only range per owner and kind.
    await q.query(`CREATE INDEX activity_owner_kind_idx ON activity (owner_member_id, kind, at) WHERE process_id IS NULL`);
    // The history of each process and the scope-change log of each sprint.
    await q.query(`
      CREATE TABLE process_event (
        id bigserial PRIMARY KEY,
        process_id uuid NOT NULL REFERENCES sales_process(id) ON DELETE CASCADE,
        sprint_id uuid REFERENCES sprint(id) ON DELETE SET NULL,
        kind text NOT NULL,
        from_status text,
        to_status text,
        units numeric(18,2),
        note text,
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX process_event_process_idx ON process_event (process_id, at)`);
    await q.query(`CREATE INDEX process_event_sprint_idx ON process_event (sprint_id, at)`);
    await q.query(`
      CREATE TABLE reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        process_id uuid NOT NULL REFERENCES sales_process(id) ON DELETE CASCADE,
        recipient_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('AT', 'BEFORE_DUE', 'RECURRING')),
        at timestamptz,
        offset_minutes integer CHECK (offset_minutes BETWEEN 0 AND 525600),
        every_days integer CHECK (every_days BETWEEN 1 AND 60),
        next_at timestamptz,
        last_fired_at timestamptz,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reminder_shape CHECK (
          (kind = 'AT' AND at IS NOT NULL) OR
          (kind = 'BEFORE_DUE' AND offset_minutes IS NOT NULL) OR
          (kind = 'RECURRING' AND at IS NOT NULL AND every_days IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX reminder_due_idx ON reminder (next_at) WHERE next_at IS NOT NULL`);
    await q.query(`CREATE INDEX reminder_process_idx ON reminder (process_id)`);
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        recipient_user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('REMINDER', 'OVERDUE', 'BLOCKED', 'APPROVAL_REQUESTED', 'APPROVED', 'REJECTED')),
        process_id uuid REFERENCES sales_process(id) ON DELETE CASCADE,
        team_id uuid REFERENCES team(id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        reminder_id uuid REFERENCES reminder(id) ON DELETE SET NULL,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_dedupe_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX notification_recipient_idx ON notification (recipient_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification');
    await q.query('DROP TABLE reminder');
    await q.query('DROP TABLE process_event');
    await q.query('ALTER TABLE activity DROP COLUMN process_id');
    await q.query('DROP TABLE process_step');
    await q.query('DROP TABLE process_deal');
    await q.query('DROP TABLE process_client');
    await q.query('DROP TABLE sales_process');
    await q.query('DROP TABLE process_template');
    await q.query('DROP TABLE sprint');
    await q.query('ALTER TABLE team DROP COLUMN wip_limit');
  }
}
