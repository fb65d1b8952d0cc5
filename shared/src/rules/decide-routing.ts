import type { Channel, OwnershipForm, RoutingStrategy } from '../domain/clients';
import { STAGE_ROLE_FOR_CLIENT_STAGE } from '../domain/clients';
import type { ClientStage, StageRole } from '../domain/roles';
import type { Availability } from './is-available';

/** What routing looks at in a client (the seed-002 principles). */
export interface RoutingClient {
  id: string;
  region: string | null;
  industry: string | null;
  /** Product lines the client buys or asks about. */
  productLines: readonly string[];
  vip: boolean;
  channel: Channel | null;
  ownershipForm: OwnershipForm | null;
  category: number | null;
  stage: ClientStage;
  annualPotential: number;
}

/** Every given dimension must match; an empty or missing dimension matches anything. */
export interface RoutingConditions {
  regions?: readonly string[];
  industries?: readonly string[];
  productLines?: readonly string[];
  vip?: boolean | null;
  channels?: readonly Channel[];
  ownershipForms?: readonly OwnershipForm[];
  categories?: readonly number[];
  stages?: readonly ClientStage[];
  potentialMin?: number | null;
  potentialMax?: number | null;
}

export type RoutingTarget =
  | { kind: 'MEMBER'; memberId: string }
  | { kind: 'POOL'; memberIds: readonly string[]; strategy: RoutingStrategy };

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RoutingConditions;
  target: RoutingTarget;
}

export interface RoutingCandidate {
  id: string;
  name: string;
  stageRole: StageRole | null;
  category: number | null;
  /** From isAvailable at the moment of routing. */
  availability: Availability;
  activeClients: number;
  capacityClients: number;
  /** Sum of the annual potential of the clients the member owns. */
  potentialTotal: number;
}

export interface RoutingContext {
  candidates: ReadonlyMap<string, RoutingCandidate>;
  /** Last member each round-robin rule gave a client to. */
  roundRobinCursor: ReadonlyMap<string, string>;
  /** Who gets the client when no rule finds anyone (e.g. the lead): nobody is left unowned. */
  fallbackMemberId: string | null;
  /** Being off shift matters only for new leads handled now. */
  respectShifts: boolean;
}

export type SkipWhy = 'INACTIVE' | 'PAUSED' | 'ABSENT' | 'OFF_SHIFT' | 'AT_CAPACITY' | 'NOT_IN_MATRIX_CELL' | 'UNKNOWN_MEMBER';

export type RoutingStep =
  | { kind: 'RULE_NOT_MATCHED'; ruleId: string; ruleName: string; position: number; failed: string }
  | { kind: 'RULE_MATCHED'; ruleId: string; ruleName: string; position: number; matched: string[] }
  | { kind: 'MEMBER_SKIPPED'; memberId: string; name: string; why: SkipWhy; detail: string }
  | { kind: 'MEMBER_CHOSEN'; memberId: string; name: string; how: RoutingStrategy | 'NAMED'; detail: string }
  | { kind: 'NO_ONE_ELIGIBLE'; ruleId: string; ruleName: string }
  | { kind: 'FALLBACK'; memberId: string; name: string }
  | { kind: 'UNASSIGNED' };

export interface RoutingDecision {
  memberId: string | null;
  ruleId: string | null;
  fallback: boolean;
  steps: RoutingStep[];
}

const has = <T>(list: readonly T[] | undefined): list is readonly T[] => Array.isArray(list) && list.length > 0;
const norm = (value: string) => value.trim().toLowerCase();

const inList = (list: readonly string[], value: string | null) => value !== null && list.some((v) => norm(v) === norm(value));

/** One dimension of a rule: null when it holds (and it is noted as matched), else what failed. */
function check(matched: string[], label: string, ok: boolean, shown: string): string | null {
  if (!ok) return `${label}=${shown}`;
  matched.push(`${label}=${shown}`);
  return null;
}

/** Whether a rule's conditions hold for a client; `failed` names the first dimension that did not. */
export function matchConditions(conditions: RoutingConditions, client: RoutingClient): { matches: boolean; matched: string[]; failed: string } {
  const matched: string[] = [];
  const failed = firstFailure(conditions, client, matched);
  return failed === null ? { matches: true, matched, failed: '' } : { matches: false, matched, failed };
}

