import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { MemberModel } from '../members/member.model';
import {
  AssignmentRecordModel,
  ClientConnectionModel,
  ClientModel,
  HandoffApplyReportModel,
  ClientContactModel,
  ClientDealModel,
  ClientOrderModel,
  HandoffPreviewModel,
  OffboardingPreviewModel,
  RebalanceProposalModel,
  RecordedOrderModel,
  RoutingDecisionModel,
} from './client.model';
import { ClientWriteService } from './client-write.service';
import { AddClientContactInput, CreateClientInput, ReassignClientsInput, RecordOrderInput, UpdateClientInput } from './dto/client-write.inputs';
import { CoverClientsInput } from './dto/cover.input';
import { ReassignmentService } from './reassignment.service';
import { ClientsService, MAX_COUNT_LIMIT, toClientModel } from './clients.service';
import { ClientFilter } from './dto/client.inputs';
import { HandoffService } from './handoff.service';
import { ClientsRepository } from './clients.repository';

@Resolver(() => ClientModel)
export class ClientsResolver {
  constructor(
    private readonly clientsService: ClientsService,
    private readonly handoffs: HandoffService,
    private readonly clientRows: ClientsRepository,
    private readonly writes: ClientWriteService,
    private readonly reassignments: ReassignmentService,
  ) {}

  @Query(() => OffboardingPreviewModel, { description: "A member leaves: where each of their clients would go by the rules (nothing changes yet)" })
  async previewOffboarding(@CurrentViewer() viewer: Viewer, @Args('memberId', { type: () => ID }) memberId: string, @Context() ctx: RequestContext): Promise<OffboardingPreviewModel> {
    const preview = await this.reassignments.previewOffboarding(viewer, memberId);
    const rows = new Map((await this.clientRows.findByIds(preview.moves.map((m) => m.clientId))).map((r) => [r.id, r]));
    const items = await Promise.all(
      preview.moves.map(async (m) => ({
        client: toClientModel(rows.get(m.clientId)!),
        from: m.fromMemberId ? await ctx.loaders.memberById.load(m.fromMemberId) : null,
        to: m.toMemberId ? await ctx.loaders.memberById.load(m.toMemberId) : null,
        reasons: m.reasons,
      })),
    );
    return { id: preview.id, totalCount: items.length, items };
  }

  @Mutation(() => HandoffApplyReportModel, { description: 'Executes a previewed offboarding and deactivates the member' })
  applyOffboarding(@CurrentViewer() viewer: Viewer, @Args('previewId', { type: () => ID }) previewId: string): Promise<HandoffApplyReportModel> {
    return this.reassignments.applyOffboarding(viewer, previewId);
  }

  @Query(() => RebalanceProposalModel, { description: 'Portfolio potential per member against the mean (nothing moves)' })
  async territoryBalance(@CurrentViewer() viewer: Viewer, @Args('memberIds', { type: () => [ID] }) memberIds: string[], @Context() ctx: RequestContext): Promise<RebalanceProposalModel> {
    const result = await this.reassignments.balance(viewer, memberIds);
    return this.proposal(null, result, [], ctx);
  }

  @Query(() => RebalanceProposalModel, { description: 'The fewest moves that bring everyone within 5% of the mean (REGULAR/STRATEGIC clients and open deals stay unless allowed)' })
  async proposeRebalance(
    @CurrentViewer() viewer: Viewer,
    @Args('memberIds', { type: () => [ID] }) memberIds: string[],
    @Args('allowProtected', { defaultValue: false }) allowProtected: boolean,
    @Context() ctx: RequestContext,
  ): Promise<RebalanceProposalModel> {
    const { id, result, moves } = await this.reassignments.proposeRebalance(viewer, memberIds, allowProtected);
    return this.proposal(id, result, moves, ctx);
  }

  @Mutation(() => HandoffApplyReportModel, { description: 'Executes a rebalance proposal; clients changed meanwhile are skipped and reported' })
  applyRebalance(@CurrentViewer() viewer: Viewer, @Args('proposalId', { type: () => ID }) proposalId: string): Promise<HandoffApplyReportModel> {
    return this.reassignments.applyRebalance(viewer, proposalId);
  }

