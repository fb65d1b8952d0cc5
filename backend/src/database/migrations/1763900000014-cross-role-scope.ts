import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cross roles' figures (issue 6: a product manager's products, a territory manager's
 * regions, over all reps) read only their scope's rows:
 * - an order line carries its order's organization, client and day (filled from the order on
 *   insert, kept when the order's day or client changes), so a product's lines of a period are
 *   one index range (with amount, order and client in the index), and the organization's line
 *   revenue of a period, the product share's denominator, is another, instead of every order of
 *   the period joined to its lines;
 * - clients by lower(region), so a territory's clients are found without reading all clients.
 */
export class CrossRoleScope1763900000014 implements MigrationInterface {
  name = 'CrossRoleScope1763900000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE order_line ADD COLUMN organization_id uuid, ADD COLUMN client_id uuid, ADD COLUMN ordered_on date');
    await q.query('UPDATE order_line l SET organization_id = o.organization_id, client_id = o.client_id, ordered_on = o.ordered_on FROM client_order o WHERE o.id = l.order_id');
    await q.query('ALTER TABLE order_line ALTER COLUMN organization_id SET NOT NULL, ALTER COLUMN client_id SET NOT NULL, ALTER COLUMN ordered_on SET NOT NULL');
    await q.query(`
      CREATE FUNCTION order_line_of_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT o.organization_id, o.client_id, o.ordered_on INTO NEW.organization_id, NEW.client_id, NEW.ordered_on FROM client_order o WHERE o.id = NEW.order_id;
        RETURN NEW;
      END $$`);
    await q.query('CREATE TRIGGER order_line_of_order BEFORE INSERT OR UPDATE ON order_line FOR EACH ROW EXECUTE FUNCTION order_line_of_order()');
    await q.query(`
      CREATE FUNCTION order_line_follow_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE order_line SET order_id = order_id WHERE order_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER order_line_follow_order AFTER UPDATE OF ordered_on, client_id, organization_id ON client_order FOR EACH ROW
        WHEN ((OLD.ordered_on, OLD.client_id, OLD.organization_id) IS DISTINCT FROM (NEW.ordered_on, NEW.client_id, NEW.organization_id))
        EXECUTE FUNCTION order_line_follow_order()`);
    await q.query('DROP INDEX order_line_product_idx');
    await q.query('CREATE INDEX order_line_product_idx ON order_line (product_id, ordered_on) INCLUDE (amount, order_id, client_id)');
    await q.query('CREATE INDEX order_line_day_idx ON order_line (organization_id, ordered_on) INCLUDE (amount)');
    await q.query('CREATE INDEX client_region_idx ON client (organization_id, lower(region)) WHERE region IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX client_region_idx');
    await q.query('DROP INDEX order_line_day_idx');
    await q.query('DROP INDEX order_line_product_idx');
    await q.query('CREATE INDEX order_line_product_idx ON order_line (product_id)');
    await q.query('DROP TRIGGER order_line_follow_order ON client_order');
    await q.query('DROP TRIGGER order_line_of_order ON order_line');
    await q.query('DROP FUNCTION order_line_follow_order(), order_line_of_order()');
    await q.query('ALTER TABLE order_line DROP COLUMN organization_id, DROP COLUMN client_id, DROP COLUMN ordered_on');
  }
}
