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
});
