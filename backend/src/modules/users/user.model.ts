import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Locale, Role } from '@salescircle/shared';
import { LocaleEnum, RoleEnum } from '../../common/graphql/enums';

@ObjectType('User', { description: 'A person who signs in' })
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => LocaleEnum)
  locale: Locale;

  @Field()
  active: boolean;
}
