import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real-data import (issue 6): every run with its row-level report (kept for applied and
 * failed runs; a failed run wrote nothing else), and the parent of a client (an export's
 * "subsidiary of"). Imported records are found again by their namespaced external_id,
 * unique per organization on member, client, product and deal since the client-base
 * migration.
 */
export class Imports1763900000006 implements MigrationInterface {
  name = 'Imports1763900000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('MAVEN_CRM')),
        source text NOT NULL,
        pipeline_id uuid REFERENCES pipeline(id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('APPLIED', 'FAILED')),
        counts jsonb NOT NULL,
        report jsonb NOT NULL,
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        duration_ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX import_run_organization_idx ON import_run (organization_id, started_at DESC)`);
    await q.query(`ALTER TABLE client ADD COLUMN parent_client_id uuid REFERENCES client(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX client_parent_idx ON client (parent_client_id) WHERE parent_client_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX client_parent_idx');
    await q.query('ALTER TABLE client DROP COLUMN parent_client_id');
    await q.query('DROP TABLE import_run');
  }
}
