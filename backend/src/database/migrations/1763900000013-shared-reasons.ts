import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reasons stored once per distinct routing explanation. A handoff sweep routes tens of
 * thousands of clients through the same rules and pools, and the middle of every chain of
 * reasons ("rule 1 did not match …", "A, B, C skipped: serves category 3, …") is the same for
 * every client of one region, stage and category: the sweep writes each distinct middle once
 * to `assignment_reasons` and each assignment record keeps only its own lines (the rule that
 * fired with its values, the member chosen with the load) and points at the shared ones.
 *
 * The whole chain of a record is `reasons[1:shared_reasons_at] || shared.lines ||
 * reasons[shared_reasons_at + 1:]` (just `reasons` when there is no shared part). The shared
 * rows are never changed; they go with their organization. No foreign key from the record:
 * the rows are only ever inserted with the records that point at them and deleted with the
 * organization, whose records go too, and a check per record would cost the sweep as much as
 * the storage it saves.
 */
export class SharedReasons1763900000013 implements MigrationInterface {
  name = 'SharedReasons1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignment_reasons (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        lines text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE assignment_record ADD COLUMN shared_reasons_id uuid, ADD COLUMN shared_reasons_at smallint`);
    await q.query(`ALTER TABLE assignment_record ADD CONSTRAINT assignment_record_shared_reasons_check
                     CHECK ((shared_reasons_id IS NULL) = (shared_reasons_at IS NULL) AND (shared_reasons_at IS NULL OR shared_reasons_at >= 0))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // back to whole chains on every record
    await q.query(`
      UPDATE assignment_record a SET reasons = a.reasons[:a.shared_reasons_at] || s.lines || a.reasons[a.shared_reasons_at + 1:]
        FROM assignment_reasons s WHERE s.id = a.shared_reasons_id`);
    await q.query(`ALTER TABLE assignment_record DROP CONSTRAINT assignment_record_shared_reasons_check`);
    await q.query(`ALTER TABLE assignment_record DROP COLUMN shared_reasons_id, DROP COLUMN shared_reasons_at`);
    await q.query('DROP TABLE assignment_reasons');
  }
}
