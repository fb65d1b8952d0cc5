import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client base: clients with their segment fields and per-step role holders, products,
 * orders with lines and a monthly rollup (kept in the same transaction as each order),
 * pipelines and deals with their stage history, activities, routing and handoff rules,
 * and the append-only assignment record of every change of owner.
 */
export class ClientBase1763900000002 implements MigrationInterface {
  name = 'ClientBase1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        external_id text,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        product_line text NOT NULL DEFAULT '',
        price numeric(18,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
        currency char(3) NOT NULL DEFAULT 'RUB',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT product_name_key UNIQUE (organization_id, name),
        CONSTRAINT product_external_key UNIQUE (organization_id, external_id)
      )`);
    await q.query(`
      CREATE TABLE client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        external_id text,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        inn text CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'),
        region text,
        city text,
        industry text,
        ownership_form text CHECK (ownership_form IN ('COMMERCIAL', 'GOVERNMENT', 'PRIVATE_PERSON')),
        channel text CHECK (channel IN ('DEALER', 'OWN_NETWORK', 'FRANCHISE', 'RETAIL_CHAIN', 'KEY_CLIENT', 'DIRECT')),
        vip boolean NOT NULL DEFAULT false,
        annual_potential numeric(18,2) NOT NULL DEFAULT 0 CHECK (annual_potential >= 0),
        currency char(3) NOT NULL DEFAULT 'RUB',
        category smallint CHECK (category BETWEEN 1 AND 3),
        category_manual boolean NOT NULL DEFAULT false,
        stage text NOT NULL DEFAULT 'LEAD' CHECK (stage IN ('LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC', 'DORMANT', 'LOST')),
        stage_changed_at timestamptz NOT NULL DEFAULT now(),
        owner_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        owner_since timestamptz,
        hunter_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        seller_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        service_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        administrator_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        notes text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT client_external_key UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX client_owner_idx ON client (organization_id, owner_member_id, stage)`);
    await q.query(`CREATE INDEX client_stage_idx ON client (organization_id, stage)`);
    await q.query(`CREATE INDEX client_name_idx ON client (organization_id, lower(name) text_pattern_ops, id)`);
    await q.query(`CREATE INDEX client_region_idx ON client (organization_id, region)`);
    await q.query(`CREATE INDEX client_inn_idx ON client (organization_id, inn) WHERE inn IS NOT NULL`);
    await q.query(`
      CREATE TABLE client_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        name text NOT NULL,
        position text,
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_contact_client_idx ON client_contact (client_id)`);
    await q.query(`
      CREATE TABLE client_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        external_id text,
        ordered_on date NOT NULL,
        total numeric(18,2) NOT NULL CHECK (total >= 0),
        currency char(3) NOT NULL DEFAULT 'RUB',
        seller_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT client_order_external_key UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX client_order_client_idx ON client_order (client_id, ordered_on)`);
    await q.query(`CREATE INDEX client_order_date_idx ON client_order (organization_id, ordered_on)`);
    await q.query(`
      CREATE TABLE order_line (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES client_order(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product(id),
        quantity numeric(18,3) NOT NULL CHECK (quantity > 0),
        amount numeric(18,2) NOT NULL CHECK (amount >= 0)
      )`);
    await q.query(`CREATE INDEX order_line_order_idx ON order_line (order_id)`);
    await q.query(`CREATE INDEX order_line_product_idx ON order_line (product_id)`);
    await q.query(`
      CREATE TABLE client_month (
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        total numeric(18,2) NOT NULL DEFAULT 0,
        orders integer NOT NULL DEFAULT 0,
        PRIMARY KEY (client_id, month)
      )`);
    await q.query(`
      CREATE TABLE pipeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pipeline_name_key UNIQUE (organization_id, name)
      )`);
    await q.query(`
      CREATE TABLE pipeline_stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id uuid NOT NULL REFERENCES pipeline(id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL,
        probability numeric(5,4) NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 1),
        kind text NOT NULL CHECK (kind IN ('OPEN', 'WON', 'LOST')),
        CONSTRAINT pipeline_stage_position_key UNIQUE (pipeline_id, position)
      )`);
    await q.query(`
      CREATE TABLE deal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        external_id text,
        client_id uuid REFERENCES client(id) ON DELETE SET NULL,
        owner_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        pipeline_id uuid NOT NULL REFERENCES pipeline(id),
        stage_id uuid NOT NULL REFERENCES pipeline_stage(id),
        title text NOT NULL,
        amount numeric(18,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
        currency char(3) NOT NULL DEFAULT 'RUB',
        product_id uuid REFERENCES product(id) ON DELETE SET NULL,
        started_on date NOT NULL,
        expected_close_on date,
        closed_on date,
        lost_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_external_key UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX deal_owner_idx ON deal (organization_id, owner_member_id, stage_id)`);
    await q.query(`CREATE INDEX deal_pipeline_idx ON deal (pipeline_id, stage_id)`);
    await q.query(`CREATE INDEX deal_client_idx ON deal (client_id)`);
    await q.query(`
      CREATE TABLE deal_stage_history (
        id bigserial PRIMARY KEY,
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        stage_id uuid NOT NULL REFERENCES pipeline_stage(id),
        entered_at timestamptz NOT NULL,
        left_at timestamptz,
        CONSTRAINT deal_stage_history_order CHECK (left_at IS NULL OR left_at >= entered_at)
      )`);
    await q.query(`CREATE INDEX deal_stage_history_deal_idx ON deal_stage_history (deal_id, entered_at)`);
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('CALL', 'MEETING', 'EMAIL', 'TASK')),
        owner_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        client_id uuid REFERENCES client(id) ON DELETE CASCADE,
        deal_id uuid REFERENCES deal(id) ON DELETE SET NULL,
        at timestamptz NOT NULL,
        outcome text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX activity_owner_idx ON activity (organization_id, owner_member_id, at)`);
    await q.query(`CREATE INDEX activity_client_idx ON activity (client_id, at)`);
    await q.query(`
      CREATE TABLE routing_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        active boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL DEFAULT '{}'::jsonb,
        target_kind text NOT NULL CHECK (target_kind IN ('MEMBER', 'POOL')),
        target_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        pool_member_ids uuid[] NOT NULL DEFAULT '{}',
        strategy text CHECK (strategy IN ('ROUND_ROBIN', 'LEAST_LOADED', 'BALANCED_POTENTIAL')),
        last_member_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routing_rule_target CHECK (
          (target_kind = 'MEMBER' AND strategy IS NULL) OR (target_kind = 'POOL' AND strategy IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX routing_rule_organization_idx ON routing_rule (organization_id, position)`);
    await q.query(`
      CREATE TABLE handoff_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        from_stage text NOT NULL CHECK (from_stage IN ('LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC')),
        to_stage text NOT NULL CHECK (to_stage IN ('PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC')),
        combinator text NOT NULL DEFAULT 'ALL' CHECK (combinator IN ('ALL', 'ANY')),
        criteria jsonb NOT NULL DEFAULT '[]'::jsonb,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX handoff_rule_organization_idx ON handoff_rule (organization_id, from_stage, position)`);
    await q.query(`
      CREATE TABLE handoff_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PREVIEW', 'SWEEP', 'ORDER', 'REASSIGN', 'OFFBOARDING', 'REBALANCE', 'COVER')),
        status text NOT NULL CHECK (status IN ('PREVIEWED', 'APPLIED', 'FAILED')),
        as_of date NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz,
        items jsonb NOT NULL DEFAULT '[]'::jsonb,
        report jsonb
      )`);
    await q.query(`
      CREATE TABLE assignment_record (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        client_id uuid NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ROUTING', 'HANDOFF', 'REASSIGN', 'COVER', 'COVER_END', 'OFFBOARDING', 'REBALANCE', 'IMPORT')),
        from_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        to_member_id uuid REFERENCES member(id) ON DELETE SET NULL,
        from_stage text,
        to_stage text,
        rule_id uuid,
        rule_name text,
        criteria jsonb,
        reasons text[] NOT NULL DEFAULT '{}',
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        batch_id uuid REFERENCES handoff_batch(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assignment_record_client_idx ON assignment_record (client_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX assignment_record_organization_idx ON assignment_record (organization_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'assignment_record',
      'handoff_batch',
      'handoff_rule',
      'routing_rule',
      'activity',
      'deal_stage_history',
      'deal',
      'pipeline_stage',
      'pipeline',
      'client_month',
      'order_line',
      'client_order',
      'client_contact',
      'client',
      'product',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
