import type { MemberEntity } from '../team/member.entity';
import type { MemberModel } from './member.model';

export function toMemberModel(member: MemberEntity): MemberModel {
  return {
    id: member.id,
    organizationId: member.organizationId,
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    stageRole: member.stageRole,
    category: member.category,
    active: member.active,
    hasSignIn: member.userId !== null,
    version: member.version,
    capacityClients: member.capacityClients,
    capacityProcesses: member.capacityProcesses,
  };
}
