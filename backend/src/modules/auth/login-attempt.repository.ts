import { Injectable } from '@nestjs/common';
import type { LoginThrottleState } from '@salescircle/shared';
import { DataSource } from 'typeorm';

/**
 * Failed sign-ins per key, kept in PostgreSQL so that every server sees the same counts.
 * Each write is one atomic statement.
 */
@Injectable()
export class LoginAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findStates(keys: string[]): Promise<Map<string, LoginThrottleState>> {
    const rows: { key: string; failures: number; last_failure_at: Date }[] = await this.dataSource.query(
      'SELECT key, failures, last_failure_at FROM login_attempt WHERE key = ANY($1)',
      [keys],
    );
    const states = new Map<string, LoginThrottleState>();
    for (const key of keys) states.set(key, { failures: 0, lastFailureAt: null });
    for (const row of rows) states.set(row.key, { failures: row.failures, lastFailureAt: row.last_failure_at });
    return states;
  }

  /** Counts one more failure for each key, starting over when the last one is older than the window. */
  async recordFailure(keys: string[], windowMs: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_attempt (key, failures, first_failure_at, last_failure_at)
       SELECT k, 1, now(), now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_attempt.last_failure_at < now() - make_interval(secs => $2 / 1000.0)
                         THEN 1 ELSE login_attempt.failures + 1 END,
         first_failure_at = CASE WHEN login_attempt.last_failure_at < now() - make_interval(secs => $2 / 1000.0)
                         THEN now() ELSE login_attempt.first_failure_at END,
         last_failure_at = now()`,
      [keys, windowMs],
    );
  }

  async clear(keys: string[]): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempt WHERE key = ANY($1)', [keys]);
  }

  /** Forgets keys whose window has long passed (called now and then). */
  async prune(olderThanMs: number): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempt WHERE last_failure_at < now() - make_interval(secs => $1 / 1000.0)', [olderThanMs]);
  }
}
