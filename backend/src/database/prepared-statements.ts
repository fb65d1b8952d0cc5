import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { sqlCounter } from './sql-counter';

const names = new Map<string, string>();

/** One name per statement text (a hash, so two texts never share a name). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sc_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement of the hot read path (every request's viewer, the sprint board) as a named
 * prepared statement on the primary's pool: each connection parses and plans it once (and after
 * five runs PostgreSQL may keep a generic plan), where an unnamed statement is planned on every
 * call; for the board's progress statement that planning alone cost about 1 ms. Not for
 * statements inside a transaction (use the transaction's manager) and not for text built per call
 * (every distinct text holds a plan on every connection). With `replica`, on the read replica's
 * pool when one is configured (see ReadReplica for what may read there).
 */
export async function queryPrepared<T>(dataSource: DataSource, text: string, values: unknown[], { replica = false }: { replica?: boolean } = {}): Promise<T[]> {
  return (await poolOf(dataSource, replica).query({ name: nameOf(text), text, values })).rows as T[];
}

/**
 * queryPrepared with the rows as arrays, in the order of the statement's columns, and the
 * columns' names: for results of a thousand rows whose reader builds its own objects (no row
 * object made per row only to be copied).
 */
export async function queryPreparedArrays(dataSource: DataSource, text: string, values: unknown[], { replica = false }: { replica?: boolean } = {}): Promise<{ names: string[]; rows: unknown[][] }> {
  const result = await poolOf(dataSource, replica).query({ name: nameOf(text), text, values, rowMode: 'array' });
  return { names: result.fields.map((f) => f.name), rows: result.rows as unknown[][] };
}

/** The pool a prepared statement runs on (the replica's when asked for and configured), counted as one statement of the request. */
function poolOf(dataSource: DataSource, replica: boolean): Pool {
  const driver = dataSource.driver as PostgresDriver;
  sqlCounter.increment();
  return (replica && driver.slaves.length > 0 ? driver.slaves[0] : driver.master) as Pool;
}
