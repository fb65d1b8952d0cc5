import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isAvailable, maySeeMemberHistory, type ShiftSlot } from '@salescircle/shared';
import { CurrentViewer } from '../../common/auth/decorators';
import type { Viewer } from '../../common/auth/viewer';
import type { RequestContext } from '../../common/context/request-context';
import { OrganizationTimezone } from '../organization/organization-timezone';
import { toTeamModel } from '../team/team.service';
import { TeamModel } from '../team/team.model';
import {
  AddAbsenceInput,
  AddReportingLineInput,
  AssignCrossRoleInput,
  CreateMemberInput,
  MemberFilter,
  SetWorkScheduleInput,
  UpdateMemberInput,
} from './dto/member.inputs';
import {
  AbsenceModel,
  AvailabilityModel,
  CapacityModel,
  ChangeLogEntryModel,
  CrossRoleModel,
  MatrixCellModel,
  MemberModel,
  ReportingLineModel,
  ScheduleSlotModel,
} from './member.model';
import { MembersService } from './members.service';

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly membersService: MembersService,
    private readonly timezones: OrganizationTimezone,
  ) {}

  @Query(() => [MemberModel], { description: 'People the caller may see, filtered' })
  members(@CurrentViewer() viewer: Viewer, @Args('filter', { nullable: true }) filter?: MemberFilter): Promise<MemberModel[]> {
    return this.membersService.members(viewer, filter ?? {});
  }

  @Query(() => MemberModel, { nullable: true })
  member(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<MemberModel | null> {
    return this.membersService.member(viewer, id);
  }

  @Query(() => [MatrixCellModel], { description: 'Stage roles × categories with the reps in each cell' })
  matrix(@CurrentViewer() viewer: Viewer, @Args('teamId', { type: () => ID, nullable: true }) teamId?: string): Promise<MatrixCellModel[]> {
    return this.membersService.matrix(viewer, teamId ?? null);
  }

  @Mutation(() => MemberModel)
  createMember(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateMemberInput): Promise<MemberModel> {
    return this.membersService.createMember(viewer, input);
  }

  @Mutation(() => MemberModel, { description: 'Directors change anything of their people; leads the matrix cell, capacity of their team' })
  updateMember(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberInput,
  ): Promise<MemberModel> {
    return this.membersService.updateMember(viewer, id, input);
  }

  @Mutation(() => ReportingLineModel)
  async addReportingLine(@CurrentViewer() viewer: Viewer, @Args('input') input: AddReportingLineInput): Promise<ReportingLineModel> {
    const line = await this.membersService.addReportingLine(viewer, input);
    return { id: line.id, kind: line.kind, scope: line.scope, fromMemberId: line.fromId, toMemberId: line.toId };
  }

  @Mutation(() => Boolean)
  removeReportingLine(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.membersService.removeReportingLine(viewer, id);
  }

  @Mutation(() => CrossRoleModel)
  assignCrossRole(@CurrentViewer() viewer: Viewer, @Args('input') input: AssignCrossRoleInput): Promise<CrossRoleModel> {
    return this.membersService.assignCrossRole(viewer, input);
  }

  @Mutation(() => Boolean)
  removeCrossRole(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.membersService.removeCrossRole(viewer, id);
  }

  @Mutation(() => MemberModel, { description: 'Replaces the weekly working hours of a member' })
  setWorkSchedule(
    @CurrentViewer() viewer: Viewer,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('input') input: SetWorkScheduleInput,
  ): Promise<MemberModel> {
    return this.membersService.setWorkSchedule(viewer, memberId, input);
  }

  @Mutation(() => AbsenceModel)
  addAbsence(@CurrentViewer() viewer: Viewer, @Args('input') input: AddAbsenceInput): Promise<AbsenceModel> {
    return this.membersService.addAbsence(viewer, input);
  }

  @Mutation(() => Boolean)
  removeAbsence(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.membersService.removeAbsence(viewer, id);
  }

  @ResolveField(() => CapacityModel)
  async capacity(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<CapacityModel> {
    return { clients: member.capacityClients, processes: member.capacityProcesses, activeClients: await ctx.loaders.activeClientsByMemberId.load(member.id) };
  }

  @ResolveField(() => MemberModel, { nullable: true, description: 'The direct manager (REPORTS_TO line)' })
  async reportsTo(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<MemberModel | null> {
    const lines = await ctx.loaders.linesByMemberId.load(member.id);
    const line = lines.find((l) => l.kind === 'REPORTS_TO' && l.fromId === member.id);
    return line ? ctx.loaders.memberById.load(line.toId) : null;
  }

  @ResolveField(() => [ReportingLineModel], { description: 'Lines from and to this member' })
  async lines(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<ReportingLineModel[]> {
    return (await ctx.loaders.linesByMemberId.load(member.id)).map((l) => ({ id: l.id, kind: l.kind, scope: l.scope, fromMemberId: l.fromId, toMemberId: l.toId }));
  }

  @ResolveField(() => [CrossRoleModel])
  crossRoles(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<CrossRoleModel[]> {
    return ctx.loaders.crossRolesByMemberId.load(member.id);
  }

  @ResolveField(() => [ScheduleSlotModel])
  async schedule(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<ScheduleSlotModel[]> {
    return (await ctx.loaders.scheduleByMemberId.load(member.id)).map(({ weekday, startsAt, endsAt }) => ({ weekday, startsAt, endsAt }));
  }

  @ResolveField(() => [AbsenceModel], { description: 'Current and future absences, and those of the last 60 days' })
  absences(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<AbsenceModel[]> {
    return ctx.loaders.absencesByMemberId.load(member.id);
  }

  @ResolveField(() => [TeamModel])
  async teams(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<TeamModel[]> {
    return (await ctx.loaders.teamsByMemberId.load(member.id)).map(toTeamModel);
  }

  @ResolveField(() => AvailabilityModel, { description: 'Whether the member can take work at a moment (default: now)' })
  async availability(
    @Parent() member: MemberModel,
    @Context() ctx: RequestContext,
    @Args('at', { nullable: true, type: () => Date }) at?: Date,
  ): Promise<AvailabilityModel> {
    const moment = at ?? new Date();
    const [schedule, absences, paused, timezone] = await Promise.all([
      ctx.loaders.scheduleByMemberId.load(member.id),
      ctx.loaders.absencesByMemberId.load(member.id),
      ctx.loaders.pausedByMemberId.load(member.id),
      // a member of the viewer's organization: a query's viewer carries its time zone
      this.timezones.of(ctx.viewer?.organizationId === member.organizationId ? ctx.viewer : member.organizationId, ctx),
    ]);
    const result = isAvailable({ active: member.active, paused, schedule: schedule as unknown as ShiftSlot[], absences }, moment, timezone);
    return { ...result, at: moment };
  }

  @ResolveField(() => [ChangeLogEntryModel], { description: 'The latest 50 changes about this member (directors, leads and the member)' })
  async history(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<ChangeLogEntryModel[]> {
    if (!ctx.viewer || !maySeeMemberHistory(ctx.viewer, member.id)) return [];
    return (await ctx.loaders.historyByMemberId.load(member.id)).map((h) => ({
      id: h.id,
      at: h.at,
      actorName: h.actorName,
      entity: h.entity,
      action: h.action,
      before: h.before ? JSON.stringify(h.before) : null,
      after: h.after ? JSON.stringify(h.after) : null,
    }));
  }
}

@Resolver(() => ReportingLineModel)
export class ReportingLineResolver {
  @ResolveField(() => MemberModel)
  async from(@Parent() line: ReportingLineModel, @Context() ctx: RequestContext): Promise<MemberModel> {
    return (await ctx.loaders.memberById.load(line.fromMemberId)) as MemberModel;
  }

  @ResolveField(() => MemberModel)
  async to(@Parent() line: ReportingLineModel, @Context() ctx: RequestContext): Promise<MemberModel> {
    return (await ctx.loaders.memberById.load(line.toMemberId)) as MemberModel;
  }
}
