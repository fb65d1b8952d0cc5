import { Injectable } from '@nestjs/common';
import { clientScope, DEFAULT_PAGE_SIZE, describeRoutingSteps, MAX_PAGE_SIZE, readOrganizationSettings, seesClient, type ClientScope } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationRepository } from '../organization/organization.repository';
import { TeamRepository } from '../team/team.repository';
import { ClientsRepository, type ClientRow } from './clients.repository';
import type { ClientConnectionModel, ClientModel } from './client.model';
import type { ClientFilter } from './dto/client.inputs';
import { RoutingService } from './routing.service';

/** The largest `countLimit` a clients page takes: above it, ask for the exact total. */
export const MAX_COUNT_LIMIT = 100_000;

export function toClientModel(row: ClientRow): ClientModel {
  return { ...row };
}

function encodeCursor(row: ClientRow): string {
  return Buffer.from(JSON.stringify([row.name.toLowerCase(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { name, id };
  } catch {
    // fall through
  }
  throw DomainError.badInput('after', 'The cursor is not one this list gave out.', 'BAD_CURSOR');
}

@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly circle: CircleRepository,
    private readonly teams: TeamRepository,
    private readonly organizations: OrganizationRepository,
    private readonly routing: RoutingService,
  ) {}

  /** Whose clients the viewer sees (the policy in shared/ over the viewer's teams and the org setting). */
  async scopeFor(viewer: Viewer): Promise<ClientScope> {
    const [scope, org] = await Promise.all([this.circle.scopeOf(viewer), this.organizations.findById(viewer.organizationId)]);
    const teamIds = viewer.role === 'LEAD' ? scope.ledTeamIds : scope.memberOfTeamIds;
    const members = await this.teams.findMembersByTeamIds(teamIds);
    return clientScope(scope, readOrganizationSettings(org?.settings).clientVisibility, members.map((m) => m.member.id));
  }

  /** A page of clients; with `countLimit`, the total is counted up to it (and says when there are more). */
  async page(viewer: Viewer, filter: ClientFilter, first: number | null, after: string | null, countLimit: number | null = null): Promise<ClientConnectionModel> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw DomainError.outOfRange('first', `Ask for 1 to ${MAX_PAGE_SIZE} clients at a time.`, size, 1, MAX_PAGE_SIZE);
    if (countLimit !== null && (!Number.isInteger(countLimit) || countLimit < 1 || countLimit > MAX_COUNT_LIMIT)) {
      throw DomainError.outOfRange('countLimit', `Count up to 1 to ${MAX_COUNT_LIMIT} clients, or leave countLimit out for the exact total.`, countLimit, 1, MAX_COUNT_LIMIT);
    }
    const scope = await this.scopeFor(viewer);
    const { rows, totalCount } = await this.clients.page(viewer.organizationId, scope, filter, size, after ? decodeCursor(after) : null, countLimit);
    const page = rows.slice(0, size);
    const capped = countLimit !== null && totalCount > countLimit;
    return {
      totalCount: capped ? countLimit : totalCount,
      totalCountCapped: capped,
      edges: page.map((row) => ({ cursor: encodeCursor(row), node: toClientModel(row) })),
      pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page[page.length - 1]) : null },
    };
  }

  async get(viewer: Viewer, id: string): Promise<ClientModel | null> {
    const [row] = await this.clients.findByIds([id]);
    if (!row || row.organizationId !== viewer.organizationId) return null;
    return this.visible(await this.scopeFor(viewer), row) ? toClientModel(row) : null;
  }

  async mustGet(viewer: Viewer, id: string): Promise<ClientRow> {
    const [row] = await this.clients.findByIds([id]);
    if (!row || row.organizationId !== viewer.organizationId || !this.visible(await this.scopeFor(viewer), row)) throw DomainError.notFound('CLIENT');
    return row;
  }

  async simulate(viewer: Viewer, clientId: string): Promise<{ memberId: string | null; reasons: string[]; ruleName: string | null; fallback: boolean }> {
    const row = await this.mustGet(viewer, clientId);
    const [client] = await this.clients.routingClients([clientId]);
    const session = await this.routing.session(viewer.organizationId, new Date(), client.stage === 'LEAD' || client.stage === 'PROSPECT');
    const decision = this.routing.decide(session, client, row.ownerMemberId, false);
    return {
      memberId: decision.memberId,
      reasons: describeRoutingSteps(decision.steps),
      ruleName: session.rules.find((r) => r.id === decision.ruleId)?.name ?? null,
      fallback: decision.fallback,
    };
  }

  async assignmentHistory(viewer: Viewer, clientId: string) {
    await this.mustGet(viewer, clientId);
    return this.clients.assignmentHistory(clientId);
  }

  private visible(scope: ClientScope, row: ClientRow): boolean {
    return seesClient(scope, row.ownerMemberId);
  }
}
