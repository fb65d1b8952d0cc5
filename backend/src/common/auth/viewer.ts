import type { Locale, Role } from '@salescircle/shared';

/** The signed-in person making a request. */
export interface Viewer {
  userId: string;
  organizationId: string;
  role: Role;
  /** The member record of this user in the organization, if any. */
  memberId: string | null;
  locale: Locale;
}
