import { applyAssignment, decideRouting, describeRoutingSteps, type RoutingCandidate, type RoutingClient, type RoutingContext, type RoutingRule } from './decide-routing';
import { findRuleOverlaps } from './find-rule-overlaps';

const client: RoutingClient = {
  id: 'c1',
  region: 'Сибирь',
  industry: 'Retail',
  productLines: ['Сетевое оборудование'],
  vip: false,
  channel: 'DEALER',
  ownershipForm: 'COMMERCIAL',
  category: 2,
  stage: 'PROSPECT',
  annualPotential: 1_000_000,
};
const on = { available: true, reason: null } as const;
const hunter = (id: string, name: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  id,
  name,
  stageRole: 'HUNTER',
  category: 2,
  availability: on,
  activeClients: 10,
  capacityClients: 40,
  potentialTotal: 0,
  ...over,
});
const context = (candidates: RoutingCandidate[], over: Partial<RoutingContext> = {}): RoutingContext => ({
  candidates: new Map(candidates.map((c) => [c.id, c])),
  roundRobinCursor: new Map(),
  fallbackMemberId: null,
  respectShifts: false,
  ...over,
});
const pool = (id: string, position: number, memberIds: string[], strategy: 'ROUND_ROBIN' | 'LEAST_LOADED' | 'BALANCED_POTENTIAL', conditions = {}): RoutingRule => ({
  id,
  name: id,
  position,
  active: true,
  conditions,
  target: { kind: 'POOL', memberIds, strategy },
});

