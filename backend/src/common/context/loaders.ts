import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ChangeLogRepository, type ChangeLogRow } from '../../modules/audit/change-log.repository';
import type { ClientContactModel, ClientDealModel, ClientOrderModel } from '../../modules/clients/client.model';
import { ClientsRepository } from '../../modules/clients/clients.repository';
import { CircleRepository, type AbsenceRow, type CrossRoleRow, type LineRow, type ScheduleRow } from '../../modules/members/circle.repository';
import { toMemberModel } from '../../modules/members/member.mapper';
import type { MemberModel } from '../../modules/members/member.model';
import { DEFAULT_TIMEZONE, OrganizationRepository } from '../../modules/organization/organization.repository';
import { TeamRepository } from '../../modules/team/team.repository';
import { RemindersRepository, type ReminderRow } from '../../modules/sprints/reminders.repository';
import type { ProcessClientModel, ProcessDealModel, ProcessEventModel, ProcessStepModel } from '../../modules/sprints/sprints.model';
import { SprintsRepository, type SprintRow } from '../../modules/sprints/sprints.repository';
import type { TeamEntity } from '../../modules/team/team.entity';

/** The DataLoaders of one request; created per request in the GraphQL context factory. */
export interface Loaders {
  memberById: DataLoader<string, MemberModel | null>;
  memberByUserId: DataLoader<string, MemberModel | null>;
  membersByTeamId: DataLoader<string, MemberModel[]>;
  teamsByMemberId: DataLoader<string, TeamEntity[]>;
  linesByMemberId: DataLoader<string, LineRow[]>;
  crossRolesByMemberId: DataLoader<string, CrossRoleRow[]>;
  scheduleByMemberId: DataLoader<string, ScheduleRow[]>;
  absencesByMemberId: DataLoader<string, AbsenceRow[]>;
  pausedByMemberId: DataLoader<string, boolean>;
  historyByMemberId: DataLoader<string, ChangeLogRow[]>;
  activeClientsByMemberId: DataLoader<string, number>;
  ordersByClientId: DataLoader<string, ClientOrderModel[]>;
  contactsByClientId: DataLoader<string, ClientContactModel[]>;
  dealsByClientId: DataLoader<string, ClientDealModel[]>;
  stepsByProcessId: DataLoader<string, ProcessStepModel[]>;
  clientsByProcessId: DataLoader<string, ProcessClientModel[]>;
  dealsByProcessId: DataLoader<string, ProcessDealModel[]>;
  remindersByProcessId: DataLoader<string, ReminderRow[]>;
  historyByProcessId: DataLoader<string, ProcessEventModel[]>;
  sprintById: DataLoader<string, SprintRow | null>;
  /** An organization's time zone, read once per request (see OrganizationTimezone). */
  timezoneByOrganizationId: DataLoader<string, string>;
}

function byKey<T, K>(keys: readonly K[], items: T[], keyOf: (item: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const item of items) map.set(keyOf(item), item);
  return keys.map((k) => map.get(k) ?? null);
}

function grouped<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string | string[]): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) {
    const itemKeys = keyOf(item);
    for (const key of Array.isArray(itemKeys) ? itemKeys : [itemKeys]) map.get(key)?.push(item);
  }
  return keys.map((k) => map.get(k) ?? []);
}

const HISTORY_LIMIT = 50;