/** The dimensions in order; the first that fails ends the check. */
function firstFailure(c: RoutingConditions, client: RoutingClient, matched: string[]): string | null {
  let failed: string | null = null;
  if (has(c.regions) && (failed = check(matched, 'region', inList(c.regions, client.region), client.region ?? '—'))) return failed;
  if (has(c.industries) && (failed = check(matched, 'industry', inList(c.industries, client.industry), client.industry ?? '—'))) return failed;
  if (has(c.productLines)) {
    const lines = c.productLines;
    if ((failed = check(matched, 'productLine', client.productLines.some((p) => inList(lines, p)), client.productLines.join('|') || '—'))) return failed;
  }
  if (c.vip !== undefined && c.vip !== null && (failed = check(matched, 'vip', client.vip === c.vip, client.vip ? 'yes' : 'no'))) return failed;
  if (has(c.channels) && (failed = check(matched, 'channel', client.channel !== null && c.channels.includes(client.channel), client.channel ?? '—'))) return failed;
  if (has(c.ownershipForms) && (failed = check(matched, 'ownership', client.ownershipForm !== null && c.ownershipForms.includes(client.ownershipForm), client.ownershipForm ?? '—'))) {
    return failed;
  }
  if (has(c.categories) && (failed = check(matched, 'category', client.category !== null && c.categories.includes(client.category), String(client.category ?? '—')))) return failed;
  if (has(c.stages) && (failed = check(matched, 'stage', c.stages.includes(client.stage), client.stage))) return failed;
  if (c.potentialMin !== undefined && c.potentialMin !== null && (failed = check(matched, 'potential≥', client.annualPotential >= c.potentialMin, String(client.annualPotential)))) {
    return failed;
  }
  if (c.potentialMax !== undefined && c.potentialMax !== null && (failed = check(matched, 'potential<', client.annualPotential < c.potentialMax, String(client.annualPotential)))) {
    return failed;
  }
  return null;
}

/** Why a member cannot take this client now, or null when they can. */
export function skipReason(candidate: RoutingCandidate, client: RoutingClient, context: Pick<RoutingContext, 'respectShifts'>, checkMatrix: boolean): { why: SkipWhy; detail: string } | null {
  return unavailable(candidate, context) ?? (checkMatrix ? outsideMatrixCell(candidate, client) : null) ?? atCapacity(candidate);
}

function unavailable(candidate: RoutingCandidate, context: Pick<RoutingContext, 'respectShifts'>): { why: SkipWhy; detail: string } | null {
  const a = candidate.availability;
  if (a.available) return null;
  if (a.reason === 'INACTIVE') return { why: 'INACTIVE', detail: 'inactive' };
  if (a.reason === 'PAUSED') return { why: 'PAUSED', detail: 'group paused' };
  if (a.reason === 'ABSENT') return { why: 'ABSENT', detail: 'absent (vacation or sick leave)' };
  if (a.reason === 'OFF_SHIFT' && context.respectShifts) return { why: 'OFF_SHIFT', detail: 'off shift now' };
  return null;
}

function outsideMatrixCell(candidate: RoutingCandidate, client: Pick<RoutingClient, 'stage' | 'category'>): { why: SkipWhy; detail: string } | null {
  const wanted = STAGE_ROLE_FOR_CLIENT_STAGE[client.stage];
  if (wanted !== null && candidate.stageRole !== wanted) {
    return { why: 'NOT_IN_MATRIX_CELL', detail: `serves ${candidate.stageRole ?? 'no stage'}, client needs ${wanted}` };
  }
  // the raw base (LEAD) has no reliable category yet: any prospector may call it
  if (client.stage !== 'LEAD' && client.category !== null && candidate.category !== null && candidate.category !== client.category) {
    return { why: 'NOT_IN_MATRIX_CELL', detail: `serves category ${candidate.category}, client is category ${client.category}` };
  }
  return null;
}

function atCapacity(candidate: RoutingCandidate): { why: SkipWhy; detail: string } | null {
  return candidate.activeClients >= candidate.capacityClients ? { why: 'AT_CAPACITY', detail: `at capacity ${candidate.activeClients}/${candidate.capacityClients}` } : null;
}

type MemberSkipped = Extract<RoutingStep, { kind: 'MEMBER_SKIPPED' }>;

/**
 * A candidate's matrix-cell refusal per kind of client ("stage|category"), kept per candidate
 * object: a pool is checked for every client of a bulk run, and who serves which cell does not
 * change within one. The step is shared by the decisions it belongs to, which only read it.
 */
const matrixSkips = new WeakMap<RoutingCandidate, Map<string, MemberSkipped | null>>();

/** A member's refusal for one kind of client, with what it was worked out from. */
interface MemberSkipEntry {
  stageRole: StageRole | null;
  category: number | null;
  name: string;
  step: MemberSkipped | null;
}

/**
 * The same refusals per set of candidates (a routing session's map) and member: a member's load
 * changes with every client they get, and gives a new candidate object, which then gets the
 * step object the member had (describeRoutingSteps recognizes a group of the same shared
 * steps) unless their stage role, category or name is not what it was worked out from.
 */
