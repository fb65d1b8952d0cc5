import { Injectable } from '@nestjs/common';
import {
  coachingScore,
  coachingScoresProblem,
  DEFAULT_COACHING_CRITERIA,
  forecastAccuracy,
  mayReadCoachingNotes,
  monthOf,
  readOrganizationSettings,
  visibleTeamIds,
  type StageRole,
} from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationTimezone } from '../organization/organization-timezone';
import { OrganizationRepository } from '../organization/organization.repository';
import { dayIn } from '../../common/time/day-in';
import { SprintsService } from '../sprints/sprints.service';
import { checkTargets, periodEndsBeforeStart, periodMissing } from './analytics.errors';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import type { CoachingTemplateInput, RecordCoachingSessionInput, SetKpiTargetsInput, SubmitForecastInput } from './performance.model';
import { PerformanceRepository, type SessionRow } from './performance.repository';

/**
 * KPI targets and the leaderboard, forecast submissions with adjustments, weekly snapshots
 * and accuracy, and coaching reviews whose notes stay between the coach and the coachee.
 */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly performance: PerformanceRepository,
    private readonly analyticsRepo: AnalyticsRepository,
    private readonly analytics: AnalyticsService,
    private readonly circle: CircleRepository,
    private readonly sprints: SprintsService,
    private readonly organizations: OrganizationRepository,
    private readonly transactions: TransactionRunner,
    private readonly timezones: OrganizationTimezone,
  ) {}

  /** A member's name for a refusal's sentence: only of the viewer's organization. */
  private async nameOf(viewer: Viewer, memberId: string): Promise<{ name: string } | undefined> {
    const [member] = await this.circle.findMembers([memberId]);
    return member && member.organizationId === viewer.organizationId ? { name: member.name } : undefined;
  }

  /** Managers of a member: the director of the organization, and the lead of one of the member's teams. */
  private async manages(viewer: Viewer, memberId: string): Promise<boolean> {
    if (viewer.role === 'DIRECTOR') return true;
    if (viewer.role !== 'LEAD') return false;
    const scope = await this.circle.scopeOf(viewer);
    const places = await this.circle.teamIdsOfMembers([memberId]);
    return (places.get(memberId) ?? []).some((t) => scope.ledTeamIds.includes(t));
  }

  private async period(viewer: Viewer, input: { sprintId?: string; from?: string; to?: string }): Promise<{ from: string; to: string }> {
    if (input.sprintId) {
      const sprint = await this.analyticsRepo.sprintDates(input.sprintId);
      if (!sprint || sprint.organizationId !== viewer.organizationId) throw DomainError.notFound('SPRINT');
      return { from: sprint.startsOn, to: sprint.endsOn };
    }
    if (!input.from || !input.to) throw periodMissing();
    if (input.from > input.to) throw periodEndsBeforeStart(input.from, input.to);
    return { from: input.from, to: input.to };
  }

  // ---- targets and leaderboard ----

  async setTargets(viewer: Viewer, input: SetKpiTargetsInput): Promise<void> {
    await this.analytics.scope(viewer, { memberId: input.memberId });
    if (!(await this.manages(viewer, input.memberId))) {
      throw DomainError.forbidden('The lead of the member\'s team (or the director) sets targets.', 'NOT_MEMBERS_LEAD', await this.nameOf(viewer, input.memberId));
    }
    const period = await this.period(viewer, input);
    checkTargets(input.targets);
    await this.transactions.run(async (tx) => {
      await tx.query('DELETE FROM kpi_target WHERE member_id = $1 AND period_start = $2 AND period_end = $3', [input.memberId, period.from, period.to]);
      for (const t of input.targets) {
        await this.performance.upsertTarget(tx, { organizationId: viewer.organizationId, memberId: input.memberId, metric: t.metric, from: period.from, to: period.to, target: t.target, weight: t.weight, userId: viewer.userId });
      }
    });
  }

  /** Circle transparency: every rep of a team by scorecard score, unless the organization turned it off. */
  async leaderboard(viewer: Viewer, teamId: string, sprintId: string | null) {
    const org = await this.organizations.findById(viewer.organizationId);
    const settings = readOrganizationSettings(org?.settings);
    if (!settings.leaderboardEnabled && viewer.role !== 'DIRECTOR' && viewer.role !== 'LEAD') {
      throw new DomainError('FORBIDDEN', 'The leaderboard is turned off in this organization.', { reason: 'LEADERBOARD_OFF' });
    }
    const period = sprintId ? await this.period(viewer, { sprintId }) : null;
    const cards = await this.analytics.kpiProgress(viewer, { teamId, ...(period ?? {}) });
    return cards
      .filter((c) => c.role === 'SALES')
      .sort((a, b) => b.score - a.score)
      .map((c, i) => ({ rank: i + 1, memberId: c.memberId, score: c.score, behind: c.lines.filter((l) => l.status === 'BEHIND').length }));
  }

  // ---- forecast ----

  async submitForecast(viewer: Viewer, input: SubmitForecastInput): Promise<void> {
    if (input.from > input.to) throw periodEndsBeforeStart(input.from, input.to);
    const memberId = input.memberId ?? viewer.memberId;
    if (!memberId) throw DomainError.badInput('memberId', 'Whose forecast is it?', 'FORECAST_MEMBER_MISSING');
    await this.analytics.scope(viewer, { memberId });
    const own = memberId === viewer.memberId;
    if (!own && !(await this.manages(viewer, memberId))) {
      throw DomainError.forbidden('A rep submits their own forecast; their lead or the director adjusts it.', 'FORECAST_NOT_MANAGED', await this.nameOf(viewer, memberId));
    }
    const note = input.note?.trim() ?? '';
    if (!own && !note) throw DomainError.badInput('note', 'Say why you adjust the forecast.', 'ADJUSTMENT_NOTE_REQUIRED', await this.nameOf(viewer, memberId));
    await this.transactions.run((tx) =>
      this.performance.insertSubmission(tx, { organizationId: viewer.organizationId, memberId, from: input.from, to: input.to, kind: own ? 'SUBMITTED' : 'ADJUSTED', amount: input.amount, note, userId: viewer.userId }),
    );
  }

  async submissions(viewer: Viewer, filter: { teamId?: string; memberId?: string; from?: string; to?: string }) {
    const tz = await this.timezones.of(viewer);
    const period = filter.from && filter.to ? { from: filter.from, to: filter.to } : monthOf(dayIn(tz));
    const scope = await this.analytics.scope(viewer, { teamId: filter.teamId, memberId: filter.memberId });
    return this.performance.submissions(viewer.organizationId, scope.ownerIds, period.from, period.to);
  }

  /** The weekly job: snapshot this month's forecast of every rep of every organization. */
  async snapshotAll(organizationIds: readonly string[], now = new Date()): Promise<number> {
    let taken = 0;
    for (const organizationId of organizationIds) {
      const today = dayIn(await this.timezones.of(organizationId), now);
      const month = monthOf(today);
      taken += await this.transactions.run((tx) => this.performance.takeSnapshot(tx, organizationId, month.from, month.to, today));
    }
    return taken;
  }

  async accuracy(viewer: Viewer, filter: { teamId?: string; memberId?: string }, daysBefore: number) {
    if (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > 90) throw DomainError.outOfRange('daysBefore', 'daysBefore is 0 to 90.', daysBefore, 0, 90);
    const scope = await this.analytics.scope(viewer, filter);
    const today = dayIn(await this.timezones.of(viewer));
    const rows = await this.performance.accuracyRows(viewer.organizationId, scope.ownerIds, daysBefore, today);
    return rows.map((r) => ({ ...r, accuracy: r.members === 0 ? null : forecastAccuracy(r.forecast, r.actual) }));
  }

  // ---- coaching ----

  async coachingTemplates(viewer: Viewer) {
    const rows = await this.performance.templates(viewer.organizationId);
    return rows.map((t) => ({ ...t, stageRole: t.stageRole as StageRole | null }));
  }

  async createCoachingTemplate(viewer: Viewer, input: CoachingTemplateInput) {
    const names = input.criteria.map((c) => c.name.trim());
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw DomainError.badInput('criteria', 'Each criterion once.', 'DUPLICATE_CRITERION', { criterion: twice });
    const id = await this.transactions.run((tx) =>
      this.performance.insertTemplate(tx, viewer.organizationId, { name: input.name.trim(), stageRole: input.stageRole ?? null, criteria: input.criteria.map((c) => ({ name: c.name.trim(), weight: c.weight })) }),
    );
    if (!id) throw DomainError.badInput('name', 'A template with this name exists already.', 'DUPLICATE', { name: input.name.trim() });
    return { id, name: input.name.trim(), stageRole: input.stageRole ?? null, criteria: input.criteria };
  }

  /** A coach records a 1:1 with someone of a team they coach (a lead with someone of their team). */
  async recordSession(viewer: Viewer, input: RecordCoachingSessionInput): Promise<string> {
    if (!viewer.memberId) throw DomainError.forbidden('Only a member of the circle coaches.', 'NOT_IN_CIRCLE');
    if (input.coacheeId === viewer.memberId) throw DomainError.badInput('coacheeId', 'A session is with someone else.', 'SELF_SESSION');
    const scope = await this.circle.scopeOf(viewer);
    const places = await this.circle.teamIdsOfMembers([input.coacheeId]);
    const teams = places.get(input.coacheeId) ?? [];
    const allowed = viewer.role === 'DIRECTOR' || teams.some((t) => scope.coachedTeamIds.includes(t) || scope.ledTeamIds.includes(t));
    if (!allowed) throw DomainError.forbidden('You coach the people of the teams you coach or lead.', 'NOT_YOUR_COACHEE', await this.nameOf(viewer, input.coacheeId));
    const templates = await this.performance.templates(viewer.organizationId);
    const template = input.templateId ? templates.find((t) => t.id === input.templateId) : null;
    if (input.templateId && !template) throw DomainError.notFound('TEMPLATE');
    // a session is recorded once held (the sessions-held KPI counts it): today at the latest, in the organization's time zone
    if (input.heldOn > dayIn(await this.timezones.of(viewer))) throw DomainError.badInput('heldOn', 'A session is recorded once it is held: today or an earlier day.', 'FUTURE_SESSION');
    const criteria = template?.criteria ?? [...DEFAULT_COACHING_CRITERIA];
    const scores = input.scores ?? [];
    const problem = coachingScoresProblem(criteria, scores);
    if (problem) throw DomainError.badInput('scores', problem.message, problem.reason, problem.params);
    return this.transactions.run(async (tx) => {
      const id = await this.performance.insertSession(tx, {
        organizationId: viewer.organizationId,
        coachId: viewer.memberId!,
        coacheeId: input.coacheeId,
        templateId: template?.id ?? null,
        heldOn: input.heldOn,
        scores,
        score: coachingScore(criteria, scores),
        notes: input.notes ?? '',
      });
      await this.performance.insertActions(tx, id, (input.actions ?? []).map((a) => ({ title: a.title.trim(), dueOn: a.dueOn ?? null })));
      return id;
    });
  }

  /** Sessions of a member, newest first: scores for whoever sees the member, notes only for the two people in the room. */
  async sessionsOf(viewer: Viewer, memberId: string) {
    await this.analytics.scope(viewer, { memberId });
    if (viewer.role === 'SALES' && memberId !== viewer.memberId) throw DomainError.forbidden('A rep sees their own coaching.', 'OWN_COACHING_ONLY');
    const sessions = await this.performance.sessionsOf(memberId);
    const actions = await this.performance.actionsOf(sessions.map((s) => s.id));
    return sessions.map((s) => this.present(viewer, s, actions));
  }

  private present(viewer: Viewer, s: SessionRow, actions: Awaited<ReturnType<PerformanceRepository['actionsOf']>>) {
    return {
      ...s,
      notes: mayReadCoachingNotes(viewer.memberId, s) ? s.notes : null,
      actions: actions.filter((a) => a.sessionId === s.id).map((a) => ({ id: a.id, title: a.title, dueOn: a.dueOn, done: a.doneAt !== null, processId: a.processId })),
    };
  }

  async setActionDone(viewer: Viewer, actionId: string, done: boolean): Promise<void> {
    await this.transactions.run(async (tx) => {
      const action = await this.performance.actionById(actionId, tx);
      const session = action ? await this.performance.sessionById(action.sessionId, tx) : null;
      if (!action || !session || session.organizationId !== viewer.organizationId || !mayReadCoachingNotes(viewer.memberId, session)) throw DomainError.notFound('ACTION_ITEM');
      await this.performance.updateAction(tx, actionId, { done });
    });
  }

  /** An action item becomes a sales process of the coachee's team (waiting for the lead unless the lead made it). */
  async actionToProcess(viewer: Viewer, actionId: string, teamId: string): Promise<string> {
    const action = await this.performance.actionById(actionId);
    const session = action ? await this.performance.sessionById(action.sessionId) : null;
    if (!action || !session || session.organizationId !== viewer.organizationId || !mayReadCoachingNotes(viewer.memberId, session)) throw DomainError.notFound('ACTION_ITEM');
    if (action.processId) throw new DomainError('CONFLICT', 'This action item is a process already.', { reason: 'ALREADY_PROCESS', params: { title: action.title } });
    const scope = await this.circle.scopeOf(viewer);
    if (!visibleTeamIds(scope).includes(teamId)) throw DomainError.notFound('TEAM');
    const process = await this.sprints.createProcess(viewer, {
      teamId,
      title: action.title,
      description: `Coaching ${session.heldOn}`,
      ownerId: session.coacheeMemberId,
      targetKind: 'CUSTOM',
      target: 1,
      dueAt: action.dueOn ? new Date(`${action.dueOn}T18:00:00Z`) : undefined,
    });
    await this.transactions.run((tx) => this.performance.updateAction(tx, actionId, { processId: process.id }));
    return process.id;
  }
}
