import { registerEnumType } from '@nestjs/graphql';
import { LOCALES, ROLES, STAGE_ROLES, type Locale, type Role, type StageRole } from '@salescircle/shared';

/** A GraphQL enum object from a list of domain constants. */
export function enumObject<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

/** GraphQL enums built from the domain constants in shared/, so both stay one list. */
export const RoleEnum: Record<Role, Role> = enumObject(ROLES);
export const StageRoleEnum: Record<StageRole, StageRole> = enumObject(STAGE_ROLES);
export const LocaleEnum: Record<Locale, Locale> = enumObject(LOCALES);

registerEnumType(RoleEnum, { name: 'Role', description: 'Role in the sales organization' });
registerEnumType(StageRoleEnum, { name: 'StageRole', description: 'Client stage a sales rep serves' });
registerEnumType(LocaleEnum, { name: 'Locale' });
