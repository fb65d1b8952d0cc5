import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { OrganizationModel } from './organization.model';
import { OrganizationRepository } from './organization.repository';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationRepository) {}

  @Query(() => OrganizationModel, { description: "The caller's company" })
  async organization(@CurrentViewer() viewer: Viewer): Promise<OrganizationModel> {
    const org = await this.organizations.findById(viewer.organizationId);
    if (!org) throw DomainError.notFound('The organization');
    return { id: org.id, name: org.name, timezone: org.timezone };
  }
}
