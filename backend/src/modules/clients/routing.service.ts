import { Injectable } from '@nestjs/common';
import {
  applyAssignment,
  decideRouting,
  isAvailable,
  type RoutingCandidate,
  type RoutingClient,
  type RoutingContext,
  type RoutingDecision,
  type RoutingRule,
  type ShiftSlot,
} from '@salescircle/shared';
import type { EntityManager } from 'typeorm';
import { runAll } from '../../database/run-all';
import { CircleRepository } from '../members/circle.repository';
import { DEFAULT_TIMEZONE, OrganizationRepository } from '../organization/organization.repository';
import { ClientsRepository } from './clients.repository';

/** Everything routing needs for an organization at one moment, loaded once for many clients. */
export interface RoutingSession {
  rules: RoutingRule[];
  candidates: Map<string, RoutingCandidate>;
  cursors: Map<string, string>;
  /** The lead above each member (the fallback for their clients). */
  leadOf: Map<string, string>;
  defaultFallback: string | null;
  respectShifts: boolean;
  /** What decideRouting reads, over the maps above (no fallback: decide() picks it). */
  context: RoutingContext;
}

@Injectable()
export class RoutingService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly circle: CircleRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  /**
   * @param at the moment availability is judged at; null ignores availability (replaying history, e.g. the demo seed)
   */
  async session(organizationId: string, at: Date | null, respectShifts: boolean, tx?: EntityManager): Promise<RoutingSession> {
    const [rules, cursors, loads, org, people, leadOf] = await runAll(tx, [
      () => this.clients.routingRules(organizationId, tx),
      () => this.clients.roundRobinCursors(organizationId, tx),
      () => this.clients.ownerLoads(organizationId, tx),
      () => this.organizations.findById(organizationId, tx),
      () => this.circle.routingPeople(organizationId, tx),
      () => this.circle.leadsOfMembers(organizationId, tx),
    ] as const);
    const ids = people.map((p) => p.id);
    const [schedules, absences, paused] = await runAll(tx, [
      () => this.circle.schedulesOfMembers(ids, tx),
      () => this.circle.absencesOfMembers(ids, 60, tx),
      () => this.circle.pausedMemberIds(ids, tx),
    ] as const);
    const timezone = org?.timezone ?? DEFAULT_TIMEZONE;
    const candidates = new Map<string, RoutingCandidate>();
    for (const person of people) {
      const load = loads.get(person.id);
      candidates.set(person.id, {
        id: person.id,
        name: person.name,
        stageRole: person.stageRole,
        category: person.category,
        availability: at === null ? { available: person.active, reason: person.active ? null : 'INACTIVE' } : isAvailable(
          {
            active: person.active,
            paused: paused.has(person.id),
            schedule: schedules.filter((s) => s.memberId === person.id) as unknown as ShiftSlot[],
            absences: absences.filter((a) => a.memberId === person.id),
          },
          at,
          timezone,
        ),
        activeClients: load?.activeClients ?? 0,
        capacityClients: person.capacityClients,
        potentialTotal: load?.potentialTotal ?? 0,
      });
    }
    const director = people.find((p) => p.role === 'DIRECTOR' && p.active);
    const context: RoutingContext = { candidates, roundRobinCursor: cursors, respectShifts, fallbackMemberId: null };
    return { rules, candidates, cursors, leadOf, defaultFallback: director?.id ?? null, respectShifts, context };
  }

  /** Whether any rule of the session looks at the product lines a client bought (else they need not be read). */
  usesProductLines(session: RoutingSession): boolean {
    return session.rules.some((r) => (r.conditions.productLines?.length ?? 0) > 0);
  }

  /**
   * Decides one client; with `commit`, the session carries the new load and round-robin turn
   * for the next client. When nobody is eligible the client goes to the lead above the first
   * matching rule's people (else above its current owner, else the director).
   */
  decide(session: RoutingSession, client: RoutingClient, currentOwner: string | null, commit: boolean): RoutingDecision {
    let decision = decideRouting(client, session.rules, session.context);
    if (decision.memberId === null) {
      const matched = decision.steps.find((s) => s.kind === 'RULE_MATCHED');
      const rule = matched && matched.kind === 'RULE_MATCHED' ? session.rules.find((r) => r.id === matched.ruleId) : undefined;
      const firstPerson = rule ? (rule.target.kind === 'MEMBER' ? rule.target.memberId : rule.target.memberIds[0]) : undefined;
      const fallback =
        (firstPerson && session.leadOf.get(firstPerson)) || (currentOwner && session.leadOf.get(currentOwner)) || session.defaultFallback;
      const person = fallback ? session.candidates.get(fallback) : undefined;
      // the same steps as deciding again with this fallback: every rule as before, then the fallback instead of "unassigned"
      if (person) decision = { memberId: person.id, ruleId: null, fallback: true, steps: [...decision.steps.slice(0, -1), { kind: 'FALLBACK', memberId: person.id, name: person.name }] };
    }
    if (commit && decision.memberId) {
      const chosen = session.candidates.get(decision.memberId);
      if (chosen) session.candidates.set(chosen.id, applyAssignment(chosen, client));
      const rule = decision.ruleId === null ? undefined : session.rules.find((r) => r.id === decision.ruleId);
      if (rule?.target.kind === 'POOL' && rule.target.strategy === 'ROUND_ROBIN') session.cursors.set(rule.id, decision.memberId);
    }
    return decision;
  }
}
