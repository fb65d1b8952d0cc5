/**
 * Work-in-progress limits for a sprint (seed 004: 15-20 processes at once is what a lead
 * can hold). A process counts while it is not DONE. The team has one limit; each member
 * as many as their capacity for processes. A change that would go over either is refused
 * unless the lead overrides it, and the override is recorded.
 */
export interface WipLoad {
  /** Processes not done in the sprint now, and the team's limit. */
  teamActive: number;
  teamLimit: number;
  /** Per owner the change touches: processes not done they own in the sprint now, and their capacity. */
  owners: readonly { memberId: string; active: number; limit: number }[];
}

export interface WipViolation {
  scope: 'TEAM' | 'MEMBER';
  memberId: string | null;
  limit: number;
  /** The count the change would lead to. */
  wouldBe: number;
}

/** Checks adding `adding` active processes (each owned by every listed owner). Null when it fits. */
export function checkWipLimit(load: WipLoad, adding = 1): WipViolation | null {
  if (adding <= 0) return null;
  if (load.teamActive + adding > load.teamLimit) return { scope: 'TEAM', memberId: null, limit: load.teamLimit, wouldBe: load.teamActive + adding };
  for (const owner of load.owners) {
    if (owner.active + adding > owner.limit) return { scope: 'MEMBER', memberId: owner.memberId, limit: owner.limit, wouldBe: owner.active + adding };
  }
  return null;
}
