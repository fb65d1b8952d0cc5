import { dayIn } from '../../common/time/day-in';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  approvalForNewProcess,
  BUILTIN_PROCESS_TEMPLATES,
  checkDueInSprint,
  checkWipLimit,
  computeBurndown,
  daysBetween,
  firstFireAt,
  mayRunSprint,
  maySeeSprint,
  mayWorkOnProcess,
  isCalendarDay,
  mayWriteSprintNotes,
  SPRINT_LIMITS,
  suggestSprintPlan,
  type BurndownDay,
  type Locale,
  type ProcessStatus,
  type ViewerScope,
} from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationTimezone } from '../organization/organization-timezone';
import type { AddReminderInput, CreateProcessInput, CreateSprintInput, ProcessTemplateInput, UpdateProcessInput, UpdateSprintInput } from './dto/sprint.inputs';
import { LiveEventsService, type LiveEvent } from './live-events.service';
import { RemindersRepository } from './reminders.repository';
import { SprintsRepository, type BoardRow, type ProcessEventWrite, type ProcessRow, type SprintRow } from './sprints.repository';

export interface ProcessWithProgress extends ProcessRow {
  progress: number;
  overdue: boolean;
}

export interface VelocityRow {
  sprintId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  processesPlanned: number;
  processesDone: number;
  unitsDone: number;
  revenueWon: string;
}

/**
 * SPRINT_DATE_INVALID on `field` unless `day` is a day of the calendar: the input's pattern lets
 * 2027-02-30 through, which Date.parse rolls over into March and the database refuses.
 */
function checkRealDay(field: string, day: string): void {
  if (!isCalendarDay(day)) throw DomainError.badInput(field, `${field} is not a real date.`, 'SPRINT_DATE_INVALID', { value: day });
}

/**
 * The sprint use cases: plan, run and close sprints of 15-20 parallel sales processes with
 * WIP limits, approvals of work from outside the lead's line, and rollover. Every change is
 * written to the process history and published live to the team's open pages.
 */
@Injectable()
export class SprintsService {
  constructor(
    private readonly sprints: SprintsRepository,
    private readonly reminders: RemindersRepository,
    private readonly circle: CircleRepository,
    private readonly transactions: TransactionRunner,
    private readonly live: LiveEventsService,
    private readonly timezones: OrganizationTimezone,
  ) {}

  // ---- access ----

  private async scope(viewer: Viewer, tx?: EntityManager): Promise<ViewerScope> {
    return this.circle.scopeOf(viewer, tx);
  }

  /** The team, if it is the viewer's organization's and the viewer sees it. */
  /** The viewer's scope, if they see the team (the scope holds only teams of their organization, so no team lookup is needed). */
  private async seeTeam(viewer: Viewer, teamId: string, tx?: EntityManager): Promise<ViewerScope> {
    const scope = await this.scope(viewer, tx);
    if (!maySeeSprint(scope, teamId)) throw DomainError.notFound('TEAM');
    return scope;
  }

  private async seeSprint(viewer: Viewer, id: string, tx?: EntityManager, lock = false): Promise<{ sprint: SprintRow; scope: ViewerScope }> {
    const sprint = await this.sprints.sprintById(id, tx, lock);
    if (!sprint || sprint.organizationId !== viewer.organizationId) throw DomainError.notFound('SPRINT');
    const scope = await this.scope(viewer, tx);
    if (!maySeeSprint(scope, sprint.teamId)) throw DomainError.notFound('SPRINT');
    return { sprint, scope };
  }

  private async seeProcess(viewer: Viewer, id: string, tx?: EntityManager, lock = false): Promise<{ process: ProcessRow; scope: ViewerScope }> {
    const process = await this.sprints.processById(id, tx, lock);
    if (!process || process.organizationId !== viewer.organizationId) throw DomainError.notFound('PROCESS');
    const scope = await this.scope(viewer, tx);
    if (!maySeeSprint(scope, process.teamId)) throw DomainError.notFound('PROCESS');
    return { process, scope };
  }

  // ---- reading ----

  async sprintsOfTeam(viewer: Viewer, teamId: string): Promise<SprintRow[]> {
    await this.seeTeam(viewer, teamId);
    return this.sprints.sprintsOfTeam(teamId);
  }

  async activeSprint(viewer: Viewer, teamId: string): Promise<SprintRow | null> {
    await this.seeTeam(viewer, teamId);
    return this.sprints.activeSprint(teamId);
  }

  async sprint(viewer: Viewer, id: string): Promise<SprintRow> {
    return (await this.seeSprint(viewer, id)).sprint;
  }

  async process(viewer: Viewer, id: string): Promise<ProcessWithProgress> {
    const { process } = await this.seeProcess(viewer, id);
    return (await this.withProgress(viewer.organizationId, [process]))[0];
  }

  async backlog(viewer: Viewer, teamId: string): Promise<ProcessWithProgress[]> {
    await this.seeTeam(viewer, teamId);
    return this.withProgress(viewer.organizationId, await this.sprints.backlog(teamId));
  }

  /** The board: the sprint's processes with progress, checklists and links, in one statement whatever their number. */
  async board(sprint: SprintRow): Promise<(BoardRow & { overdue: boolean })[]> {
    const now = Date.now();
    return (await this.sprints.boardOfSprint(sprint.id, sprint.organizationId)).map((r) => ({
      ...r,
      overdue: r.status !== 'DONE' && r.dueAt !== null && r.dueAt.getTime() < now,
    }));
  }

  private async withProgress(organizationId: string, rows: ProcessRow[]): Promise<ProcessWithProgress[]> {
    if (rows.length === 0) return [];
    const totals = new Map((await this.sprints.progressTotals(rows.map((r) => r.id), organizationId)).map((t) => [t.processId, t.units]));
    const now = Date.now();
    return rows.map((r) => ({ ...r, progress: totals.get(r.id) ?? 0, overdue: r.status !== 'DONE' && r.dueAt !== null && r.dueAt.getTime() < now }));
  }

