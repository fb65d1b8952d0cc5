import { isCalendarDay } from '@salescircle/shared';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A day of the calendar as YYYY-MM-DD: not 2027-02-30, which a YYYY-MM-DD pattern lets through
 * and the database then refuses (an internal error instead of a refusal of the input).
 */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDay', validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDay(value) } }, options);
}