  private async proposal(
    id: string | null,
    result: { mean: number; before: Record<string, number>; after: Record<string, number>; maxDeviationBefore: number; maxDeviationAfter: number; balanced: boolean },
    moves: { clientId: string; fromMemberId: string | null; toMemberId: string | null; reasons: string[] }[],
    ctx: RequestContext,
  ): Promise<RebalanceProposalModel> {
    const rows = new Map((await this.clientRows.findByIds(moves.map((m) => m.clientId))).map((r) => [r.id, r]));
    const members = await Promise.all(
      Object.entries(result.before).map(async ([memberId, potential]) => ({
        member: (await ctx.loaders.memberById.load(memberId)) as MemberModel,
        potential: potential.toFixed(2),
        potentialAfter: (result.after[memberId] ?? potential).toFixed(2),
        deviation: result.mean > 0 ? (potential - result.mean) / result.mean : 0,
      })),
    );
    const items = await Promise.all(
      moves.map(async (m) => ({
        client: toClientModel(rows.get(m.clientId)!),
        from: m.fromMemberId ? await ctx.loaders.memberById.load(m.fromMemberId) : null,
        to: m.toMemberId ? await ctx.loaders.memberById.load(m.toMemberId) : null,
        reasons: m.reasons,
      })),
    );
    return { id, mean: result.mean.toFixed(2), maxDeviationBefore: result.maxDeviationBefore, maxDeviationAfter: result.maxDeviationAfter, balanced: result.balanced, members, items };
  }

  @Mutation(() => Int, { description: "Vacation cover: a colleague takes the absent member's clients until a date; returns how many" })
  coverClients(@CurrentViewer() viewer: Viewer, @Args('input') input: CoverClientsInput): Promise<number> {
    return this.reassignments.cover(viewer, input.fromMemberId, input.toMemberId, input.until, input.reason.trim());
  }

  @Mutation(() => ClientModel, { description: 'Adds a client and routes it at once (the decision is recorded)' })
  async createClient(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateClientInput): Promise<ClientModel> {
    const id = await this.writes.createClient(viewer, input);
    const [row] = await this.clientRows.findByIds([id]);
    return toClientModel(row);
  }

  @Mutation(() => ClientModel, { description: "Edits a client's fields with the version you saw (CONFLICT when it changed); audited" })
  async updateClient(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateClientInput): Promise<ClientModel> {
    await this.writes.updateClient(viewer, id, input);
    const [row] = await this.clientRows.findByIds([id]);
    return toClientModel(row);
  }

  @Mutation(() => RecordedOrderModel, { description: "Records an order; the client's handoff rules are checked at once" })
  recordOrder(@CurrentViewer() viewer: Viewer, @Args('input') input: RecordOrderInput): Promise<RecordedOrderModel> {
    return this.writes.recordOrder(viewer, input);
  }

  @Mutation(() => Int, { description: 'Gives clients to another member (all or nothing); returns how many moved' })
  reassignClients(@CurrentViewer() viewer: Viewer, @Args('input') input: ReassignClientsInput): Promise<number> {
    return this.writes.reassign(viewer, input);
  }