const memberSkips = new WeakMap<ReadonlyMap<string, RoutingCandidate>, Map<string, Map<string, MemberSkipEntry>>>();

function matrixSkip(context: RoutingContext, candidate: RoutingCandidate, memberId: string, client: RoutingClient, cell: string): MemberSkipped | null {
  let cells = matrixSkips.get(candidate);
  if (!cells) {
    cells = new Map();
    matrixSkips.set(candidate, cells);
  }
  let step = cells.get(cell);
  if (step === undefined) {
    step = memberSkip(context, candidate, memberId, client, cell);
    cells.set(cell, step);
  }
  return step;
}

function memberSkip(context: RoutingContext, candidate: RoutingCandidate, memberId: string, client: RoutingClient, cell: string): MemberSkipped | null {
  let members = memberSkips.get(context.candidates);
  if (!members) {
    members = new Map();
    memberSkips.set(context.candidates, members);
  }
  let cells = members.get(memberId);
  if (!cells) {
    cells = new Map();
    members.set(memberId, cells);
  }
  const kept = cells.get(cell);
  if (kept && kept.stageRole === candidate.stageRole && kept.category === candidate.category && kept.name === candidate.name) return kept.step;
  const skip = outsideMatrixCell(candidate, client);
  const step: MemberSkipped | null = skip ? { kind: 'MEMBER_SKIPPED', memberId, name: candidate.name, ...skip } : null;
  cells.set(cell, { stageRole: candidate.stageRole, category: candidate.category, name: candidate.name, step });
  return step;
}

/** The first of a non-empty list in the given order (what sorting it would put first, in one pass). */
function first<T>(list: readonly T[], compare: (a: T, b: T) => number): T {
  let best = list[0];
  for (let i = 1; i < list.length; i += 1) if (compare(list[i], best) < 0) best = list[i];
  return best;
}

/**
 * Picks from the eligible members, who are in pool order: ties go to the earliest in the pool
 * (`first` keeps the earliest of equals, so no search of the pool per comparison).
 */
function choose(strategy: RoutingStrategy, ruleId: string, pool: readonly string[], eligible: RoutingCandidate[], context: RoutingContext): { chosen: RoutingCandidate; detail: string } {
  if (strategy === 'ROUND_ROBIN') {
    const last = context.roundRobinCursor.get(ruleId);
    const start = last === undefined ? 0 : pool.indexOf(last) + 1;
    for (let i = 0; i < pool.length; i += 1) {
      const id = pool[(start + i) % pool.length];
      const found = eligible.find((c) => c.id === id);
      if (found) return { chosen: found, detail: 'next in turn' };
    }
  }
  if (strategy === 'BALANCED_POTENTIAL') {
    const chosen = first(eligible, (a, b) => a.potentialTotal - b.potentialTotal);
    return { chosen, detail: `smallest portfolio potential ${chosen.potentialTotal}` };
  }
  const load = (c: RoutingCandidate) => (c.capacityClients > 0 ? c.activeClients / c.capacityClients : Number.POSITIVE_INFINITY);
  const chosen = first(eligible, (a, b) => load(a) - load(b) || a.activeClients - b.activeClients);
  return { chosen, detail: `least loaded ${chosen.activeClients}/${chosen.capacityClients}` };
}

/**
 * Who gets a client, and why: the active rules in order; the first that matches and has an
 * eligible member decides (a named member, or a pool by its strategy among members whose
 * matrix cell fits the client); otherwise the next rule; finally the fallback member.
 */
