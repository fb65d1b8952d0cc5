import { describeRoutingSteps, type RoutingStep, type StageRole } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { reasonMessage } from './routing-reasons';
import { buildCandidates, routingStepMessages, type SimulatorMember } from './routing-simulator';

const member = (id: string, name: string, stageRole: StageRole | null, category: number | null, activeClients = 10): SimulatorMember => ({
  id,
  name,
  role: 'SALES',
  stageRole,
  category,
  active: true,
  capacity: { clients: 40, activeClients },
  availability: { available: true, reason: null },
});
const candidates = buildCandidates([member('a', 'Анна', 'FARMER', 2, 40), member('b', 'Борис', 'HUNTER', 1), member('c', 'Вера', null, null)]);

/** Every kind of step, with the details the shared rule writes for them. */
const STEPS: RoutingStep[] = [
  { kind: 'RULE_NOT_MATCHED', ruleId: 'r1', ruleName: 'Холодная база', position: 1, failed: 'stage=ACTIVE' },
  { kind: 'RULE_MATCHED', ruleId: 'r2', ruleName: 'Все', position: 2, matched: [] },
  { kind: 'RULE_MATCHED', ruleId: 'r3', ruleName: 'Москва', position: 3, matched: ['region=Москва', 'vip=yes'] },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'INACTIVE', detail: 'inactive' },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'PAUSED', detail: 'group paused' },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'ABSENT', detail: 'absent (vacation or sick leave)' },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'OFF_SHIFT', detail: 'off shift now' },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'AT_CAPACITY', detail: 'at capacity 40/40' },
  { kind: 'MEMBER_SKIPPED', memberId: 'a', name: 'Анна', why: 'NOT_IN_MATRIX_CELL', detail: 'serves FARMER, client needs HUNTER' },
  { kind: 'MEMBER_SKIPPED', memberId: 'c', name: 'Вера', why: 'NOT_IN_MATRIX_CELL', detail: 'serves no stage, client needs HUNTER' },
  { kind: 'MEMBER_SKIPPED', memberId: 'b', name: 'Борис', why: 'NOT_IN_MATRIX_CELL', detail: 'serves category 1, client is category 2' },
  { kind: 'MEMBER_SKIPPED', memberId: 'x', name: 'x', why: 'UNKNOWN_MEMBER', detail: 'no longer in the organization' },
  { kind: 'MEMBER_CHOSEN', memberId: 'b', name: 'Борис', how: 'NAMED', detail: 'named by the rule' },
  { kind: 'MEMBER_CHOSEN', memberId: 'b', name: 'Борис', how: 'ROUND_ROBIN', detail: 'next in turn' },
  { kind: 'MEMBER_CHOSEN', memberId: 'b', name: 'Борис', how: 'LEAST_LOADED', detail: 'least loaded 10/40' },
  { kind: 'MEMBER_CHOSEN', memberId: 'b', name: 'Борис', how: 'BALANCED_POTENTIAL', detail: 'smallest portfolio potential 0' },
  { kind: 'NO_ONE_ELIGIBLE', ruleId: 'r3', ruleName: 'Москва' },
  { kind: 'FALLBACK', memberId: 'b', name: 'Борис' },
  { kind: 'UNASSIGNED' },
];

describe('recorded reasons in the viewer’s language', () => {
  for (const locale of ['en', 'ru'] as const) {
    it(`says every sentence the server records as the simulator does (${locale})`, () => {
      const { t } = createAppI18n(locale).global;
      const stageRole = (role: StageRole | null) => (role ? t(`stageRoles.${role}`) : '—');
      const fromServer = describeRoutingSteps(STEPS).map((reason) => {
        const message = reasonMessage(reason, stageRole);
        return message ? t(message.key, message.named) : `UNKNOWN ${reason}`;
      });
      const fromSimulator = routingStepMessages(STEPS, candidates, { stage: 'PROSPECT', category: 2 }, stageRole).map((m) => t(m.key, m.named));
      expect(fromServer).toEqual(fromSimulator);
    });
  }

  it('translates the handoff line and leaves a person’s own words as they are', () => {
    const { t } = createAppI18n('ru').global;
    const message = reasonMessage('handoff rule "Охотник → фермер" fired: orders=2, volume=1200000', () => '');
    expect(message && t(message.key, message.named)).toBe('сработало правило передачи «Охотник → фермер»: orders=2, volume=1200000');
    expect(reasonMessage('клиент попросил менеджера в своём регионе', () => '')).toBeNull();
    expect(reasonMessage('cover until 2030-01-01: vacation', () => '')).toBeNull();
  });
});
