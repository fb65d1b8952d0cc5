import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@salescircle/shared';
import { AuthService } from '../../modules/auth/auth.service';
import type { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { ALLOWED_ROLES, IS_PUBLIC } from './decorators';

/**
 * Deny by default: every GraphQL operation and HTTP route needs a signed-in user unless
 * marked @Public(); @AllowRoles() narrows it to roles. The only place roles are checked
 * at the door (finer row rules live in the policy and the repositories).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const type = context.getType<'http' | 'graphql'>();
    let viewerHolder: { viewer: RequestContext['viewer'] };
    let authorization: string | undefined;
    if (type === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
      viewerHolder = ctx;
      authorization = ctx.req.headers.authorization;
    } else {
      const req = context.switchToHttp().getRequest<RequestContext['req'] & { viewer?: RequestContext['viewer'] }>();
      viewerHolder = req as { viewer: RequestContext['viewer'] };
      authorization = req.headers.authorization;
    }

    viewerHolder.viewer ??= await this.auth.authenticate(authorization);
    const viewer = viewerHolder.viewer;
    if (!viewer) {
      throw DomainError.unauthenticated(
        authorization ? 'Your session has ended (expired or signed out). Please sign in again.' : 'Please sign in.',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(viewer.role)) throw DomainError.forbidden();
    return true;
  }
}
