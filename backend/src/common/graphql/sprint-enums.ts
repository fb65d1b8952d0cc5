import { registerEnumType } from '@nestjs/graphql';
import {
  APPROVAL_STATES,
  NOTIFICATION_KINDS,
  PROCESS_EVENT_KINDS,
  PROCESS_PRIORITIES,
  PROCESS_STATUSES,
  REMINDER_KINDS,
  SPRINT_STATUSES,
  TARGET_KINDS,
  type ApprovalState,
  type NotificationKind,
  type ProcessEventKind,
  type ProcessPriority,
  type ProcessStatus,
  type ReminderKind,
  type SprintStatus,
  type TargetKind,
} from '@salescircle/shared';
import { enumObject } from './enums';

export const SprintStatusEnum: Record<SprintStatus, SprintStatus> = enumObject(SPRINT_STATUSES);
export const ProcessStatusEnum: Record<ProcessStatus, ProcessStatus> = enumObject(PROCESS_STATUSES);
export const ProcessPriorityEnum: Record<ProcessPriority, ProcessPriority> = enumObject(PROCESS_PRIORITIES);
export const TargetKindEnum: Record<TargetKind, TargetKind> = enumObject(TARGET_KINDS);
export const ApprovalStateEnum: Record<ApprovalState, ApprovalState> = enumObject(APPROVAL_STATES);
export const ReminderKindEnum: Record<ReminderKind, ReminderKind> = enumObject(REMINDER_KINDS);
export const NotificationKindEnum: Record<NotificationKind, NotificationKind> = enumObject(NOTIFICATION_KINDS);
export const ProcessEventKindEnum: Record<ProcessEventKind, ProcessEventKind> = enumObject(PROCESS_EVENT_KINDS);

registerEnumType(SprintStatusEnum, { name: 'SprintStatus', description: 'PLANNED → ACTIVE (one per team) → CLOSED' });
registerEnumType(ProcessStatusEnum, { name: 'ProcessStatus' });
registerEnumType(ProcessPriorityEnum, { name: 'ProcessPriority' });
registerEnumType(TargetKindEnum, { name: 'TargetKind', description: 'What the measurable target counts, from real activities, orders and deals (CUSTOM: by hand)' });
registerEnumType(ApprovalStateEnum, { name: 'ApprovalState', description: 'Processes proposed from outside the lead wait for approval' });
registerEnumType(ReminderKindEnum, { name: 'ReminderKind', description: 'AT a time, BEFORE_DUE by an offset, RECURRING every N days while open' });
registerEnumType(NotificationKindEnum, { name: 'NotificationKind' });
registerEnumType(ProcessEventKindEnum, { name: 'ProcessEventKind' });
