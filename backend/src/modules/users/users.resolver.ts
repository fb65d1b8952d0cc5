import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { MemberModel } from '../members/member.model';
import { UpdatePreferencesInput } from './dto/update-preferences.input';
import { UserModel } from './user.model';
import { UsersService } from './users.service';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Query(() => UserModel, { description: 'The signed-in user' })
  me(@CurrentViewer() viewer: Viewer): Promise<UserModel> {
    return this.users.getById(viewer.userId);
  }

  @Mutation(() => UserModel, { description: 'Language and display name of the signed-in user' })
  updateMyPreferences(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdatePreferencesInput): Promise<UserModel> {
    return this.users.updatePreferences(viewer, input);
  }

  @Mutation(() => UserModel, { description: 'Deactivating a user ends all their sessions' })
  setUserActive(
    @CurrentViewer() viewer: Viewer,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('active') active: boolean,
  ): Promise<UserModel> {
    return this.users.setActive(viewer, userId, active);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  member(@Parent() user: UserModel, @Context() context: RequestContext): Promise<MemberModel | null> {
    return context.loaders.memberByUserId.load(user.id);
  }
}
