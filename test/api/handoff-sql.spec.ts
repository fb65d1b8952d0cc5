import { randomUUID } from 'node:crypto';
import { evaluateHandoff, type ClientOrder, type ClientStage, type HandoffCriterion, type HandoffRule } from '@salescircle/shared';
import { Client } from 'pg';
import { handoffQuery, REBUILD_ORDER_AGGREGATES_SQL } from '../../backend/src/modules/clients/handoff-sql';
import { randomGenerator } from '../../backend/src/modules/demo/demo-clients';
import { createTestDatabase } from '../support/database';

/**
 * Property test: on random clients, orders and rules, the sweep's one SQL statement per
 * rule decides exactly as the pure evaluateHandoff in shared/ (same clients, same values).
 */
describe('the handoff sweep SQL equals the pure rule', () => {
  const seed = Number(process.env.SC_PROPERTY_SEED ?? Date.now() % 1_000_000);
  const random = randomGenerator(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  // orders fall from 420 days before to 20 days after 2026-11-23: the first date has orders after it
  // (the aggregates do not describe the orders up to it), the second has none (they do)
  const AS_OF = ['2026-11-23', '2026-12-20'];
  const LINES = ['Сетевое оборудование', 'Серверы', 'Периферия'];
  const PRODUCTS = Array.from({ length: 8 }, (_, i) => ({ id: randomUUID(), name: `Товар ${i}`, line: LINES[i % LINES.length] }));
  const STAGES: ClientStage[] = ['PROSPECT', 'ACTIVE', 'REGULAR'];

  let db: Client;
  let drop: () => Promise<void>;
  const organizationId = randomUUID();
  const facts = new Map<string, { stage: ClientStage; annualPotential: number; orders: ClientOrder[] }>();
  const someTotals: number[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('handoff_property');
    drop = database.drop;
    db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query("INSERT INTO organization (id, name) VALUES ($1, 'Property test')", [organizationId]);
    for (const p of PRODUCTS) await db.query('INSERT INTO product (id, organization_id, name, product_line) VALUES ($1, $2, $3, $4)', [p.id, organizationId, p.name, p.line]);
    const clientRows: unknown[][] = [];
    const orderRows: unknown[][] = [];
    const lineRows: unknown[][] = [];
    for (let c = 0; c < 250; c += 1) {
      const id = randomUUID();
      const stage = pick(STAGES);
      const potential = int(0, 60) * 1_000_000 + pick([0, 0.5, 0.01]);
      const orders: ClientOrder[] = [];
      for (let o = 0; o < int(0, 14); o += 1) {
        const orderId = randomUUID();
        const day = new Date(Date.UTC(2026, 10, 23) + int(-420, 20) * 86_400_000).toISOString().slice(0, 10);
        const total = int(0, 400_000) + int(0, 99) / 100;
        const product = pick(PRODUCTS);
        orders.push({ orderedOn: day, total, products: [product.name], productLines: [product.line] });
        orderRows.push([orderId, organizationId, id, day, total]);
        lineRows.push([orderId, product.id, 1, total]);
        someTotals.push(total);
      }
      facts.set(id, { stage, annualPotential: potential, orders });
      clientRows.push([id, organizationId, `Client ${c}`, stage, potential]);
    }
    const columns = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
    await db.query('INSERT INTO client (id, organization_id, name, stage, annual_potential) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::numeric[])', [0, 1, 2, 3, 4].map((i) => columns(clientRows, i)));
    await db.query('INSERT INTO client_order (id, organization_id, client_id, ordered_on, total) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::numeric[])', [0, 1, 2, 3, 4].map((i) => columns(orderRows, i)));
    await db.query('INSERT INTO order_line (order_id, product_id, quantity, amount) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::numeric[])', [0, 1, 2, 3].map((i) => columns(lineRows, i)));
    // the per-client aggregates and monthly rollup the sweep reads, as recording the orders keeps them
    for (const sql of REBUILD_ORDER_AGGREGATES_SQL) await db.query(sql, [organizationId]);
  });

  afterAll(async () => {
    await db?.end();
    await drop?.();
  });

  function randomCriterion(): HandoffCriterion {
    switch (int(0, 4)) {
      case 0:
        return { kind: 'ORDER_COUNT', min: int(1, 12) };
      case 1:
        return random() < 0.5 ? { kind: 'VOLUME', min: pick(someTotals) * int(1, 6) } : { kind: 'VOLUME', min: pick(someTotals), windowDays: int(1, 400) };
      case 2:
        return random() < 0.5 ? { kind: 'PRODUCT_PURCHASED', products: [pick(PRODUCTS).name.toUpperCase()] } : { kind: 'PRODUCT_PURCHASED', productLines: [pick(LINES)], products: [] };
      case 3:
        return { kind: 'MIN_MONTHLY', min: pick([0, 1, 50_000, 150_000, pick(someTotals)]), months: int(1, 4) };
      default:
        return { kind: 'POTENTIAL', min: int(0, 60) * 1_000_000 + pick([0, 0.5, 0.01]) };
    }
  }

  it(`decides like evaluateHandoff for 120 random rules at two dates (seed ${seed})`, async () => {
    const mismatches: string[] = [];
    let fired = 0;
    for (let r = 0; r < 120; r += 1) {
      const rule: HandoffRule = {
        id: randomUUID(),
        name: `rule ${r}`,
        fromStage: pick(STAGES),
        toStage: 'STRATEGIC',
        combinator: random() < 0.5 ? 'ALL' : 'ANY',
        criteria: Array.from({ length: int(1, 3) }, randomCriterion),
        active: true,
      };
      const asOf = AS_OF[r % AS_OF.length];
      const { sql, params } = handoffQuery(organizationId, rule, asOf);
      const { rows } = await db.query<{ client_id: string; criteria_values: Record<string, number | string> }>(sql, params);
      const fromSql = new Map(rows.map((row) => [row.client_id, row.criteria_values]));
      for (const [clientId, f] of facts) {
        const pure = evaluateHandoff(rule, f, asOf);
        const sqlValues = fromSql.get(clientId);
        if (pure.fires !== (sqlValues !== undefined)) {
          mismatches.push(`seed ${seed} rule ${JSON.stringify(rule.criteria)} ${rule.combinator} client ${clientId}: pure ${pure.fires}, sql ${sqlValues !== undefined} ${JSON.stringify(pure.values)} vs ${JSON.stringify(sqlValues)}`);
        } else if (pure.fires) {
          fired += 1;
          const normalized = Object.fromEntries(Object.entries(sqlValues!).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]));
          if (JSON.stringify(normalized, Object.keys(normalized).sort()) !== JSON.stringify(pure.values, Object.keys(pure.values).sort())) {
            mismatches.push(`seed ${seed} values differ for ${JSON.stringify(rule.criteria)}: ${JSON.stringify(pure.values)} vs ${JSON.stringify(normalized)}`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(fired).toBeGreaterThan(200); // the random rules really move clients
  });
});
