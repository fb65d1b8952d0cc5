import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AbsenceKind, Category, CrossRoleKind, LineKind, Role, StageRole, UnavailableReason } from '@salescircle/shared';
import { AbsenceKindEnum, CrossRoleKindEnum, LineKindEnum, UnavailableReasonEnum } from '../../common/graphql/circle-enums';
import { RoleEnum, StageRoleEnum } from '../../common/graphql/enums';

@ObjectType('Member', { description: 'A person of the sales organization (may or may not sign in)' })
export class MemberModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => StageRoleEnum, { nullable: true, description: 'Client stage served (SALES only)' })
  stageRole: StageRole | null;

  @Field(() => Int, { nullable: true, description: 'Client category 1-3 served (SALES only)' })
  category: Category | null;

  @Field()
  active: boolean;

  @Field({ description: 'Whether the member signs in (has a user)' })
  hasSignIn: boolean;

  @Field(() => Int, { description: 'Optimistic version: send it back as expectedVersion to detect concurrent edits' })
  version: number;

  userId: string | null;
  organizationId: string;
  capacityClients: number;
  capacityProcesses: number;
}

@ObjectType('Capacity', { description: 'The most a member takes on at once, and how much of it is used' })
export class CapacityModel {
  @Field(() => Int, { description: 'Most active clients' })
  clients: number;

  @Field(() => Int, { description: 'Most parallel sales processes' })
  processes: number;

  @Field(() => Int, { description: 'Active clients owned now (not dormant or lost)' })
  activeClients: number;
}

@ObjectType('ReportingLine')
export class ReportingLineModel {
  @Field(() => ID)
  id: string;

  @Field(() => LineKindEnum)
  kind: LineKind;

  @Field(() => String, { nullable: true, description: 'For MATRIX lines: what the authority covers (a product, a region)' })
  scope: string | null;

  fromMemberId: string;
  toMemberId: string;
}

@ObjectType('CrossRole', { description: 'A cross role with its scope, e.g. product manager for given products' })
export class CrossRoleModel {
  @Field(() => ID)
  id: string;

  @Field(() => CrossRoleKindEnum)
  kind: CrossRoleKind;

  @Field(() => [String])
  products: string[];

  @Field(() => [String])
  regions: string[];

  memberId: string;
}

@ObjectType('ScheduleSlot', { description: 'A weekly working-hours slot in the company time zone' })
export class ScheduleSlotModel {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' })
  weekday: number;

  @Field({ description: 'HH:MM, inclusive' })
  startsAt: string;

  @Field({ description: 'HH:MM, exclusive' })
  endsAt: string;
}

@ObjectType('Absence')
export class AbsenceModel {
  @Field(() => ID)
  id: string;

  @Field(() => AbsenceKindEnum)
  kind: AbsenceKind;

  @Field({ description: 'YYYY-MM-DD, first day away' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, last day away (inclusive)' })
  endsOn: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  memberId: string;
}

@ObjectType('Availability')
export class AvailabilityModel {
  @Field()
  available: boolean;

  @Field(() => UnavailableReasonEnum, { nullable: true })
  reason: UnavailableReason | null;

  @Field()
  at: Date;
}

@ObjectType('ChangeLogEntry', { description: 'Who changed what, when' })
export class ChangeLogEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field(() => String, { nullable: true, description: 'Name of the user who made the change (null: the system)' })
  actorName: string | null;

  @Field()
  entity: string;

  @Field()
  action: string;

  @Field(() => String, { nullable: true, description: 'JSON of the values before' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the values after' })
  after: string | null;
}

@ObjectType('MatrixCell', { description: 'One cell of the specialization matrix: a stage role and a category' })
export class MatrixCellModel {
  @Field(() => StageRoleEnum, { nullable: true, description: 'null: reps without a stage role yet' })
  stageRole: StageRole | null;

  @Field(() => Int, { nullable: true })
  category: number | null;

  @Field(() => [MemberModel])
  members: MemberModel[];
}
