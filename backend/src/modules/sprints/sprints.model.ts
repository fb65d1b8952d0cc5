import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ApprovalState, NotificationKind, ProcessEventKind, ProcessPriority, ProcessStatus, ReminderKind, SprintStatus, TargetKind } from '@salescircle/shared';
import {
  ApprovalStateEnum,
  NotificationKindEnum,
  ProcessEventKindEnum,
  ProcessPriorityEnum,
  ProcessStatusEnum,
  ReminderKindEnum,
  SprintStatusEnum,
  TargetKindEnum,
} from '../../common/graphql/sprint-enums';

@ObjectType('Sprint', { description: 'A team sprint: 15-20 sales processes run in parallel over about two weeks' })
export class SprintModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  teamId: string;

  @Field()
  name: string;

  @Field()
  goal: string;

  @Field({ description: 'First day, YYYY-MM-DD' })
  startsOn: string;

  @Field({ description: 'Last day, YYYY-MM-DD' })
  endsOn: string;

  @Field(() => SprintStatusEnum)
  status: SprintStatus;

  @Field({ description: 'Sprint review notes (lead, director, coach)' })
  review: string;

  @Field({ description: 'Retrospective notes (lead, director, coach)' })
  retrospective: string;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => Int)
  version: number;

  organizationId: string;
}

@ObjectType('BurndownPoint', { description: 'One day of the burndown: what is still open at its end, against the ideal line' })
export class BurndownPointModel {
  @Field()
  date: string;

  @Field(() => Int, { nullable: true, description: 'Processes not done at the end of the day (null for days to come)' })
  remaining: number | null;

  @Field(() => Float)
  ideal: number;

  @Field(() => Float, { nullable: true, description: 'Target units still to do at the end of the day' })
  remainingUnits: number | null;

  @Field(() => Float)
  idealUnits: number;
}

@ObjectType('ScopeChange', { description: 'A process added to or removed from a sprint after it started' })
export class ScopeChangeModel {
  @Field(() => ID)
  processId: string;

  @Field()
  title: string;

  @Field(() => ProcessEventKindEnum)
  kind: ProcessEventKind;

  @Field(() => Date)
  at: Date;

  @Field(() => String, { nullable: true })
  actorName: string | null;
}

@ObjectType('WipCount', { description: 'Processes not done against a limit' })
export class WipCountModel {
  @Field(() => ID, { nullable: true, description: 'The member, or null for the whole team' })
  memberId: string | null;

  @Field(() => String, { nullable: true })
  memberName: string | null;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  limit: number;
}

@ObjectType('SalesProcess', { description: 'One parallel sales process of a sprint (or the backlog)' })
export class SalesProcessModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  teamId: string;

  @Field(() => ID, { nullable: true, description: 'Null while in the backlog' })
  sprintId: string | null;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  templateKey: string | null;

  @Field(() => ProcessStatusEnum)
  status: ProcessStatus;

  @Field(() => ProcessPriorityEnum)
  priority: ProcessPriority;

  @Field(() => TargetKindEnum)
  targetKind: TargetKind;

  @Field(() => Float, { description: 'The measurable target in units of targetKind (calls, meetings, orders, roubles, deals)' })
  target: number;

  @Field(() => Float, { description: 'Units done so far, counted from real activities, orders and deals (plus hand-counted units)' })
  progress: number;

  @Field(() => String, { nullable: true })
  startsOn: string | null;

  @Field(() => Date, { nullable: true })
  dueAt: Date | null;

  @Field()
  overdue: boolean;

  @Field(() => String, { nullable: true })
  blockedReason: string | null;

  @Field(() => Date, { nullable: true })
  blockedSince: Date | null;

  @Field(() => Date, { nullable: true })
  doneAt: Date | null;

  @Field(() => ApprovalStateEnum)
  approval: ApprovalState;

  @Field(() => String, { nullable: true })
  rejectedReason: string | null;

  @Field(() => String, { nullable: true, description: 'A saved client segment (JSON of the client-list filter)' })
  segment: string | null;

  @Field(() => Float, { description: 'Order within its board column' })
  position: number;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;

  ownerMemberId: string | null;
  coOwnerIds: string[];
  organizationId: string;
}

@ObjectType('ProcessStep', { description: 'A checklist step' })
export class ProcessStepModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  position: number;

  @Field()
  title: string;

  @Field()
  done: boolean;

  @Field(() => Date, { nullable: true })
  doneAt: Date | null;
}

