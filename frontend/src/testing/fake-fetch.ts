import type { FetchLike } from '@/graphql/client';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, unknown>; operationName?: string };
}

export type FakeReply =
  | { status?: number; json: unknown }
  | { status: number; text: string }
  | { networkError: string };

/** Answers by operation name; return undefined for a request the test did not expect. */
export type FakeHandler = (request: RecordedRequest) => FakeReply | undefined;

/**
 * A strict fetch for tests: every call must be a well-formed GraphQL POST and must be
 * expected (a queued reply, or one the handler gives); anything else fails the test.
 */
export function createFakeFetch(replies: FakeReply[] | FakeHandler = []) {
  const queue = Array.isArray(replies) ? [...replies] : [];
  const handler = Array.isArray(replies) ? null : replies;
  const requests: RecordedRequest[] = [];
  /** Every broken rule, kept because the client turns a throwing fetch into NETWORK_ERROR. */
  const violations: string[] = [];
  const fail: (message: string) => never = (message) => {
    violations.push(message);
    throw new Error(`fake fetch: ${message}`);
  };

  const fetch: FetchLike = async (url, init) => {
    if (url !== '/graphql') fail(`expected /graphql, got ${url}`);
    if (init.method !== 'POST') fail(`expected POST, got ${String(init.method)}`);
    const headers = { ...(init.headers as Record<string, string>) };
    if (headers['Content-Type'] !== 'application/json') fail('Content-Type must be application/json');
    if (!headers.Accept?.includes('application/graphql-response+json')) fail('Accept must include application/graphql-response+json');
    if (typeof init.body !== 'string') return fail('body must be a JSON string');
    const body = JSON.parse(init.body) as RecordedRequest['body'];
    if (typeof body.query !== 'string' || !body.query.trim()) fail('body.query missing');
    if (typeof body.variables !== 'object' || body.variables === null) fail('body.variables missing');
    if (typeof body.operationName !== 'string') fail('body.operationName missing');
    const request: RecordedRequest = { url, method: init.method, headers, body };
    requests.push(request);

    const reply = handler ? handler(request) : queue.shift();
    if (!reply) return fail(`unexpected request ${body.operationName ?? body.query}`);
    if ('networkError' in reply) throw new TypeError(reply.networkError);
    if ('text' in reply) return new Response(reply.text, { status: reply.status, headers: { 'Content-Type': 'text/html' } });
    return new Response(JSON.stringify(reply.json), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/graphql-response+json' },
    });
  };

  return {
    fetch,
    requests,
    violations,
    reply(next: FakeReply) {
      queue.push(next);
    },
    /** Replies queued but never asked for. */
    get pending() {
      return queue.length;
    },
  };
}

export function graphQLError(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }], data: null };
}
