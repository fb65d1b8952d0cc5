import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statementTriggers } from './statement-triggers';

/**
 * Retention per seller and calendar month (issue 6, the farmer's default KPI): of the clients a
 * member sold to in the month before (`previous`), how many bought again, from anyone, in the
 * month (`kept`). KPI progress of a thousand reps over a month then reads one row per person
 * instead of the two months' orders (about a million at the benchmark's 10M orders).
 *
 * Kept exact in the writing transaction by statement-level triggers on client_order: an order
 * of client C in month M can change (its seller, M+1), whose `previous` set it joins or leaves,
 * and (every seller of C in M-1, M), whose `kept` it feeds. Those (member, month) rows are
 * recomputed from the orders, under the client's row lock (as the KPI day rows take it) and
 * a transaction advisory lock per member, so two transactions touching one member's month
 * take turns and the second recomputes with the first one's orders. `rebuild_member_retention_month(org)`
 * recomputes an organization set-based (after a bulk load with the triggers off).
 * AnalyticsRepository.retainedClients is the definition over the orders; a test holds the two
 * equal through inserts, updates and deletes.
 */

/** The rows of the given (member_id, month) pairs, recomputed from the orders. */
const RECOMPUTE = (pairs: string) => `
  SELECT k.member_id, k.month, count(*)::int AS previous,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_order n WHERE n.client_id = b.client_id
                                          AND n.ordered_on >= k.month AND n.ordered_on < (k.month + interval '1 month')::date))::int AS kept
    FROM (${pairs}) k
    JOIN LATERAL (SELECT DISTINCT o.client_id FROM client_order o
                   WHERE o.seller_member_id = k.member_id AND o.ordered_on >= (k.month - interval '1 month')::date AND o.ordered_on < k.month) b ON true
   GROUP BY k.member_id, k.month`;

/** The (member, month) pairs a statement's changed orders (`changed`: client_id, seller_member_id, ordered_on) can change. */
const AFFECTED = (changed: string) => `
  SELECT c.seller_member_id AS member_id, (date_trunc('month', c.ordered_on) + interval '1 month')::date AS month
    FROM ${changed} c WHERE c.seller_member_id IS NOT NULL
  UNION
  SELECT o.seller_member_id, date_trunc('month', c.ordered_on)::date
    FROM ${changed} c JOIN client_order o ON o.client_id = c.client_id
     AND o.ordered_on >= (date_trunc('month', c.ordered_on) - interval '1 month')::date AND o.ordered_on < date_trunc('month', c.ordered_on)::date
   WHERE o.seller_member_id IS NOT NULL`;

/** One branch of the trigger: `changed` is the statement's old and/or new orders. */
export const BRANCH = (changed: string) => `
    -- the clients first (the KPI day trigger takes the same locks in the same order), then the members;
    -- under the clients' locks no other transaction can commit an order of theirs, so the pairs stay the same
    PERFORM 1 FROM client WHERE id IN (SELECT c.client_id FROM ${changed} c) ORDER BY id FOR UPDATE;
    PERFORM pg_advisory_xact_lock(1763900012, hashtext(m.member_id::text)) FROM (SELECT DISTINCT member_id FROM (${AFFECTED(changed)}) p ORDER BY member_id) m;
    DELETE FROM member_retention_month r USING (${AFFECTED(changed)}) p WHERE r.member_id = p.member_id AND r.month = p.month;
    INSERT INTO member_retention_month (member_id, month, previous, kept) ${RECOMPUTE(AFFECTED(changed))};`;

export const TRIGGER_FUNCTION = `
  CREATE FUNCTION member_retention_month_on_order() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN ${BRANCH('kpi_new')}
    ELSIF TG_OP = 'UPDATE' THEN ${BRANCH('(SELECT client_id, seller_member_id, ordered_on FROM kpi_new UNION ALL SELECT client_id, seller_member_id, ordered_on FROM kpi_old)')}
    ELSE ${BRANCH('kpi_old')}
    END IF;
    RETURN NULL;
  END $$`;

const REBUILD_FUNCTION = `
  CREATE FUNCTION rebuild_member_retention_month(org uuid) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM member_retention_month WHERE member_id IN (SELECT id FROM member WHERE organization_id = org);
    INSERT INTO member_retention_month (member_id, month, previous, kept)
    SELECT s.member_id, (s.month + interval '1 month')::date, count(*)::int, count(b.client_id)::int
      FROM (SELECT DISTINCT o.seller_member_id AS member_id, o.client_id, date_trunc('month', o.ordered_on)::date AS month
              FROM client_order o WHERE o.organization_id = org AND o.seller_member_id IS NOT NULL) s
      LEFT JOIN (SELECT DISTINCT o.client_id, date_trunc('month', o.ordered_on)::date AS month FROM client_order o WHERE o.organization_id = org) b
        ON b.client_id = s.client_id AND b.month = (s.month + interval '1 month')::date
     GROUP BY s.member_id, s.month;
  END $$`;

const TRIGGERS = statementTriggers('client_order', 'member_retention', 'member_retention_month_on_order', 'kpi_new', 'kpi_old');

export class RetentionRollup1763900000012 implements MigrationInterface {
  name = 'RetentionRollup1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_retention_month (
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        month date NOT NULL,
        previous integer NOT NULL,
        kept integer NOT NULL,
        PRIMARY KEY (member_id, month)
      )`);
    // A seller's orders of a month, for the recomputation and for retention over other periods.
    await q.query(`CREATE INDEX client_order_seller_idx ON client_order (seller_member_id, ordered_on) INCLUDE (client_id) WHERE seller_member_id IS NOT NULL`);
    await q.query(TRIGGER_FUNCTION);
    for (const sql of TRIGGERS.create) await q.query(sql);
    await q.query(REBUILD_FUNCTION);
    await q.query('SELECT rebuild_member_retention_month(id) FROM organization');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of TRIGGERS.drop) await q.query(sql);
    await q.query('DROP FUNCTION member_retention_month_on_order(), rebuild_member_retention_month(uuid)');
    await q.query('DROP INDEX client_order_seller_idx');
    await q.query('DROP TABLE member_retention_month');
  }
}
