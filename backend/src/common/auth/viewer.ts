import type { Locale, Role, ViewerScope } from '@salescircle/shared';

/** The signed-in person making a request. */
export interface Viewer {
  userId: string;
  organizationId: string;
  role: Role;
  /** The member record of this user in the organization, if any. */
  memberId: string | null;
  locale: Locale;
  /**
   * The teams the viewer directs, leads, coaches or belongs to, read with the viewer for a
   * GraphQL query (a query changes no team, so they hold for the whole request); absent for
   * mutations and subscriptions, which read the scope when they need it.
   */
  scope?: ViewerScope;
  /** The organization's time zone, read with the viewer for a GraphQL query (like `scope`). */
  timezone?: string;
}
