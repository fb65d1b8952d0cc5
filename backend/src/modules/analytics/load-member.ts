import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain-error';
import type { MemberModel } from '../members/member.model';

/** A member for an analytics row, through the request's loader. */
export async function loadMember(ctx: RequestContext, id: string): Promise<MemberModel> {
  const m = await ctx.loaders.memberById.load(id);
  if (!m) throw DomainError.notFound('MEMBER');
  return m;
}