export function decideRouting(client: RoutingClient, rules: readonly RoutingRule[], context: RoutingContext): RoutingDecision {
  const steps: RoutingStep[] = [];
  const cell = `${client.stage}|${client.category}`;
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    const match = matchConditions(rule.conditions, client);
    if (!match.matches) {
      steps.push({ kind: 'RULE_NOT_MATCHED', ruleId: rule.id, ruleName: rule.name, position: rule.position, failed: match.failed });
      continue;
    }
    steps.push({ kind: 'RULE_MATCHED', ruleId: rule.id, ruleName: rule.name, position: rule.position, matched: match.matched });
    const pool = rule.target.kind === 'MEMBER' ? [rule.target.memberId] : rule.target.memberIds;
    const checkMatrix = rule.target.kind === 'POOL';
    const eligible: RoutingCandidate[] = [];
    for (const id of pool) {
      const candidate = context.candidates.get(id);
      if (!candidate) {
        steps.push({ kind: 'MEMBER_SKIPPED', memberId: id, name: id, why: 'UNKNOWN_MEMBER', detail: 'no longer in the organization' });
        continue;
      }
      // as skipReason, in its order: unavailable, outside the matrix cell (remembered), at capacity
      const away = unavailable(candidate, context);
      const misfit = away || !checkMatrix ? null : matrixSkip(context, candidate, id, client, cell);
      const full = away || misfit ? null : atCapacity(candidate);
      const skip = away ?? full;
      if (misfit) steps.push(misfit);
      else if (skip) steps.push({ kind: 'MEMBER_SKIPPED', memberId: id, name: candidate.name, ...skip });
      else eligible.push(candidate);
    }
    if (eligible.length === 0) {
      steps.push({ kind: 'NO_ONE_ELIGIBLE', ruleId: rule.id, ruleName: rule.name });
      continue;
    }
    const { chosen, detail } =
      rule.target.kind === 'MEMBER' ? { chosen: eligible[0], detail: 'named by the rule' } : choose(rule.target.strategy, rule.id, pool, eligible, context);
    steps.push({ kind: 'MEMBER_CHOSEN', memberId: chosen.id, name: chosen.name, how: rule.target.kind === 'MEMBER' ? 'NAMED' : rule.target.strategy, detail });
    return { memberId: chosen.id, ruleId: rule.id, fallback: false, steps };
  }
  const fallback = context.fallbackMemberId ? context.candidates.get(context.fallbackMemberId) : undefined;
  if (fallback) {
    steps.push({ kind: 'FALLBACK', memberId: fallback.id, name: fallback.name });
    return { memberId: fallback.id, ruleId: null, fallback: true, steps };
  }
  steps.push({ kind: 'UNASSIGNED' });
  return { memberId: null, ruleId: null, fallback: false, steps };
}

/**
 * The decision's steps as sentences (stored with every assignment, shown in the simulator).
 * Members of one rule's pool skipped for the same reason share one sentence ("A, B skipped:
 * serves category 1, client is category 2"): a large pool would otherwise write a line per
 * person into every assignment record.
 */
export function describeRoutingSteps(steps: readonly RoutingStep[]): string[] {
  const lines: (string | MemberSkipped[])[] = [];
  let skipped = new Map<string, MemberSkipped[]>();
  for (const step of steps) {
    if (step.kind === 'MEMBER_SKIPPED') {
      const same = skipped.get(step.detail);
      if (same) same.push(step);
      else {
        const group = [step];
        skipped.set(step.detail, group);
        lines.push(group);
      }
      continue;
    }
    skipped = new Map();
    lines.push(describeStep(step));
  }
  return lines.map((line) => (typeof line === 'string' ? line : skippedLine(line)));
}

/**
 * The sentence of a group of members skipped for one reason, remembered per first step: a bulk
 * run meets the same group of shared steps (the matrix-cell refusals) client after client, and
 * gets the same sentence back instead of joining a hundred names again. Steps are only read,
 * so the same steps in the same order give the same sentence.
 */
const skippedLines = new WeakMap<MemberSkipped, { group: readonly MemberSkipped[]; line: string }>();

function skippedLine(group: readonly MemberSkipped[]): string {
  const kept = skippedLines.get(group[0]);
  if (kept && kept.group.length === group.length && kept.group.every((step, i) => step === group[i])) return kept.line;
  const line = `${group.map((step) => step.name).join(', ')} skipped: ${group[0].detail}`;
  skippedLines.set(group[0], { group, line });
  return line;
}

function describeStep(step: Exclude<RoutingStep, { kind: 'MEMBER_SKIPPED' }>): string {
  switch (step.kind) {
    case 'RULE_NOT_MATCHED':
      return `rule ${step.position} "${step.ruleName}" did not match (${step.failed})`;
    case 'RULE_MATCHED':
      return `rule ${step.position} "${step.ruleName}" matched${step.matched.length ? ` ${step.matched.join(', ')}` : ' (no conditions)'}`;
    case 'MEMBER_CHOSEN':
      return `${step.name} chosen: ${step.detail}`;
    case 'NO_ONE_ELIGIBLE':
      return `rule "${step.ruleName}": nobody eligible, trying the next rule`;
    case 'FALLBACK':
      return `no rule found anyone: fallback to ${step.name}`;
    case 'UNASSIGNED':
      return 'no rule found anyone and there is no fallback: the client stays unassigned';
  }
}

/** After a bulk assignment: the chosen member carries one more client and its potential. */
export function applyAssignment(candidate: RoutingCandidate, client: RoutingClient): RoutingCandidate {
  return { ...candidate, activeClients: candidate.activeClients + 1, potentialTotal: candidate.potentialTotal + client.annualPotential };
}
