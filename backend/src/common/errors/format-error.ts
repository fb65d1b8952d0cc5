import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, type Logger } from '@nestjs/common';
import type { ErrorCode } from '@salescircle/shared';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error';

/** Apollo's own request-level codes: all of them are the caller's mistake. */
const CALLER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_ATTEMPTS',
};

/**
 * The one place that turns anything thrown into what a client sees: a code from the
 * stable set and a message. Internal errors are logged with a reference and reach the
 * client as that reference only: no stack, no SQL.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const path = formatted.path;
  const locations = formatted.locations;

  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    for (const [key, value] of Object.entries(original.details)) if (value !== undefined) extensions[key] = value;
    // the values the reason's sentence names (extensions.params), only when there are some
    if (original.details.params && Object.keys(original.details.params).length === 0) delete extensions.params;
    return { message: original.message, path, locations, extensions };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { message: original.message, path, locations, extensions: { code } };
  }
  if (isMalformedId(original)) {
    // an id that is no id (`client(id: "abc")`): nothing has it, as for an id of nothing
    return { message: 'Not found: the id is not a valid identifier.', path, locations, extensions: { code: 'NOT_FOUND' } };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && CALLER_CODES.has(apolloCode)) {
    return { message: formatted.message, locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original === error && isArmorRejection(formatted)) {
    return { message: formatted.message, locations, extensions: { code: 'BAD_USER_INPUT' } };
  }

  const ref = randomUUID().slice(0, 8);
  logger.error({ err: original, ref, path }, `Internal error ${ref}: ${original instanceof Error ? original.message : String(original)}`);
  return {
    message: `Something went wrong on our side (reference ${ref}). Please try again; if it persists, tell your administrator.`,
    path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ref },
  };
}

/** GraphQL Armor reports its refusals as validation errors with no code of their own. */
function isArmorRejection(formatted: GraphQLFormattedError): boolean {
  return /^Syntax Error: |(aliases|depth|cost|tokens|directives) limit|Token limit/i.test(formatted.message);
}

/** PostgreSQL refused a text as a uuid (22P02), whether the driver's error or TypeORM's wrapping of it. */
function isMalformedId(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, driverError } = error as Error & { code?: unknown; driverError?: { code?: unknown } };
  return (code === '22P02' || driverError?.code === '22P02') && /type uuid/.test(error.message);
}
