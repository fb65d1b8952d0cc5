/**
 * The finer reasons the API gives beside an error code (extensions.reason) that the app
 * translates; any other reason is shown with the server's own message only.
 */
export const ERROR_REASONS = [
  'SELF_LINE',
  'SECOND_MANAGER',
  'REPORTING_CYCLE',
  'COACH_IN_DIRECTOR_LINE',
  'TEAM_LEAD_ROLE',
  'TEAM_HOLDER_INACTIVE',
  'TEAM_COACH_ROLE',
  'TEAM_DIRECTOR_ROLE',
  'MATRIX_ONLY_FOR_SALES',
  'ROLE_HELD_IN_TEAM',
  'STALE_VERSION',
  'BAD_SCHEDULE',
  'BAD_ABSENCE',
  'DUPLICATE_LINE',
  'HOLDER_STAYS_IN_TEAM',
  'DUPLICATE_TEAM_NAME',
  'DUPLICATE_EMAIL',
  'FUTURE_SESSION',
  'TEAM_WIP_LIMIT',
  'MEMBER_WIP_LIMIT',
  'BAD_FILE',
  'BAD_MAPPING',
  // the validation pipe's kinds of input rule, with extensions.limit where the rule has one
  'VALUE_TOO_LARGE',
  'VALUE_TOO_SMALL',
  'VALUE_TOO_LONG',
  'VALUE_TOO_SHORT',
  'VALUE_TOO_MANY',
  'VALUE_TOO_FEW',
  'VALUE_NOT_ALLOWED',
  'VALUE_NOT_EMAIL',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);
}

/** The reasons that describe a broken input rule in full (the refusal needs no server sentence beside them). */
export function isValueReason(reason: ErrorReason): boolean {
  return reason.startsWith('VALUE_');
}
