import { Injectable } from '@nestjs/common';
import { readOrganizationSettings, thresholdProblems } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import type { OrganizationEntity } from './organization.entity';
import type { OrganizationModel, UpdateOrganizationSettingsInput } from './organization.model';
import { OrganizationRepository } from './organization.repository';

function toModel(org: OrganizationEntity): OrganizationModel {
  return { id: org.id, name: org.name, timezone: org.timezone, settings: readOrganizationSettings(org.settings) };
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly changeLog: ChangeLogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async get(viewer: Viewer): Promise<OrganizationModel> {
    const org = await this.organizations.findById(viewer.organizationId);
    if (!org) throw DomainError.notFound('ORGANIZATION');
    return toModel(org);
  }

  async updateSettings(viewer: Viewer, input: UpdateOrganizationSettingsInput): Promise<OrganizationModel> {
    await this.transactions.run(async (tx) => {
      const org = await this.organizations.findById(viewer.organizationId, tx);
      if (!org) throw DomainError.notFound('ORGANIZATION');
      const before = readOrganizationSettings(org.settings);
      const after = {
        clientVisibility: input.clientVisibility ?? before.clientVisibility,
        leaderboardEnabled: input.leaderboardEnabled ?? before.leaderboardEnabled,
        category1From: input.category1From ?? before.category1From,
        category2From: input.category2From ?? before.category2From,
        escalateOverdueAfterHours: input.escalateOverdueAfterHours ?? before.escalateOverdueAfterHours,
        escalateBlockedAfterHours: input.escalateBlockedAfterHours ?? before.escalateBlockedAfterHours,
      };
      const problem = thresholdProblems(after);
      if (problem) throw DomainError.badInput(input.category1From !== undefined ? 'category1From' : 'category2From', problem.message, problem.reason, problem.params);
      await this.organizations.saveSettings(tx, org.id, after);
      await this.changeLog.record(tx, [
        { organizationId: org.id, actorUserId: viewer.userId, entity: 'organization', entityId: org.id, memberId: null, action: 'settings changed', before: { ...before }, after },
      ]);
    });
    return this.get(viewer);
  }
}
