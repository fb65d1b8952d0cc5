import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { OrganizationModel, UpdateOrganizationSettingsInput } from './organization.model';
import { OrganizationService } from './organization.service';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @Query(() => OrganizationModel, { description: "The caller's company" })
  organization(@CurrentViewer() viewer: Viewer): Promise<OrganizationModel> {
    return this.organizations.get(viewer);
  }

  @Mutation(() => OrganizationModel)
  updateOrganizationSettings(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateOrganizationSettingsInput): Promise<OrganizationModel> {
    return this.organizations.updateSettings(viewer, input);
  }
}