  @Query(() => ClientConnectionModel, { description: 'Clients the caller may see, filtered, in name order, paged by cursor' })
  clients(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { nullable: true }) filter?: ClientFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('countLimit', {
      type: () => Int,
      nullable: true,
      description: `Count at most this many matching clients (1 to ${MAX_COUNT_LIMIT}): a list of a million is then counted as fast as one of a thousand. Without it totalCount is exact`,
    })
    countLimit?: number,
  ): Promise<ClientConnectionModel> {
    return this.clientsService.page(viewer, filter ?? {}, first ?? null, after ?? null, countLimit ?? null);
  }

  @Query(() => ClientModel, { nullable: true })
  client(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<ClientModel | null> {
    return this.clientsService.get(viewer, id);
  }

  @Query(() => RoutingDecisionModel, { description: 'Who would get this client now, and why (nothing is changed)' })
  async simulateRouting(@CurrentViewer() viewer: Viewer, @Args('clientId', { type: () => ID }) clientId: string, @Context() ctx: RequestContext): Promise<RoutingDecisionModel> {
    const decision = await this.clientsService.simulate(viewer, clientId);
    return { member: decision.memberId ? await ctx.loaders.memberById.load(decision.memberId) : null, reasons: decision.reasons, ruleName: decision.ruleName, fallback: decision.fallback };
  }

  @Query(() => [AssignmentRecordModel], { description: 'Every change of owner of a client, newest first' })
  async assignmentHistory(@CurrentViewer() viewer: Viewer, @Args('clientId', { type: () => ID }) clientId: string): Promise<AssignmentRecordModel[]> {
    return (await this.clientsService.assignmentHistory(viewer, clientId)).map((r) => ({ ...r, criteria: r.criteria ? JSON.stringify(r.criteria) : null }));
  }

  @Query(() => HandoffPreviewModel, { description: 'Every client the handoff rules would move now, from whom to whom and why' })
  async previewHandoffs(@CurrentViewer() viewer: Viewer, @Context() ctx: RequestContext): Promise<HandoffPreviewModel> {
    const preview = await this.handoffs.preview(viewer);
    const rows = new Map((await this.clientRows.findByIds(preview.moves.map((m) => m.clientId))).map((r) => [r.id, r]));
    const items = await Promise.all(
      preview.moves.map(async (m) => ({
        client: toClientModel(rows.get(m.clientId)!),
        fromStage: m.fromStage,
        toStage: m.toStage,
        from: m.fromMemberId ? await ctx.loaders.memberById.load(m.fromMemberId) : null,
        to: m.toMemberId ? await ctx.loaders.memberById.load(m.toMemberId) : null,
        rule: { id: m.ruleId, name: m.ruleName },
        criteria: JSON.stringify(m.criteria),
        reasons: m.reasons,
      })),
    );
    return { id: preview.id, asOf: preview.asOf, totalCount: items.length, items };
  }

  @Mutation(() => HandoffApplyReportModel, { description: 'Executes exactly a previewed list; reports clients that changed meanwhile' })
  applyHandoffs(@CurrentViewer() viewer: Viewer, @Args('previewId', { type: () => ID }) previewId: string): Promise<HandoffApplyReportModel> {
    return this.handoffs.apply(viewer, previewId);
  }

  @ResolveField(() => [ClientOrderModel], { description: 'The latest 20 orders, newest first' })
  orders(@Parent() client: ClientModel, @Context() ctx: RequestContext): Promise<ClientOrderModel[]> {
    return ctx.loaders.ordersByClientId.load(client.id);
  }

  @ResolveField(() => [ClientContactModel])
  contacts(@Parent() client: ClientModel, @Context() ctx: RequestContext): Promise<ClientContactModel[]> {
    return ctx.loaders.contactsByClientId.load(client.id);
  }

  @ResolveField(() => [ClientDealModel])
  deals(@Parent() client: ClientModel, @Context() ctx: RequestContext): Promise<ClientDealModel[]> {
    return ctx.loaders.dealsByClientId.load(client.id);
  }

  @Mutation(() => ClientContactModel)
  async addClientContact(@CurrentViewer() viewer: Viewer, @Args('input') input: AddClientContactInput): Promise<ClientContactModel> {
    return this.writes.addContact(viewer, input);
  }

  @ResolveField(() => MemberModel, { nullable: true, description: 'Who owns the client now' })
  owner(@Parent() client: ClientModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return client.ownerMemberId ? ctx.loaders.memberById.load(client.ownerMemberId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true, description: 'The hunter of record: who brought the client (keeps the credit)' })
  hunter(@Parent() client: ClientModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return client.hunterMemberId ? ctx.loaders.memberById.load(client.hunterMemberId) : Promise.resolve(null);
  }
}

@Resolver(() => AssignmentRecordModel)
export class AssignmentRecordResolver {
  @ResolveField(() => MemberModel, { nullable: true })
  from(@Parent() record: AssignmentRecordModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return record.fromMemberId ? ctx.loaders.memberById.load(record.fromMemberId) : Promise.resolve(null);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  to(@Parent() record: AssignmentRecordModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return record.toMemberId ? ctx.loaders.memberById.load(record.toMemberId) : Promise.resolve(null);
  }
}