describe('decideRouting', () => {
  it('explains the article example: rule matched, A on vacation, B at capacity, C least loaded', () => {
    const a = hunter('a', 'A', { availability: { available: false, reason: 'ABSENT' } });
    const b = hunter('b', 'B', { activeClients: 40 });
    const c = hunter('c', 'C', { activeClients: 12 });
    const d = hunter('d', 'D', { activeClients: 30 });
    const rules = [pool('moscow', 1, ['a'], 'LEAST_LOADED', { regions: ['Москва'] }), pool('siberia', 3, ['a', 'b', 'c', 'd'], 'LEAST_LOADED', { regions: ['Сибирь'] })];
    const decision = decideRouting(client, rules, context([a, b, c, d]));
    expect(decision).toMatchObject({ memberId: 'c', ruleId: 'siberia', fallback: false });
    expect(describeRoutingSteps(decision.steps)).toEqual([
      'rule 1 "moscow" did not match (region=Сибирь)',
      'rule 3 "siberia" matched region=Сибирь',
      'A skipped: absent (vacation or sick leave)',
      'B skipped: at capacity 40/40',
      'C chosen: least loaded 12/40',
    ]);
  });

  it('takes only members whose matrix cell fits the client stage and category', () => {
    const farmer = hunter('f', 'Farmer', { stageRole: 'FARMER', activeClients: 0 });
    const cat1 = hunter('h1', 'Hunter cat 1', { category: 1, activeClients: 0 });
    const ok = hunter('h2', 'Hunter cat 2', { activeClients: 30 });
    const decision = decideRouting(client, [pool('all', 1, ['f', 'h1', 'h2'], 'LEAST_LOADED')], context([farmer, cat1, ok]));
    expect(decision.memberId).toBe('h2');
    expect(decision.steps.filter((s) => s.kind === 'MEMBER_SKIPPED').map((s) => (s as { why: string }).why)).toEqual(['NOT_IN_MATRIX_CELL', 'NOT_IN_MATRIX_CELL']);
  });

  it('says once why several members of a pool were skipped for the same reason', () => {
    const farmers = ['f1', 'f2', 'f3'].map((id, i) => hunter(id, `Farmer ${i + 1}`, { stageRole: 'FARMER', activeClients: 0 }));
    const cat1 = hunter('h1', 'Hunter cat 1', { category: 1, activeClients: 0 });
    const full = hunter('h3', 'Full', { activeClients: 40 });
    const ok = hunter('h2', 'Hunter cat 2', { activeClients: 30 });
    const decision = decideRouting(client, [pool('all', 1, ['f1', 'h1', 'f2', 'h3', 'f3', 'h2'], 'LEAST_LOADED')], context([...farmers, cat1, full, ok]));
    expect(decision.steps.filter((s) => s.kind === 'MEMBER_SKIPPED')).toHaveLength(5);
    expect(describeRoutingSteps(decision.steps)).toEqual([
      'rule 1 "all" matched (no conditions)',
      'Farmer 1, Farmer 2, Farmer 3 skipped: serves FARMER, client needs HUNTER',
      'Hunter cat 1 skipped: serves category 1, client is category 2',
      'Full skipped: at capacity 40/40',
      'Hunter cat 2 chosen: least loaded 30/40',
    ]);
  });

  it('does not hold the raw base (LEAD) to a category', () => {
    const prospector = hunter('p', 'Prospector', { stageRole: 'PROSPECTOR', category: 3 });
    expect(decideRouting({ ...client, stage: 'LEAD', category: 1 }, [pool('cold', 1, ['p'], 'ROUND_ROBIN')], context([prospector])).memberId).toBe('p');
  });

  it('skips people off shift only for new leads handled now', () => {
    const off = hunter('o', 'Off', { availability: { available: false, reason: 'OFF_SHIFT' }, activeClients: 0 });
    const busy = hunter('b', 'Busy', { activeClients: 20 });
    const rules = [pool('p', 1, ['o', 'b'], 'LEAST_LOADED')];
    expect(decideRouting(client, rules, context([off, busy])).memberId).toBe('o');
    expect(decideRouting(client, rules, context([off, busy], { respectShifts: true })).memberId).toBe('b');
  });

  it('falls through to the next rule when nobody is eligible, then to the fallback', () => {
    const paused = hunter('p', 'Paused', { availability: { available: false, reason: 'PAUSED' } });
    const lead = hunter('l', 'Lead', { stageRole: null, category: null, activeClients: 100, capacityClients: 10 });
    const rules = [pool('first', 1, ['p'], 'ROUND_ROBIN'), pool('second', 2, ['p'], 'ROUND_ROBIN')];
    const decision = decideRouting(client, rules, context([paused, lead], { fallbackMemberId: 'l' }));
    expect(decision).toMatchObject({ memberId: 'l', ruleId: null, fallback: true });
    expect(describeRoutingSteps(decision.steps).at(-1)).toBe('no rule found anyone: fallback to Lead');
    expect(decideRouting(client, rules, context([paused])).memberId).toBeNull();
  });

  it('rotates round robin after the last member served, skipping the ineligible', () => {
    const members = [hunter('a', 'A'), hunter('b', 'B', { availability: { available: false, reason: 'ABSENT' } }), hunter('c', 'C')];
    const rules = [pool('rr', 1, ['a', 'b', 'c'], 'ROUND_ROBIN')];
    expect(decideRouting(client, rules, context(members)).memberId).toBe('a');
    expect(decideRouting(client, rules, context(members, { roundRobinCursor: new Map([['rr', 'a']]) })).memberId).toBe('c');
    expect(decideRouting(client, rules, context(members, { roundRobinCursor: new Map([['rr', 'c']]) })).memberId).toBe('a');
  });

  it('balances potential and spreads a batch evenly when loads are updated', () => {
    let candidates = [hunter('a', 'A', { potentialTotal: 5_000_000 }), hunter('b', 'B', { potentialTotal: 1_000_000 })];
    const rules = [pool('bp', 1, ['a', 'b'], 'BALANCED_POTENTIAL')];
    const chosen: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const decision = decideRouting(client, rules, context(candidates));
      chosen.push(decision.memberId!);
      candidates = candidates.map((c) => (c.id === decision.memberId ? applyAssignment(c, client) : c));
    }
    expect(chosen).toEqual(['b', 'b', 'b', 'b', 'a', 'b']);
  });

  it('gives a named member the client without a matrix check, but not when absent', () => {
    const kam = hunter('k', 'KAM', { stageRole: 'KEY_ACCOUNT', category: 1 });
    const named: RoutingRule = { id: 'vip', name: 'VIP', position: 1, active: true, conditions: { vip: true }, target: { kind: 'MEMBER', memberId: 'k' } };
    expect(decideRouting({ ...client, vip: true }, [named], context([kam])).memberId).toBe('k');
    expect(decideRouting({ ...client, vip: true }, [named], context([{ ...kam, availability: { available: false, reason: 'ABSENT' } }])).memberId).toBeNull();
    expect(decideRouting(client, [named], context([kam])).memberId).toBeNull();
  });

  it('decides and explains a bulk run with remembered refusals exactly as client by client from scratch', () => {
    // a session: one candidates map, loads carried from client to client, members changed in place of their objects
    const roles = ['HUNTER', 'FARMER', 'KEY_ACCOUNT'] as const;
    const members = Array.from({ length: 12 }, (_, i) =>
      hunter(`m${i}`, `M${i}`, { stageRole: roles[i % 3], category: 1 + (i % 2), activeClients: i % 5, capacityClients: i === 4 ? 6 : 40 }),
    );
    const rules = [pool('north', 1, members.slice(0, 6).map((m) => m.id), 'LEAST_LOADED', { regions: ['Север'] }), pool('all', 2, members.map((m) => m.id), 'LEAST_LOADED')];
    const session = context(members);
    const candidates = session.candidates as Map<string, RoutingCandidate>;
    const stages = ['PROSPECT', 'ACTIVE', 'STRATEGIC'] as const;
    for (let i = 0; i < 60; i += 1) {
      const one: RoutingClient = { ...client, id: `c${i}`, region: i % 4 === 0 ? 'Север' : 'Юг', stage: stages[i % 3], category: 1 + (i % 2) };
      if (i === 30) candidates.set('m1', { ...candidates.get('m1')!, name: 'M1 renamed', stageRole: 'HUNTER' }); // a member changed mid-run
      const bulk = decideRouting(one, rules, session);
      // from scratch: copies of the candidates in a new map (nothing remembered), and copies of the steps (no sentence remembered)
      const fresh = decideRouting(one, rules, { ...session, candidates: new Map([...candidates].map(([id, c]) => [id, { ...c }])) });
      expect(bulk).toEqual(fresh);
      expect(describeRoutingSteps(bulk.steps)).toEqual(describeRoutingSteps(structuredClone(fresh.steps)));
      if (bulk.memberId) candidates.set(bulk.memberId, applyAssignment(candidates.get(bulk.memberId)!, one));
    }
  });

  it('ignores inactive rules and matches values case-insensitively', () => {
    const rules = [{ ...pool('off', 1, ['a'], 'ROUND_ROBIN'), active: false }, pool('on', 2, ['b'], 'ROUND_ROBIN', { regions: ['сибирь'] })];
    expect(decideRouting(client, rules, context([hunter('a', 'A'), hunter('b', 'B')])).memberId).toBe('b');
  });
});

