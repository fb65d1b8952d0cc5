import { Field, InputType } from '@nestjs/graphql';
import type { Locale } from '@salescircle/shared';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LocaleEnum } from '../../../common/graphql/enums';

@InputType()
export class UpdatePreferencesInput {
  @Field(() => LocaleEnum, { nullable: true })
  @IsOptional()
  @IsIn(['ru', 'en'])
  locale?: Locale;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;
}
