import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { ProcessStatus } from '@salescircle/shared';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain-error';
import { ProcessStatusEnum } from '../../common/graphql/sprint-enums';
import { MemberModel } from '../members/member.model';
import { AddReminderInput, CreateProcessInput, CreateSprintInput, ProcessTemplateInput, UpdateProcessInput, UpdateSprintInput } from './dto/sprint.inputs';
import { LiveEventsService, type LiveEvent } from './live-events.service';
import { RemindersRepository } from './reminders.repository';
import {
  BoardEventModel,
  BurndownPointModel,
  CloseSprintResultModel,
  NotificationEventModel,
  NotificationModel,
  ProcessClientModel,
  ProcessDealModel,
  ProcessEventModel,
  ProcessStepModel,
  ProcessTemplateModel,
  ReminderModel,
  SalesProcessModel,
  ScopeChangeModel,
  SprintModel,
  SprintPlanHintModel,
  SprintVelocityModel,
  WipCountModel,
} from './sprints.model';
import { SprintsService, type ProcessWithProgress } from './sprints.service';
import type { SprintRow } from './sprints.repository';

function toSprint(row: SprintRow): SprintModel {
  return { ...row };
}

function toProcess(row: ProcessWithProgress): SalesProcessModel {
  return { ...row, coOwnerIds: row.coOwnerIds ?? [] };
}

@Resolver(() => SprintModel)
export class SprintsResolver {
  constructor(private readonly service: SprintsService) {}

  @Query(() => [SprintModel], { description: "A team's sprints, newest first" })
  async sprints(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string): Promise<SprintModel[]> {
    return (await this.service.sprintsOfTeam(viewer, teamId)).map(toSprint);
  }

  @Query(() => SprintModel, { nullable: true, description: "The team's running sprint, if any" })
  async activeSprint(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string): Promise<SprintModel | null> {
    const row = await this.service.activeSprint(viewer, teamId);
    return row ? toSprint(row) : null;
  }

  @Query(() => SprintModel)
  async sprint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<SprintModel> {
    return toSprint(await this.service.sprint(viewer, id));
  }

  @Query(() => [SprintVelocityModel], { description: 'What the last closed sprints delivered, oldest first' })
  velocity(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string, @Args('last', { type: () => Int, nullable: true }) last?: number): Promise<SprintVelocityModel[]> {
    return this.service.velocity(viewer, teamId, last ?? 6);
  }

  @Query(() => SprintPlanHintModel, { description: 'How many processes to plan next, from velocity and the WIP limit' })
  sprintPlanHint(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string): Promise<SprintPlanHintModel> {
    return this.service.planHint(viewer, teamId);
  }

  @Mutation(() => SprintModel)
  async createSprint(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateSprintInput): Promise<SprintModel> {
    return toSprint(await this.service.createSprint(viewer, input));
  }

  @Mutation(() => SprintModel)
  async updateSprint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateSprintInput): Promise<SprintModel> {
    return toSprint(await this.service.updateSprint(viewer, id, input));
  }

  @Mutation(() => SprintModel, { description: 'PLANNED → ACTIVE; one active sprint per team' })
  async startSprint(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<SprintModel> {
    return toSprint(await this.service.startSprint(viewer, id));
  }

  @Mutation(() => CloseSprintResultModel, { description: 'Closes the sprint; unfinished processes roll over to the next one with their history' })
  async closeSprint(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('nextSprintId', { type: () => ID, nullable: true }) nextSprintId?: string,
  ): Promise<CloseSprintResultModel> {
    const result = await this.service.closeSprint(viewer, id, nextSprintId ?? null);
    return { closed: toSprint(result.closed), next: result.next ? toSprint(result.next) : null, rolledOver: result.rolledOver };
  }

  @Mutation(() => SprintModel, { description: 'Review and retrospective notes: the lead, the director and the coach of the team' })
  async updateSprintNotes(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('review', { type: () => String, nullable: true }) review?: string,
    @Args('retrospective', { type: () => String, nullable: true }) retrospective?: string,
  ): Promise<SprintModel> {
    return toSprint(await this.service.updateSprintNotes(viewer, id, review ?? null, retrospective ?? null));
  }

  @ResolveField(() => [SalesProcessModel], { description: 'The board: every process of the sprint with its progress' })
  async processes(@Parent() sprint: SprintModel, @Context() ctx: RequestContext): Promise<SalesProcessModel[]> {
    const cards = await this.service.board(sprint);
    // The board statement already read each card's checklist and links: the field loaders take them from here.
    for (const card of cards) {
      ctx.loaders.stepsByProcessId.prime(card.id, card.steps.map((step) => ({ ...step, done: step.doneAt !== null })));
      ctx.loaders.clientsByProcessId.prime(card.id, card.clients);
      ctx.loaders.dealsByProcessId.prime(card.id, card.deals);
    }
    return cards.map(({ steps: _steps, clients: _clients, deals: _deals, ...process }) => toProcess(process));
  }

  @ResolveField(() => [BurndownPointModel])
  burndown(@Parent() sprint: SprintModel): Promise<BurndownPointModel[]> {
    return this.service.burndown(sprint);
  }

  @ResolveField(() => [ScopeChangeModel], { description: 'Processes added or removed after the start, by whom' })
  scopeChanges(@Parent() sprint: SprintModel): Promise<ScopeChangeModel[]> {
    return this.service.scopeChanges(sprint);
  }

  @ResolveField(() => [WipCountModel], { description: 'Work in progress: the team first, then each person with open processes' })
  wip(@Parent() sprint: SprintModel): Promise<WipCountModel[]> {
    return this.service.wip(sprint);
  }
}

