import type { CircleViolation } from '@salescircle/shared';
import { DomainError } from '../../common/errors/domain-error';

/** Finer reasons of the circle's refusals (extensions.reason), beside the stable code. */
export const CircleErrorReason = {
  MATRIX_ONLY_FOR_SALES: 'MATRIX_ONLY_FOR_SALES',
  STALE_VERSION: 'STALE_VERSION',
  BAD_SCHEDULE: 'BAD_SCHEDULE',
  BAD_ABSENCE: 'BAD_ABSENCE',
  DUPLICATE_LINE: 'DUPLICATE_LINE',
  HOLDER_STAYS_IN_TEAM: 'HOLDER_STAYS_IN_TEAM',
  DUPLICATE_TEAM_NAME: 'DUPLICATE_TEAM_NAME',
  DUPLICATE_EMAIL: 'DUPLICATE_EMAIL',
  ABSENCE_ENDS_BEFORE_START: 'ABSENCE_ENDS_BEFORE_START',
  MEMBER_CHANGE_NOT_ALLOWED: 'MEMBER_CHANGE_NOT_ALLOWED',
  NOT_DIRECTED_TEAM: 'NOT_DIRECTED_TEAM',
  CROSS_ROLE_SCOPE_REQUIRED: 'CROSS_ROLE_SCOPE_REQUIRED',
} as const;

export function circleViolationError(violation: CircleViolation, field?: string): DomainError {
  return new DomainError('BAD_USER_INPUT', violation.message, { reason: violation.code, field, params: violation.params });
}

export function staleVersionError(name: string): DomainError {
  return new DomainError('CONFLICT', `${name} was changed by someone else meanwhile. Reload to see the latest, then try again.`, {
    reason: CircleErrorReason.STALE_VERSION,
    params: { name },
  });
}
