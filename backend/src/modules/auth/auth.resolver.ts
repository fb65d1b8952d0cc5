import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { clientIp, type RequestContext } from '../../common/context/request-context';
import { UsersService } from '../users/users.service';
import { AuthPayloadModel } from './auth.model';
import { AuthService, type IssuedToken } from './auth.service';

@Resolver(() => AuthPayloadModel)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => AuthPayloadModel)
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Context() context: RequestContext,
  ): Promise<AuthPayloadModel> {
    return this.payload(await this.auth.login(email, password, clientIp(context.req)));
  }

  @Mutation(() => AuthPayloadModel, { description: 'Ends every other session of the user and returns a fresh token' })
  async changePassword(
    @CurrentViewer() viewer: Viewer,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<AuthPayloadModel> {
    return this.payload(await this.auth.changePassword(viewer, currentPassword, newPassword));
  }

  private async payload(issued: IssuedToken): Promise<AuthPayloadModel> {
    return { accessToken: issued.accessToken, expiresAt: issued.expiresAt, user: await this.users.getById(issued.userId) };
  }
}
