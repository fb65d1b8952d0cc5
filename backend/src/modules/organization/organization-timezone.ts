import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../common/auth/viewer';
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

  async of(owner: TimezoneOwner): Promise<string> {
    if (typeof owner === 'string') return this.organizations.timezoneOf(owner);
    return owner.timezone ?? this.organizations.timezoneOf(owner.organizationId);
  }
}
