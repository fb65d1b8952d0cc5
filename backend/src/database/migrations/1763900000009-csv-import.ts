import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The generic CSV import (issue 6): runs of kind CSV_CLIENTS, CSV_DEALS and CSV_ACTIVITIES
 * beside MAVEN_CRM, and an external id on activities (unique per organization, as on
 * member, client, product and deal) so that importing the same activities twice changes
 * nothing.
 */
export class CsvImport1763900000009 implements MigrationInterface {
  name = 'CsvImport1763900000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_run DROP CONSTRAINT import_run_kind_check`);
    await q.query(`ALTER TABLE import_run ADD CONSTRAINT import_run_kind_check CHECK (kind IN ('MAVEN_CRM', 'CSV_CLIENTS', 'CSV_DEALS', 'CSV_ACTIVITIES'))`);
    await q.query(`ALTER TABLE activity ADD COLUMN external_id text`);
    await q.query(`ALTER TABLE activity ADD CONSTRAINT activity_external_key UNIQUE (organization_id, external_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity DROP CONSTRAINT activity_external_key`);
    await q.query(`ALTER TABLE activity DROP COLUMN external_id`);
    await q.query(`DELETE FROM import_run WHERE kind <> 'MAVEN_CRM'`);
    await q.query(`ALTER TABLE import_run DROP CONSTRAINT import_run_kind_check`);
    await q.query(`ALTER TABLE import_run ADD CONSTRAINT import_run_kind_check CHECK (kind IN ('MAVEN_CRM'))`);
  }
}
