import type { EntityManager } from 'typeorm';

/**
 * Runs independent reads: in parallel on the pool, but one after another inside a
 * transaction, whose single connection must not get overlapping queries (pg queues them
 * today with a deprecation warning and will refuse in pg 9).
 */
export async function runAll<T extends readonly unknown[]>(tx: EntityManager | undefined, tasks: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!tx) return (await Promise.all(tasks.map((task) => task()))) as unknown as T;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as unknown as T;
}
