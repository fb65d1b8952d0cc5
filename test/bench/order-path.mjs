// What an order written at scale costs, statement by statement (pg_stat_statements with the triggers' own statements):
// 400 orders (order, two lines, one of them of the product manager's products, the client's month and aggregates, as
// insertOrder writes them) of clients of the kept analytics database, in a transaction rolled back. Run after
// `BENCH_DB_DIR=<dir> BENCH_SCALE=1 node test/bench/analytics.mjs` (which generates it and applies the migrations):
// `BENCH_DB_DIR=<dir> node test/bench/order-path.mjs`. A first run reads cold pages; run it twice.
import pg from 'pg';
import { startPostgres } from './support.mjs';

const postgres = await startPostgres(`analytics-${Number(process.env.BENCH_SCALE ?? 1)}`, { flags: ['-c', 'shared_preload_libraries=pg_stat_statements'] });
if (!postgres.reused) {
  await postgres.stop();
  throw new Error('No kept analytics database: run test/bench/analytics.mjs with BENCH_DB_DIR first.');
}
const db = new pg.Client({ connectionString: postgres.url });
await db.connect();
const [{ org }] = (await db.query(`SELECT organization_id AS org FROM team WHERE name = 'Bench'`)).rows;
const products = (await db.query(`SELECT id, product_line FROM product WHERE organization_id = $1 ORDER BY name`, [org])).rows;
const inside = products.filter((p) => p.product_line === 'Сетевое оборудование').map((p) => p.id);
const clients = (await db.query(`SELECT id FROM client WHERE organization_id = $1 AND name LIKE 'Bench client %' ORDER BY id LIMIT 400 OFFSET 9000`, [org])).rows.map((r) => r.id);
const seller = (await db.query(`SELECT id FROM member WHERE name LIKE 'Bench rep %' LIMIT 1`)).rows[0].id;
await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
await db.query(`SET pg_stat_statements.track = 'all'`);
await db.query('SELECT pg_stat_statements_reset()');
await db.query('BEGIN');
const s = performance.now();
for (let i = 0; i < clients.length; i += 1) {
  const [o] = (await db.query(`INSERT INTO client_order (organization_id, client_id, ordered_on, total, seller_member_id) VALUES ($1, $2, current_date, 300, $3) RETURNING id`, [org, clients[i], seller])).rows;
  await db.query('INSERT INTO order_line (order_id, product_id, quantity, amount) SELECT $1, * FROM unnest($2::uuid[], $3::numeric[], $4::numeric[])', [o.id, [inside[i % inside.length], products[i % products.length].id], [1, 1], [100, 200]]);
  await db.query(`INSERT INTO client_month (client_id, month, total, orders) VALUES ($1, date_trunc('month', current_date)::date, 300, 1) ON CONFLICT (client_id, month) DO UPDATE SET total = client_month.total + excluded.total, orders = client_month.orders + 1`, [clients[i]]);
  await db.query(`UPDATE client SET order_count = order_count + 1, order_volume = order_volume + 300, first_order_on = least(first_order_on, current_date), last_order_on = greatest(last_order_on, current_date) WHERE id = $1`, [clients[i]]);
}
console.log('per order', ((performance.now() - s) / clients.length).toFixed(2), 'ms');
await db.query('ROLLBACK');
const { rows } = await db.query(`SELECT calls, total_exec_time AS t, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS q FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 25`);
for (const r of rows) console.log((r.t / clients.length).toFixed(3).padStart(8), 'ms/order', String(r.calls).padStart(6), r.q);
await db.end();
await postgres.stop();
