import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer index entries per change of a client's stage or owner. Both columns are indexed, so no
 * such update is HOT: every index of `client` gets an entry for the new row version, and a
 * handoff sweep moves tens of thousands of clients at once. Two indexes fewer, answering the
 * same reads:
 * - the external-id key becomes a partial unique index over the rows that have one. Rows
 *   without an external id (every client made in the app) never took part in it (NULLs are not
 *   equal), and every lookup by external id names one, so uniqueness and reads are unchanged;
 * - `(organization_id, stage)` and `(organization_id, category)` become one
 *   `(organization_id, stage, category)`: a stage is its prefix, a category alone is a skip
 *   scan over the seven stages (the clients list's totals and the sweep's statements read it).
 */
export class ClientWriteIndexes1763900000018 implements MigrationInterface {
  name = 'ClientWriteIndexes1763900000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE client DROP CONSTRAINT client_external_key');
    await q.query('CREATE UNIQUE INDEX client_external_key ON client (organization_id, external_id) WHERE external_id IS NOT NULL');
    await q.query('CREATE INDEX client_stage_category_idx ON client (organization_id, stage, category)');
    await q.query('DROP INDEX client_stage_idx, client_category_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX client_stage_idx ON client (organization_id, stage)');
    await q.query('CREATE INDEX client_category_idx ON client (organization_id, category)');
    await q.query('DROP INDEX client_stage_category_idx');
    await q.query('DROP INDEX client_external_key');
    await q.query('ALTER TABLE client ADD CONSTRAINT client_external_key UNIQUE (organization_id, external_id)');
  }
}
