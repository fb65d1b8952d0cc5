import type { Client } from 'pg';

/**
 * A stand-in for the server's ReadReplica on one test connection, so a repository built on it
 * reads the writes of that connection's open transaction: plain queries, and prepared statements
 * named as the server names them (one name per text), as row objects or as arrays.
 */
export function directReplica(connection: Client, prefix: string) {
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    if (!names.has(sql)) names.set(sql, `${prefix}_${names.size}`);
    return names.get(sql)!;
  };
  return {
    query: async (sql: string, params?: unknown[]) => (await connection.query(sql, params)).rows,
    prepared: async (sql: string, params: unknown[]) => (await connection.query({ name: nameOf(sql), text: sql, values: params })).rows,
    preparedArrays: async (sql: string, params: unknown[]) => {
      const result = await connection.query({ name: nameOf(sql), text: sql, values: params, rowMode: 'array' });
      return { names: result.fields.map((f) => f.name), rows: result.rows as unknown[][] };
    },
  };
}
