import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { DATABASE_URL } from '../../database/database.module';

export const LIVE_CHANNEL = 'salescircle_live';

export type LiveEvent =
  | { type: 'board'; teamId: string; sprintId: string | null; processId: string | null; kind: string; status: string | null; actorUserId: string | null; at: string }
  | { type: 'notification'; userId: string };

/**
 * Live fan-out through PostgreSQL LISTEN/NOTIFY, so several servers share events with no
 * broker: a change publishes inside its transaction (delivered on commit, never for a
 * rolled-back change); every server listens on one dedicated connection and hands events
 * to the subscriptions open on it.
 */
@Injectable()
export class LiveEventsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  private client: Client | null = null;
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private stopping = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'salescircle-live' });
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.payload) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    client.on('error', (error) => {
      this.logger.warn(`Live connection lost: ${error.message}; reconnecting`);
      this.scheduleReconnect();
    });
    client.on('end', () => {
      if (!this.stopping) this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    this.client = null;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch((error: Error) => {
        this.logger.warn(`Live reconnect failed: ${error.message}`);
        this.scheduleReconnect();
      });
    }, 1000);
  }

  /** Publishes in the caller's transaction: listeners hear it when (and only if) it commits. */
  async publish(tx: EntityManager, events: readonly LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [LIVE_CHANNEL, events.map((e) => JSON.stringify(e))]);
  }

  /** An async iterator of the events that pass the filter, for a GraphQL subscription; ends when the client leaves. */
  listen<T>(filter: (event: LiveEvent) => boolean, map: (event: LiveEvent) => Promise<T> | T): AsyncIterableIterator<T> {
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const listener = (event: LiveEvent) => {
      if (done || !filter(event)) return;
      if (queue.length < 1000) queue.push(event);
      wake?.();
    };
    this.listeners.add(listener);
    const finish = () => {
      done = true;
      this.listeners.delete(listener);
      wake?.();
    };
    const iterator: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (done) return { value: undefined, done: true };
        return { value: await map(queue.shift()!), done: false };
      },
      async return(): Promise<IteratorResult<T>> {
        finish();
        return { value: undefined, done: true };
      },
      async throw(error?: unknown): Promise<IteratorResult<T>> {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
