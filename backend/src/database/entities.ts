import { OrganizationEntity } from '../modules/organization/organization.entity';
import { MemberEntity } from '../modules/team/member.entity';
import { TeamEntity, TeamMemberEntity } from '../modules/team/team.entity';
import { UserEntity } from '../modules/users/user.entity';

/** Every mapped table, listed explicitly. */
export const ENTITIES = [OrganizationEntity, UserEntity, MemberEntity, TeamEntity, TeamMemberEntity];
