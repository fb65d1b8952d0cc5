import { Injectable } from '@nestjs/common';
import {
  previousPeriod,
  defaultForecastCategory,
  FORECAST_CATEGORIES,
  funnelConversions,
  maySeeSprint,
  scorecardLine,
  pipelineCoverage,
  portfolioGrowth,
  retention,
  scorecardScore,
  visibleTeamIds,
  winRate,
  cascadeSignal,
  averageDaysInStage,
  crossRoleScopes,
  memberDefaultKpis,
  productShare,
  rollUpForecast,
  scaleDefaultTarget,
  type Category,
  type CrossRoleKind,
  type CrossRoleScope,
  type Role,
  type StageRole,
  funnelRollupSlice,
  meanOfHistogram,
  medianOfHistogram,
  salesVelocity,
  type ForecastCategory,
  type KpiMetric,
  meanScoreChange,
  monthOf,
  daysBetween,
  summarizeKpiProgress,
  isPaceFalling,
  scoreChange,
} from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { Semaphore } from '../../common/concurrency/semaphore';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { CircleRepository } from '../members/circle.repository';
import { OrganizationTimezone } from '../organization/organization-timezone';
import type { MemberEntity } from '../team/member.entity';
import { dayIn } from '../../common/time/day-in';
import { SprintsRepository } from '../sprints/sprints.repository';
import { periodEndsBeforeStart } from './analytics.errors';
import type { AnalyticsFilter } from './analytics.model';
import { AnalyticsRepository, type DealFilter, type DealScope } from './analytics.repository';
import { MatrixRepository } from './matrix.repository';

