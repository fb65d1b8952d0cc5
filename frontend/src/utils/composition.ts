import { ROLES, STAGE_ROLES, type Role, type StageRole } from '@salescircle/shared';

/** A composition slice key: a role, or a stage role for reps. */
export type CompositionKey = Role | StageRole;

/** Domain order of the slices: leadership first, then reps by stage, then reps without one. */
export const COMPOSITION_ORDER: readonly CompositionKey[] = [...ROLES.filter((r) => r !== 'SALES'), ...STAGE_ROLES, 'SALES'];

export function isStageRole(value: unknown): value is StageRole {
  return typeof value === 'string' && (STAGE_ROLES as readonly string[]).includes(value);
}

export function isCompositionKey(value: unknown): value is CompositionKey {
  return typeof value === 'string' && (COMPOSITION_ORDER as readonly string[]).includes(value);
}

export type CompositionLabelKey = `roles.${Role}` | `stageRoles.${StageRole}`;

export function compositionLabelKey(key: CompositionKey): CompositionLabelKey {
  return isStageRole(key) ? `stageRoles.${key}` : `roles.${key}`;
}

/** The label key of a member: a rep by their stage role when they have one, anyone else by role. */
export function memberRoleLabelKey(member: { role: Role; stageRole?: StageRole | null }): CompositionLabelKey {
  return member.role === 'SALES' && member.stageRole ? `stageRoles.${member.stageRole}` : `roles.${member.role}`;
}

export interface CompositionRow {
  key: string;
  count: number;
  /** Share of the total, 0..1. */
  share: number;
}

/**
 * Slices ready to draw: empty ones dropped, the same keys merged, in domain order
 * (keys the app does not know yet go last, as the server sent them).
 */
export function compositionRows(slices: readonly { key: string; count: number }[]): CompositionRow[] {
  const counts = new Map<string, number>();
  for (const slice of slices) {
    if (!Number.isFinite(slice.count) || slice.count <= 0) continue;
    counts.set(slice.key, (counts.get(slice.key) ?? 0) + slice.count);
  }
  const rank = (key: string) => {
    const i = (COMPOSITION_ORDER as readonly string[]).indexOf(key);
    return i === -1 ? COMPOSITION_ORDER.length : i;
  };
  const keys = [...counts.keys()].sort((a, b) => rank(a) - rank(b));
  const total = keys.reduce((sum, key) => sum + (counts.get(key) ?? 0), 0);
  return keys.map((key) => {
    const count = counts.get(key) ?? 0;
    return { key, count, share: total > 0 ? count / total : 0 };
  });
}
