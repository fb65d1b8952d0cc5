/**
 * The finer reasons the API gives beside an error code (extensions.reason) that the app
 * translates (errorReasons in the messages, with the values of extensions.params and
 * extensions.limit): a known reason is said in full in the viewer's language; any other
 * refusal is said by its code, with the server's own message beside it.
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
  'DUE_BEFORE_SPRINT',
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
  'VALUE_NOT_WHOLE',
  // an operation the viewer's role may not call (the guard's table)
  'ROLE_NOT_ALLOWED',
  // analytics: periods, KPI targets, forecasts and coaching (backend/src/modules/analytics)
  'PERIOD_ENDS_BEFORE_START',
  'PERIOD_MISSING',
  'DUPLICATE_METRIC',
  'NOT_TEAM_METRIC',
  'WEIGHTS_NOT_ONE',
  'NOT_TEAM_LEAD',
  'NOT_MEMBERS_LEAD',
  'LEADERBOARD_OFF',
  'FORECAST_MEMBER_MISSING',
  'FORECAST_NOT_MANAGED',
  'ADJUSTMENT_NOTE_REQUIRED',
  'DUPLICATE_CRITERION',
  'DUPLICATE',
  'NOT_IN_CIRCLE',
  'SELF_SESSION',
  'NOT_YOUR_COACHEE',
  'NOT_A_CRITERION',
  'SCORE_OUT_OF_RANGE',
  'CRITERION_SCORED_TWICE',
  'OWN_COACHING_ONLY',
  'ALREADY_PROCESS',
  // sign-in, passwords and the guard (backend/src/modules/auth, backend/src/common/auth)
  'SIGN_IN_REQUIRED',
  'SESSION_ENDED',
  'WRONG_CREDENTIALS',
  'ACCOUNT_DEACTIVATED',
  'PASSWORD_REQUIRED',
  'WRONG_CURRENT_PASSWORD',
  'PASSWORD_UNCHANGED',
  'OPERATION_CLOSED',
  // clients, orders, reassignment and the routing and handoff rules (backend/src/modules/clients)
  'INN_NOT_DIGITS',
  'INN_WRONG_LENGTH',
  'INN_BAD_CHECKSUM',
  'NOT_OWN_CLIENT',
  'CLIENT_NAME_REQUIRED',
  'CONTACT_NAME_REQUIRED',
  'BAD_ORDER_DATE',
  'PRODUCT_NOT_IN_CATALOG',
  'REASSIGN_TARGET_INACTIVE',
  'REASSIGN_OUTSIDE_TEAM',
  'CLIENT_NOT_REASSIGNABLE',
  'VERSIONS_MISMATCH',
  'CLIENTS_CHANGED',
  'BAD_CURSOR',
  'UNKNOWN_CATEGORY',
  'POTENTIAL_BOUNDS_INVERTED',
  'CRITERION_MIN_REQUIRED',
  'ORDER_COUNT_NOT_WHOLE',
  'CRITERION_PRODUCTS_REQUIRED',
  'CRITERION_MONTHS_REQUIRED',
  'MEMBER_AND_POOL',
  'RULE_TARGET_REQUIRED',
  'POOL_STRATEGY_REQUIRED',
  'HANDOFF_NOT_FORWARD',
  'HANDOFF_CRITERIA_REQUIRED',
  // teams, users and the organization's settings (backend/src/modules/team, users, organization)
  'DIRECTOR_NOT_MEMBER',
  'TEAM_NOT_MANAGED',
  'NAME_REQUIRED',
  'SELF_DEACTIVATION',
  'CATEGORY2_THRESHOLD_NOT_POSITIVE',
  'CATEGORY_THRESHOLDS_ORDER',
  // sprints, processes, templates and reminders (backend/src/modules/sprints)
  'SPRINT_DATE_INVALID',
  'SPRINT_ENDS_BEFORE_START',
  'SPRINT_TOO_LONG',
  'LEAD_ONLY',
  'SPRINT_OVERLAP',
  'SPRINT_CLOSED',
  'RUNNING_SPRINT_START',
  'SPRINT_NOT_PLANNED',
  'ACTIVE_SPRINT_EXISTS',
  'NEXT_SPRINT_NOT_PLANNED',
  'NOTES_LEAD_OR_COACH',
  'OWNER_NOT_IN_TEAM',
  'LINKED_CLIENT_NOT_FOUND',
  'LINKED_DEAL_NOT_FOUND',
  'BAD_SEGMENT',
  'TITLE_REQUIRED',
  'UNKNOWN_TEMPLATE',
  'OWNER_REQUIRED',
  'OWNERS_OR_LEAD_ONLY',
  'VERSION_MISMATCH',
  'BLOCKED_REASON_REQUIRED',
  'VALUE_NOT_NUMBER',
  'NOT_APPROVED',
  'NOT_PENDING',
  'UNITS_REQUIRED',
  'BUILTIN_TEMPLATE_NAME',
  'REMINDER_RECIPIENT_REQUIRED',
  'OWN_REMINDERS_ONLY',
  'REMINDER_TIME_REQUIRED',
  'REMINDER_OFFSET_REQUIRED',
  'NO_DUE_TIME',
  'REMINDER_INTERVAL_REQUIRED',
  // the circle's people, lines, roles, schedules and absences (backend/src/modules/members)
  'ABSENCE_ENDS_BEFORE_START',
  'MEMBER_CHANGE_NOT_ALLOWED',
  'NOT_DIRECTED_TEAM',
  'CROSS_ROLE_SCOPE_REQUIRED',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);
}

/**
 * Reasons whose sentence here is general (the file cannot be read) while the server's says
 * what to fix (which file, which column): until the server names those in
 * extensions.params, its sentence stays beside the translated one.
 */
const GENERAL_WITHOUT_PARAMS: ReadonlySet<ErrorReason> = new Set(['BAD_FILE', 'BAD_MAPPING']);

/** Whether the translated reason says the whole refusal (given the values the server sent with it). */
export function saysItAll(reason: ErrorReason, params: Readonly<Record<string, unknown>> | undefined): boolean {
  return params !== undefined || !GENERAL_WITHOUT_PARAMS.has(reason);
}
