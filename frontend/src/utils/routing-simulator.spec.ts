import { describeRoutingSteps, type RoutingRule } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { buildCandidates, DEFAULT_SIMULATOR_CLIENT, routingStepMessages, simulateRouting, toRoutingClient, type SimulatorMember } from './routing-simulator';

const on = { available: true, reason: null };
const member = (id: string, name: string, extra: Partial<SimulatorMember> = {}): SimulatorMember => ({
  id,
  name,
  role: 'SALES',
  stageRole: 'FARMER',
  category: 2,
  active: true,
  capacity: { clients: 40, activeClients: 10 },
  availability: on,
  ...extra,
});

const MEMBERS: SimulatorMember[] = [
  member('dir', 'Андрей Соколов', { role: 'DIRECTOR', stageRole: null, category: null }),
  member('anna', 'Анна Фёдорова', { stageRole: 'KEY_ACCOUNT', category: 1 }),
  member('ivan', 'Иван Петров', { capacity: { clients: 40, activeClients: 40 } }),
  member('yulia', 'Юлия Зайцева', { availability: { available: false, reason: 'ABSENT' } }),
  member('h1', 'Алексей Новиков', { stageRole: 'HUNTER', capacity: { clients: 40, activeClients: 30 } }),
  member('h2', 'Николай Егоров', { stageRole: 'HUNTER', category: 1, capacity: { clients: 40, activeClients: 5 } }),
  member('gone', 'Бывший', { active: false }),
];

const RULES: RoutingRule[] = [
  { id: 'r1', name: 'Тёплые лиды', position: 1, active: true, conditions: { stages: ['PROSPECT'] }, target: { kind: 'POOL', memberIds: ['h1', 'h2'], strategy: 'LEAST_LOADED' } },
  { id: 'r2', name: 'VIP Москва', position: 2, active: true, conditions: { vip: true, regions: ['Москва'] }, target: { kind: 'MEMBER', memberId: 'anna' } },
  { id: 'r3', name: 'Госсектор Москва', position: 3, active: true, conditions: { ownershipForms: ['GOVERNMENT'], regions: ['Москва'] }, target: { kind: 'MEMBER', memberId: 'yulia' } },
  { id: 'r4', name: 'Дилеры: Москва', position: 4, active: true, conditions: { regions: ['Москва'] }, target: { kind: 'MEMBER', memberId: 'ivan' } },
  { id: 'r0', name: 'Выключено', position: 0, active: false, conditions: {}, target: { kind: 'MEMBER', memberId: 'gone' } },
];

const t = createAppI18n('en').global.t;
const tRu = createAppI18n('ru').global.t;

describe('routing simulator', () => {
  it('builds candidates from the members: availability, load and capacity; inactive people are unavailable', () => {
    const candidates = buildCandidates(MEMBERS);
    expect(candidates.get('ivan')).toMatchObject({ activeClients: 40, capacityClients: 40, potentialTotal: 0, availability: on });
    expect(candidates.get('gone')?.availability).toEqual({ available: false, reason: 'INACTIVE' });
    expect(candidates.get('yulia')?.availability).toEqual({ available: false, reason: 'ABSENT' });
  });

  it('turns the form into a routing client (empty text: unknown)', () => {
    expect(toRoutingClient({ ...DEFAULT_SIMULATOR_CLIENT, region: ' Москва ', industry: '' })).toMatchObject({ region: 'Москва', industry: null, productLines: [], annualPotential: 3_000_000 });
  });

  it('gives a VIP client in Moscow to the named VIP manager, with the reasons the server would give', () => {
    const result = simulateRouting({ ...DEFAULT_SIMULATOR_CLIENT, stage: 'ACTIVE', region: 'Москва', vip: true }, RULES, MEMBERS);
    expect(result.member).toEqual({ id: 'anna', name: 'Анна Фёдорова' });
    expect(result.ruleName).toBe('VIP Москва');
    expect(result.reasons).toEqual(describeRoutingSteps(result.decision.steps));
    expect(result.reasons[0]).toBe('rule 1 "Тёплые лиды" did not match (stage=ACTIVE)');
  });

  it('passes over absent and full people to the next rule, then to the director', () => {
    const result = simulateRouting({ ...DEFAULT_SIMULATOR_CLIENT, stage: 'ACTIVE', region: 'Москва', ownershipForm: 'GOVERNMENT' }, RULES, MEMBERS);
    expect(result.member?.id).toBe('dir');
    expect(result.decision.fallback).toBe(true);
    const steps = routingStepMessages(result.decision.steps, buildCandidates(MEMBERS), { stage: 'ACTIVE', category: null }, (r) => r ?? '—').map((m) => t(m.key, m.named));
    expect(steps).toEqual([
      'rule 1 «Тёплые лиды» did not match (stage=ACTIVE)',
      'rule 2 «VIP Москва» did not match (vip=no)',
      'rule 3 «Госсектор Москва» matched: region=Москва, ownership=GOVERNMENT',
      'Юлия Зайцева skipped: absent (vacation or sick leave)',
      'rule «Госсектор Москва»: nobody eligible, trying the next rule',
      'rule 4 «Дилеры: Москва» matched: region=Москва',
      'Иван Петров skipped: at capacity (40/40)',
      'rule «Дилеры: Москва»: nobody eligible, trying the next rule',
      'no rule found anyone: fallback to Андрей Соколов',
    ]);
  });

  it('chooses the least loaded hunter of a pool for a warm lead, and says why others do not fit, in Russian', () => {
    const client = { ...DEFAULT_SIMULATOR_CLIENT, stage: 'PROSPECT' as const, category: 2 };
    const result = simulateRouting(client, RULES, MEMBERS);
    expect(result.member?.id).toBe('h1');
    const steps = routingStepMessages(result.decision.steps, buildCandidates(MEMBERS), client, (r) => (r ? tRu(`stageRoles.${r}`) : '—')).map((m) => tRu(m.key, m.named));
    expect(steps).toEqual([
      'правило 1 «Тёплые лиды» подошло: stage=PROSPECT',
      'Николай Егоров пропущен(а): ведёт категорию 1, а клиент категории 2',
      'выбран(а) Алексей Новиков: наименее загружен(а) (30/40)',
    ]);
    const farmerOnly = routingStepMessages(
      [{ kind: 'MEMBER_SKIPPED', memberId: 'ivan', name: 'Иван Петров', why: 'NOT_IN_MATRIX_CELL', detail: '' }],
      buildCandidates(MEMBERS),
      client,
      (r) => (r ? tRu(`stageRoles.${r}`) : '—'),
    ).map((m) => tRu(m.key, m.named));
    expect(farmerOnly).toEqual(['Иван Петров пропущен(а): работает как «Фермер (МРК)», а клиенту нужен «Охотник (МПК)»']);
  });

  it('leaves the client with nobody when there is no director to fall back to', () => {
    const result = simulateRouting({ ...DEFAULT_SIMULATOR_CLIENT, stage: 'LOST' }, [], MEMBERS.filter((m) => m.role !== 'DIRECTOR'));
    expect(result.member).toBeNull();
    expect(routingStepMessages(result.decision.steps, new Map(), { stage: 'LOST', category: null }, () => '').map((m) => t(m.key, m.named))).toEqual([
      'no rule found anyone and there is no fallback: the client stays unassigned',
    ]);
  });
});
