import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ErrorCode } from '@salescircle/shared';
import type { Response } from 'express';
import { DomainError } from './domain-error';

const STATUS: Record<Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_ATTEMPTS: 429,
  WIP_LIMIT: 409,
};

/**
 * Plain HTTP routes (exports, health) answer errors as `{ error: { code, message, field? } }`
 * with the matching status; GraphQL errors are left to the GraphQL error formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<'http' | 'graphql'>() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message, ...exception.details } });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      res.status(exception.getStatus()).json({ error: { code: exception.getStatus() === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT', message: exception.message } });
      return;
    }
    const ref = Math.random().toString(16).slice(2, 10);
    this.logger.error({ err: exception, ref }, `Internal error ${ref}`);
    if (!res.headersSent) res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: `Something went wrong on our side (reference ${ref}).`, ref } });
    else res.end();
  }
}
