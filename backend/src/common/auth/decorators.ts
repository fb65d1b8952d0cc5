import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from './viewer';

export const IS_PUBLIC = 'sc:isPublic';

/** The HTTP route needs no sign-in (GraphQL operations are opened in OPERATION_ACCESS). */
export const Public = () => SetMetadata(IS_PUBLIC, true);


/** The signed-in viewer of a GraphQL operation. */
export const CurrentViewer = createParamDecorator((_data: unknown, ctx: ExecutionContext): Viewer => {
  const context = GqlExecutionContext.create(ctx).getContext<RequestContext>();
  if (!context.viewer) throw DomainError.unauthenticated();
  return context.viewer;
});
