import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ALL_OWNERS, NO_OWNER, rebuildFunnelRollupsSql, SLICED_ROLLUPS } from '../../modules/analytics/analytics.repository';

const ZERO = `'${NO_OWNER}'::uuid`;
const ALL = `'${ALL_OWNERS}'::uuid`;

/** The keys of a deal in the first family of the funnel rollups, `withBoth`: also under its client's category and its product together. */
const keysFunction = (withBoth: boolean) => `
  CREATE OR REPLACE FUNCTION deal_funnel_keys(owner uuid, client_category smallint, product uuid)
    RETURNS TABLE (owner_key uuid, category smallint, product_key uuid) LANGUAGE sql IMMUTABLE AS $$
    SELECT o.key, s.category, s.product_key
      FROM (VALUES (coalesce(owner, ${ZERO})), (${ALL})) o(key),
           (VALUES (0::smallint, ${ALL}), (client_category, ${ALL}), (0::smallint, product)${withBoth ? ', (client_category, product)' : ''}) s(category, product_key)
     WHERE s.category IS NOT NULL AND s.product_key IS NOT NULL
  $$`;

/**
 * A client category and a product together from the funnel rollups (issue 6): until now that
 * filter read the deals (3.2 s at the benchmark's scale). A deal with a client of a category and a
 * product now also counts, for its owner and the ALL owner, under (its category, its product),
 * in the same tables (`category` and `product_key` both set; every reader names both columns, so
 * the every-deal, category-only and product-only slices read the same rows as before). The keys
 * function changes and the family is rebuilt from the deals (a few minutes at the benchmark's
 * scale: run it in a quiet hour, as migration 0024).
 */
export class FunnelCategoryProduct1763900000025 implements MigrationInterface {
  name = 'FunnelCategoryProduct1763900000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(keysFunction(true));
    for (const sql of rebuildFunnelRollupsSql([SLICED_ROLLUPS])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(keysFunction(false));
    for (const sql of rebuildFunnelRollupsSql([SLICED_ROLLUPS])) await q.query(sql);
  }
}
