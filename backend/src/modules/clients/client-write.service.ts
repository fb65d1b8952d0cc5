import { Injectable } from '@nestjs/common';
import { classifyClientCategory, describeRoutingSteps, innProblem, isCalendarDay, mayReassignClient, readOrganizationSettings, seesClient, type ClientStage } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChangeLogRepository } from '../audit/change-log.repository';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationRepository } from '../organization/organization.repository';
import { TeamRepository } from '../team/team.repository';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
import type { AddClientContactInput, CreateClientInput, ReassignClientsInput, RecordOrderInput, UpdateClientInput } from './dto/client-write.inputs';
import { HandoffService, today, type ApplyReport } from './handoff.service';
import { RoutingService } from './routing.service';

const INN_MESSAGES = {
  NOT_DIGITS: 'The INN must contain digits only.',
  WRONG_LENGTH: 'The INN has 10 digits (organization) or 12 (person or sole trader).',
  BAD_CHECKSUM: 'The INN check digits do not match: it has a typo.',
} as const;

/** Creating clients, recording orders and changing owners: every change of owner is audited. */
@Injectable()
export class ClientWriteService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly clientsService: ClientsService,
    private readonly routing: RoutingService,
    private readonly handoffs: HandoffService,
    private readonly circle: CircleRepository,
    private readonly teams: TeamRepository,
    private readonly transactions: TransactionRunner,
    private readonly organizations: OrganizationRepository,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  /** A new client is routed at once (shifts count for new leads handled now) and the decision recorded. */
  async createClient(viewer: Viewer, input: CreateClientInput): Promise<string> {
    const inn = input.inn?.replace(/\s+/g, '') || null;
    if (inn) {
      const problem = innProblem(inn);
      if (problem) throw new DomainError('BAD_USER_INPUT', INN_MESSAGES[problem], { field: 'inn', reason: `INN_${problem}` });
    }
    const stage: ClientStage = input.stage ?? 'LEAD';
    const potential = input.annualPotential ?? 0;
    const settings = readOrganizationSettings((await this.organizations.findById(viewer.organizationId))?.settings);
    return this.transactions.run(async (tx) => {
      const id = await this.clients.insertClient(tx, viewer.organizationId, {
        name: input.name.trim(),
        inn,
        region: input.region?.trim() || null,
        city: input.city?.trim() || null,
        industry: input.industry?.trim() || null,
        ownershipForm: input.ownershipForm ?? null,
        channel: input.channel ?? null,
        vip: input.vip ?? false,
        annualPotential: potential,
        category: classifyClientCategory(potential, 0, settings),
        stage,
        externalId: null,
      });
      const [routingClient] = await this.clients.routingClients([id], tx);
      const session = await this.routing.session(viewer.organizationId, new Date(), stage === 'LEAD' || stage === 'PROSPECT', tx);
      const decision = this.routing.decide(session, routingClient, null, true);
      await this.clients.setOwners(tx, [{ clientId: id, expectedVersion: 1, ownerId: decision.memberId }]);
      await this.clients.saveCursors(tx, session.cursors);
      await this.clients.recordAssignments(tx, [
        {
          organizationId: viewer.organizationId,
          clientId: id,
          kind: 'ROUTING',
          fromMemberId: null,
          toMemberId: decision.memberId,
          fromStage: null,
          toStage: stage,
          ruleId: decision.ruleId,
          ruleName: session.rules.find((r) => r.id === decision.ruleId)?.name ?? null,
          criteria: null,
          reasons: describeRoutingSteps(decision.steps),
          actorUserId: viewer.userId,
          batchId: null,
        },
      ]);
      return id;
    });
  }

  /** Edits a client's fields (not its owner: that is reassignment), with the version the user saw; audited. */
  async updateClient(viewer: Viewer, id: string, input: UpdateClientInput): Promise<void> {
    const row = await this.clientsService.mustGet(viewer, id);
    if (viewer.role === 'SALES' && row.ownerMemberId !== viewer.memberId) throw DomainError.forbidden('Reps edit their own clients.', 'NOT_OWN_CLIENT', { client: row.name });
    const changes: Record<string, unknown> = {};
    const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
    if (input.name !== undefined) {
      if (!input.name.trim()) throw DomainError.badInput('name', 'The name cannot be empty.', 'CLIENT_NAME_REQUIRED');
      changes.name = input.name.trim();
    }
    if (input.inn !== undefined) {
      const inn = input.inn?.replace(/\s+/g, '') || null;
      const problem = inn ? innProblem(inn) : null;
      if (problem) throw new DomainError('BAD_USER_INPUT', INN_MESSAGES[problem], { field: 'inn', reason: `INN_${problem}` });
      changes.inn = inn;
    }
    for (const key of ['region', 'city', 'industry', 'notes'] as const) if (input[key] !== undefined) changes[key] = text(input[key]);
    if (input.ownershipForm !== undefined) changes.ownershipForm = input.ownershipForm;
    if (input.channel !== undefined) changes.channel = input.channel;
    if (input.vip !== undefined && input.vip !== null) changes.vip = input.vip;
    if (input.annualPotential !== undefined && input.annualPotential !== null) changes.annualPotential = input.annualPotential;
    await this.transactions.run(async (tx) => {
      if (input.category !== undefined) {
        changes.categoryManual = input.category !== null;
        if (input.category !== null) changes.category = input.category;
      }
      if (input.category === null || (input.category === undefined && 'annualPotential' in changes)) {
        const [manual] = (await tx.query('SELECT category_manual FROM client WHERE id = $1', [id])) as { category_manual: boolean }[];
        if (input.category === null || !manual.category_manual) {
          const settings = readOrganizationSettings((await this.organizations.findById(viewer.organizationId, tx))?.settings);
          const potential = (changes.annualPotential as number | undefined) ?? Number(row.annualPotential);
          changes.category = classifyClientCategory(potential, await this.clients.annualVolume(tx, id), settings);
        }
      }
      if (!(await this.clients.updateClient(tx, id, input.expectedVersion, changes))) {
        throw new DomainError('CONFLICT', `"${row.name}" was changed by someone else meanwhile. Reload to see the latest, then try again.`, { reason: 'STALE_VERSION', params: { name: row.name } });
      }
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (row as unknown as Record<string, unknown>)[k] ?? null]));
      await this.changeLog.record(tx, [{ organizationId: viewer.organizationId, actorUserId: viewer.userId, entity: 'client', entityId: id, memberId: null, action: 'client updated', before, after: changes }]);
    });
  }

  async addContact(viewer: Viewer, input: AddClientContactInput): Promise<{ id: string; clientId: string; name: string; position: string | null; phone: string | null; email: string | null }> {
    const row = await this.clientsService.mustGet(viewer, input.clientId);
    if (viewer.role === 'SALES' && row.ownerMemberId !== viewer.memberId) throw DomainError.forbidden('Reps edit their own clients.', 'NOT_OWN_CLIENT', { client: row.name });
    const contact = { name: input.name.trim(), position: input.position?.trim() || null, phone: input.phone?.trim() || null, email: input.email?.trim().toLowerCase() || null };
    if (!contact.name) throw DomainError.badInput('name', 'The contact needs a name.', 'CONTACT_NAME_REQUIRED');
    const id = await this.transactions.run((tx) => this.clients.insertContact(tx, row.id, contact));
    return { id, clientId: row.id, ...contact };
  }

  /** Records an order; the client's handoff rules are checked at once, in the same transaction. */
  async recordOrder(viewer: Viewer, input: RecordOrderInput): Promise<{ orderId: string; total: string; handoff: ApplyReport }> {
    const client = await this.clientsService.mustGet(viewer, input.clientId);
    if (viewer.role === 'SALES' && client.ownerMemberId !== viewer.memberId) throw DomainError.forbidden('Reps record orders of their own clients.', 'NOT_OWN_CLIENT', { client: client.name });
    const orderedOn = input.orderedOn ?? today();
    if (!isCalendarDay(orderedOn) || orderedOn > today()) throw DomainError.badInput('orderedOn', 'The order date must be a real date, not in the future.', 'BAD_ORDER_DATE');
    const products = await this.clients.productsByIds(viewer.organizationId, [...new Set(input.lines.map((l) => l.productId))]);
    const price = new Map(products.map((p) => [p.id, p.price]));
    const lines = input.lines.map((line, i) => {
      const unit = price.get(line.productId);
      if (unit === undefined) throw DomainError.badInput(`lines.${i}.productId`, 'This product is not in the catalog.', 'PRODUCT_NOT_IN_CATALOG', { line: i + 1 });
      const amount = line.amount ?? (Math.round(Number(unit) * 100 * line.quantity) / 100).toFixed(2);
      return { productId: line.productId, quantity: line.quantity, amount };
    });
    return this.transactions.run(async (tx) => {
      const order = await this.clients.insertOrder(tx, viewer.organizationId, { clientId: client.id, orderedOn, sellerId: client.ownerMemberId, externalId: null, lines });
      const handoff = await this.handoffs.sweep(viewer.organizationId, today(), [client.id], tx);
      return { orderId: order.id, total: order.total, handoff };
    });
  }

  /** Manual reassignment of one or many clients; one that changed meanwhile makes the whole batch CONFLICT. */
  async reassign(viewer: Viewer, input: ReassignClientsInput): Promise<number> {
    const scope = await this.circle.scopeOf(viewer);
    const ledMembers = (await this.teams.findMembersByTeamIds(scope.ledTeamIds)).map((m) => m.member.id);
    const [target] = await this.circle.findMembers([input.toMemberId]);
    if (!target || target.organizationId !== viewer.organizationId || !target.active) {
      // the name only of someone of the viewer's organization (an inactive colleague)
      const named = target && target.organizationId === viewer.organizationId ? { name: target.name } : undefined;
      throw DomainError.badInput('toMemberId', 'Choose an active member of the organization.', 'REASSIGN_TARGET_INACTIVE', named);
    }
    if (viewer.role === 'LEAD' && !ledMembers.includes(target.id)) throw DomainError.forbidden('A lead reassigns clients within the team.', 'REASSIGN_OUTSIDE_TEAM', { name: target.name });
    return this.transactions.run(async (tx) => {
      const rows = await this.clients.findByIds([...new Set(input.clientIds)], tx, true);
      if (rows.length !== new Set(input.clientIds).size || rows.some((r) => r.organizationId !== viewer.organizationId)) throw DomainError.notFound('A_CLIENT');
      const refused = rows.find((row) => !mayReassignClient(scope, row.ownerMemberId, ledMembers));
      if (refused) {
        // named only to a viewer who sees it: a client outside their scope is as good as not there
        if (!seesClient(await this.clientsService.scopeFor(viewer), refused.ownerMemberId)) throw DomainError.notFound('A_CLIENT');
        throw DomainError.forbidden(`You may not reassign "${refused.name}".`, 'CLIENT_NOT_REASSIGNABLE', { client: refused.name });
      }
      if (input.expectedVersions) {
        if (input.expectedVersions.length !== input.clientIds.length) throw DomainError.badInput('expectedVersions', 'Give one version per client id.', 'VERSIONS_MISMATCH');
        const seen = new Map(input.clientIds.map((id, i) => [id, input.expectedVersions![i]]));
        const stale = rows.find((r) => seen.get(r.id) !== r.version);
        if (stale) {
          throw new DomainError('CONFLICT', `"${stale.name}" was changed by someone else meanwhile; nothing was reassigned. Reload and try again.`, { reason: 'STALE_VERSION', params: { name: stale.name } });
        }
      }
      const moving = rows.filter((r) => r.ownerMemberId !== target.id);
      const moved = await this.clients.setOwners(tx, moving.map((r) => ({ clientId: r.id, expectedVersion: r.version, ownerId: target.id })));
      if (moved.size !== moving.length) throw new DomainError('CONFLICT', 'Some clients changed meanwhile; nothing was reassigned. Reload and try again.', { reason: 'CLIENTS_CHANGED' });
      await this.clients.recordAssignments(
        tx,
        moving.map((r) => ({
          organizationId: viewer.organizationId,
          clientId: r.id,
          kind: 'REASSIGN' as const,
          fromMemberId: r.ownerMemberId,
          toMemberId: target.id,
          fromStage: r.stage,
          toStage: r.stage,
          ruleId: null,
          ruleName: null,
          criteria: null,
          reasons: [input.reason.trim()],
          actorUserId: viewer.userId,
          batchId: null,
        })),
      );
      return moving.length;
    });
  }
}