@Resolver(() => SalesProcessModel)
export class SalesProcessResolver {
  constructor(private readonly service: SprintsService) {}

  @Query(() => SalesProcessModel)
  async salesProcess(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<SalesProcessModel> {
    return toProcess(await this.service.process(viewer, id));
  }

  @Query(() => [SalesProcessModel], { description: "The team's processes in no sprint: proposals waiting for approval first" })
  async backlog(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string): Promise<SalesProcessModel[]> {
    return (await this.service.backlog(viewer, teamId)).map(toProcess);
  }

  @Query(() => [ProcessTemplateModel], { description: 'The process library: built in (in your language) and your organization\'s' })
  processTemplates(@CurrentViewer() viewer: Viewer): Promise<ProcessTemplateModel[]> {
    return this.service.templates(viewer);
  }

  @Mutation(() => SalesProcessModel, { description: 'A new process; from anyone but the lead it waits for approval. Over a WIP limit: WIP_LIMIT' })
  async createProcess(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateProcessInput): Promise<SalesProcessModel> {
    return toProcess(await this.service.createProcess(viewer, input));
  }

  @Mutation(() => SalesProcessModel)
  async updateProcess(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProcessInput): Promise<SalesProcessModel> {
    return toProcess(await this.service.updateProcess(viewer, id, input));
  }

  @Mutation(() => SalesProcessModel, { description: 'Moves a card on the board. BLOCKED needs a reason; reopening a done one may hit WIP_LIMIT' })
  async moveProcess(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => ProcessStatusEnum }) status: ProcessStatus,
    @Args('blockedReason', { type: () => String, nullable: true }) blockedReason?: string,
    @Args('position', { type: () => Float, nullable: true, description: 'Order within the column' }) position?: number,
    @Args('overrideWip', { type: () => Boolean, nullable: true }) overrideWip?: boolean,
  ): Promise<SalesProcessModel> {
    return toProcess(await this.service.moveProcess(viewer, id, status, { blockedReason, position, overrideWip }));
  }

  @Mutation(() => SalesProcessModel, { description: 'Into a sprint, or back to the backlog (no sprintId); after the start it shows in the scope-change log' })
  async planProcess(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('sprintId', { type: () => ID, nullable: true }) sprintId?: string,
    @Args('overrideWip', { type: () => Boolean, nullable: true }) overrideWip?: boolean,
  ): Promise<SalesProcessModel> {
    return toProcess(await this.service.planProcess(viewer, id, sprintId ?? null, overrideWip));
  }

  @Mutation(() => SalesProcessModel)
  async approveProcess(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('overrideWip', { type: () => Boolean, nullable: true }) overrideWip?: boolean): Promise<SalesProcessModel> {
    return toProcess(await this.service.decideProcess(viewer, id, true, null, overrideWip));
  }

  @Mutation(() => SalesProcessModel)
  async rejectProcess(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string): Promise<SalesProcessModel> {
    return toProcess(await this.service.decideProcess(viewer, id, false, reason ?? null, undefined));
  }

  @Mutation(() => SalesProcessModel)
  async setProcessStep(
    @CurrentViewer() viewer: Viewer,
    @Args('processId', { type: () => ID }) processId: string,
    @Args('stepId', { type: () => ID }) stepId: string,
    @Args('done') done: boolean,
  ): Promise<SalesProcessModel> {
    return toProcess(await this.service.setStep(viewer, processId, stepId, done));
  }

  @Mutation(() => SalesProcessModel, { description: 'Units counted by hand (CUSTOM targets, or work not logged as activities); negative corrects' })
  async addProcessProgress(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('units', { type: () => Float }) units: number,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<SalesProcessModel> {
    return toProcess(await this.service.addProgress(viewer, id, units, note ?? null));
  }

  @Mutation(() => ProcessTemplateModel)
  createProcessTemplate(@CurrentViewer() viewer: Viewer, @Args('input') input: ProcessTemplateInput): Promise<ProcessTemplateModel> {
    return this.service.createTemplate(viewer, input);
  }

  @Mutation(() => ReminderModel)
  async addReminder(@CurrentViewer() viewer: Viewer, @Args('input') input: AddReminderInput): Promise<ReminderModel> {
    const id = await this.service.addReminder(viewer, input);
    return (await this.service.reminderById(id))!;
  }

  @Mutation(() => Boolean)
  removeReminder(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.removeReminder(viewer, id);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  owner(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    return p.ownerMemberId ? ctx.loaders.memberById.load(p.ownerMemberId) : Promise.resolve(null);
  }

  @ResolveField(() => [MemberModel])
  async coOwners(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<MemberModel[]> {
    const members = await ctx.loaders.memberById.loadMany(p.coOwnerIds);
    return members.filter((m): m is MemberModel => m !== null && !(m instanceof Error));
  }

  @ResolveField(() => [ProcessStepModel])
  steps(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<ProcessStepModel[]> {
    return ctx.loaders.stepsByProcessId.load(p.id);
  }

  @ResolveField(() => [ProcessClientModel])
  clients(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<ProcessClientModel[]> {
    return ctx.loaders.clientsByProcessId.load(p.id);
  }

  @ResolveField(() => [ProcessDealModel])
  deals(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<ProcessDealModel[]> {
    return ctx.loaders.dealsByProcessId.load(p.id);
  }

  @ResolveField(() => [ReminderModel])
  reminders(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<ReminderModel[]> {
    return ctx.loaders.remindersByProcessId.load(p.id);
  }

  @ResolveField(() => [ProcessEventModel], { description: 'Newest first' })
  history(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<ProcessEventModel[]> {
    return ctx.loaders.historyByProcessId.load(p.id);
  }

  @ResolveField(() => SprintModel, { nullable: true, description: 'The sprint it is in; null in the backlog' })
  async sprint(@Parent() p: SalesProcessModel, @Context() ctx: RequestContext): Promise<SprintModel | null> {
    return p.sprintId ? ctx.loaders.sprintById.load(p.sprintId) : null;
  }

  @ResolveField(() => Float, { description: 'progress / target, 0..1 and beyond (0 without a target)' })
  progressRatio(@Parent() p: SalesProcessModel): number {
    return p.target > 0 ? Math.round((p.progress / p.target) * 1000) / 1000 : 0;
  }
}

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly service: SprintsService,
    private readonly live: LiveEventsService,
  ) {}

  @Query(() => [NotificationModel], { description: "The viewer's notifications, newest first" })
  notifications(
    @CurrentViewer() viewer: Viewer,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<NotificationModel[]> {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw DomainError.outOfRange('first', 'first must be 1 to 200.', limit, 1, 200);
    return this.reminders.notificationsOf(viewer.userId, unreadOnly ?? false, limit);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.reminders.unreadCount(viewer.userId);
  }

  @Mutation(() => Int, { description: 'Marks the given notifications read (all, without ids); returns the unread count left' })
  async markNotificationsRead(@CurrentViewer() viewer: Viewer, @Args('ids', { type: () => [ID], nullable: true }) ids?: string[]): Promise<number> {
    if (ids && ids.length > 500) throw new DomainError('BAD_USER_INPUT', 'At most 500 at once.', { field: 'ids', reason: 'VALUE_TOO_MANY', limit: 500 });
    await this.reminders.markRead(viewer.userId, ids ?? null);
    return this.reminders.unreadCount(viewer.userId);
  }

  @Subscription(() => BoardEventModel, { description: "Changes on a team's board, live from every server", resolve: (event: BoardEventModel) => event })
  async boardChanged(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID }) teamId: string): Promise<AsyncIterableIterator<BoardEventModel>> {
    await this.service.assertSeesTeam(viewer, teamId);
    return this.live.listen(
      (e: LiveEvent) => e.type === 'board' && e.teamId === teamId,
      (e: LiveEvent) => {
        const b = e as Extract<LiveEvent, { type: 'board' }>;
        return { teamId: b.teamId, sprintId: b.sprintId, processId: b.processId, kind: b.kind, status: b.status as ProcessStatus | null, actorUserId: b.actorUserId, at: new Date(b.at) };
      },
    );
  }

  @Subscription(() => NotificationEventModel, { description: 'New notifications for the viewer, with the unread count', resolve: (event: NotificationEventModel) => event })
  notificationAdded(@CurrentViewer() viewer: Viewer): AsyncIterableIterator<NotificationEventModel> {
    return this.live.listen(
      (e: LiveEvent) => e.type === 'notification' && e.userId === viewer.userId,
      async () => {
        const [latest] = await this.reminders.notificationsOf(viewer.userId, true, 1);
        return { unreadCount: await this.reminders.unreadCount(viewer.userId), latest: latest ?? null };
      },
    );
  }
}
