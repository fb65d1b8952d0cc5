import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The circle as data: reporting lines by kind, cross roles with a scope, the time axis
 * (weekly shifts and absences), and the change log of every change to roles, lines,
 * categories and schedules.
 */
export class Circle1763900000001 implements MigrationInterface {
  name = 'Circle1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reporting_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        from_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        to_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('REPORTS_TO', 'COACHES', 'MATRIX')),
        scope text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reporting_line_not_self CHECK (from_member_id <> to_member_id),
        CONSTRAINT reporting_line_key UNIQUE (from_member_id, to_member_id, kind)
      )`);
    await q.query(`CREATE UNIQUE INDEX reporting_line_one_manager ON reporting_line (from_member_id) WHERE kind = 'REPORTS_TO'`);
    await q.query(`CREATE INDEX reporting_line_to_idx ON reporting_line (to_member_id)`);
    await q.query(`CREATE INDEX reporting_line_organization_idx ON reporting_line (organization_id)`);
    await q.query(`
      CREATE TABLE cross_role (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PRODUCT_MANAGER', 'TERRITORY_MANAGER', 'TECH_SUPPORT', 'SERVICE_ENGINEER', 'ADMINISTRATOR')),
        products text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cross_role_member_idx ON cross_role (member_id)`);
    await q.query(`
      CREATE TABLE work_schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        starts_at time NOT NULL,
        ends_at time NOT NULL,
        CONSTRAINT work_schedule_order CHECK (starts_at < ends_at)
      )`);
    await q.query(`CREATE INDEX work_schedule_member_idx ON work_schedule (member_id, weekday, starts_at)`);
    await q.query(`
      CREATE TABLE absence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('VACATION', 'SICK_LEAVE', 'OTHER')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT absence_order CHECK (starts_on <= ends_on)
      )`);
    await q.query(`CREATE INDEX absence_member_idx ON absence (member_id, ends_on)`);
    await q.query(`
      CREATE TABLE change_log (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        member_id uuid REFERENCES member(id) ON DELETE CASCADE,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX change_log_member_idx ON change_log (member_id, at DESC)`);
    await q.query(`CREATE INDEX change_log_entity_idx ON change_log (organization_id, entity, entity_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE change_log');
    await q.query('DROP TABLE absence');
    await q.query('DROP TABLE work_schedule');
    await q.query('DROP TABLE cross_role');
    await q.query('DROP TABLE reporting_line');
  }
}
