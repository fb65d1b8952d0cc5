import { registerEnumType } from '@nestjs/graphql';
import { enumObject } from './enums';
import {
  ABSENCE_KINDS,
  CLIENT_VISIBILITIES,
  CROSS_ROLE_KINDS,
  LINE_KINDS,
  type AbsenceKind,
  type ClientVisibility,
  type CrossRoleKind,
  type LineKind,
  type UnavailableReason,
} from '@salescircle/shared';


export const LineKindEnum: Record<LineKind, LineKind> = enumObject(LINE_KINDS);
export const CrossRoleKindEnum: Record<CrossRoleKind, CrossRoleKind> = enumObject(CROSS_ROLE_KINDS);
export const AbsenceKindEnum: Record<AbsenceKind, AbsenceKind> = enumObject(ABSENCE_KINDS);
export const ClientVisibilityEnum: Record<ClientVisibility, ClientVisibility> = enumObject(CLIENT_VISIBILITIES);
export const UnavailableReasonEnum: Record<UnavailableReason, UnavailableReason> = enumObject([
  'INACTIVE',
  'PAUSED',
  'ABSENT',
  'OFF_SHIFT',
] as const);

registerEnumType(LineKindEnum, { name: 'LineKind', description: 'REPORTS_TO (direct report), COACHES, MATRIX (second manager for a scope)' });
registerEnumType(CrossRoleKindEnum, { name: 'CrossRoleKind' });
registerEnumType(AbsenceKindEnum, { name: 'AbsenceKind' });
registerEnumType(ClientVisibilityEnum, { name: 'ClientVisibility', description: "Whose client details a rep sees: own, the team's, everyone's" });
registerEnumType(UnavailableReasonEnum, { name: 'UnavailableReason' });
