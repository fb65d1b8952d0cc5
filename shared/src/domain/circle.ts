/** Cross roles at the junctions of the matrix (seed 001): they give matrix authority for a scope. */
export const CROSS_ROLE_KINDS = ['PRODUCT_MANAGER', 'TERRITORY_MANAGER', 'TECH_SUPPORT', 'SERVICE_ENGINEER', 'ADMINISTRATOR'] as const;
export type CrossRoleKind = (typeof CROSS_ROLE_KINDS)[number];

export const ABSENCE_KINDS = ['VACATION', 'SICK_LEAVE', 'OTHER'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** Organization-wide default for seeing other reps' client details (like the big CRMs' org-wide defaults). */
export const CLIENT_VISIBILITIES = ['OWN', 'TEAM', 'ALL'] as const;
export type ClientVisibility = (typeof CLIENT_VISIBILITIES)[number];

export interface OrganizationSettings {
  clientVisibility: ClientVisibility;
  leaderboardEnabled: boolean;
  /** Client category thresholds on annual potential or volume (see classifyClientCategory). */
  category1From: number;
  category2From: number;
  /** Sprints: escalate to the lead when a process is overdue by this many hours, or blocked this long. */
  escalateOverdueAfterHours: number;
  escalateBlockedAfterHours: number;
}

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  clientVisibility: 'OWN',
  leaderboardEnabled: true,
  category1From: 30_000_000,
  category2From: 5_000_000,
  escalateOverdueAfterHours: 0,
  escalateBlockedAfterHours: 48,
};

export function readOrganizationSettings(raw: Record<string, unknown> | null | undefined): OrganizationSettings {
  const visibility = raw?.clientVisibility;
  const hours = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 24 * 60 ? value : fallback);
  const positive = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);
  return {
    clientVisibility: (CLIENT_VISIBILITIES as readonly unknown[]).includes(visibility) ? (visibility as ClientVisibility) : 'OWN',
    leaderboardEnabled: typeof raw?.leaderboardEnabled === 'boolean' ? raw.leaderboardEnabled : true,
    category1From: positive(raw?.category1From, DEFAULT_ORGANIZATION_SETTINGS.category1From),
    category2From: positive(raw?.category2From, DEFAULT_ORGANIZATION_SETTINGS.category2From),
    escalateOverdueAfterHours: hours(raw?.escalateOverdueAfterHours, DEFAULT_ORGANIZATION_SETTINGS.escalateOverdueAfterHours),
    escalateBlockedAfterHours: hours(raw?.escalateBlockedAfterHours, DEFAULT_ORGANIZATION_SETTINGS.escalateBlockedAfterHours),
  };
}