describe('findRuleOverlaps', () => {
  it('warns when two rules can match the same clients, with an example', () => {
    const rules = [
      pool('vip-moscow', 1, [], 'ROUND_ROBIN', { vip: true, regions: ['Москва'] }),
      pool('moscow-dealers', 2, [], 'ROUND_ROBIN', { regions: ['Москва', 'Тверь'], channels: ['DEALER'] }),
      pool('government', 3, [], 'ROUND_ROBIN', { ownershipForms: ['GOVERNMENT'], vip: false }),
    ];
    const overlaps = findRuleOverlaps(rules);
    expect(overlaps.map((o) => [o.firstRuleId, o.secondRuleId])).toEqual([
      ['vip-moscow', 'moscow-dealers'],
      ['moscow-dealers', 'government'],
    ]);
    expect(overlaps[0].example).toBe('region=Москва, channel=DEALER, vip=yes');
    expect(overlaps[0].message).toMatch(/"vip-moscow" comes first/);
  });

  it('finds no overlap between disjoint regions, VIP flags or potential ranges', () => {
    expect(
      findRuleOverlaps([
        pool('a', 1, [], 'ROUND_ROBIN', { regions: ['Урал'] }),
        pool('b', 2, [], 'ROUND_ROBIN', { regions: ['Юг'] }),
        pool('c', 3, [], 'ROUND_ROBIN', { vip: true, potentialMin: 10 }),
        pool('d', 4, [], 'ROUND_ROBIN', { vip: true, potentialMax: 10 }),
      ]).map((o) => [o.firstRuleId, o.secondRuleId]),
    ).toEqual([
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
    ]);
  });
});