/** Above this many people, computing cards takes a turn of the server's analytics bulkhead. */
const MANY_CARDS = 50;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Funnel, performance, forecast and scorecards over the deals, activities, orders and
 * processes the viewer may see: a director the organization (or a team, a person); anyone
 * else the teams they belong to, lead or coach ("everyone in a team sees the team funnel").
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly circle: CircleRepository,
    private readonly sprints: SprintsRepository,
    private readonly matrix: MatrixRepository,
    private readonly timezones: OrganizationTimezone,
    config: AppConfig,
  ) {
    this.heavy = new Semaphore(config.analyticsConcurrency);
  }

  private readonly heavy: Semaphore;

  /** Who the filter lets the viewer see; `found`: the filter's member, when the caller has read it already. */
  async scope(viewer: Viewer, filter: AnalyticsFilter, found?: Pick<MemberEntity, 'organizationId'>[]): Promise<DealScope> {
    if (filter.from && filter.to && filter.from > filter.to) throw periodEndsBeforeStart(filter.from, filter.to);
    const scope = await this.circle.scopeOf(viewer);
    const teams = visibleTeamIds(scope);
    let ownerIds: string[] | null;
    if (filter.memberId && filter.memberId === viewer.memberId) {
      // one's own figures: the viewer's member is of the viewer's organization by construction
      ownerIds = [filter.memberId];
    } else if (filter.memberId) {
      const [places, members] = await Promise.all([this.circle.teamIdsOfMembers([filter.memberId]), found ?? this.circle.findMembers([filter.memberId])]);
      const sees = viewer.role === 'DIRECTOR' || filter.memberId === viewer.memberId || (places.get(filter.memberId) ?? []).some((t) => teams.includes(t));
      if (members.length === 0 || members[0].organizationId !== viewer.organizationId || !sees) throw DomainError.notFound('MEMBER');
      ownerIds = [filter.memberId];
    } else if (filter.teamId) {
      if (!maySeeSprint(scope, filter.teamId) && viewer.role !== 'DIRECTOR') throw DomainError.notFound('TEAM');
      const team = await this.sprints.teamRow(filter.teamId);
      if (!team || team.organizationId !== viewer.organizationId) throw DomainError.notFound('TEAM');
      ownerIds = await this.analytics.teamMemberIds([filter.teamId]);
    } else {
      ownerIds = viewer.role === 'DIRECTOR' ? null : await this.analytics.teamMemberIds(teams);
    }
    // A stage role narrows the owners (to the people who serve that client stage now): still a set of owners, so the rollups answer it.
    if (filter.stageRole) {
      const holders = new Set(await this.analytics.membersWithStageRole(viewer.organizationId, filter.stageRole));
      ownerIds = ownerIds === null ? [...holders] : ownerIds.filter((id) => holders.has(id));
    }
    if (filter.productId && !(await this.analytics.productExists(viewer.organizationId, filter.productId))) throw DomainError.notFound('PRODUCT');
    return { organizationId: viewer.organizationId, ownerIds, from: filter.from ?? null, to: filter.to ?? null, deals: dealFilterOf(filter) };
  }

  private async pipelineOf(viewer: Viewer, pipelineId: string | undefined) {
    const pipeline = pipelineId ? await this.analytics.pipeline(viewer.organizationId, pipelineId) : await this.analytics.defaultPipeline(viewer.organizationId);
    if (!pipeline) throw DomainError.notFound('PIPELINE');
    return pipeline;
  }

  async funnel(viewer: Viewer, filter: AnalyticsFilter) {
    const pipeline = await this.pipelineOf(viewer, filter.pipelineId);
    const scope = await this.scope(viewer, filter);
    const asOf = new Date();
    // Whole months (or no period), with at most one client category, product or segment: the trigger-kept rollups; anything else: the deals themselves. Both exact.
    const slice = funnelRollupSlice(scope.from, scope.to, scope.deals ?? {});
    const [stages, winDays] = await Promise.all([
      slice ? this.analytics.funnelStagesFromRollup(pipeline.id, scope, asOf, slice) : this.analytics.funnelStages(pipeline.id, scope, asOf),
      slice ? this.analytics.winDaysHistogram(pipeline.id, scope, slice) : this.analytics.winDaysHistogramOfDeals(pipeline.id, scope),
    ]);
    const sumOf = (kind: 'OPEN' | 'WON' | 'LOST', figure: 'count' | 'amount') => stages.filter((s) => s.kind === kind).reduce((n, s) => n + s[figure], 0);
    const won = sumOf('WON', 'count');
    const lost = sumOf('LOST', 'count');
    const wonAmount = sumOf('WON', 'amount');
    const rate = winRate(won, lost);
    const meanDaysToWin = meanOfHistogram(winDays);
    const avgWonAmount = won ? round2(wonAmount / won) : null;
    const avgDaysToWin = meanDaysToWin === null ? null : round2(meanDaysToWin);
    const withConversions = funnelConversions(stages);
    return {
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      stages: stages.map((s, i) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        count: s.count,
        amount: round2(s.amount),
        reached: s.reached,
        conversionToNext: withConversions[i].conversionToNext,
        avgDaysInStage: averageDaysInStage(s.kind, s.stayDays, s.stayDeals),
      })),
      totalDeals: stages.reduce((n, s) => n + s.count, 0),
      won,
      lost,
      winRate: rate,
      medianDaysToWin: medianOfHistogram(winDays),
      wonAmount: round2(wonAmount),
      weightedPipeline: round2(stages.filter((s) => s.kind === 'OPEN').reduce((n, s) => n + s.amount * s.probability, 0)),
      avgWonAmount,
      avgDaysToWin,
      salesVelocity: salesVelocity({ openDeals: sumOf('OPEN', 'count'), winRate: rate, avgWonAmount, avgDaysToWin }),
    };
  }

  /** What the filter offers: the organization's products, and the regions and industries its clients are in. */
  async filterOptions(viewer: Viewer) {
    return this.analytics.filterOptions(viewer.organizationId);
  }

  async memberPerformance(viewer: Viewer, filter: AnalyticsFilter) {
    const scope = await this.scope(viewer, filter);
    const rows = await this.analytics.memberPerformance(filter.pipelineId ?? null, scope, funnelRollupSlice(scope.from, scope.to, scope.deals ?? {}));
    return rows.map((r) => ({ ...r, wonAmount: round2(r.wonAmount), winRate: winRate(r.won, r.lost), averageWon: r.won ? round2(r.wonAmount / r.won) : null }));
  }

  /**
   * The forecast of the period. `want` says what the query asked for: without the per-owner rows
   * (byMember and the roll-ups) the months are summed per category only, and the roll-ups' read
   * of where every owner sits runs only when one of them is asked for.
   */
  async forecast(viewer: Viewer, filter: AnalyticsFilter, want: { perOwner: boolean; rollups: boolean } = { perOwner: true, rollups: true }) {
    const timezone = await this.timezones.of(viewer);
    const today = dayIn(timezone);
    const from = filter.from ?? monthOf(today).from;
    const to = filter.to ?? monthOf(today).to;
    const scope = await this.scope(viewer, { ...filter, from, to });
    const [deals, plan] = await Promise.all([this.analytics.forecastDeals({ ...scope, from, to }, want.perOwner), this.analytics.revenuePlan({ ...scope, from, to })]);
    const totals = new Map<ForecastCategory, { count: number; amount: number; weighted: number }>(FORECAST_CATEGORIES.map((c) => [c, { count: 0, amount: 0, weighted: 0 }]));
    const byMember = new Map<string, { closed: number; commit: number; bestCase: number; pipeline: number; weighted: number }>();
    for (const d of deals) {
      const category = defaultForecastCategory(d.kind, d.probability);
      const weighted = d.kind === 'OPEN' ? d.amount * d.probability : d.kind === 'WON' ? d.amount : 0;
      const t = totals.get(category)!;
      t.count += d.count;
      t.amount += d.amount;
      t.weighted += weighted;
      if (!d.ownerId) continue;
      const m = byMember.get(d.ownerId) ?? { closed: 0, commit: 0, bestCase: 0, pipeline: 0, weighted: 0 };
      if (category === 'CLOSED') m.closed += d.amount;
      if (category === 'COMMIT') m.commit += d.amount;
      if (category === 'BEST_CASE') m.bestCase += d.amount;
      if (category === 'PIPELINE') m.pipeline += d.amount;
      m.weighted += weighted;
      byMember.set(d.ownerId, m);
    }
    const closed = totals.get('CLOSED')!.amount;
    const commit = closed + totals.get('COMMIT')!.amount;
    const memberRows = [...byMember.entries()]
      .map(([memberId, m]) => ({ memberId, closed: round2(m.closed), commit: round2(m.commit), bestCase: round2(m.bestCase), pipeline: round2(m.pipeline), weighted: round2(m.weighted) }))
      .sort((a, b) => b.weighted - a.weighted);
    return {
      from,
      to,
      plan: round2(plan),
      categories: FORECAST_CATEGORIES.map((category) => ({ category, count: totals.get(category)!.count, amount: round2(totals.get(category)!.amount), weighted: round2(totals.get(category)!.weighted) })),
      closed: round2(closed),
      commit: round2(commit),
      bestCase: round2(commit + totals.get('BEST_CASE')!.amount),
      weightedPipeline: round2([...totals.values()].reduce((n, t) => n + t.weighted, 0)),
      byMember: memberRows,
      ...(want.rollups ? await this.forecastRollups(memberRows) : { byTeam: [], byStageRole: [], byCategory: [] }),
    };
  }

  /** The per-owner rows rolled up by team (a person in two teams counts in both), stage role and client category: one statement for where the owners sit. */
  private async forecastRollups(rows: { memberId: string; closed: number; commit: number; bestCase: number; pipeline: number; weighted: number }[]) {
    const places = await this.matrix.placesOfMembers(rows.map((r) => r.memberId));
    const teamNames = new Map(places.flatMap((p) => p.teams.map((t) => [t.id, t.name] as const)));
    const rollups = rollUpForecast(
      rows,
      new Map(places.map((p) => [p.memberId, { teamIds: p.teams.map((t) => t.id), stageRole: p.stageRole as StageRole | null, category: p.category as Category | null }])),
    );
    return {
      byTeam: rollups.byTeam.map(({ key, ...r }) => ({ ...r, teamId: key, teamName: key === null ? null : (teamNames.get(key) ?? null) })),
      byStageRole: rollups.byStageRole.map(({ key, ...r }) => ({ ...r, stageRole: key })),
      byCategory: rollups.byCategory.map(({ key, ...r }) => ({ ...r, category: key })),
    };
  }

  /** KPIs of a member over a sprint (given, else their team's running one, else the current month), against targets (else role defaults) and pace. */
  async scorecard(viewer: Viewer, memberId: string, sprintId: string | null, found?: Pick<MemberEntity, 'id' | 'organizationId' | 'role' | 'stageRole'> | null) {
    // `found`: the member as the caller read it (the request's loader), else read here
    const [member] = found !== undefined ? (found ? [found] : []) : await this.circle.findMembers([memberId]);
    await this.scope(viewer, { memberId }, member ? [member] : []);
    const timezone = await this.timezones.of(viewer);
    const today = dayIn(timezone);
    let period: { from: string; to: string; sprintId: string | null };
    if (sprintId) {
      const sprint = await this.analytics.sprintDates(sprintId);
      if (!sprint || sprint.organizationId !== viewer.organizationId) throw DomainError.notFound('SPRINT');
      period = { from: sprint.startsOn, to: sprint.endsOn, sprintId: sprint.id };
    } else {
      const active = await this.analytics.activeSprintOfMember(memberId);
      period = active ? { from: active.startsOn, to: active.endsOn, sprintId: active.id } : this.month(today);
    }
    const [card] = await this.cardsFor([{ id: member.id, role: member.role, stageRole: member.stageRole }], period, today);
    return card;
  }

  /** Seed 003: leads waiting for hunters against the hunters' free capacity, and what the lead should do with telemarketing. */
  async cascade(viewer: Viewer) {
    const { waiting, free, teams } = await this.analytics.cascade(viewer.organizationId);
    const paused = teams.length > 0 && teams.every((t) => t.paused);
    return { waiting, hunterFreeCapacity: free, telemarketingTeams: teams, ...cascadeSignal(waiting, free, paused) };
  }

  async handoffLeakage(viewer: Viewer, filter: AnalyticsFilter, days: number) {
    if (!Number.isInteger(days) || days < 1 || days > 730) throw DomainError.outOfRange('days', 'days is 1 to 730.', days, 1, 730);
    const rows = await this.analytics.handoffLeakage(await this.scope(viewer, filter), days);
    return rows.map((r) => ({ ...r, rate: r.handoffs ? Math.round((r.leaked / r.handoffs) * 10_000) / 10_000 : 0 }));
  }

  /** KPI history over the member's last closed sprints (oldest first). */
  async scorecardHistory(viewer: Viewer, memberId: string, last: number) {
    if (!Number.isInteger(last) || last < 1 || last > 20) throw DomainError.outOfRange('last', 'last is 1 to 20 sprints.', last, 1, 20);
    await this.scope(viewer, { memberId });
    const sprints = await this.analytics.closedSprintsOfMember(memberId, last);
    const cards = [];
    for (const s of sprints) cards.push(await this.scorecard(viewer, memberId, s.id));
    return cards;
  }

  /** Flags for the coach: falling pace (score down two sprints running, or behind now) and deals stalled for 30 days. */
  async memberFlags(viewer: Viewer, memberId: string) {
    const history = await this.scorecardHistory(viewer, memberId, 3);
    const current = await this.scorecard(viewer, memberId, null);
    const falling = isPaceFalling([...history.map((h) => h.score), current.score]);
    const behind = current.lines.filter((l) => l.status === 'BEHIND').map((l) => l.metric);
    return { memberId, fallingPace: falling, behind, stalledDeals: await this.analytics.stalledDeals(memberId, 30) };
  }

  /**
   * The coach's view of several people at once (the coach's home): each one's scores over their
   * team's last closed sprints and now (their running sprint, else this month), whether their pace
   * is falling (shared pace-trend.ts, as memberFlags), what they are behind on now and how many of
   * their open deals stalled 30 days. Batched: one card computation per sprint and one for now,
   * whatever the number of people; in the order given.
   */
  async memberTrends(viewer: Viewer, memberIds: readonly string[], last: number) {
    if (!Number.isInteger(last) || last < 1 || last > 6) throw DomainError.outOfRange('last', 'last is 1 to 6 sprints.', last, 1, 6);
    if (new Set(memberIds).size > 200) throw new DomainError('BAD_USER_INPUT', 'At most 200 people at once.', { field: 'memberIds', reason: 'VALUE_TOO_MANY', limit: 200 });
    // visibility and the current cards, as scorecards checks and makes them
    const current = await this.scorecards(viewer, memberIds);
    const ids = current.map((c) => c.memberId);
    const [members, closed, stalled, timezone] = await Promise.all([
      this.analytics.membersForKpi(viewer.organizationId, ids),
      this.analytics.closedSprintsOfMembers(ids, last),
      this.analytics.stalledDealCounts(ids, 30),
      this.timezones.of(viewer),
    ]);
    const today = dayIn(timezone);
    const bySprint = new Map<string, { period: { from: string; to: string; sprintId: string }; members: typeof members }>();
    const memberOf = new Map(members.map((m) => [m.id, m]));
    for (const [id, sprints] of closed) {
      const m = memberOf.get(id);
      if (!m) continue;
      for (const s of sprints) {
        const group = bySprint.get(s.id) ?? bySprint.set(s.id, { period: { from: s.startsOn, to: s.endsOn, sprintId: s.id }, members: [] }).get(s.id)!;
        group.members.push(m);
      }
    }
    const past = new Map<string, number>();
    for (const [sprintId, g] of bySprint) for (const c of await this.cardsFor(g.members, g.period, today)) past.set(`${c.memberId}/${sprintId}`, c.score);
    return current.map((card) => {
      const history = (closed.get(card.memberId) ?? []).map((s) => ({ sprintId: s.id, from: s.startsOn, to: s.endsOn, score: past.get(`${card.memberId}/${s.id}`) ?? 0 }));
      const scores = [...history.map((h) => h.score), card.score];
      return {
        memberId: card.memberId,
        history,
        current: card,
        change: scoreChange(scores),
        fallingPace: isPaceFalling(scores),
        behind: card.lines.filter((l) => l.status === 'BEHIND').map((l) => l.metric),
        stalledDeals: stalled.get(card.memberId) ?? 0,
      };
    });
  }

  /**
   * KPI progress of every member in scope over one period (the team's running sprint when a
   * team is given, else the filter's period, else this month), in a handful of grouped
   * statements whatever the number of members.
   */
  async kpiProgress(viewer: Viewer, filter: AnalyticsFilter) {
    return (await this.kpiProgressOver(viewer, filter)).cards;
  }

  /**
   * The director's KPI transparency across teams (the dashboard's KPI summary): KPI progress of
   * everyone in scope reduced per team the viewer sees (a team given: that team) to people,
   * average score, behind and on track, the metrics people are behind on and the ones farthest
   * behind (shared summarize-kpi-progress.ts); people in no such team make a last group without a
   * team. Over the filter's period when it gives one; a team given: as kpiProgress (its running
   * sprint, else this month); else each person over their own running sprint, else this month,
   * as their lead sees them. A thousand cards stay in the server: the answer is a few rows.
   */
  async kpiSummary(viewer: Viewer, filter: AnalyticsFilter, worst: number) {
    if (!Number.isInteger(worst) || worst < 0 || worst > 20) throw DomainError.outOfRange('worst', 'worst is 0 to 20 people per team.', worst, 0, 20);
    const teamIds = filter.teamId ? [filter.teamId] : viewer.role === 'DIRECTOR' ? null : visibleTeamIds(await this.circle.scopeOf(viewer));
    const ownPeriods = !(filter.from && filter.to) && !filter.teamId;
    // read at once: the progress checks the filter (a team the viewer may not see is NOT_FOUND, and the teams read are then dropped)
    const [cards, teams] = await Promise.all([
      ownPeriods ? this.kpiProgressOwnPeriods(viewer, filter) : this.kpiProgressOver(viewer, filter).then((p) => p.cards),
      this.analytics.teamsWithPeople(viewer.organizationId, teamIds),
    ]);
    const inTeams = new Set(teams.flatMap((t) => t.memberIds));
    const outside = cards.filter((c) => !inTeams.has(c.memberId)).map((c) => c.memberId);
    const groups: { key: (typeof teams)[number] | null; memberIds: readonly string[] }[] = teams.map((t) => ({ key: t, memberIds: t.memberIds }));
    if (outside.length > 0) groups.push({ key: null, memberIds: outside });
    const all = { key: null, memberIds: cards.map((c) => c.memberId) };
    const byId = new Map(cards.map((c) => [c.memberId, c]));
    // the period a group's cards share (null when they differ: people over their own sprints)
    const periodOf = (ids: readonly string[]) => {
      let shared: { from: string; to: string; sprintId: string | null; elapsed: number } | null = null;
      for (const id of ids) {
        const c = byId.get(id);
        if (!c) continue;
        if (!shared) shared = { from: c.from, to: c.to, sprintId: c.sprintId, elapsed: c.elapsed };
        else if (shared.from !== c.from || shared.to !== c.to || shared.sprintId !== c.sprintId) return { from: null, to: null, sprintId: null, elapsed: null };
      }
      return shared ?? { from: null, to: null, sprintId: null, elapsed: null };
    };
    const summaries = summarizeKpiProgress(cards, [all, ...groups], worst).map((g, i) => ({ ...g, ...periodOf(i === 0 ? all.memberIds : groups[i - 1].memberIds) }));
    const [overall, ...perTeam] = summaries;
    return { from: overall.from, to: overall.to, sprintId: overall.sprintId, elapsed: overall.elapsed, overall, teams: perTeam };
  }

  /** KPI progress of everyone in scope, each over their own running sprint (else this month): what their leads see. */
  private async kpiProgressOwnPeriods(viewer: Viewer, filter: AnalyticsFilter) {
    const [scope, timezone] = await Promise.all([this.scope(viewer, filter), this.timezones.of(viewer)]);
    const members = await this.analytics.membersForKpi(viewer.organizationId, scope.ownerIds);
    return (await this.cardsOverOwnPeriods(members, dayIn(timezone))).filter((c) => c.lines.length > 0);
  }

  private async kpiProgressOver(viewer: Viewer, filter: AnalyticsFilter) {
    // the scope (which checks the team may be seen), the time zone and the team's running sprint
    // (the default period, read only when the filter gives none) are read at once
    const [scope, timezone, running] = await Promise.all([
      this.scope(viewer, filter),
      this.timezones.of(viewer),
      filter.teamId && !(filter.from && filter.to) ? this.sprints.activeSprint(filter.teamId) : null,
    ]);
    const today = dayIn(timezone);
    let period: { from: string; to: string; sprintId: string | null };
    if (filter.from && filter.to) period = { from: filter.from, to: filter.to, sprintId: null };
    else if (running) period = { from: running.startsOn, to: running.endsOn, sprintId: running.id };
    else period = this.month(today);
    const members = await this.analytics.membersForKpi(viewer.organizationId, scope.ownerIds);
    return { period, cards: (await this.cardsFor(members, period, today)).filter((c) => c.lines.length > 0) };
  }

  /** Scorecards of the given people, each over their own default period (their running sprint, else this month), batched per period. */
  async scorecards(viewer: Viewer, memberIds: readonly string[]) {
    const ids = [...new Set(memberIds)];
    if (ids.length > 500) throw new DomainError('BAD_USER_INPUT', 'At most 500 people at once.', { field: 'memberIds', reason: 'VALUE_TOO_MANY', limit: 500 });
    const visible = await this.scope(viewer, {});
    if (visible.ownerIds !== null) {
      const allowed = new Set([...visible.ownerIds, viewer.memberId]);
      if (ids.some((id) => !allowed.has(id))) throw DomainError.notFound('A_MEMBER');
    }
    const members = await this.analytics.membersForKpi(viewer.organizationId, ids);
    if (members.length !== ids.length) throw DomainError.notFound('A_MEMBER');
    const timezone = await this.timezones.of(viewer);
    const cards = await this.cardsOverOwnPeriods(members, dayIn(timezone));
    const order = new Map(ids.map((id, i) => [id, i]));
    return cards.sort((a, b) => order.get(a.memberId)! - order.get(b.memberId)!);
  }

  /** Cards of people each over their own default period (their running sprint, else this month), batched per period. */
  private async cardsOverOwnPeriods(members: { id: string; role: string; stageRole: string | null }[], today: string) {
    const sprints = await this.analytics.activeSprintsOfMembers(members.map((m) => m.id));
    const groups = new Map<string, { period: { from: string; to: string; sprintId: string | null }; members: typeof members }>();
    for (const m of members) {
      const s = sprints.get(m.id);
      const period = s ? { from: s.startsOn, to: s.endsOn, sprintId: s.id } : this.month(today);
      const key = `${period.from}/${period.to}/${period.sprintId}`;
      const group = groups.get(key) ?? { period, members: [] };
      group.members.push(m);
      groups.set(key, group);
    }
    const cards = [];
    for (const g of groups.values()) cards.push(...(await this.cardsFor(g.members, g.period, today)));
    return cards;
  }

  private month(today: string): { from: string; to: string; sprintId: null } {
    return { ...monthOf(today), sprintId: null };
  }

  /** The scopes of the members' cross roles (a product manager's products, a territory manager's regions). */
  private crossRoleScopesOf(ids: readonly string[], roles: Awaited<ReturnType<CircleRepository['crossRolesOfMembers']>>): Map<string, CrossRoleScope[]> {
    const byMember = new Map<string, typeof roles>();
    for (const r of roles) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
    // most people hold no cross role: they share one empty list
    const none: CrossRoleScope[] = [];
    return new Map(ids.map((id) => {
      const held = byMember.get(id);
      return [id, held ? crossRoleScopes(held.map((r) => ({ kind: r.kind as CrossRoleKind, products: r.products, regions: r.regions }))) : none];
    }));
  }

  /** The cross roles' figures over the period (their scope's volume over all reps): one statement per kind present. */
  private async crossRoleFigures(scopes: Map<string, CrossRoleScope[]>, from: string, to: string): Promise<Map<string, Record<string, number>>> {
    // most people hold no cross role: only the holders' scopes are looked at
    const held = [...scopes].filter(([, list]) => list.length > 0);
    const holders = (kind: CrossRoleKind) => held.filter(([, list]) => list.some((s) => s.kind === kind)).map(([id]) => id);
    const [products, regions] = await Promise.all([
      this.matrix.productScopeMetrics(holders('PRODUCT_MANAGER'), from, to),
      this.matrix.regionScopeMetrics(holders('TERRITORY_MANAGER'), from, to),
    ]);
    const figures = new Map<string, Record<string, number>>();
    for (const [id, p] of products) figures.set(id, { PRODUCT_REVENUE: p.revenue, PRODUCT_ORDERS: p.orders, PRODUCT_CLIENTS: p.clients, PRODUCT_SHARE: productShare(p.revenue, p.totalRevenue) });
    for (const [id, r] of regions) figures.set(id, { ...figures.get(id), REGION_REVENUE: r.revenue, REGION_NEW_CLIENTS: r.newClients, REGION_ACTIVE_CLIENTS: r.activeClients });
    return figures;
  }

  /**
   * The metrics that compare with the period before or with the plan, read only for the people
   * whose scorecard has them (each one grouped statement): portfolio growth (revenue against the
   * period before: the month before a month, else as many days just before, see previousPeriod),
   * retention (clients who bought then and again now) and
   * pipeline coverage (open deals expected to close in the period against the revenue target
   * still to be made).
   */
  private async portfolioFigures(
    plans: Map<string, { plan: { metric: KpiMetric; target: number }[] }>,
    base: Promise<Map<string, Record<string, number>>>,
    from: string,
    to: string,
  ): Promise<Map<string, Record<string, number>>> {
    // who needs which, in one pass over the plans
    const [growth, kept, coverage]: string[][] = [[], [], []];
    for (const [id, { plan }] of plans) {
      if (plan.some((k) => k.metric === 'PORTFOLIO_GROWTH')) growth.push(id);
      if (plan.some((k) => k.metric === 'RETENTION')) kept.push(id);
      if (plan.some((k) => k.metric === 'PIPELINE_COVERAGE')) coverage.push(id);
    }
    const before = previousPeriod(from, to);
    const [previous, retained, pipeline] = await Promise.all([
      growth.length ? this.analytics.metricsForMembers(growth, before.from, before.to, { revenueOnly: true }) : new Map<string, Record<string, number>>(),
      kept.length ? this.analytics.retainedClients(kept, before, { from, to }) : new Map<string, { previous: number; kept: number }>(),
      coverage.length ? this.analytics.openPipeline(coverage, from, to) : new Map<string, number>(),
    ]);
    // growth and coverage weigh this period's revenue: the base metrics, read at the same time as these
    const metrics = growth.length || coverage.length ? await base : new Map<string, Record<string, number>>();
    const figures = new Map<string, Record<string, number>>();
    // one object per person, its metrics set in turn (no Object.assign of a fresh object per metric)
    const set = (id: string, metric: KpiMetric, value: number) => {
      const known = figures.get(id);
      if (known) known[metric] = value;
      else figures.set(id, { [metric]: value });
    };
    for (const id of growth) set(id, 'PORTFOLIO_GROWTH', portfolioGrowth(metrics.get(id)?.REVENUE ?? 0, previous.get(id)?.REVENUE ?? 0));
    for (const id of kept) set(id, 'RETENTION', retention(retained.get(id)?.kept ?? 0, retained.get(id)?.previous ?? 0));
    for (const id of coverage) {
      const revenueTarget = plans.get(id)!.plan.find((k) => k.metric === 'REVENUE')?.target ?? 0;
      set(id, 'PIPELINE_COVERAGE', revenueTarget > 0 ? pipelineCoverage(pipeline.get(id) ?? 0, revenueTarget, metrics.get(id)?.REVENUE ?? 0) : 0);
    }
    return figures;
  }

  /** Coachees' progress (shared measure-coachees-progress.ts), read only for the people whose scorecard has it: one grouped statement. */
  private async coachingFigures(plans: Map<string, { plan: { metric: KpiMetric }[] }>, from: string, to: string): Promise<Map<string, Record<string, number>>> {
    const coaches = [...plans].filter(([, p]) => p.plan.some((k) => k.metric === 'COACHEES_PROGRESS')).map(([id]) => id);
    if (coaches.length === 0) return new Map();
    const progress = await this.analytics.coacheesProgress(coaches, from, to);
    return new Map(coaches.map((id) => [id, { COACHEES_PROGRESS: meanScoreChange(progress.get(id)?.totalChange ?? 0, progress.get(id)?.coachees ?? 0) }]));
  }

  /**
   * Cards of many people at once (a team's, everyone's) hold their rows, plans and lines until
   * they are returned: at most `analyticsConcurrency` such computations run at once on a server,
   * the others wait their turn (same CPU, bounded memory under load). One person's card never waits.
   */
  private cardsFor(members: { id: string; role: string; stageRole: string | null }[], period: { from: string; to: string; sprintId: string | null }, today: string) {
    return members.length > MANY_CARDS ? this.heavy.run(() => this.computeCards(members, period, today)) : this.computeCards(members, period, today);
  }

  private async computeCards(members: { id: string; role: string; stageRole: string | null }[], period: { from: string; to: string; sprintId: string | null }, today: string) {
    // frozen: the statements below that take all of them share one encoding of the list (uuidArray)
    const ids = Object.freeze(members.map((m) => m.id));
    // The base metrics are read while the plans are made and the figures that depend on the plans are read: none waits for another's statement.
    const base = this.analytics.metricsForMembers(ids, period.from, period.to);
    base.catch(() => undefined); // awaited below; a rejection before then is not unhandled
    const [targets, roles] = await Promise.all([this.analytics.targetsForMembers(ids, period.from, period.to), this.circle.crossRolesOfMembers(ids)]);
    const scopes = this.crossRoleScopesOf(ids, roles);
    const days = daysBetween(period.from, period.to) + 1;
    const elapsedDays = Math.min(days, Math.max(0, daysBetween(period.from, today) + 1));
    const elapsed = Math.round((elapsedDays / days) * 10_000) / 10_000;
    const targetsOf = new Map<string, typeof targets>();
    for (const t of targets) targetsOf.set(t.memberId, [...(targetsOf.get(t.memberId) ?? []), t]);
    // the role defaults scaled to the period; without cross roles they depend only on role and stage role: made once per kind of member
    const defaultsOf = (m: { role: string; stageRole: string | null }, held: CrossRoleScope[]) =>
      memberDefaultKpis(m.role as Role, m.stageRole as StageRole | null, held).map((k) => ({ ...k, target: scaleDefaultTarget(k.metric, k.target, days) }));
    const sharedDefaults = new Map<string, ReturnType<typeof defaultsOf>>();
    const plans = new Map(
      members.map((m) => {
        const set = targetsOf.get(m.id) ?? [];
        const held = scopes.get(m.id) ?? [];
        let plan: { metric: KpiMetric; target: number; weight: number }[];
        if (set.length) plan = set.map((t) => ({ metric: t.metric as KpiMetric, target: t.target, weight: t.weight }));
        else if (held.length) plan = defaultsOf(m, held);
        else {
          const kind = `${m.role}/${m.stageRole}`;
          plan = sharedDefaults.get(kind) ?? sharedDefaults.set(kind, defaultsOf(m, held)).get(kind)!;
        }
        return [m.id, { plan, targetsSet: set.length > 0 }];
      }),
    );
    // (each gives its own metrics, none reads another's: they run at once)
    const [metrics, ...extra] = await Promise.all([
      base,
      this.crossRoleFigures(scopes, period.from, period.to),
      this.portfolioFigures(plans, base, period.from, period.to),
      this.coachingFigures(plans, period.from, period.to),
    ]);
    // a metric's value: from the base metrics, else from the figure that gives it (none gives
    // another's metric); looked up per line rather than merged into a thousand metric objects,
    // whose every new property would change their shape
    const valueOf = (id: string, metric: KpiMetric): number => {
      const own = metrics.get(id)?.[metric];
      if (own !== undefined) return own;
      for (const figures of extra) {
        const value = figures.get(id)?.[metric];
        if (value !== undefined) return value;
      }
      return 0;
    };
    return members.map((m) => {
      const { plan, targetsSet } = plans.get(m.id)!;
      const lines = plan.map((k) => scorecardLine(k.metric, k.target, Math.round(valueOf(m.id, k.metric) * 10_000) / 10_000, k.weight, elapsed));
      return { memberId: m.id, role: m.role, from: period.from, to: period.to, sprintId: period.sprintId, elapsed, lines, score: scorecardScore(lines), targetsSet, crossRoleScopes: scopes.get(m.id) ?? [] };
    });
  }

  /** The cards of the given people over one period, batched as kpiProgress's (the team scorecard's members); the caller checked visibility. */
  async cardsOver(members: { id: string; role: string; stageRole: string | null }[], period: { from: string; to: string; sprintId: string | null }, today: string) {
    return this.cardsFor(members, period, today);
  }
}

/** The deal-level part of a filter (client category and segment, product); null when none is set. */
function dealFilterOf(filter: AnalyticsFilter): DealFilter | null {
  const deals: DealFilter = {
    category: filter.category ?? null,
    region: filter.region ?? null,
    industry: filter.industry ?? null,
    channel: filter.channel ?? null,
    ownershipForm: filter.ownershipForm ?? null,
    vip: filter.vip ?? null,
    productId: filter.productId ?? null,
  };
  return Object.values(deals).some((v) => v !== null) ? deals : null;
}
