import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Vacation cover: clients handed to a colleague until a date, handed back by the nightly job. */
export class ClientCover1763900000003 implements MigrationInterface {
  name = 'ClientCover1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_cover (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        original_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        cover_member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        until date NOT NULL,
        reason text NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX client_cover_open_key ON client_cover (client_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX client_cover_due_idx ON client_cover (organization_id, until) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE client_cover');
  }
}
