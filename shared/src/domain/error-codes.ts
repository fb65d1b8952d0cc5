/**
 * The stable set of error codes the API puts in `extensions.code`.
 * Clients branch on these; the message is for people.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_ATTEMPTS',
  /** Over a work-in-progress limit (sprints); the lead may override. */
  'WIP_LIMIT',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Why a pure rule refuses an input: a stable reason (`extensions.reason`), the values its
 * sentence names (`extensions.params`: names, YYYY-MM-DD days, numbers) for a client to say
 * it in its own language, and the sentence in English for API clients and logs.
 */
export interface RuleProblem {
  reason: string;
  message: string;
  params?: Record<string, string | number>;
}
