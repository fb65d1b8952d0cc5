import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { mayCallOperation, operationAccess } from '@salescircle/shared';
import { AuthService } from '../../modules/auth/auth.service';
import type { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { IS_PUBLIC } from './decorators';

/**
 * Deny by default, in one place. GraphQL operations are looked up in the shared
 * OPERATION_ACCESS table (an operation missing there is refused); HTTP routes need a
 * signed-in user unless marked @Public(). Row-level rules live in the policy functions the
 * services apply.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<'http' | 'graphql'>() === 'graphql') return this.canCallOperation(context);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<RequestContext['req'] & { viewer?: RequestContext['viewer'] }>();
    req.viewer = await this.auth.authenticate(req.headers.authorization);
    if (!req.viewer) throw DomainError.unauthenticated();
    return true;
  }

  private async canCallOperation(context: ExecutionContext): Promise<boolean> {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ fieldName: string; operation: { operation: string } }>();
    const operation = info.fieldName;
    const access = operationAccess(operation);
    if (access === undefined) {
      this.logger.error(`Operation "${operation}" has no entry in OPERATION_ACCESS: refused`);
      throw DomainError.forbidden('This operation is not open to anybody yet.', 'OPERATION_CLOSED');
    }
    if (access === 'PUBLIC') return true;
    const ctx = gql.getContext<RequestContext>();
    const authorization = ctx.req.headers.authorization;
    // A query changes no team: the viewer's scope is read with the viewer, in the same statement.
    ctx.viewerCheck ??= ctx.viewer ? Promise.resolve(ctx.viewer) : this.auth.authenticate(authorization, { withScope: info.operation.operation === 'query' });
    ctx.viewer = await ctx.viewerCheck;
    if (!ctx.viewer) {
      throw authorization
        ? DomainError.unauthenticated('Your session has ended (expired or signed out). Please sign in again.', 'SESSION_ENDED')
        : DomainError.unauthenticated();
    }
    if (!mayCallOperation(ctx.viewer.role, operation)) throw DomainError.forbidden();
    return true;
  }
}