  async burndown(sprint: SprintRow): Promise<BurndownDay[]> {
    const timezone = await this.timezones.of(sprint.organizationId);
    const scope = await this.sprints.sprintScope(sprint.id, timezone);
    const increments = await this.sprints.progressIncrements(
      scope.map((s) => s.processId),
      timezone,
    );
    const byProcess = new Map<string, { on: string; units: number }[]>();
    for (const inc of increments) {
      const list = byProcess.get(inc.processId) ?? [];
      list.push({ on: inc.day, units: inc.units });
      byProcess.set(inc.processId, list);
    }
    const today = sprint.status === 'CLOSED' ? sprint.endsOn : dayIn(timezone);
    return computeBurndown(
      sprint.startsOn,
      sprint.endsOn,
      today,
      scope.map((s) => ({ addedOn: s.addedOn, removedOn: s.removedOn, doneOn: s.doneOn, target: s.target, progress: byProcess.get(s.processId) ?? [] })),
    );
  }

  async scopeChanges(sprint: SprintRow) {
    return this.sprints.scopeChanges(sprint);
  }

  /** WIP per team and per person for the board header and columns. */
  async wip(sprint: SprintRow): Promise<{ memberId: string | null; memberName: string | null; active: number; limit: number }[]> {
    const load = await this.sprints.wipOfSprint(sprint.id, sprint.teamId);
    return [
      { memberId: null, memberName: null, active: load.teamActive, limit: load.teamLimit ?? SPRINT_LIMITS.defaultTeamWip },
      ...load.members.filter((m) => m.active > 0).map((m) => ({ memberId: m.id, memberName: m.name, active: m.active, limit: m.limit })),
    ];
  }

  private async teamLimit(teamId: string, tx?: EntityManager): Promise<number> {
    return (await this.sprints.teamWipLimit(teamId, tx)) ?? SPRINT_LIMITS.defaultTeamWip;
  }

  async velocity(viewer: Viewer, teamId: string, last: number): Promise<VelocityRow[]> {
    await this.seeTeam(viewer, teamId);
    if (!Number.isInteger(last) || last < 1 || last > 20) throw DomainError.outOfRange('last', 'last must be 1 to 20 sprints.', last, 1, 20);
    const timezone = await this.timezones.of(viewer);
    const closed = await this.sprints.closedSprints(teamId, last);
    const result: VelocityRow[] = [];
    for (const sprint of closed) {
      const scope = await this.sprints.sprintScope(sprint.id, timezone);
      const inScopeAtEnd = scope.filter((s) => s.removedOn === null || s.removedOn > sprint.endsOn);
      const done = inScopeAtEnd.filter((s) => s.doneOn !== null && s.doneOn >= s.addedOn && s.doneOn <= addDays(sprint.endsOn, 1));
      const ids = inScopeAtEnd.map((s) => s.processId);
      const increments = await this.sprints.progressIncrements(ids, timezone);
      const units = new Map<string, number>();
      for (const inc of increments) if (inc.day >= sprint.startsOn && inc.day <= sprint.endsOn) units.set(inc.processId, (units.get(inc.processId) ?? 0) + inc.units);
      const unitsDone = inScopeAtEnd.reduce((sum, s) => sum + Math.min(s.target > 0 ? s.target : Infinity, units.get(s.processId) ?? 0), 0);
      result.push({
        sprintId: sprint.id,
        name: sprint.name,
        startsOn: sprint.startsOn,
        endsOn: sprint.endsOn,
        processesPlanned: inScopeAtEnd.length,
        processesDone: done.length,
        unitsDone: Math.round(unitsDone * 100) / 100,
        revenueWon: await this.sprints.wonRevenue(ids, sprint.startsOn, sprint.endsOn),
      });
    }
    return result;
  }

  async planHint(viewer: Viewer, teamId: string): Promise<{ processes: number; basedOn: number; wipLimit: number }> {
    const history = await this.velocity(viewer, teamId, 3);
    const wipLimit = await this.teamLimit(teamId);
    return { ...suggestSprintPlan(history, wipLimit), wipLimit };
  }

  async templates(viewer: Viewer): Promise<{ key: string; name: string; targetKind: ProcessRow['targetKind']; targetValue: number; steps: string[]; builtin: boolean }[]> {
    const locale: Locale = viewer.locale;
    const custom = await this.sprints.templates(viewer.organizationId);
    return [
      ...BUILTIN_PROCESS_TEMPLATES.map((t) => ({ key: t.key, name: t.name[locale], targetKind: t.targetKind, targetValue: t.targetValue, steps: t.steps.map((s) => s[locale]), builtin: true })),
      ...custom.map((t) => ({ key: t.id, name: t.name, targetKind: t.targetKind, targetValue: t.targetValue, steps: t.steps, builtin: false })),
    ];
  }

  // ---- sprints ----

  private checkDates(startsOn: string, endsOn: string): void {
    checkRealDay('startsOn', startsOn);
    checkRealDay('endsOn', endsOn);
    const days = daysBetween(startsOn, endsOn);
    if (days < 0) throw DomainError.badInput('endsOn', 'A sprint ends on or after the day it starts.', 'SPRINT_ENDS_BEFORE_START', { startsOn, endsOn });
    if (days > SPRINT_LIMITS.sprintDaysMax) throw DomainError.badInput('endsOn', `A sprint lasts at most ${SPRINT_LIMITS.sprintDaysMax + 1} days.`, 'SPRINT_TOO_LONG', { count: SPRINT_LIMITS.sprintDaysMax + 1 });
  }

  async createSprint(viewer: Viewer, input: CreateSprintInput): Promise<SprintRow> {
    const scope = await this.seeTeam(viewer, input.teamId);
    if (!mayRunSprint(scope, input.teamId)) throw DomainError.forbidden('The lead of the team (or its director) plans its sprints.', 'LEAD_ONLY', { action: 'PLAN' });
    this.checkDates(input.startsOn, input.endsOn);
    return this.transactions.run(async (tx) => {
      const overlapping = await this.sprints.overlappingSprint(tx, input.teamId, input.startsOn, input.endsOn, null);
      if (overlapping) throw DomainError.badInput('startsOn', `The dates overlap the sprint "${overlapping}".`, 'SPRINT_OVERLAP', { sprint: overlapping });
      const sprint = await this.sprints.insertSprint(tx, { organizationId: viewer.organizationId, teamId: input.teamId, name: input.name.trim(), goal: input.goal?.trim() ?? '', startsOn: input.startsOn, endsOn: input.endsOn, createdBy: viewer.userId });
      await this.live.publish(tx, [this.boardEvent(sprint.teamId, sprint.id, null, 'SPRINT_CREATED', null, viewer)]);
      return sprint;
    });
  }

