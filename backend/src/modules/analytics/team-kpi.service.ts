import { Injectable } from '@nestjs/common';
import { combineTeamFigures, defaultTeamTargets, elapsedShare, isTeamMetric, monthOf, previousPeriod, scorecardLine, scorecardScore, type KpiMetric, type MemberKpiParts } from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import { dayIn } from '../../common/time/day-in';
import { TransactionRunner } from '../../database/transaction-runner';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationTimezone } from '../organization/organization-timezone';
import { SprintsRepository } from '../sprints/sprints.repository';
import { checkTargets, periodEndsBeforeStart, periodMissing } from './analytics.errors';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import type { SetTeamKpiTargetsInput } from './team-kpi.model';
import { TeamKpiRepository, type TeamKpiRow } from './team-kpi.repository';

type Period = { from: string; to: string; sprintId: string | null };

/**
 * Team KPI targets and the team scorecard (issue 6): the team's reps' figures combined by the
 * shared rule (combine-team-kpis.ts) against the team's targets (else its reps' combined), with
 * the reps' own cards behind it. Seen by whoever sees the team's other analytics (the director,
 * the team's members, lead and coach); targets set by the director or the team's lead.
 */
@Injectable()
export class TeamKpiService {
  constructor(
    private readonly teams: TeamKpiRepository,
    private readonly analyticsRepo: AnalyticsRepository,
    private readonly analytics: AnalyticsService,
    private readonly circle: CircleRepository,
    private readonly sprints: SprintsRepository,
    private readonly transactions: TransactionRunner,
    private readonly timezones: OrganizationTimezone,
  ) {}

  /** The team, if the viewer sees its analytics (NOT_FOUND otherwise, as the funnel and KPI progress of a team). */
  private async visibleTeam(viewer: Viewer, teamId: string): Promise<TeamKpiRow> {
    await this.analytics.scope(viewer, { teamId });
    const team = await this.teams.team(teamId);
    if (!team || team.organizationId !== viewer.organizationId) throw DomainError.notFound('TEAM');
    return team;
  }

  /** A sprint of the team (NOT_FOUND for one of another organization or team). */
  private async sprintOf(viewer: Viewer, teamId: string, sprintId: string): Promise<Period> {
    const sprint = await this.analyticsRepo.sprintDates(sprintId);
    if (!sprint || sprint.organizationId !== viewer.organizationId || sprint.teamId !== teamId) throw DomainError.notFound('SPRINT');
    return { from: sprint.startsOn, to: sprint.endsOn, sprintId: sprint.id };
  }

  async setTargets(viewer: Viewer, input: SetTeamKpiTargetsInput): Promise<void> {
    const team = await this.visibleTeam(viewer, input.teamId);
    if (viewer.role !== 'DIRECTOR') {
      const scope = await this.circle.scopeOf(viewer);
      if (!scope.ledTeamIds.includes(team.id)) throw DomainError.forbidden("The team's lead (or the director) sets the team's targets.", 'NOT_TEAM_LEAD', { team: team.name });
    }
    let period: { from: string; to: string };
    if (input.sprintId) period = await this.sprintOf(viewer, team.id, input.sprintId);
    else if (!input.from || !input.to) throw periodMissing();
    else if (input.from > input.to) throw periodEndsBeforeStart(input.from, input.to);
    else period = { from: input.from, to: input.to };
    checkTargets(input.targets, (m) => isTeamMetric(m as KpiMetric));
    await this.transactions.run((tx) =>
      this.teams.replaceTeamTargets(tx, { organizationId: viewer.organizationId, teamId: team.id, from: period.from, to: period.to, userId: viewer.userId, targets: input.targets }),
    );
  }

