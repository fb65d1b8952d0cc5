import { inject, type InjectionKey } from 'vue';
import { AppError, mapGraphQLError } from './client';
import type { TypedDocumentString } from './generated';

/** What a live subscription tells its owner. */
export interface SubscriptionHandlers<TResult> {
  next: (data: TResult) => void;
  /** The server refused the subscription (bad input, no access); it has ended. */
  error?: (error: AppError) => void;
  /** The socket came back after a drop: events may have been missed meanwhile, so reload. */
  reconnected?: () => void;
}

export interface SubscriptionClient {
  /** Starts a subscription; returns the function that ends it. Without a token it does nothing. */
  subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TResult>,
  ): () => void;
  /** Closes the socket (sign-out, tests). */
  dispose(): void;
}

/** The part of a graphql-ws client this helper uses. */
export interface WsClientLike {
  subscribe(
    payload: { query: string; variables?: Record<string, unknown> | null },
    sink: { next: (value: { data?: unknown; errors?: readonly unknown[] | null }) => void; error: (error: unknown) => void; complete: () => void },
  ): () => void;
  dispose(): void | Promise<void>;
}

export interface WsClientOptions {
  url: string;
  connectionParams: () => Record<string, unknown>;
  onConnected: (wasRetry: boolean) => void;
}

/** Creates the socket client; graphql-ws is loaded on the first subscription, not with the first page. */
export type WsClientFactory = (options: WsClientOptions) => Promise<WsClientLike>;

export const loadGraphQLWs: WsClientFactory = async ({ url, connectionParams, onConnected }) => {
  const { createClient } = await import('graphql-ws');
  return createClient({
    url,
    connectionParams,
    lazy: true,
    // A page stays open for hours: keep coming back, with graphql-ws's randomized backoff.
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    keepAlive: 20_000,
    on: { connected: (_socket, _payload, wasRetry) => onConnected(wasRetry) },
  });
};

export interface SubscriptionClientOptions {
  /** Defaults to ws(s)://<this host>/graphql (vite proxies it in dev). */
  url?: string;
  /** The bearer token, read when a socket opens; a new token opens a new socket. */
  getToken: () => string | null;
  factory?: WsClientFactory;
}

function defaultUrl(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

interface Live {
  reconnected?: () => void;
}

/** GraphQL subscriptions over one graphql-ws socket per token, with the bearer token in connectionParams. */
export function createSubscriptionClient(options: SubscriptionClientOptions): SubscriptionClient {
  const factory = options.factory ?? loadGraphQLWs;
  let current: { token: string; client: Promise<WsClientLike> } | null = null;
  const live = new Set<Live>();

  function clientFor(token: string): Promise<WsClientLike> {
    if (current?.token === token) return current.client;
    const previous = current;
    current = null;
    void previous?.client.then((c) => c.dispose()).catch(() => undefined);
    const client = factory({
      url: options.url ?? defaultUrl(),
      connectionParams: () => ({ authorization: `Bearer ${token}` }),
      onConnected: (wasRetry) => {
        if (!wasRetry) return;
        for (const entry of [...live]) entry.reconnected?.();
      },
    });
    current = { token, client };
    return client;
  }

  function subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TResult>,
  ): () => void {
    const token = options.getToken();
    if (!token) return () => undefined;
    const entry: Live = { reconnected: handlers.reconnected };
    live.add(entry);
    let ended = false;
    let stop: (() => void) | null = null;

    clientFor(token)
      .then((client) => {
        if (ended) return;
        stop = client.subscribe(
          { query: document.toString(), variables: (variables ?? {}) as Record<string, unknown> },
          {
            next: (result) => {
              if (ended) return;
              if (result.errors && result.errors.length > 0) {
                const details = result.errors.map((e) => mapGraphQLError(e));
                handlers.error?.(new AppError(details[0]!, details));
              } else if (result.data) handlers.next(result.data as TResult);
            },
            error: (error) => {
              if (ended) return;
              const errors = Array.isArray(error) ? error : null;
              const detail = errors?.length ? mapGraphQLError(errors[0]) : { code: 'NETWORK_ERROR' as const, message: 'Live updates are not available' };
              handlers.error?.(new AppError(detail));
            },
            complete: () => undefined,
          },
        );
      })
      .catch(() => handlers.error?.(new AppError({ code: 'NETWORK_ERROR', message: 'Live updates are not available' })));

    return () => {
      if (ended) return;
      ended = true;
      live.delete(entry);
      stop?.();
    };
  }

  function dispose(): void {
    const previous = current;
    current = null;
    live.clear();
    void previous?.client.then((c) => c.dispose()).catch(() => undefined);
  }

  return { subscribe, dispose };
}

export const SUBSCRIPTION_CLIENT_KEY: InjectionKey<SubscriptionClient> = Symbol('subscription-client');

/** The app's subscription client (tests provide a fake one); null when none is provided. */
export function useSubscriptionClient(): SubscriptionClient | null {
  return inject(SUBSCRIPTION_CLIENT_KEY, null);
}