/** An organization's time zone by id, read once per request for all who ask (the default zone for an unknown id). */
export function timezoneLoader(organizations: Pick<OrganizationRepository, 'timezonesOf'>): DataLoader<string, string> {
  return new DataLoader(async (ids) => {
    const zones = await organizations.timezonesOf(ids);
    return ids.map((id) => zones.get(id) ?? DEFAULT_TIMEZONE);
  });
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly teams: TeamRepository,
    private readonly circle: CircleRepository,
    private readonly changeLog: ChangeLogRepository,
    private readonly clients: ClientsRepository,
    private readonly sprints: SprintsRepository,
    private readonly reminders: RemindersRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  create(): Loaders {
    return {
      memberById: new DataLoader(async (ids) => byKey(ids, (await this.teams.findMembersByIds(ids)).map(toMemberModel), (m) => m.id)),
      memberByUserId: new DataLoader(async (userIds) => {
        const members = await this.teams.findMembersByUserIds(userIds);
        const byUser = new Map(members.map((m) => [m.userId, toMemberModel(m)]));
        return userIds.map((id) => byUser.get(id) ?? null);
      }),
      membersByTeamId: new DataLoader(async (teamIds) => {
        const rows = await this.teams.findMembersByTeamIds(teamIds);
        return grouped(teamIds, rows, (r) => r.teamId).map((list) => list.map((r) => toMemberModel(r.member)));
      }),
      teamsByMemberId: new DataLoader(async (memberIds) => {
        const rows = await this.teams.findTeamsOfMembers(memberIds);
        return grouped(memberIds, rows, (r) => r.memberId).map((list) => list.map((r) => r.team));
      }),
      linesByMemberId: new DataLoader(async (memberIds) => grouped(memberIds, await this.circle.linesOfMembers(memberIds), (l) => [l.fromId, l.toId])),
      crossRolesByMemberId: new DataLoader(async (memberIds) => grouped(memberIds, await this.circle.crossRolesOfMembers(memberIds), (r) => r.memberId)),
      scheduleByMemberId: new DataLoader(async (memberIds) => grouped(memberIds, await this.circle.schedulesOfMembers(memberIds), (s) => s.memberId)),
      absencesByMemberId: new DataLoader(async (memberIds) => grouped(memberIds, await this.circle.absencesOfMembers(memberIds), (a) => a.memberId)),
      pausedByMemberId: new DataLoader(async (memberIds) => {
        const paused = await this.circle.pausedMemberIds(memberIds);
        return memberIds.map((id) => paused.has(id));
      }),
      historyByMemberId: new DataLoader(async (memberIds) =>
        grouped(memberIds, await this.changeLog.historyOfMembers(memberIds, HISTORY_LIMIT), (h) => h.memberId ?? ''),
      ),
      ordersByClientId: new DataLoader(async (ids) => grouped(ids, await this.clients.latestOrders(ids, 20), (o) => o.clientId)),
      contactsByClientId: new DataLoader(async (ids) => grouped(ids, await this.clients.contactsOf(ids), (c) => c.clientId)),
      dealsByClientId: new DataLoader(async (ids) => grouped(ids, await this.clients.dealsOf(ids), (d) => d.clientId)),
      activeClientsByMemberId: new DataLoader(async (memberIds) => {
        const counts = await this.circle.activeClientCounts(memberIds);
        return memberIds.map((id) => counts.get(id) ?? 0);
      }),
      stepsByProcessId: new DataLoader(async (ids) =>
        grouped(ids, (await this.sprints.stepsOf(ids)).map((s) => ({ ...s, done: s.doneAt !== null })), (s) => s.processId),
      ),
      clientsByProcessId: new DataLoader(async (ids) => grouped(ids, await this.sprints.clientsOf(ids), (c) => c.processId)),
      dealsByProcessId: new DataLoader(async (ids) => grouped(ids, await this.sprints.dealsOf(ids), (d) => d.processId)),
      remindersByProcessId: new DataLoader(async (ids) => grouped(ids, await this.reminders.ofProcesses(ids), (r) => r.processId)),
      historyByProcessId: new DataLoader(async (ids) => grouped(ids, await this.sprints.historyOf(ids), (h) => h.processId)),
      sprintById: new DataLoader(async (ids) => byKey(ids, await this.sprints.sprintsByIds(ids), (s) => s.id)),
      timezoneByOrganizationId: timezoneLoader(this.organizations),
    };
  }
}
