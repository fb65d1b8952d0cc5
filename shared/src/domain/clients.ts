import type { ClientStage, StageRole } from './roles';

export const OWNERSHIP_FORMS = ['COMMERCIAL', 'GOVERNMENT', 'PRIVATE_PERSON'] as const;
export type OwnershipForm = (typeof OWNERSHIP_FORMS)[number];

export const CHANNELS = ['DEALER', 'OWN_NETWORK', 'FRANCHISE', 'RETAIL_CHAIN', 'KEY_CLIENT', 'DIRECT'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROUTING_STRATEGIES = ['ROUND_ROBIN', 'LEAST_LOADED', 'BALANCED_POTENTIAL'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** The life-cycle stages a client moves along, in order (DORMANT and LOST are exits). */
export const PIPELINE_OF_STAGES: readonly ClientStage[] = ['LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC'];

/**
 * Which specialist serves a client at each stage (DOMAIN.md, "Client life cycle"): the
 * prospector works the raw base, the hunter brings a warm lead to its first order, the
 * farmer grows and keeps a working client, the key account manager the strategic ones.
 */
export const STAGE_ROLE_FOR_CLIENT_STAGE: Record<ClientStage, StageRole | null> = {
  LEAD: 'PROSPECTOR',
  PROSPECT: 'HUNTER',
  ACTIVE: 'FARMER',
  REGULAR: 'FARMER',
  STRATEGIC: 'KEY_ACCOUNT',
  DORMANT: null,
  LOST: null,
};

/** Kinds of a logged activity (the activity table's kind). */
export const ACTIVITY_KINDS = ['CALL', 'MEETING', 'EMAIL', 'TASK'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
