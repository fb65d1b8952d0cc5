import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../common/auth/viewer';
import type { Loaders } from '../../common/context/loaders';
import { OrganizationRepository } from './organization.repository';

/** Whose time zone: a viewer (its organization, and the time zone read with it for a query), or an organization's id where there is no viewer (a job). */
export type TimezoneOwner = Pick<Viewer, 'organizationId' | 'timezone'> | string;

/**
 * The one way to the IANA time zone an organization works in (its calendar days and months,
 * sprint days, shifts). A GraphQL query's viewer carries it, read with the viewer in the
 * sign-in statement, so every field of the request uses that one value and no statement more;
 * a mutation's or a subscription's viewer is read without it (they read what they need fresh),
 * and then, as for a job given the organization's id, it is read here.
 */
@Injectable()
export class OrganizationTimezone {
  constructor(private readonly organizations: OrganizationRepository) {}

  /**
   * With the request's loaders (a resolver), an organization's time zone is read once for the
   * whole request however many fields ask for it (a mutation returning a hundred members).
   */
  async of(owner: TimezoneOwner, request?: { loaders: Pick<Loaders, 'timezoneByOrganizationId'> }): Promise<string> {
    if (typeof owner !== 'string' && owner.timezone) return owner.timezone;
    const id = typeof owner === 'string' ? owner : owner.organizationId;
    return request ? request.loaders.timezoneByOrganizationId.load(id) : this.organizations.timezoneOf(id);
  }
}
