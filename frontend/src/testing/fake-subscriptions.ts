import type { SubscriptionClient, SubscriptionHandlers } from '@/graphql/subscriptions';

interface Recorded {
  operationName: string;
  variables: unknown;
  handlers: SubscriptionHandlers<unknown>;
  active: boolean;
}

/** A subscription client for tests: records what was subscribed and lets the test push events. */
export function createFakeSubscriptions() {
  const subscriptions: Recorded[] = [];
  const client: SubscriptionClient = {
    subscribe(document, variables, handlers) {
      const operationName = /\bsubscription\s+(\w+)/.exec(document.toString())?.[1] ?? '';
      const entry: Recorded = { operationName, variables, handlers: handlers as SubscriptionHandlers<unknown>, active: true };
      subscriptions.push(entry);
      return () => {
        entry.active = false;
      };
    },
    dispose() {
      for (const entry of subscriptions) entry.active = false;
    },
  };
  return {
    client,
    subscriptions,
    /** The live subscriptions of an operation. */
    active(operationName: string) {
      return subscriptions.filter((s) => s.active && s.operationName === operationName);
    },
    /** Sends an event to every live subscription of the operation. */
    emit(operationName: string, data: unknown) {
      for (const entry of subscriptions) if (entry.active && entry.operationName === operationName) entry.handlers.next(data);
    },
    reconnect() {
      for (const entry of subscriptions) if (entry.active) entry.handlers.reconnected?.();
    },
  };
}
