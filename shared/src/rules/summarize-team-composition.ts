import { ROLES, STAGE_ROLES, type Role, type StageRole } from '../domain/roles';

export interface CompositionInput {
  role: Role;
  stageRole: StageRole | null;
  active: boolean;
  /** How many people this entry stands for (an aggregated row); 1 when omitted. */
  count?: number;
}

/** One slice of the team: a role, or for SALES a stage role. */
export interface CompositionSlice {
  key: Role | StageRole;
  count: number;
}

/**
 * The team by role, the figure the home dashboards draw: SALES members are split by
 * their stage role (a rep without one counts as plain SALES); inactive members are left
 * out. Slices come in the domain's order and empty ones are dropped.
 */
export function summarizeTeamComposition(members: readonly CompositionInput[]): CompositionSlice[] {
  const order: (Role | StageRole)[] = [...ROLES.filter((r) => r !== 'SALES'), ...STAGE_ROLES, 'SALES'];
  const counts = new Map<Role | StageRole, number>();
  for (const m of members) {
    if (!m.active) continue;
    const key = m.role === 'SALES' && m.stageRole ? m.stageRole : m.role;
    counts.set(key, (counts.get(key) ?? 0) + (m.count ?? 1));
  }
  return order.filter((k) => (counts.get(k) ?? 0) > 0).map((key) => ({ key, count: counts.get(key) ?? 0 }));
}
