import { Injectable } from '@nestjs/common';
import { describeRoutingSteps, isCalendarDay, proposeRebalance, type RebalanceResult } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import { CircleRepository } from '../members/circle.repository';
import { MembersService } from '../members/members.service';
import { ClientsRepository, type AssignmentWrite } from './clients.repository';
import { today, type ApplyReport } from './handoff.service';
import { RoutingService } from './routing.service';

export interface ReassignmentMove {
  clientId: string;
  clientVersion: number;
  fromMemberId: string | null;
  toMemberId: string | null;
  reasons: string[];
}

/** Offboarding (a member leaves: every client re-routed, previewed first) and vacation cover (temporary, reverts by itself). */
@Injectable()
export class ReassignmentService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly circle: CircleRepository,
    private readonly members: MembersService,
    private readonly routing: RoutingService,
    private readonly changeLog: ChangeLogRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async previewOffboarding(viewer: Viewer, memberId: string): Promise<{ id: string; moves: ReassignmentMove[] }> {
    const [member] = await this.circle.findMembers([memberId]);
    if (!member || member.organizationId !== viewer.organizationId) throw DomainError.notFound('MEMBER');
    // The circle's rule (checkCircleStructure): a team's lead, coach or director stays active. A
    // transaction of its own, so the structure lock is not held while the clients are routed;
    // applying checks again.
    await this.transactions.run((tx) => this.members.checkMayDeactivate(tx, viewer, memberId, 'memberId'));
    return this.transactions.run(async (tx) => {
      const owned = await this.clients.activeClientsOf(tx, memberId);
      const session = await this.routing.session(viewer.organizationId, new Date(), false, tx);
      const leaving = session.candidates.get(memberId);
      if (leaving) session.candidates.set(memberId, { ...leaving, availability: { available: false, reason: 'INACTIVE' } });
      const routingClients = new Map((await this.clients.routingClients(owned.map((c) => c.id), tx)).map((c) => [c.id, c]));
      const moves = owned.map((client) => {
        const decision = this.routing.decide(session, routingClients.get(client.id)!, memberId, true);
        return {
          clientId: client.id,
          clientVersion: client.version,
          fromMemberId: memberId,
          toMemberId: decision.memberId,
          reasons: [`${member.name} leaves: re-routed by the rules`, ...describeRoutingSteps(decision.steps)],
        };
      });
      const id = await this.clients.saveBatch(tx, { organizationId: viewer.organizationId, kind: 'OFFBOARDING', status: 'PREVIEWED', asOf: today(), createdBy: viewer.userId, items: [{ memberId }, ...moves] });
      return { id, moves };
    });
  }

  /** Executes the previewed re-routing and deactivates the member; clients changed meanwhile are reported. */
  async applyOffboarding(viewer: Viewer, previewId: string): Promise<ApplyReport> {
    return this.transactions.run(async (tx) => {
      const batch = await this.clients.findBatch(tx, previewId);
      if (!batch || batch.organizationId !== viewer.organizationId) throw DomainError.notFound('OFFBOARDING_PREVIEW');
      if (batch.status !== 'PREVIEWED') throw new DomainError('CONFLICT', 'This preview was applied already. Make a new preview.', { reason: 'PREVIEW_USED' });
      const [header, ...moves] = batch.items as [{ memberId: string }, ...ReassignmentMove[]];
      // through the circle's rule, before any client moves (a refusal moves none)
      await this.members.deactivate(tx, viewer, header.memberId, 'memberId');
      const report = await this.execute(tx, viewer, moves, 'OFFBOARDING', previewId);
      await this.changeLog.record(tx, [
        { organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'member', entityId: header.memberId, memberId: header.memberId, action: 'offboarded', before: { active: true }, after: { active: false, clientsRerouted: report.applied } },
      ]);
      await this.clients.finishBatch(tx, previewId, { ...report });
      return report;
    });
  }

  /** Each member's portfolio potential against the mean of the group. */
  async balance(viewer: Viewer, memberIds: string[]): Promise<RebalanceResult> {
    const members = await this.groupMembers(viewer, memberIds);
    const clients = await this.clients.portfolios(viewer.organizationId, members);
    return proposeRebalance(members.map((id) => ({ id, clients: clients.filter((c) => c.ownerId === id).map((c) => ({ id: c.id, potential: c.potential, movable: false })) })));
  }

  /** Proposes the fewest moves that bring everyone within 5% of the mean; stored for applyRebalance. */
  async proposeRebalance(viewer: Viewer, memberIds: string[], allowProtected: boolean): Promise<{ id: string; result: RebalanceResult; moves: ReassignmentMove[] }> {
    const members = await this.groupMembers(viewer, memberIds);
    return this.transactions.run(async (tx) => {
      const clients = await this.clients.portfolios(viewer.organizationId, members, tx);
      const result = proposeRebalance(
        members.map((id) => ({
          id,
          clients: clients
            .filter((c) => c.ownerId === id)
            .map((c) => ({ id: c.id, potential: c.potential, movable: allowProtected || (!['REGULAR', 'STRATEGIC'].includes(c.stage) && !c.openDeal) })),
        })),
      );
      const version = new Map(clients.map((c) => [c.id, c.version]));
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const moves = result.moves.map((m) => ({
        clientId: m.clientId,
        clientVersion: version.get(m.clientId)!,
        fromMemberId: m.fromMemberId,
        toMemberId: m.toMemberId,
        reasons: [`territory balance: spread ${pct(result.maxDeviationBefore)} → ${pct(result.maxDeviationAfter)} of the mean potential`],
      }));
      const id = await this.clients.saveBatch(tx, { organizationId: viewer.organizationId, kind: 'REBALANCE', status: 'PREVIEWED', asOf: today(), createdBy: viewer.userId, items: moves });
      return { id, result, moves };
    });
  }

  async applyRebalance(viewer: Viewer, previewId: string): Promise<ApplyReport> {
    return this.transactions.run(async (tx) => {
      const batch = await this.clients.findBatch(tx, previewId);
      if (!batch || batch.organizationId !== viewer.organizationId) throw DomainError.notFound('REBALANCE_PROPOSAL');
      if (batch.status !== 'PREVIEWED') throw new DomainError('CONFLICT', 'This proposal was applied already. Make a new one.', { reason: 'PREVIEW_USED' });
      const report = await this.execute(tx, viewer, batch.items as ReassignmentMove[], 'REBALANCE', previewId);
      await this.clients.finishBatch(tx, previewId, { ...report });
      return report;
    });
  }

  private async groupMembers(viewer: Viewer, memberIds: string[]): Promise<string[]> {
    const ids = [...new Set(memberIds)];
    if (ids.length < 2) throw new DomainError('BAD_USER_INPUT', 'Choose at least two members to balance.', { field: 'memberIds', reason: 'VALUE_TOO_FEW', limit: 2 });
    const found = await this.circle.findMembers(ids);
    if (found.length !== ids.length || found.some((m) => m.organizationId !== viewer.organizationId)) throw DomainError.notFound('A_MEMBER');
    return ids;
  }

  /** Hands every active client of a member to a colleague until a date (inclusive); the nightly job hands them back. */
  async cover(viewer: Viewer, fromMemberId: string, toMemberId: string, until: string, reason: string): Promise<number> {
    // a day of the calendar: the input's pattern lets 2027-02-30 through, which the database refuses
    if (!isCalendarDay(until)) throw DomainError.badInput('until', 'until is not a real date.', 'VALUE_NOT_DAY');
    if (until < today()) throw DomainError.badInput('until', 'The cover must last until today or later.', 'COVER_IN_PAST', { until, today: today() });
    if (fromMemberId === toMemberId) throw DomainError.badInput('toMemberId', 'Choose a colleague other than the absent member.', 'COVER_BY_SELF');
    const found = await this.circle.findMembers([fromMemberId, toMemberId]);
    if (found.length !== 2 || found.some((m) => m.organizationId !== viewer.organizationId)) throw DomainError.notFound('A_MEMBER');
    if (viewer.role === 'LEAD') {
      const scope = await this.circle.scopeOf(viewer);
      const places = await this.circle.teamIdsOfMembers([fromMemberId, toMemberId]);
      const inLedTeam = (id: string) => (places.get(id) ?? []).some((t) => scope.ledTeamIds.includes(t));
      const outside = found.find((m) => !inLedTeam(m.id));
      if (outside) throw DomainError.forbidden('A lead arranges cover within the team.', 'COVER_OUTSIDE_TEAM', { name: outside.name });
    }
    return this.transactions.run(async (tx) => {
      const owned = await this.clients.activeClientsOf(tx, fromMemberId);
      const covered = await this.clients.openCovers(tx, owned.map((c) => c.id));
      const moving = owned.filter((c) => !covered.has(c.id));
      const moved = await this.clients.setOwners(tx, moving.map((c) => ({ clientId: c.id, expectedVersion: c.version, ownerId: toMemberId })));
      const applied = moving.filter((c) => moved.has(c.id));
      await this.clients.insertCovers(tx, viewer.organizationId, applied.map((c) => ({ clientId: c.id, originalId: fromMemberId, coverId: toMemberId })), until, reason, viewer.userId);
      await this.clients.recordAssignments(
        tx,
        applied.map((c) => this.record(viewer.organizationId, c.id, 'COVER', fromMemberId, toMemberId, c.stage, [`cover until ${until}: ${reason}`], viewer.userId)),
      );
      return applied.length;
    });
  }

  /** Ends covers whose last day has passed: the client goes back to its owner unless someone moved it since. */
  async endDueCovers(organizationId: string, asOf = today()): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await this.clients.dueCovers(tx, organizationId, asOf);
      const back = due.filter((d) => d.ownerId === d.coverId);
      const moved = await this.clients.setOwners(tx, back.map((d) => ({ clientId: d.clientId, expectedVersion: d.version, ownerId: d.originalId })));
      await this.clients.recordAssignments(
        tx,
        back.filter((d) => moved.has(d.clientId)).map((d) => this.record(organizationId, d.clientId, 'COVER_END', d.coverId, d.originalId, d.stage, ['cover ended: back to the owner'], null)),
      );
      await this.clients.endCovers(tx, due.map((d) => d.id));
      return moved.size;
    });
  }

  private async execute(tx: EntityManager, viewer: Viewer, moves: ReassignmentMove[], kind: AssignmentWrite['kind'], batchId: string): Promise<ApplyReport> {
    const rows = new Map((await this.clients.findByIds(moves.map((m) => m.clientId), tx)).map((r) => [r.id, r]));
    const moved = await this.clients.setOwners(tx, moves.map((m) => ({ clientId: m.clientId, expectedVersion: m.clientVersion, ownerId: m.toMemberId })));
    await this.clients.recordAssignments(
      tx,
      moves.filter((m) => moved.has(m.clientId)).map((m) => ({ ...this.record(viewer.organizationId, m.clientId, kind, m.fromMemberId, m.toMemberId, rows.get(m.clientId)?.stage ?? null, m.reasons, viewer.userId), batchId })),
    );
    const changed = moves.filter((m) => !moved.has(m.clientId));
    return { applied: moved.size, changedMeanwhile: changed.length, changedClients: changed.slice(0, 50).map((m) => rows.get(m.clientId)?.name ?? m.clientId) };
  }

  private record(organizationId: string, clientId: string, kind: AssignmentWrite['kind'], from: string | null, to: string | null, stage: AssignmentWrite['fromStage'], reasons: string[], actor: string | null): AssignmentWrite {
    return { organizationId, clientId, kind, fromMemberId: from, toMemberId: to, fromStage: stage, toStage: stage, ruleId: null, ruleName: null, criteria: null, reasons, actorUserId: actor, batchId: null };
  }
}
