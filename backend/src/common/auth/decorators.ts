import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@salescircle/shared';
import type { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from './viewer';

export const IS_PUBLIC = 'sc:isPublic';
export const ALLOWED_ROLES = 'sc:allowedRoles';

/** The operation needs no sign-in (everything else does: deny by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the operation; checked by the one AuthGuard. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The signed-in viewer of a GraphQL operation. */
export const CurrentViewer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Viewer => {
  const context = GqlExecutionContext.create(ctx).getContext<RequestContext>();
  if (!context.viewer) throw DomainError.unauthenticated();
  return context.viewer;
});
