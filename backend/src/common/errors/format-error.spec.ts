import type { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error';
import { formatGraphQLError } from './format-error';

/** What the resolver threw, as Apollo hands it to the formatter: wrapped in a GraphQLError with a path. */
function thrown(original: Error) {
  const wrapped = new GraphQLError(original.message, { path: ['q'], originalError: original });
  const logged: unknown[] = [];
  const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
  return { formatted: formatGraphQLError({ message: wrapped.message, path: ['q'] }, wrapped, logger), logged };
}

/** A driver error as pg raises it (a code, the server's message). */
function databaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('formatGraphQLError', () => {
  it('keeps a domain error\'s code, message and details', () => {
    const { formatted } = thrown(DomainError.badInput('name', 'A name is required.'));
    expect(formatted).toMatchObject({ message: 'A name is required.', extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
  });

  it('passes the values a reason\'s sentence names as extensions.params, beside the English message', () => {
    const error = new DomainError('BAD_USER_INPUT', 'The period ends on 2026-03-01, before it starts on 2026-03-10.', {
      field: 'to',
      reason: 'PERIOD_ENDS_BEFORE_START',
      params: { from: '2026-03-10', to: '2026-03-01' },
    });
    const { formatted } = thrown(error);
    expect(formatted).toEqual({
      message: 'The period ends on 2026-03-01, before it starts on 2026-03-10.',
      path: ['q'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'to', reason: 'PERIOD_ENDS_BEFORE_START', params: { from: '2026-03-10', to: '2026-03-01' } },
    });
    expect(thrown(DomainError.badInput('coacheeId', 'A session is with someone else.', 'SELF_SESSION', { name: 'Анна', count: 3 })).formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'coacheeId',
      reason: 'SELF_SESSION',
      params: { name: 'Анна', count: 3 },
    });
  });

  it('gives no params (nor a reason) to a refusal that names nothing', () => {
    expect(thrown(DomainError.badInput('name', 'A name is required.')).formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(thrown(DomainError.badInput('name', 'A name is required.', 'NAME_REQUIRED', {})).formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name', reason: 'NAME_REQUIRED' });
  });

  it('says a whole number out of its range as the bound it broke, and a role\'s refusal by its reason', () => {
    expect(thrown(DomainError.outOfRange('days', 'days is 1 to 730.', 0, 1, 730)).formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'days', reason: 'VALUE_TOO_SMALL', limit: 1 });
    expect(thrown(DomainError.outOfRange('days', 'days is 1 to 730.', 731, 1, 730)).formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'days', reason: 'VALUE_TOO_LARGE', limit: 730 });
    expect(thrown(DomainError.outOfRange('days', 'days is 1 to 730.', 1.5, 1, 730)).formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'days', reason: 'VALUE_NOT_WHOLE' });
    expect(thrown(DomainError.forbidden()).formatted).toMatchObject({ message: 'Your role may not do this.', extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' } });
    expect(thrown(DomainError.forbidden('Reps edit their own clients.')).formatted.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('turns anything else into a reference only, logged with the cause: no SQL, no stack', () => {
    const { formatted, logged } = thrown(databaseError('23505', 'duplicate key value violates unique constraint "client_pkey" in SELECT …'));
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', ref: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(formatted.message).toMatch(/reference [0-9a-f]{8}/);
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|duplicate|client_pkey|stack/);
    expect(logged).toHaveLength(1);
  });

  it('answers an id PostgreSQL cannot read as a uuid as not found, from the driver or through TypeORM', () => {
    const driver = databaseError('22P02', 'invalid input syntax for type uuid: "abc"');
    expect(thrown(driver).formatted.extensions).toEqual({ code: 'NOT_FOUND' });
    const typeorm = Object.assign(new Error('invalid input syntax for type uuid: "abc"'), { driverError: { code: '22P02' } });
    const { formatted, logged } = thrown(typeorm);
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(formatted.message).not.toMatch(/abc|syntax/);
    expect(logged).toHaveLength(0);
  });

  it('keeps other unreadable input (not a uuid) an internal error: it is the server\'s own mistake', () => {
    expect(thrown(databaseError('22P02', 'invalid input syntax for type integer: "x"')).formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('says what a not-found refusal looked for, keeping its English sentence', () => {
    const { formatted } = thrown(DomainError.notFound('TEAM'));
    expect(formatted.message).toBe('The team was not found, or you may not see it.');
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND', reason: 'SUBJECT_NOT_FOUND', params: { subject: 'TEAM' } });
  });
});
