import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { uuidArray } from '../../backend/src/database/uuid-array';
import { createTestDatabase } from '../support/database';

/** Member-id lists sent as binary uuid[] (database/uuid-array.ts) against the same lists as text, on PostgreSQL. */
describe('uuidArray: a binary uuid[] parameter', () => {
  let db: Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase('uuid_array');
    drop = created.drop;
    db = new Client({ connectionString: created.url });
    await db.connect();
    await db.query('CREATE TEMP TABLE t (id uuid PRIMARY KEY, n int)');
    await db.query('INSERT INTO t SELECT gen_random_uuid(), g FROM generate_series(1, 3000) g');
  });

  afterAll(async () => {
    await db.end();
    await drop();
  });

  const statements = [
    { name: 'u_cast', text: 'SELECT array_agg(x ORDER BY x)::text AS v FROM unnest($1::uuid[]) x' },
    { name: 'u_any', text: 'SELECT array_agg(n ORDER BY n)::text AS v FROM t WHERE id = ANY($1)' },
  ];

  it('selects exactly what the same ids as text select, prepared or not, upper or lower case', async () => {
    const ids = (await db.query<{ id: string }>('SELECT id FROM t WHERE n % 3 = 0 ORDER BY n')).rows.map((r) => r.id);
    const mixed = [...ids.slice(0, 500), ...ids.slice(500).map((id) => id.toUpperCase()), randomUUID()];
    const encoded = uuidArray(mixed);
    expect(Buffer.isBuffer(encoded)).toBe(true);
    for (const s of statements) {
      const asText = (await db.query(s.text, [mixed])).rows[0].v;
      expect((await db.query(s.text, [encoded])).rows[0].v).toBe(asText);
      expect((await db.query({ ...s, values: [encoded] })).rows[0].v).toBe(asText);
      expect((await db.query({ ...s, values: [encoded] })).rows[0].v).toBe(asText);
    }
    expect((await db.query(statements[1].text, [uuidArray(ids)])).rows[0].v.split(',')).toHaveLength(1000);
  });

  it('leaves an empty list and a list with anything but a uuid as they are, so the server answers as before', async () => {
    expect(uuidArray([])).toEqual([]);
    for (const bad of ['not-a-uuid', `${randomUUID()}x`, randomUUID().replace(/-/g, '_'), 'g'.repeat(8) + randomUUID().slice(8), 'ё'.repeat(36)]) {
      const list = [randomUUID(), bad];
      expect(uuidArray(list)).toBe(list);
      await expect(db.query(statements[0].text, [uuidArray(list)])).rejects.toMatchObject({ code: '22P02' });
    }
  });

  it('encodes a frozen list once and reuses its bytes; a list that may still change is encoded on every call', () => {
    const ids = Array.from({ length: 3 }, () => randomUUID());
    const open = uuidArray(ids);
    expect(uuidArray(ids)).not.toBe(open);
    expect(uuidArray(ids)).toEqual(open);
    const frozen = Object.freeze([...ids]);
    const once = uuidArray(frozen);
    expect(uuidArray(frozen)).toBe(once);
    expect(once).toEqual(open);
    const bad = Object.freeze([randomUUID(), 'not-a-uuid']);
    expect(uuidArray(bad)).toBe(bad);
  });
});