  async updateSprint(viewer: Viewer, id: string, input: UpdateSprintInput): Promise<SprintRow> {
    return this.transactions.run(async (tx) => {
      const { sprint, scope } = await this.seeSprint(viewer, id, tx, true);
      if (!mayRunSprint(scope, sprint.teamId)) throw DomainError.forbidden('The lead of the team (or its director) plans its sprints.', 'LEAD_ONLY', { action: 'PLAN' });
      if (sprint.status === 'CLOSED') throw new DomainError('CONFLICT', 'A closed sprint no longer changes.', { reason: 'SPRINT_CLOSED', params: { sprint: sprint.name } });
      const startsOn = input.startsOn ?? sprint.startsOn;
      const endsOn = input.endsOn ?? sprint.endsOn;
      this.checkDates(startsOn, endsOn);
      if (sprint.status === 'ACTIVE' && startsOn !== sprint.startsOn) throw DomainError.badInput('startsOn', 'A running sprint keeps its first day; change its end instead.', 'RUNNING_SPRINT_START', { startsOn: sprint.startsOn });
      const overlapping = await this.sprints.overlappingSprint(tx, sprint.teamId, startsOn, endsOn, sprint.id);
      if (overlapping) throw DomainError.badInput('startsOn', `The dates overlap the sprint "${overlapping}".`, 'SPRINT_OVERLAP', { sprint: overlapping });
      if (startsOn > sprint.startsOn) await this.checkStartAfterDue(tx, sprint, startsOn);
      const changes: Parameters<SprintsRepository['updateSprint']>[2] = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.goal !== undefined) changes.goal = input.goal.trim();
      if (input.startsOn !== undefined) changes.starts_on = startsOn;
      if (input.endsOn !== undefined) changes.ends_on = endsOn;
      if (Object.keys(changes).length === 0) return sprint;
      const updated = await this.sprints.updateSprint(tx, sprint.id, changes);
      await this.live.publish(tx, [this.boardEvent(sprint.teamId, sprint.id, null, 'SPRINT_UPDATED', null, viewer)]);
      return updated;
    });
  }

  async startSprint(viewer: Viewer, id: string): Promise<SprintRow> {
    return this.transactions.run(async (tx) => {
      const { sprint, scope } = await this.seeSprint(viewer, id, tx, true);
      if (!mayRunSprint(scope, sprint.teamId)) throw DomainError.forbidden('The lead of the team (or its director) starts its sprints.', 'LEAD_ONLY', { action: 'START' });
      if (sprint.status !== 'PLANNED') throw new DomainError('CONFLICT', 'Only a planned sprint can start.', { reason: 'SPRINT_NOT_PLANNED', params: { sprint: sprint.name } });
      const running = await this.sprints.activeSprint(sprint.teamId, tx);
      if (running) throw new DomainError('CONFLICT', `The team already runs the sprint "${running.name}": close it first.`, { reason: 'ACTIVE_SPRINT_EXISTS', params: { sprint: running.name } });
      const started = await this.sprints.updateSprint(tx, sprint.id, { status: 'ACTIVE', started_at: new Date() });
      await this.live.publish(tx, [this.boardEvent(sprint.teamId, sprint.id, null, 'SPRINT_STARTED', null, viewer)]);
      return started;
    });
  }

  /**
   * Closes the sprint; unfinished processes roll over, with their history, to the next
   * planned sprint (the one given, else the team's next, else a new one of the same length).
   */
  async closeSprint(viewer: Viewer, id: string, nextSprintId: string | null): Promise<{ closed: SprintRow; next: SprintRow | null; rolledOver: number }> {
    return this.transactions.run(async (tx) => {
      const { sprint, scope } = await this.seeSprint(viewer, id, tx, true);
      if (!mayRunSprint(scope, sprint.teamId)) throw DomainError.forbidden('The lead of the team (or its director) closes its sprints.', 'LEAD_ONLY', { action: 'CLOSE' });
      if (sprint.status === 'CLOSED') throw new DomainError('CONFLICT', 'This sprint is closed already.', { reason: 'SPRINT_CLOSED', params: { sprint: sprint.name } });
      let next: SprintRow | null = null;
      if (nextSprintId) {
        next = await this.sprints.sprintById(nextSprintId, tx, true);
        if (!next || next.teamId !== sprint.teamId || next.id === sprint.id) throw DomainError.notFound('NEXT_SPRINT');
        if (next.status !== 'PLANNED') throw DomainError.badInput('nextSprintId', 'Unfinished processes go to a planned sprint.', 'NEXT_SPRINT_NOT_PLANNED', { sprint: next.name });
      } else {
        next = await this.sprints.nextPlannedSprint(tx, sprint.teamId, sprint.startsOn);
      }
      const unfinished = (await this.sprints.processesOfSprint(sprint.id, tx)).filter((p) => p.status !== 'DONE');
      if (!next && unfinished.length > 0) {
        const length = daysBetween(sprint.startsOn, sprint.endsOn);
        const startsOn = addDays(sprint.endsOn, 1);
        const name = viewer.locale === 'ru' ? `Спринт с ${startsOn.split('-').reverse().join('.')}` : `Sprint from ${startsOn}`;
        next = await this.sprints.insertSprint(tx, { organizationId: sprint.organizationId, teamId: sprint.teamId, name, goal: '', startsOn, endsOn: addDays(startsOn, length), createdBy: viewer.userId });
      }
      const closed = await this.sprints.updateSprint(tx, sprint.id, { status: 'CLOSED', closed_at: new Date() });
      let moved: string[] = [];
      if (next && unfinished.length > 0) {
        moved = await this.sprints.moveUnfinished(tx, sprint.id, next.id);
        await this.sprints.recordEvents(tx, [
          ...moved.map((pid): ProcessEventWrite => ({ processId: pid, sprintId: sprint.id, kind: 'ROLLED_OVER', note: next!.name, actorUserId: viewer.userId })),
          ...moved.map((pid): ProcessEventWrite => ({ processId: pid, sprintId: next!.id, kind: 'ADDED_TO_SPRINT', note: `rollover from ${sprint.name}`, actorUserId: viewer.userId })),
        ]);
      }
      await this.live.publish(tx, [this.boardEvent(sprint.teamId, sprint.id, null, 'SPRINT_CLOSED', null, viewer)]);
      return { closed, next, rolledOver: moved.length };
    });
  }

  async updateSprintNotes(viewer: Viewer, id: string, review: string | null, retrospective: string | null): Promise<SprintRow> {
    for (const [field, value] of [['review', review], ['retrospective', retrospective]] as const) {
      if (value !== null && value.length > SPRINT_LIMITS.notesMax) throw new DomainError('BAD_USER_INPUT', `At most ${SPRINT_LIMITS.notesMax} characters.`, { field, reason: 'VALUE_TOO_LONG', limit: SPRINT_LIMITS.notesMax });
    }
    return this.transactions.run(async (tx) => {
      const { sprint, scope } = await this.seeSprint(viewer, id, tx, true);
      if (!mayWriteSprintNotes(scope, sprint.teamId)) throw DomainError.forbidden('The lead and the coach of the team write the review and the retrospective.', 'NOTES_LEAD_OR_COACH');
      const changes: Parameters<SprintsRepository['updateSprint']>[2] = {};
      if (review !== null) changes.review = review;
      if (retrospective !== null) changes.retrospective = retrospective;
      if (Object.keys(changes).length === 0) return sprint;
      const updated = await this.sprints.updateSprint(tx, sprint.id, changes);
      await this.live.publish(tx, [this.boardEvent(sprint.teamId, sprint.id, null, 'NOTES_UPDATED', null, viewer)]);
      return updated;
    });
  }

  // ---- processes ----

  /**
   * Refuses going over the team's or a member's WIP limit with WIP_LIMIT, unless the lead
   * overrides (recorded in the history). Call with the sprint row locked.
   */
  private async guardWip(tx: EntityManager, viewer: Viewer, scope: ViewerScope, sprint: SprintRow, ownerIds: readonly string[], override: boolean | undefined, events: ProcessEventWrite[], processId: string, countTeam = true): Promise<void> {
    const note = await this.wipOverride(tx, scope, sprint, ownerIds, override, countTeam);
    if (note) events.push({ processId, sprintId: sprint.id, kind: 'WIP_OVERRIDE', note, actorUserId: viewer.userId });
  }

  /** Null when the change fits; the override's note when the lead went over; WIP_LIMIT otherwise. */
  private async wipOverride(tx: EntityManager, scope: ViewerScope, sprint: SprintRow, ownerIds: readonly string[], override: boolean | undefined, countTeam = true): Promise<string | null> {
    const load = await this.sprints.wipOfSprint(sprint.id, sprint.teamId, tx);
    const people = new Map(load.members.map((m) => [m.id, m]));
    const violation = checkWipLimit({
      teamActive: load.teamActive,
      // A change of owner moves load between people, not into the team.
      teamLimit: countTeam ? (load.teamLimit ?? SPRINT_LIMITS.defaultTeamWip) : Number.POSITIVE_INFINITY,
      owners: ownerIds.map((id) => ({ memberId: id, active: people.get(id)?.active ?? 0, limit: people.get(id)?.limit ?? 0 })),
    });
    if (!violation) return null;
    const who = violation.scope === 'TEAM' ? 'the team' : (people.get(violation.memberId!)?.name ?? 'the member');
    if (override && mayRunSprint(scope, sprint.teamId)) return `${who}: ${violation.wouldBe} of ${violation.limit}`;
    throw new DomainError(
      'WIP_LIMIT',
      `That would make ${violation.wouldBe} processes in progress for ${violation.scope === 'TEAM' ? `the team "${load.teamName}"` : who}, over the limit of ${violation.limit}. Finish one first${mayRunSprint(scope, sprint.teamId) ? ', or override the limit' : ', or ask the lead'}.`,
      {
        reason: violation.scope === 'TEAM' ? 'TEAM_WIP_LIMIT' : 'MEMBER_WIP_LIMIT',
        params: { ...(violation.scope === 'TEAM' ? { team: load.teamName } : { name: who }), wouldBe: violation.wouldBe, limit: violation.limit },
      },
    );
  }

  private ownersOf(p: Pick<ProcessRow, 'ownerMemberId' | 'coOwnerIds'>): string[] {
    return [...new Set([p.ownerMemberId, ...p.coOwnerIds].filter((x): x is string => x !== null))];
  }

  private async checkPeople(tx: EntityManager, teamId: string, ids: readonly string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const team = new Set(await this.sprints.membersOfTeam(teamId, tx));
    if (ids.some((id) => !team.has(id))) throw DomainError.badInput(field, 'Owners are people of the team.', 'OWNER_NOT_IN_TEAM');
  }

  private async checkLinks(tx: EntityManager, organizationId: string, clientIds: readonly string[] | undefined, dealIds: readonly string[] | undefined): Promise<void> {
    const clients = [...new Set(clientIds ?? [])];
    const deals = [...new Set(dealIds ?? [])];
    if (clients.length === 0 && deals.length === 0) return;
    const found = await this.sprints.countOwnedLinks(tx, organizationId, clients, deals);
    if (found.clients !== clients.length) throw DomainError.badInput('clientIds', 'A linked client was not found.', 'LINKED_CLIENT_NOT_FOUND');
    if (found.deals !== deals.length) throw DomainError.badInput('dealIds', 'A linked deal was not found.', 'LINKED_DEAL_NOT_FOUND');
  }

  /**
   * A later first day must not leave the sprint's processes due before it starts (the shared
   * rule, checked for the processes it newly concerns: those due from the old first day up to
   * the new one; ones carried over already overdue keep their date). PROCESS_DUE_BEFORE_START
   * names the first such process, its due day and how many there are.
   */
  private async checkStartAfterDue(tx: EntityManager, sprint: SprintRow, startsOn: string): Promise<void> {
    const timezone = await this.timezones.of(sprint.organizationId);
    const first = await this.sprints.processDueBetween(tx, sprint.id, sprint.startsOn, startsOn, timezone);
    // the statement selects exactly the processes the shared rule (checkDueInSprint) refuses for the new first day
    if (!first) return;
    throw DomainError.badInput(
      'startsOn',
      `${first.count === 1 ? 'A process is' : `${first.count} processes are`} due before ${startsOn} ("${first.title}" on ${first.dueOn}): move their due dates first or choose an earlier start.`,
      'PROCESS_DUE_BEFORE_START',
      { process: first.title, dueOn: first.dueOn, count: first.count, startsOn },
    );
  }

  /**
   * A process in a sprint is due on the sprint's first day or later (the shared rule), the
   * due moment read as its day in the organization's calendar: DUE_BEFORE_SPRINT on `field`
   * (dueAt when the date is given, sprintId when a dated process is planned into the sprint),
   * with the due day, the sprint's name and its first day as params.
   * A rollover keeps an overdue process's date: it carries unfinished work, overdue as it is.
   */
  private async checkDue(viewer: Viewer, dueAt: Date | null | undefined, sprint: SprintRow | null, field: string): Promise<void> {
    if (!dueAt || !sprint) return;
    const dueOn = dayIn(await this.timezones.of(viewer), dueAt);
    const problem = checkDueInSprint(dueOn, sprint.startsOn);
    if (!problem) return;
    const message =
      field === 'dueAt'
        ? `The due date ${dueOn} is before the sprint "${sprint.name}" starts on ${sprint.startsOn}: choose ${sprint.startsOn} or later.`
        : `The process is due on ${dueOn}, before the sprint "${sprint.name}" starts on ${sprint.startsOn}: move its due date to ${sprint.startsOn} or later first.`;
    throw DomainError.badInput(field, message, problem, { dueOn, sprint: sprint.name, startsOn: sprint.startsOn });
  }

  private parseSegment(segment: string | undefined): string | null {
    if (segment === undefined || segment.trim() === '') return null;
    try {
      const value: unknown = JSON.parse(segment);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return JSON.stringify(value);
    } catch {
      throw DomainError.badInput('segment', 'The segment is a JSON object of client-list filters.', 'BAD_SEGMENT');
    }
  }

  async createProcess(viewer: Viewer, input: CreateProcessInput): Promise<ProcessWithProgress> {
    const title = input.title.trim();
    if (!title) throw DomainError.badInput('title', 'Give the process a title.', 'TITLE_REQUIRED');
    if (input.startsOn !== undefined && input.startsOn !== null) checkRealDay('startsOn', input.startsOn);
    const segment = this.parseSegment(input.segment);
    const template = input.templateKey ? await this.findTemplate(viewer, input.templateKey) : null;
    if (input.templateKey && !template) throw DomainError.badInput('templateKey', 'No such template.', 'UNKNOWN_TEMPLATE');
    const row = await this.transactions.run(async (tx) => {
      const scope = await this.seeTeam(viewer, input.teamId, tx);
      const ownerId = input.ownerId ?? viewer.memberId;
      if (!ownerId) throw DomainError.badInput('ownerId', 'Name the owner of the process.', 'OWNER_REQUIRED');
      const coOwnerIds = [...new Set(input.coOwnerIds ?? [])].filter((id) => id !== ownerId);
      await this.checkPeople(tx, input.teamId, [ownerId, ...coOwnerIds], 'ownerId');
      await this.checkLinks(tx, viewer.organizationId, input.clientIds, input.dealIds);
      let sprint: SprintRow | null = null;
      if (input.sprintId) {
        sprint = await this.sprints.sprintById(input.sprintId, tx, true);
        if (!sprint || sprint.teamId !== input.teamId) throw DomainError.notFound('SPRINT');
        if (sprint.status === 'CLOSED') throw new DomainError('CONFLICT', 'A closed sprint takes no new processes.', { reason: 'SPRINT_CLOSED', params: { sprint: sprint.name } });
      }
      await this.checkDue(viewer, input.dueAt, sprint, 'dueAt');
      const approval = approvalForNewProcess(scope, input.teamId);
      const events: ProcessEventWrite[] = [];
      const override = sprint && approval === 'APPROVED' ? await this.wipOverride(tx, scope, sprint, [ownerId, ...coOwnerIds], input.overrideWip) : null;
      const process = await this.sprints.insertProcess(tx, {
        organizationId: viewer.organizationId,
        teamId: input.teamId,
        sprintId: sprint?.id ?? null,
        title,
        description: input.description?.trim() ?? '',
        templateKey: input.templateKey ?? null,
        ownerMemberId: ownerId,
        coOwnerIds,
        targetKind: input.targetKind ?? template?.targetKind ?? 'CUSTOM',
        target: input.target ?? template?.targetValue ?? 0,
        segment,
        startsOn: input.startsOn ?? null,
        dueAt: input.dueAt ?? null,
        priority: input.priority ?? 'MEDIUM',
        approval,
        requestedBy: approval === 'PENDING' ? viewer.userId : null,
        createdBy: viewer.userId,
      });
      if (override) events.push({ processId: process.id, sprintId: sprint!.id, kind: 'WIP_OVERRIDE', note: override, actorUserId: viewer.userId });
      await this.sprints.insertSteps(tx, process.id, input.steps ?? template?.steps ?? []);
      await this.sprints.replaceClients(tx, process.id, input.clientIds ?? []);
      await this.sprints.replaceDeals(tx, process.id, input.dealIds ?? []);
      events.unshift({ processId: process.id, sprintId: sprint?.id ?? null, kind: 'CREATED', toStatus: 'TODO', actorUserId: viewer.userId });
      await this.sprints.recordEvents(tx, events);
      if (approval === 'PENDING') {
        const team = await this.sprints.teamRow(input.teamId, tx);
        const leadUser = team?.leadUserId ?? team?.directorUserId;
        const body = (await this.sprints.userName(viewer.userId, tx)) ?? '';
        if (leadUser) await this.reminders.notify(tx, { organizationId: viewer.organizationId, userIds: [leadUser], kind: 'APPROVAL_REQUESTED', processId: process.id, teamId: input.teamId, title, body });
        if (leadUser) await this.live.publish(tx, [{ type: 'notification', userId: leadUser }]);
      }
      await this.live.publish(tx, [this.boardEvent(input.teamId, sprint?.id ?? null, process.id, 'CREATED', 'TODO', viewer)]);
      return process;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  private async findTemplate(viewer: Viewer, key: string) {
    return (await this.templates(viewer)).find((t) => t.key === key) ?? null;
  }

  async updateProcess(viewer: Viewer, id: string, input: UpdateProcessInput): Promise<ProcessWithProgress> {
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, id, tx, true);
      if (!mayWorkOnProcess(scope, process.teamId, this.ownersOf(process))) throw DomainError.forbidden('The owners of a process and the lead change it.', 'OWNERS_OR_LEAD_ONLY', { title: process.title });
      if (process.version !== input.expectedVersion) throw new DomainError('CONFLICT', 'Someone changed this process meanwhile. Reload and try again.', { reason: 'VERSION_MISMATCH', params: { title: process.title } });
      const changes: Record<string, unknown> = {};
      if (input.title !== undefined) {
        if (!input.title.trim()) throw DomainError.badInput('title', 'Give the process a title.', 'TITLE_REQUIRED');
        changes.title = input.title.trim();
      }
      if (input.description !== undefined) changes.description = input.description.trim();
      if (input.targetKind !== undefined) changes.target_kind = input.targetKind;
      if (input.target !== undefined) changes.target_value = input.target;
      if (input.priority !== undefined) changes.priority = input.priority;
      if (input.startsOn !== undefined && input.startsOn !== null) checkRealDay('startsOn', input.startsOn);
      if (input.startsOn !== undefined) changes.starts_on = input.startsOn;
      if (input.dueAt !== undefined) changes.due_at = input.dueAt;
      if (input.dueAt && process.sprintId) await this.checkDue(viewer, input.dueAt, await this.sprints.sprintById(process.sprintId, tx, true), 'dueAt');
      const events: ProcessEventWrite[] = [];
      if (input.ownerId !== undefined && input.ownerId !== process.ownerMemberId) {
        if (!mayRunSprint(scope, process.teamId)) throw DomainError.forbidden('The lead hands a process to another owner.', 'LEAD_ONLY', { action: 'HANDOVER' });
        await this.checkPeople(tx, process.teamId, [input.ownerId], 'ownerId');
        changes.owner_member_id = input.ownerId;
        changes.co_owner_ids = process.coOwnerIds.filter((c) => c !== input.ownerId);
        if (process.sprintId && process.status !== 'DONE' && process.approval === 'APPROVED') {
          const sprint = (await this.sprints.sprintById(process.sprintId, tx, true))!;
          await this.guardWip(tx, viewer, scope, sprint, [input.ownerId], input.overrideWip, events, process.id, false);
        }
      }
      if (input.clientIds !== undefined || input.dealIds !== undefined) await this.checkLinks(tx, viewer.organizationId, input.clientIds, input.dealIds);
      if (input.clientIds !== undefined) await this.sprints.replaceClients(tx, process.id, input.clientIds);
      if (input.dealIds !== undefined) await this.sprints.replaceDeals(tx, process.id, input.dealIds);
      const updated = await this.sprints.updateProcess(tx, process.id, input.expectedVersion, changes);
      if (!updated) throw new DomainError('CONFLICT', 'Someone changed this process meanwhile. Reload and try again.', { reason: 'VERSION_MISMATCH', params: { title: process.title } });
      if (input.dueAt !== undefined) await this.reminders.followDue(tx, process.id, input.dueAt);
      events.push({ processId: process.id, sprintId: process.sprintId, kind: 'UPDATED', note: Object.keys(changes).concat(input.clientIds ? ['clients'] : [], input.dealIds ? ['deals'] : []).join(', '), actorUserId: viewer.userId });
      await this.sprints.recordEvents(tx, events);
      await this.live.publish(tx, [this.boardEvent(process.teamId, process.sprintId, process.id, 'UPDATED', updated.status, viewer)]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  async moveProcess(viewer: Viewer, id: string, status: ProcessStatus, opts: { blockedReason?: string | null; overrideWip?: boolean | null; position?: number | null }): Promise<ProcessWithProgress> {
    const reason = opts.blockedReason?.trim() ?? '';
    if (status === 'BLOCKED' && !reason) throw DomainError.badInput('blockedReason', 'Say what blocks the process.', 'BLOCKED_REASON_REQUIRED');
    if (reason.length > 500) throw new DomainError('BAD_USER_INPUT', 'At most 500 characters.', { field: 'blockedReason', reason: 'VALUE_TOO_LONG', limit: 500 });
    if (opts.position !== undefined && opts.position !== null && !Number.isFinite(opts.position)) throw DomainError.badInput('position', 'position is a number.', 'VALUE_NOT_NUMBER');
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, id, tx, true);
      if (!mayWorkOnProcess(scope, process.teamId, this.ownersOf(process))) throw DomainError.forbidden('The owners of a process and the lead move it.', 'OWNERS_OR_LEAD_ONLY', { title: process.title });
      if (process.approval !== 'APPROVED') throw new DomainError('CONFLICT', 'The lead has not approved this process yet.', { reason: 'NOT_APPROVED', params: { title: process.title } });
      const events: ProcessEventWrite[] = [];
      let sprint: SprintRow | null = null;
      if (process.sprintId) {
        sprint = await this.sprints.sprintById(process.sprintId, tx, true);
        if (sprint?.status === 'CLOSED') throw new DomainError('CONFLICT', 'The sprint is closed.', { reason: 'SPRINT_CLOSED', params: { sprint: sprint.name } });
        if (sprint && process.status === 'DONE' && status !== 'DONE') await this.guardWip(tx, viewer, scope, sprint, this.ownersOf(process), opts.overrideWip ?? undefined, events, process.id);
      }
      const changes: Record<string, unknown> = {
        status,
        position: opts.position ?? (status === process.status ? process.position : await this.sprints.lastPositionIn(tx, process.sprintId, status)),
        blocked_reason: status === 'BLOCKED' ? reason : null,
        blocked_since: status === 'BLOCKED' ? (process.status === 'BLOCKED' ? process.blockedSince : new Date()) : null,
        done_at: status === 'DONE' ? (process.doneAt ?? new Date()) : null,
      };
      const updated = (await this.sprints.updateProcess(tx, process.id, null, changes))!;
      if (status !== process.status) events.push({ processId: process.id, sprintId: process.sprintId, kind: 'MOVED', fromStatus: process.status, toStatus: status, note: status === 'BLOCKED' ? reason : null, actorUserId: viewer.userId });
      await this.sprints.recordEvents(tx, events);
      await this.live.publish(tx, [this.boardEvent(process.teamId, process.sprintId, process.id, 'MOVED', status, viewer)]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  /** Into a sprint, or back to the backlog (sprintId null); after the start it is a scope change. */
  async planProcess(viewer: Viewer, id: string, sprintId: string | null, overrideWip: boolean | undefined): Promise<ProcessWithProgress> {
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, id, tx, true);
      if (!mayRunSprint(scope, process.teamId)) throw DomainError.forbidden('The lead plans the sprint.', 'LEAD_ONLY', { action: 'PLAN' });
      if (process.sprintId === sprintId) return process;
      const events: ProcessEventWrite[] = [];
      if (process.sprintId) {
        const from = await this.sprints.sprintById(process.sprintId, tx, true);
        if (from?.status === 'CLOSED') throw new DomainError('CONFLICT', 'A process of a closed sprint stays in its history.', { reason: 'SPRINT_CLOSED', params: { sprint: from.name } });
        events.push({ processId: process.id, sprintId: process.sprintId, kind: 'REMOVED_FROM_SPRINT', actorUserId: viewer.userId });
      }
      if (sprintId) {
        const to = await this.sprints.sprintById(sprintId, tx, true);
        if (!to || to.teamId !== process.teamId) throw DomainError.notFound('SPRINT');
        if (to.status === 'CLOSED') throw new DomainError('CONFLICT', 'A closed sprint takes no new processes.', { reason: 'SPRINT_CLOSED', params: { sprint: to.name } });
        await this.checkDue(viewer, process.dueAt, to, 'sprintId');
        if (process.status !== 'DONE' && process.approval === 'APPROVED') await this.guardWip(tx, viewer, scope, to, this.ownersOf(process), overrideWip, events, process.id);
        events.push({ processId: process.id, sprintId, kind: 'ADDED_TO_SPRINT', actorUserId: viewer.userId });
      }
      const updated = (await this.sprints.updateProcess(tx, process.id, null, { sprint_id: sprintId, position: await this.sprints.lastPositionIn(tx, sprintId, process.status) }))!;
      await this.sprints.recordEvents(tx, events);
      await this.live.publish(tx, [
        this.boardEvent(process.teamId, process.sprintId, process.id, 'PLANNED', process.status, viewer),
        ...(sprintId ? [this.boardEvent(process.teamId, sprintId, process.id, 'PLANNED', process.status, viewer)] : []),
      ]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  async decideProcess(viewer: Viewer, id: string, approve: boolean, reason: string | null, overrideWip: boolean | undefined): Promise<ProcessWithProgress> {
    if (!approve && (reason ?? '').length > 500) throw new DomainError('BAD_USER_INPUT', 'At most 500 characters.', { field: 'reason', reason: 'VALUE_TOO_LONG', limit: 500 });
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, id, tx, true);
      if (!mayRunSprint(scope, process.teamId)) throw DomainError.forbidden('The lead of the team decides on proposed processes.', 'LEAD_ONLY', { action: 'DECIDE' });
      if (process.approval !== 'PENDING') throw new DomainError('CONFLICT', 'This process was decided already.', { reason: 'NOT_PENDING', params: { title: process.title } });
      const events: ProcessEventWrite[] = [];
      if (approve && process.sprintId) {
        const sprint = (await this.sprints.sprintById(process.sprintId, tx, true))!;
        await this.guardWip(tx, viewer, scope, sprint, this.ownersOf(process), overrideWip, events, process.id);
      }
      const updated = (await this.sprints.updateProcess(tx, process.id, null, approve ? { approval: 'APPROVED' } : { approval: 'REJECTED', rejected_reason: reason?.trim() || null }))!;
      events.push({ processId: process.id, sprintId: process.sprintId, kind: approve ? 'APPROVED' : 'REJECTED', note: approve ? null : reason, actorUserId: viewer.userId });
      await this.sprints.recordEvents(tx, events);
      if (process.requestedBy) {
        await this.reminders.notify(tx, { organizationId: viewer.organizationId, userIds: [process.requestedBy], kind: approve ? 'APPROVED' : 'REJECTED', processId: process.id, teamId: process.teamId, title: process.title, body: reason ?? '' });
        await this.live.publish(tx, [{ type: 'notification', userId: process.requestedBy }]);
      }
      await this.live.publish(tx, [this.boardEvent(process.teamId, process.sprintId, process.id, approve ? 'APPROVED' : 'REJECTED', process.status, viewer)]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  async setStep(viewer: Viewer, processId: string, stepId: string, done: boolean): Promise<ProcessWithProgress> {
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, processId, tx, true);
      if (!mayWorkOnProcess(scope, process.teamId, this.ownersOf(process))) throw DomainError.forbidden('The owners of a process and the lead check its steps.', 'OWNERS_OR_LEAD_ONLY', { title: process.title });
      const title = await this.sprints.setStep(tx, process.id, stepId, done, viewer.userId);
      if (title === null) throw DomainError.notFound('STEP');
      const updated = (await this.sprints.updateProcess(tx, process.id, null, {}))!;
      await this.sprints.recordEvents(tx, [{ processId: process.id, sprintId: process.sprintId, kind: done ? 'STEP_CHECKED' : 'STEP_UNCHECKED', note: title, actorUserId: viewer.userId }]);
      await this.live.publish(tx, [this.boardEvent(process.teamId, process.sprintId, process.id, 'UPDATED', process.status, viewer)]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  /** Units counted by hand (for CUSTOM targets, or work not logged as activities). */
  async addProgress(viewer: Viewer, processId: string, units: number, note: string | null): Promise<ProcessWithProgress> {
    if (!Number.isFinite(units) || units === 0 || Math.abs(units) > 1e12) throw DomainError.badInput('units', 'Count a non-zero number of units.', 'UNITS_REQUIRED');
    if ((note ?? '').length > 500) throw new DomainError('BAD_USER_INPUT', 'At most 500 characters.', { field: 'note', reason: 'VALUE_TOO_LONG', limit: 500 });
    const row = await this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, processId, tx, true);
      if (!mayWorkOnProcess(scope, process.teamId, this.ownersOf(process))) throw DomainError.forbidden('The owners of a process and the lead count its progress.', 'OWNERS_OR_LEAD_ONLY', { title: process.title });
      const updated = (await this.sprints.updateProcess(tx, process.id, null, {}))!;
      await this.sprints.recordEvents(tx, [{ processId: process.id, sprintId: process.sprintId, kind: 'PROGRESS_COUNTED', units, note, actorUserId: viewer.userId }]);
      await this.live.publish(tx, [this.boardEvent(process.teamId, process.sprintId, process.id, 'PROGRESS', process.status, viewer)]);
      return updated;
    });
    return (await this.withProgress(viewer.organizationId, [row]))[0];
  }

  async createTemplate(viewer: Viewer, input: ProcessTemplateInput) {
    if (!viewer.memberId && viewer.role !== 'DIRECTOR') throw DomainError.forbidden();
    const name = input.name.trim();
    if (BUILTIN_PROCESS_TEMPLATES.some((t) => t.name.ru === name || t.name.en === name)) throw DomainError.badInput('name', 'A built-in template has this name.', 'BUILTIN_TEMPLATE_NAME', { name });
    const id = await this.transactions.run((tx) => this.sprints.insertTemplate(tx, viewer.organizationId, { ...input, name, steps: input.steps.map((s) => s.trim()).filter(Boolean) }, viewer.userId));
    if (!id) throw DomainError.badInput('name', 'A template with this name exists already.', 'DUPLICATE', { name });
    return { key: id, name, targetKind: input.targetKind, targetValue: input.targetValue, steps: input.steps, builtin: false };
  }

  // ---- reminders ----

  async addReminder(viewer: Viewer, input: AddReminderInput): Promise<string> {
    return this.transactions.run(async (tx) => {
      const { process, scope } = await this.seeProcess(viewer, input.processId, tx, true);
      const recipient = input.recipientMemberId ?? viewer.memberId;
      if (!recipient) throw DomainError.badInput('recipientMemberId', 'Name who gets the reminder.', 'REMINDER_RECIPIENT_REQUIRED');
      if (recipient !== viewer.memberId && !mayRunSprint(scope, process.teamId)) throw DomainError.forbidden('You set reminders for yourself; the lead sets them for the team.', 'OWN_REMINDERS_ONLY');
      await this.checkPeople(tx, process.teamId, [recipient], 'recipientMemberId');
      if (input.kind !== 'BEFORE_DUE' && !input.at) throw DomainError.badInput('at', 'Say when to remind.', 'REMINDER_TIME_REQUIRED');
      if (input.kind === 'BEFORE_DUE' && input.offsetMinutes === undefined) throw DomainError.badInput('offsetMinutes', 'Say how long before the due time to remind.', 'REMINDER_OFFSET_REQUIRED');
      if (input.kind === 'BEFORE_DUE' && !process.dueAt) throw DomainError.badInput('kind', 'The process has no due time to remind before.', 'NO_DUE_TIME', { title: process.title });
      if (input.kind === 'RECURRING' && !input.everyDays) throw DomainError.badInput('everyDays', 'Say every how many days to remind.', 'REMINDER_INTERVAL_REQUIRED');
      if ((await this.reminders.countOf(tx, process.id)) >= SPRINT_LIMITS.remindersPerProcessMax) throw new DomainError('BAD_USER_INPUT', `At most ${SPRINT_LIMITS.remindersPerProcessMax} reminders per process.`, { field: 'processId', reason: 'VALUE_TOO_MANY', limit: SPRINT_LIMITS.remindersPerProcessMax });
      const spec = { kind: input.kind, at: input.at?.getTime() ?? null, offsetMinutes: input.offsetMinutes ?? null, everyDays: input.everyDays ?? null };
      const next = firstFireAt(spec, process.dueAt?.getTime() ?? null);
      return this.reminders.insert(tx, {
        organizationId: viewer.organizationId,
        processId: process.id,
        recipientMemberId: recipient,
        kind: input.kind,
        at: input.kind === 'BEFORE_DUE' ? null : (input.at ?? null),
        offsetMinutes: input.kind === 'BEFORE_DUE' ? (input.offsetMinutes ?? 0) : null,
        everyDays: input.kind === 'RECURRING' ? (input.everyDays ?? null) : null,
        nextAt: next === null ? null : new Date(next),
        note: input.note?.trim() ?? '',
        createdBy: viewer.userId,
      });
    });
  }

  async removeReminder(viewer: Viewer, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const reminder = await this.reminders.byId(id, tx);
      if (!reminder) throw DomainError.notFound('REMINDER');
      const { process, scope } = await this.seeProcess(viewer, reminder.processId, tx);
      if (reminder.recipientMemberId !== viewer.memberId && !mayRunSprint(scope, process.teamId)) throw DomainError.forbidden('You remove your own reminders; the lead removes any.', 'OWN_REMINDERS_ONLY');
      await this.reminders.remove(tx, id);
      return true;
    });
  }

  async reminderById(id: string) {
    return this.reminders.byId(id);
  }

  private boardEvent(teamId: string, sprintId: string | null, processId: string | null, kind: string, status: ProcessStatus | null, viewer: Viewer): LiveEvent {
    return { type: 'board', teamId, sprintId, processId, kind, status, actorUserId: viewer.userId, at: new Date().toISOString() };
  }

  /** Whether the viewer sees the team (for subscriptions). */
  async assertSeesTeam(viewer: Viewer, teamId: string): Promise<void> {
    await this.seeTeam(viewer, teamId);
  }
}
