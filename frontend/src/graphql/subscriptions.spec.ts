import { describe, expect, it, vi } from 'vitest';
import { BoardChangedDocument } from './generated';
import { createSubscriptionClient, type WsClientLike, type WsClientOptions } from './subscriptions';

type Sink = Parameters<WsClientLike['subscribe']>[1];

function fakeFactory() {
  const sockets: { options: WsClientOptions; sinks: Sink[]; payloads: unknown[]; disposed: boolean; stopped: number }[] = [];
  const factory = vi.fn(async (options: WsClientOptions) => {
    const socket = { options, sinks: [] as Sink[], payloads: [] as unknown[], disposed: false, stopped: 0 };
    sockets.push(socket);
    const client: WsClientLike = {
      subscribe(payload, sink) {
        socket.payloads.push(payload);
        socket.sinks.push(sink);
        return () => {
          socket.stopped += 1;
        };
      },
      dispose() {
        socket.disposed = true;
      },
    };
    return client;
  });
  return { factory, sockets };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('subscription client', () => {
  it('signs the socket with the bearer token and delivers events', async () => {
    const { factory, sockets } = fakeFactory();
    const client = createSubscriptionClient({ url: 'ws://x/graphql', getToken: () => 'tok-1', factory });
    const next = vi.fn();
    const stop = client.subscribe(BoardChangedDocument, { teamId: 't1' }, { next });
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.options.url).toBe('ws://x/graphql');
    expect(sockets[0]!.options.connectionParams()).toEqual({ authorization: 'Bearer tok-1' });
    expect(sockets[0]!.payloads[0]).toMatchObject({ variables: { teamId: 't1' } });
    expect(String((sockets[0]!.payloads[0] as { query: string }).query)).toContain('subscription BoardChanged');

    sockets[0]!.sinks[0]!.next({ data: { boardChanged: { teamId: 't1', kind: 'MOVED' } } });
    expect(next).toHaveBeenCalledWith({ boardChanged: { teamId: 't1', kind: 'MOVED' } });
    stop();
    expect(sockets[0]!.stopped).toBe(1);
    // Nothing after the end.
    sockets[0]!.sinks[0]!.next({ data: { boardChanged: {} } });
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('shares one socket per token and opens a new one for a new token', async () => {
    const { factory, sockets } = fakeFactory();
    let token: string | null = 'a';
    const client = createSubscriptionClient({ url: 'ws://x/graphql', getToken: () => token, factory });
    client.subscribe(BoardChangedDocument, { teamId: 't1' }, { next: () => undefined });
    client.subscribe(BoardChangedDocument, { teamId: 't2' }, { next: () => undefined });
    await flush();
    expect(factory).toHaveBeenCalledTimes(1);
    token = 'b';
    client.subscribe(BoardChangedDocument, { teamId: 't1' }, { next: () => undefined });
    await flush();
    expect(factory).toHaveBeenCalledTimes(2);
    expect(sockets[0]!.disposed).toBe(true);
    expect(sockets[1]!.options.connectionParams()).toEqual({ authorization: 'Bearer b' });
    token = null;
    const stop = client.subscribe(BoardChangedDocument, { teamId: 't1' }, { next: () => undefined });
    stop();
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('maps refusals to AppErrors and tells live subscriptions when the socket came back', async () => {
    const { factory, sockets } = fakeFactory();
    const client = createSubscriptionClient({ url: 'ws://x/graphql', getToken: () => 't', factory });
    const error = vi.fn();
    const reconnected = vi.fn();
    client.subscribe(BoardChangedDocument, { teamId: 't1' }, { next: () => undefined, error, reconnected });
    await flush();
    sockets[0]!.sinks[0]!.next({ errors: [{ message: 'No access', extensions: { code: 'FORBIDDEN' } }] });
    expect(error.mock.calls[0]![0]).toMatchObject({ code: 'FORBIDDEN', message: 'No access' });
    sockets[0]!.sinks[0]!.error([{ message: 'Bad', extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(error.mock.calls[1]![0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    sockets[0]!.sinks[0]!.error(new Event('close'));
    expect(error.mock.calls[2]![0]).toMatchObject({ code: 'NETWORK_ERROR' });

    sockets[0]!.options.onConnected(false);
    expect(reconnected).not.toHaveBeenCalled();
    sockets[0]!.options.onConnected(true);
    expect(reconnected).toHaveBeenCalledTimes(1);
  });
});
