import {
  decideRouting,
  describeRoutingSteps,
  STAGE_ROLE_FOR_CLIENT_STAGE,
  type Channel,
  type ClientStage,
  type OwnershipForm,
  type RoutingCandidate,
  type RoutingClient,
  type RoutingDecision,
  type RoutingRule,
  type RoutingStep,
  type StageRole,
  type UnavailableReason,
} from '@salescircle/shared';
import type { Message } from './handoff-criteria';

/** A member as the simulator needs them (the RoutingCandidates query). */
export interface SimulatorMember {
  id: string;
  name: string;
  role: string;
  stageRole: StageRole | null;
  category: number | null;
  active: boolean;
  capacity: { clients: number; activeClients: number };
  availability: { available: boolean; reason: UnavailableReason | null };
}

/** The made-up client of the simulator form. */
export interface SimulatorClient {
  region: string;
  industry: string;
  vip: boolean;
  channel: Channel | null;
  ownershipForm: OwnershipForm | null;
  category: number | null;
  stage: ClientStage;
  potential: number;
}

export const DEFAULT_SIMULATOR_CLIENT: Readonly<SimulatorClient> = Object.freeze({
  region: '',
  industry: '',
  vip: false,
  channel: null,
  ownershipForm: null,
  category: null,
  stage: 'PROSPECT',
  potential: 3_000_000,
});

/**
 * Routing candidates from the members the viewer sees: availability now (as the server
 * judged it), load and capacity. The portfolio potential is not known here, so balanced
 * pools fall back to pool order; the server stays the authority.
 */
export function buildCandidates(members: readonly SimulatorMember[]): Map<string, RoutingCandidate> {
  return new Map(
    members.map((m) => [
      m.id,
      {
        id: m.id,
        name: m.name,
        stageRole: m.stageRole,
        category: m.category,
        availability: m.active ? m.availability : { available: false, reason: 'INACTIVE' },
        activeClients: m.capacity.activeClients,
        capacityClients: m.capacity.clients,
        potentialTotal: 0,
      },
    ]),
  );
}

export function toRoutingClient(client: SimulatorClient): RoutingClient {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    id: 'simulated',
    region: text(client.region),
    industry: text(client.industry),
    productLines: [],
    vip: client.vip,
    channel: client.channel,
    ownershipForm: client.ownershipForm,
    category: client.category,
    stage: client.stage,
    annualPotential: client.potential,
  };
}

export interface SimulationResult {
  decision: RoutingDecision;
  member: { id: string; name: string } | null;
  ruleName: string | null;
  /** The decision's steps as the server words them (describeRoutingSteps). */
  reasons: string[];
}

/**
 * Who would get the client under these rules, decided in the browser with the shared
 * `decideRouting`. Shifts count for new leads and prospects (as on the server); when no
 * rule finds anyone, the active director is the fallback.
 */
export function simulateRouting(client: SimulatorClient, rules: readonly RoutingRule[], members: readonly SimulatorMember[]): SimulationResult {
  const candidates = buildCandidates(members);
  const fallback = members.find((m) => m.role === 'DIRECTOR' && m.active)?.id ?? null;
  const decision = decideRouting(toRoutingClient(client), rules, {
    candidates,
    roundRobinCursor: new Map(),
    fallbackMemberId: fallback,
    respectShifts: client.stage === 'LEAD' || client.stage === 'PROSPECT',
  });
  const chosen = decision.memberId ? candidates.get(decision.memberId) : undefined;
  return {
    decision,
    member: chosen ? { id: chosen.id, name: chosen.name } : null,
    ruleName: rules.find((r) => r.id === decision.ruleId)?.name ?? null,
    reasons: describeRoutingSteps(decision.steps),
  };
}

type SkipKey = `routing.step.skipped.${'INACTIVE' | 'PAUSED' | 'ABSENT' | 'OFF_SHIFT' | 'AT_CAPACITY' | 'NOT_IN_MATRIX_CELL' | 'NOT_IN_CATEGORY' | 'UNKNOWN_MEMBER'}`;
type ChosenKey = `routing.step.chosen.${'NAMED' | 'ROUND_ROBIN' | 'LEAST_LOADED' | 'BALANCED_POTENTIAL'}`;
export type RoutingStepKey =
  | 'routing.step.notMatched'
  | 'routing.step.matched'
  | 'routing.step.matchedAll'
  | SkipKey
  | ChosenKey
  | 'routing.step.noOne'
  | 'routing.step.fallback'
  | 'routing.step.unassigned';

/**
 * The decision's steps as messages in the viewer's language. `stageRole` names a stage role
 * (the page translates it); the client is needed to say why a matrix cell does not fit.
 */
export function routingStepMessages(
  steps: readonly RoutingStep[],
  candidates: ReadonlyMap<string, RoutingCandidate>,
  client: Pick<RoutingClient, 'stage' | 'category'>,
  stageRole: (role: StageRole | null) => string,
): Message<RoutingStepKey>[] {
  const load = (id: string) => {
    const c = candidates.get(id);
    return c ? `${c.activeClients}/${c.capacityClients}` : '';
  };
  return steps.map((step): Message<RoutingStepKey> => {
    switch (step.kind) {
      case 'RULE_NOT_MATCHED':
        return { key: 'routing.step.notMatched', named: { position: step.position, rule: step.ruleName, failed: step.failed } };
      case 'RULE_MATCHED':
        return step.matched.length
          ? { key: 'routing.step.matched', named: { position: step.position, rule: step.ruleName, matched: step.matched.join(', ') } }
          : { key: 'routing.step.matchedAll', named: { position: step.position, rule: step.ruleName } };
      case 'MEMBER_SKIPPED': {
        if (step.why === 'AT_CAPACITY') return { key: 'routing.step.skipped.AT_CAPACITY', named: { name: step.name, detail: load(step.memberId) } };
        if (step.why === 'NOT_IN_MATRIX_CELL') {
          const member = candidates.get(step.memberId);
          const wanted = STAGE_ROLE_FOR_CLIENT_STAGE[client.stage];
          if (member && wanted !== null && member.stageRole !== wanted) {
            return { key: 'routing.step.skipped.NOT_IN_MATRIX_CELL', named: { name: step.name, has: stageRole(member.stageRole), needs: stageRole(wanted) } };
          }
          return { key: 'routing.step.skipped.NOT_IN_CATEGORY', named: { name: step.name, has: member?.category ?? '—', needs: client.category ?? '—' } };
        }
        return { key: `routing.step.skipped.${step.why}`, named: { name: step.name } };
      }
      case 'MEMBER_CHOSEN':
        return { key: `routing.step.chosen.${step.how}`, named: { name: step.name, detail: load(step.memberId) } };
      case 'NO_ONE_ELIGIBLE':
        return { key: 'routing.step.noOne', named: { rule: step.ruleName } };
      case 'FALLBACK':
        return { key: 'routing.step.fallback', named: { name: step.name } };
      case 'UNASSIGNED':
        return { key: 'routing.step.unassigned', named: {} };
    }
  });
}
