/** The four roles of the sales organization (DOMAIN.md, "Who uses it"). */
export const ROLES = ['DIRECTOR', 'LEAD', 'COACH', 'SALES'] as const;
export type Role = (typeof ROLES)[number];

/** The client engagement stage a SALES member serves (matrix axis 1). */
export const STAGE_ROLES = ['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT'] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

/** Client category served (matrix axis 2): 1 is the largest clients. */
export const CATEGORIES = [1, 2, 3] as const;
export type Category = (typeof CATEGORIES)[number];

/** Life-cycle stages of a client, in order, plus the two exits. */
export const CLIENT_STAGES = ['LEAD', 'PROSPECT', 'ACTIVE', 'REGULAR', 'STRATEGIC', 'DORMANT', 'LOST'] as const;
export type ClientStage = (typeof CLIENT_STAGES)[number];

/** Kinds of lines between members of the circle. */
export const LINE_KINDS = ['REPORTS_TO', 'COACHES', 'MATRIX'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