@ObjectType('ProcessDeal', { description: 'A deal linked to a process' })
export class ProcessDealModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'Exact decimal as a string' })
  amount: string;

  @Field()
  stageName: string;

  @Field({ description: 'OPEN, WON or LOST' })
  stageKind: string;
}

@ObjectType('Reminder')
export class ReminderModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReminderKindEnum)
  kind: ReminderKind;

  @Field(() => Date, { nullable: true })
  at: Date | null;

  @Field(() => Int, { nullable: true })
  offsetMinutes: number | null;

  @Field(() => Int, { nullable: true })
  everyDays: number | null;

  @Field(() => Date, { nullable: true, description: 'When it fires next; null once finished' })
  nextAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastFiredAt: Date | null;

  @Field()
  note: string;

  @Field(() => ID)
  recipientMemberId: string;

  @Field(() => String, { nullable: true })
  recipientName: string | null;
}

@ObjectType('ProcessEvent', { description: 'One entry of a process history' })
export class ProcessEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => ProcessEventKindEnum)
  kind: ProcessEventKind;

  @Field(() => ProcessStatusEnum, { nullable: true })
  fromStatus: ProcessStatus | null;

  @Field(() => ProcessStatusEnum, { nullable: true })
  toStatus: ProcessStatus | null;

  @Field(() => Float, { nullable: true })
  units: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  sprintId: string | null;

  @Field(() => Date)
  at: Date;

  @Field(() => String, { nullable: true })
  actorName: string | null;
}

@ObjectType('ProcessTemplate', { description: 'A kind of sales process from the library (built in or added by a lead)' })
export class ProcessTemplateModel {
  @Field({ description: 'Built-in key, or the id of an organization template' })
  key: string;

  @Field()
  name: string;

  @Field(() => TargetKindEnum)
  targetKind: TargetKind;

  @Field(() => Float)
  targetValue: number;

  @Field(() => [String])
  steps: string[];

  @Field()
  builtin: boolean;
}

@ObjectType('SprintVelocity', { description: 'What a closed sprint delivered' })
export class SprintVelocityModel {
  @Field(() => ID)
  sprintId: string;

  @Field()
  name: string;

  @Field()
  startsOn: string;

  @Field()
  endsOn: string;

  @Field(() => Int, { description: 'Processes in the sprint at its end' })
  processesPlanned: number;

  @Field(() => Int)
  processesDone: number;

  @Field(() => Float, { description: 'Target units done within the sprint (each process counted up to its target)' })
  unitsDone: number;

  @Field({ description: 'Amount of linked deals won within the sprint, exact decimal' })
  revenueWon: string;
}

@ObjectType('SprintPlanHint', { description: 'How much to plan next, from velocity' })
export class SprintPlanHintModel {
  @Field(() => Int)
  processes: number;

  @Field(() => Int, { description: 'Closed sprints the hint rests on' })
  basedOn: number;

  @Field(() => Int)
  wipLimit: number;
}

@ObjectType('CloseSprintResult')
export class CloseSprintResultModel {
  @Field(() => SprintModel)
  closed: SprintModel;

  @Field(() => SprintModel, { nullable: true, description: 'Where unfinished processes went' })
  next: SprintModel | null;

  @Field(() => Int)
  rolledOver: number;
}

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => ID, { nullable: true })
  processId: string | null;

  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

@ObjectType('BoardEvent', { description: 'Something changed on a team board' })
export class BoardEventModel {
  @Field(() => ID)
  teamId: string;

  @Field(() => ID, { nullable: true })
  sprintId: string | null;

  @Field(() => ID, { nullable: true })
  processId: string | null;

  @Field({ description: 'What happened: CREATED, MOVED, UPDATED, PLANNED, STARTED, CLOSED, ...' })
  kind: string;

  @Field(() => ProcessStatusEnum, { nullable: true })
  status: ProcessStatus | null;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => Date)
  at: Date;
}

@ObjectType('NotificationEvent', { description: 'New notifications arrived for the viewer' })
export class NotificationEventModel {
  @Field(() => Int)
  unreadCount: number;

  @Field(() => NotificationModel, { nullable: true, description: 'The newest one' })
  latest: NotificationModel | null;
}

@ObjectType('ProcessClient', { description: 'A client a process works on (name and stage only: the client card follows its own visibility rules)' })
export class ProcessClientModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  stage: string;

  @Field(() => String, { nullable: true })
  ownerName: string | null;
}