  /** The team's scorecard over a sprint of the team (given, else its running one, else the current month). */
  async scorecard(viewer: Viewer, teamId: string, sprintId: string | null) {
    const team = await this.visibleTeam(viewer, teamId);
    const today = dayIn(await this.timezones.of(viewer));
    let period: Period;
    if (sprintId) period = await this.sprintOf(viewer, team.id, sprintId);
    else {
      const running = await this.sprints.activeSprint(team.id);
      period = running ? { from: running.startsOn, to: running.endsOn, sprintId: running.id } : { ...monthOf(today), sprintId: null };
    }
    return this.card(team, period, today);
  }

  /** The team's scorecards over its last closed sprints, oldest first. */
  async history(viewer: Viewer, teamId: string, last: number) {
    if (!Number.isInteger(last) || last < 1 || last > 20) throw DomainError.outOfRange('last', 'last is 1 to 20 sprints.', last, 1, 20);
    const team = await this.visibleTeam(viewer, teamId);
    const today = dayIn(await this.timezones.of(viewer));
    const cards = [];
    for (const s of await this.teams.closedSprints(team.id, last)) cards.push(await this.card(team, { from: s.startsOn, to: s.endsOn, sprintId: s.id }, today));
    return cards;
  }

  /**
   * The reps' cards (one batched computation), the team's plan (its targets, else the reps'
   * plans combined), and the reps' parts of the plan's metrics, each read once for all of them
   * and only when the plan has a metric that needs it.
   */
  private async card(team: TeamKpiRow, period: Period, today: string) {
    const reps = await this.teams.repsOfTeam(team.id);
    const ids = reps.map((r) => r.id);
    const [members, set] = await Promise.all([reps.length ? this.analytics.cardsOver(reps, period, today) : Promise.resolve([]), this.teams.targetsOfTeam(team.id, period.from, period.to)]);
    const plan = set.length ? set.map((t) => ({ metric: t.metric as KpiMetric, target: t.target, weight: t.weight })) : defaultTeamTargets(members.map((c) => c.lines));
    const has = (...metrics: KpiMetric[]) => plan.some((k) => metrics.includes(k.metric));
    const before = previousPeriod(period.from, period.to);
    const [counts, deals, previous, retained, pipeline] = await Promise.all([
      this.analyticsRepo.metricsForMembers(ids, period.from, period.to),
      has('WIN_RATE', 'AVERAGE_DEAL') ? this.teams.dealParts(ids, period.from, period.to) : new Map<string, { dealsClosed: number; wonAmount: number }>(),
      has('PORTFOLIO_GROWTH') ? this.analyticsRepo.metricsForMembers(ids, before.from, before.to) : new Map<string, Record<string, number>>(),
      has('RETENTION') ? this.analyticsRepo.retainedClients(ids, before, period) : new Map<string, { previous: number; kept: number }>(),
      has('PIPELINE_COVERAGE') ? this.analyticsRepo.openPipeline(ids, period.from, period.to) : new Map<string, number>(),
    ]);
    const parts: MemberKpiParts[] = ids.map((id) => ({
      counts: (counts.get(id) ?? {}) as MemberKpiParts['counts'],
      dealsClosed: deals.get(id)?.dealsClosed ?? 0,
      wonAmount: deals.get(id)?.wonAmount ?? 0,
      revenueBefore: previous.get(id)?.REVENUE ?? 0,
      previousClients: retained.get(id)?.previous ?? 0,
      keptClients: retained.get(id)?.kept ?? 0,
      openPipeline: pipeline.get(id) ?? 0,
    }));
    // coverage is against the team's revenue target: its plan's, else the reps' revenue targets added up
    const revenueTarget = plan.find((k) => k.metric === 'REVENUE')?.target ?? members.reduce((s, c) => s + (c.lines.find((l) => l.metric === 'REVENUE')?.target ?? 0), 0);
    const figures = combineTeamFigures(parts, revenueTarget);
    const elapsed = elapsedShare(period.from, period.to, today);
    const lines = plan.map((k) => scorecardLine(k.metric, k.target, figures[k.metric] ?? 0, k.weight, elapsed));
    return { team, from: period.from, to: period.to, sprintId: period.sprintId, elapsed, lines, score: scorecardScore(lines), targetsSet: set.length > 0, members };
  }
}
