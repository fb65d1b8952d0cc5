import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Team', { description: 'A circle: a director above, a lead, a coach beside, reps around' })
export class TeamModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'A paused group takes no new work (e.g. telemarketing when hunters are swamped)' })
  paused: boolean;

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
