import { ArrayMaxSize, IsEmail, IsIn, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from './validation.pipe';

class Input {
  @IsOptional() @Max(1_000) @Min(0) target?: number;
  @IsOptional() @Length(2, 5) code?: string;
  @IsOptional() @MaxLength(3) note?: string;
  @IsOptional() @ArrayMaxSize(2) tags?: string[];
  @IsOptional() @IsIn(['A', 'B']) kind?: string;
  @IsOptional() @IsEmail() email?: string;
}

async function refusal(value: object): Promise<DomainError> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Input });
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('accepted');
}

describe('the validation pipe', () => {
  it('names the field, the kind of rule broken and its bound, beside the English sentence', async () => {
    const cases: [object, string, string, number | undefined][] = [
      [{ target: 5_000 }, 'target', 'VALUE_TOO_LARGE', 1_000],
      [{ target: -1 }, 'target', 'VALUE_TOO_SMALL', 0],
      [{ code: 'x' }, 'code', 'VALUE_TOO_SHORT', 2],
      [{ code: 'abcdef' }, 'code', 'VALUE_TOO_LONG', 5],
      [{ note: 'abcd' }, 'note', 'VALUE_TOO_LONG', 3],
      [{ tags: ['a', 'b', 'c'] }, 'tags', 'VALUE_TOO_MANY', 2],
      [{ kind: 'C' }, 'kind', 'VALUE_NOT_ALLOWED', undefined],
      [{ email: 'not-an-email' }, 'email', 'VALUE_NOT_EMAIL', undefined],
    ];
    for (const [value, field, reason, limit] of cases) {
      const error = await refusal(value);
      expect(error).toBeInstanceOf(DomainError);
      expect({ code: error.code, ...error.details }).toEqual({ code: 'BAD_USER_INPUT', field, reason, limit });
      expect(error.message).toMatch(new RegExp(`^${field} `));
    }
  });

  it('accepts what keeps the rules', async () => {
    await expect(createValidationPipe().transform({ target: 10, code: 'abc', kind: 'A' }, { type: 'body', metatype: Input })).resolves.toMatchObject({ target: 10 });
  });
});
