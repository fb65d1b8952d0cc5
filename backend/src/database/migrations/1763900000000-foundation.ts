import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: organizations (tenants: every table carries organization_id, the key
 * a multi-company deployment distributes by), users who sign in, the people of the sales
 * organization (members, who may or may not sign in) and their teams, and the
 * sign-in throttle.
 */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        timezone text NOT NULL DEFAULT 'Europe/Moscow',
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('DIRECTOR', 'LEAD', 'COACH', 'SALES')),
        locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
        password_hash text NOT NULL,
        token_version integer NOT NULL DEFAULT 1,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_email_key UNIQUE (email)
      )`);
    await q.query(`CREATE INDEX app_user_organization_idx ON app_user (organization_id)`);
    await q.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        external_id text,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text,
        role text NOT NULL CHECK (role IN ('DIRECTOR', 'LEAD', 'COACH', 'SALES')),
        stage_role text CHECK (stage_role IN ('PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT')),
        category smallint CHECK (category BETWEEN 1 AND 3),
        active boolean NOT NULL DEFAULT true,
        capacity_clients integer NOT NULL DEFAULT 40 CHECK (capacity_clients >= 0),
        capacity_processes integer NOT NULL DEFAULT 5 CHECK (capacity_processes >= 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT member_matrix_only_for_sales CHECK (role = 'SALES' OR (stage_role IS NULL AND category IS NULL)),
        CONSTRAINT member_user_key UNIQUE (user_id),
        CONSTRAINT member_external_key UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX member_organization_idx ON member (organization_id, role)`);
    await q.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        director_id uuid REFERENCES member(id) ON DELETE SET NULL,
        lead_id uuid REFERENCES member(id) ON DELETE SET NULL,
        coach_id uuid REFERENCES member(id) ON DELETE SET NULL,
        paused boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT team_name_key UNIQUE (organization_id, name)
      )`);
    await q.query(`CREATE INDEX team_organization_idx ON team (organization_id)`);
    await q.query(`
      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, member_id)
      )`);
    await q.query(`CREATE INDEX team_member_member_idx ON team_member (member_id)`);
    await q.query(`
      CREATE TABLE login_attempt (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        first_failure_at timestamptz NOT NULL,
        last_failure_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_attempt');
    await q.query('DROP TABLE team_member');
    await q.query('DROP TABLE team');
    await q.query('DROP TABLE member');
    await q.query('DROP TABLE app_user');
    await q.query('DROP TABLE organization');
  }
}
