import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/**
 * What kind of rule an input broke, by class-validator's constraint name, for a client to say in
 * its own language (extensions.reason, with extensions.limit where the rule has one): the message
 * stays the server's English sentence.
 */
const REASONS: Record<string, { reason: string; bounded?: true }> = {
  max: { reason: 'VALUE_TOO_LARGE', bounded: true },
  min: { reason: 'VALUE_TOO_SMALL', bounded: true },
  maxLength: { reason: 'VALUE_TOO_LONG', bounded: true },
  minLength: { reason: 'VALUE_TOO_SHORT', bounded: true },
  arrayMaxSize: { reason: 'VALUE_TOO_MANY', bounded: true },
  arrayMinSize: { reason: 'VALUE_TOO_FEW', bounded: true },
  isIn: { reason: 'VALUE_NOT_ALLOWED' },
  isEmail: { reason: 'VALUE_NOT_EMAIL' },
  isCalendarDay: { reason: 'VALUE_NOT_DAY' },
};

/** @Length(min, max): too short or too long, by the value's own length. */
function lengthReason(value: unknown, args: unknown[]): { reason: string; limit?: number } {
  const [min, max] = args as [number, number | undefined];
  return typeof value === 'string' && value.length < min ? { reason: 'VALUE_TOO_SHORT', limit: min } : { reason: 'VALUE_TOO_LONG', limit: max };
}

/** The arguments of a property's constraint as declared (the limit of @Max(100) is 100). */
function constraintArgs(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === name);
  return metadata?.constraints ?? [];
}

interface Problem {
  field: string;
  message: string;
  reason?: string;
  limit?: number;
}

function firstProblem(errors: ValidationError[], prefix = ''): Problem | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const [name, message] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (name && message) {
      const args = constraintArgs(error.target, error.property, name);
      const rule = REASONS[name];
      // a bounded rule's bound is its first argument (@Max(100), @MaxLength(200))
      const kind = name === 'isLength' ? lengthReason(error.value, args) : rule ? { reason: rule.reason, limit: rule.bounded ? (args[0] as number) : undefined } : {};
      return { field, message, ...kind };
    }
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** Validates every input DTO; the error names the field (BAD_USER_INPUT, extensions.field) and the kind of rule (extensions.reason, limit). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors) ?? { field: 'input', message: 'The input is not valid.' };
      const limit = problem.limit !== undefined && Number.isFinite(problem.limit) ? problem.limit : undefined;
      return new DomainError('BAD_USER_INPUT', problem.message, { field: problem.field, reason: problem.reason, limit });
    },
  });
}
