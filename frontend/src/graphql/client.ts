import { isErrorCode, type ErrorCode } from '@salescircle/shared';
import type { TypedDocumentString } from './generated';

/** Every error the app can show: the API's codes plus a transport failure. */
export type AppErrorCode = ErrorCode | 'NETWORK_ERROR';

export interface AppErrorDetail {
  code: AppErrorCode;
  message: string;
  /** Input field the server blamed, when it named one. */
  field?: string;
  /** A finer reason beside the code (e.g. COACH_IN_DIRECTOR_LINE, STALE_VERSION), when the server gave one. */
  reason?: string;
  /** Seconds to wait before trying again, when the server said so. */
  retryAfterSeconds?: number;
  /** The bound an input broke (with the VALUE_* reasons: at most 1,000, at least 2 characters). */
  limit?: number;
  /** The values the reason's sentence names (a person's or team's name, a date, a count), by name. */
  params?: Readonly<Record<string, string | number>>;
}

/** The one error type the GraphQL layer throws: always has a code and a message. */
export class AppError extends Error implements AppErrorDetail {
  readonly code: AppErrorCode;
  readonly field?: string;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
  readonly limit?: number;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Every error of the response, the first one included. */
  readonly details: readonly AppErrorDetail[];

  constructor(detail: AppErrorDetail, details: readonly AppErrorDetail[] = [detail]) {
    super(detail.message);
    this.name = 'AppError';
    this.code = detail.code;
    this.field = detail.field;
    this.reason = detail.reason;
    this.retryAfterSeconds = detail.retryAfterSeconds;
    this.limit = detail.limit;
    this.params = detail.params;
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into an AppError (unknown failures become INTERNAL_SERVER_ERROR). */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new AppError({ code: 'INTERNAL_SERVER_ERROR', message });
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GraphQLClientOptions {
  /** Defaults to `/graphql` (same origin; vite proxies it in dev). */
  endpoint?: string;
  fetch?: FetchLike;
  /** The bearer token to send, read on every request. */
  getToken?: () => string | null;
  /** Called when a request that carried a token came back UNAUTHENTICATED. */
  onUnauthenticated?: (error: AppError) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface GraphQLClient {
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TResult>;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_ATTEMPTS',
};

const GATEWAY_STATUSES = new Set([502, 503, 504]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operationName(query: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
}

function readRetryAfter(extensions: Record<string, unknown>): number | undefined {
  const value = extensions.retryAfterSeconds ?? extensions.retryAfter;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/** Maps one entry of a GraphQL `errors` array to an AppErrorDetail. */
export function mapGraphQLError(raw: unknown, status = 200): AppErrorDetail {
  const entry = isRecord(raw) ? raw : {};
  const extensions = isRecord(entry.extensions) ? entry.extensions : {};
  const message = typeof entry.message === 'string' && entry.message ? entry.message : 'Unknown error';
  const rawCode = extensions.code;
  let code: AppErrorCode;
  if (isErrorCode(rawCode)) code = rawCode;
  // Codes the server library adds on its own (GRAPHQL_VALIDATION_FAILED, ...) or none at all.
  else code = STATUS_CODES[status] ?? 'INTERNAL_SERVER_ERROR';
  const detail: AppErrorDetail = { code, message };
  if (typeof extensions.field === 'string' && extensions.field) detail.field = extensions.field;
  if (typeof extensions.reason === 'string' && extensions.reason) detail.reason = extensions.reason;
  if (typeof extensions.limit === 'number' && Number.isFinite(extensions.limit)) detail.limit = extensions.limit;
  const params = readParams(extensions.params);
  if (params) detail.params = params;
  const retryAfterSeconds = readRetryAfter(extensions);
  if (retryAfterSeconds !== undefined) detail.retryAfterSeconds = retryAfterSeconds;
  return detail;
}

/** extensions.params: the texts and finite numbers of it, or nothing when it has none. */
function readParams(value: unknown): Record<string, string | number> | undefined {
  if (!isRecord(value)) return undefined;
  const params = Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || (typeof entry[1] === 'number' && Number.isFinite(entry[1]))));
  return Object.keys(params).length > 0 ? params : undefined;
}

/** Maps a whole HTTP response (status + parsed body) to data or an AppError. */
export function interpretResponse<TResult>(status: number, body: unknown): TResult {
  if (isRecord(body) && Array.isArray(body.errors) && body.errors.length > 0) {
    const details = body.errors.map((e) => mapGraphQLError(e, status));
    throw new AppError(details[0], details);
  }
  if (status < 200 || status >= 300 || !isRecord(body) || !isRecord(body.data)) {
    // 502/503/504 without a GraphQL body: a proxy or gateway could not reach the API.
    const code: AppErrorCode = STATUS_CODES[status] ?? (GATEWAY_STATUSES.has(status) ? 'NETWORK_ERROR' : 'INTERNAL_SERVER_ERROR');
    throw new AppError({ code, message: `Unexpected response from the server (HTTP ${status})` });
  }
  return body.data as TResult;
}

export function createGraphQLClient(options: GraphQLClientOptions = {}): GraphQLClient {
  const endpoint = options.endpoint ?? '/graphql';

  async function request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables?: TVariables,
    requestOptions: RequestOptions = {},
  ): Promise<TResult> {
    const query = document.toString();
    const token = options.getToken?.() ?? null;
    const headers: Record<string, string> = {
      Accept: 'application/graphql-response+json, application/json',
      'Content-Type': 'application/json',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables: variables ?? {}, operationName: operationName(query) }),
        signal: requestOptions.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new AppError({ code: 'NETWORK_ERROR', message: error instanceof Error ? error.message : 'Network error' });
    }

    let body: unknown = null;
    const text = await response.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }

    try {
      return interpretResponse<TResult>(response.status, body);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED' && token) options.onUnauthenticated?.(error);
      throw error;
    }
  }

  return { request };
}
