import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { toMemberModel } from '../../modules/team/team.service';
import type { MemberModel } from '../../modules/team/team.model';
import { TeamRepository } from '../../modules/team/team.repository';

/** The DataLoaders of one request; created per request in the GraphQL context factory. */
export interface Loaders {
  memberById: DataLoader<string, MemberModel | null>;
  memberByUserId: DataLoader<string, MemberModel | null>;
  membersByTeamId: DataLoader<string, MemberModel[]>;
}

function byKey<T, K>(keys: readonly K[], items: T[], keyOf: (item: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const item of items) map.set(keyOf(item), item);
  return keys.map((k) => map.get(k) ?? null);
}

@Injectable()
export class LoadersFactory {
  constructor(private readonly teams: TeamRepository) {}

  create(): Loaders {
    return {
      memberById: new DataLoader(async (ids) =>
        byKey(ids, (await this.teams.findMembersByIds(ids)).map(toMemberModel), (m) => m.id),
      ),
      memberByUserId: new DataLoader(async (userIds) => {
        const members = await this.teams.findMembersByUserIds(userIds);
        const byUser = new Map(members.map((m) => [m.userId, toMemberModel(m)]));
        return userIds.map((id) => byUser.get(id) ?? null);
      }),
      membersByTeamId: new DataLoader(async (teamIds) => {
        const rows = await this.teams.findMembersByTeamIds(teamIds);
        const grouped = new Map<string, MemberModel[]>(teamIds.map((id) => [id, []]));
        for (const row of rows) grouped.get(row.teamId)?.push(toMemberModel(row.member));
        return teamIds.map((id) => grouped.get(id) ?? []);
      }),
    };
  }
}
