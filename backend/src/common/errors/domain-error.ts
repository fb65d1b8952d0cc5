import type { ErrorCode } from '@salescircle/shared';

/** The values a refusal's sentence names (a person's or team's name, a date, a count), for a client to say it in its own language. */
export type ErrorParams = Record<string, string | number>;

export interface DomainErrorDetails {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** A finer, module-specific reason a client may branch on (e.g. COACH_IN_DIRECTOR_LINE). */
  reason?: string;
  /** Seconds until a refused attempt may be retried, for TOO_MANY_ATTEMPTS. */
  retryAfterSeconds?: number;
  /** The bound an input broke (at most 100, at least 1 character), with the VALUE_* reasons of the validation pipe. */
  limit?: number;
  /**
   * The values the reason's sentence names, by name (`{ name: 'Анна Котова', from: '2026-03-01' }`):
   * a client translates the reason and fills them in; the English message says the same for API clients and logs.
   */
  params?: ErrorParams;
}

/** What a NOT_FOUND refusal looked for (`params.subject`, which the app says in the viewer's language), and its English words. */
export const NOT_FOUND_SUBJECTS = {
  TEAM: 'The team',
  SPRINT: 'The sprint',
  MEMBER: 'The member',
  A_MEMBER: 'A member',
  ROUTING_RULE: 'The routing rule',
  HANDOFF_RULE: 'The handoff rule',
  USER: 'The user',
  PROCESS: 'The process',
  ORGANIZATION: 'The organization',
  ACTION_ITEM: 'The action item',
  TEMPLATE: 'The template',
  STEP: 'The step',
  REMINDER: 'The reminder',
  REBALANCE_PROPOSAL: 'The rebalance proposal',
  PRODUCT: 'The product',
  PIPELINE: 'The pipeline',
  OFFBOARDING_PREVIEW: 'The offboarding preview',
  NEXT_SPRINT: 'The next sprint',
  TEAM_MEMBER: 'The member in this team',
  LINE: 'The line',
  HANDOFF_PREVIEW: 'The handoff preview',
  CROSS_ROLE: 'The cross role',
  CLIENT: 'The client',
  ABSENCE: 'The absence',
  RULE_MEMBER: 'A member of the rule',
  A_CLIENT: 'A client',
} as const;

export type NotFoundSubject = keyof typeof NOT_FOUND_SUBJECTS;

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

  static badInput(field: string, message: string, reason?: string, params?: ErrorParams): DomainError {
    return new DomainError('BAD_USER_INPUT', message, { field, reason, params });
  }

  /**
   * A whole number outside [min, max]: said as the validation pipe says a broken bound
   * (VALUE_TOO_SMALL / VALUE_TOO_LARGE with the bound as `limit`, VALUE_NOT_WHOLE for a fraction).
   */
  static outOfRange(field: string, message: string, value: number, min: number, max: number): DomainError {
    if (value < min) return new DomainError('BAD_USER_INPUT', message, { field, reason: 'VALUE_TOO_SMALL', limit: min });
    if (value > max) return new DomainError('BAD_USER_INPUT', message, { field, reason: 'VALUE_TOO_LARGE', limit: max });
    return new DomainError('BAD_USER_INPUT', message, { field, reason: 'VALUE_NOT_WHOLE' });
  }

  /** Nothing of that kind with that id that the viewer may see (reason SUBJECT_NOT_FOUND, params.subject: what was looked for). */
  static notFound(subject: NotFoundSubject): DomainError {
    return new DomainError('NOT_FOUND', `${NOT_FOUND_SUBJECTS[subject]} was not found, or you may not see it.`, { reason: 'SUBJECT_NOT_FOUND', params: { subject } });
  }

  /** Without a message of its own, the refusal of an operation the viewer's role may not call (reason ROLE_NOT_ALLOWED). */
  static forbidden(message?: string, reason?: string, params?: ErrorParams): DomainError {
    if (message === undefined) return new DomainError('FORBIDDEN', 'Your role may not do this.', { reason: 'ROLE_NOT_ALLOWED' });
    return new DomainError('FORBIDDEN', message, { reason, params });
  }

  /** Without a message of its own, a request that needs a signed-in viewer and has none (reason SIGN_IN_REQUIRED). */
  static unauthenticated(message?: string, reason?: string): DomainError {
    if (message === undefined) return new DomainError('UNAUTHENTICATED', 'Please sign in.', { reason: 'SIGN_IN_REQUIRED' });
    return new DomainError('UNAUTHENTICATED', message, { reason });
  }
}
