import type { ErrorCode } from '@salescircle/shared';

export interface DomainErrorDetails {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** A finer, module-specific reason a client may branch on (e.g. COACH_IN_DIRECTOR_LINE). */
  reason?: string;
  /** Seconds until a refused attempt may be retried, for TOO_MANY_ATTEMPTS. */
  retryAfterSeconds?: number;
  /** The bound an input broke (at most 100, at least 1 character), with the VALUE_* reasons of the validation pipe. */
  limit?: number;
}

/**
 * An expected failure of a use case, with a code from the stable set and a message a
 * person can act on. Everything else that is thrown is an internal error.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }

  static badInput(field: string, message: string, reason?: string): DomainError {
    return new DomainError('BAD_USER_INPUT', message, { field, reason });
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} was not found, or you may not see it.`);
  }

  static forbidden(message = 'Your role may not do this.'): DomainError {
    return new DomainError('FORBIDDEN', message);
  }

  static unauthenticated(message = 'Please sign in.'): DomainError {
    return new DomainError('UNAUTHENTICATED', message);
  }
}
