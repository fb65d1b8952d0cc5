import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Category, Role, StageRole } from '@salescircle/shared';
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

  @Field(() => StageRoleEnum, { nullable: true })
  stageRole: StageRole | null;

  @Field(() => Int, { nullable: true })
  category: Category | null;

  @Field()
  active: boolean;
}

@ObjectType('Team', { description: 'A circle: a director above, a lead, a coach beside, reps around' })
export class TeamModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  directorId: string | null;
  leadId: string | null;
  coachId: string | null;
}

@ObjectType('CompositionSlice', { description: "One slice of a team's composition: a role, or a stage role for reps" })
export class CompositionSliceModel {
  @Field({ description: 'DIRECTOR, LEAD, COACH, PROSPECTOR, HUNTER, FARMER, KEY_ACCOUNT or SALES' })
  key: string;

  @Field(() => Int)
  count: number;
}
