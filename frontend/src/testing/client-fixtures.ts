import type { AssignmentEntryFragment, ClientRowFragment, HandoffRuleFieldsFragment, PreviewHandoffsQuery } from '@/graphql/generated';
import { PEOPLE } from './circle-fixtures';

const rita = { id: PEOPLE.rep, name: 'Rita Rep' };
const fiona = { id: PEOPLE.farmer, name: 'Fiona Farmer' };

export function clientRow(n: number, extra: Partial<ClientRowFragment> = {}): ClientRowFragment {
  return {
    id: `c-${n}`,
    name: `ООО «Клиент ${n}»`,
    inn: '7707083893',
    region: 'Урал',
    city: 'Пермь',
    industry: 'Банки',
    channel: 'DEALER',
    ownershipForm: 'COMMERCIAL',
    vip: false,
    annualPotential: '1500000.00',
    currency: 'RUB',
    stage: 'ACTIVE',
    category: 3,
    version: n,
    owner: n % 2 === 0 ? fiona : rita,
    ...extra,
  };
}

/** A Clients answer: the rows, the total (capped: more match), and whether another page follows. */
export function clientsReply(rows: ClientRowFragment[], totalCount = rows.length, hasNextPage = false, totalCountCapped = false) {
  return {
    json: {
      data: {
        clients: {
          totalCount,
          totalCountCapped,
          edges: rows.map((node) => ({ cursor: `cur-${node.id}`, node })),
          pageInfo: { endCursor: rows.length ? `cur-${rows[rows.length - 1]!.id}` : null, hasNextPage },
        },
      },
    },
  };
}

export const MEMBER_OPTIONS = [
  { id: PEOPLE.lead, name: 'Lena Lead', role: 'LEAD', stageRole: null, category: null },
  { id: PEOPLE.coach, name: 'Carl Coach', role: 'COACH', stageRole: null, category: null },
  { id: PEOPLE.rep, name: 'Rita Rep', role: 'SALES', stageRole: 'HUNTER', category: 2 },
  { id: PEOPLE.farmer, name: 'Fiona Farmer', role: 'SALES', stageRole: 'FARMER', category: 1 },
] as const;

export const HISTORY: AssignmentEntryFragment[] = [
  {
    id: 'a2',
    kind: 'HANDOFF',
    fromStage: 'PROSPECT',
    toStage: 'ACTIVE',
    ruleName: 'Hunter → farmer',
    criteria: '{"orders":2,"volume":1200000}',
    reasons: ['handoff rule "Hunter → farmer" fired: orders=2', 'Fiona Farmer chosen: least loaded 3/40'],
    actorName: null,
    at: '2030-02-01T09:00:00.000Z',
    from: rita,
    to: fiona,
  },
  {
    id: 'a1',
    kind: 'ROUTING',
    fromStage: null,
    toStage: 'PROSPECT',
    ruleName: 'Warm leads → hunters',
    criteria: null,
    reasons: ['rule 2 "Warm leads → hunters" matched stage=PROSPECT', 'Rita Rep chosen: least loaded 1/40'],
    actorName: null,
    at: '2030-01-10T09:00:00.000Z',
    from: null,
    to: rita,
  },
];

export const HANDOFF_RULES: HandoffRuleFieldsFragment[] = [
  {
    id: 'h1',
    name: 'Hunter → farmer',
    fromStage: 'PROSPECT',
    toStage: 'ACTIVE',
    combinator: 'ANY',
    active: true,
    criteria: [
      { kind: 'ORDER_COUNT', min: 2, windowDays: null, months: null, products: [], productLines: [] },
      { kind: 'VOLUME', min: 1_000_000, windowDays: 90, months: null, products: [], productLines: [] },
    ],
  },
  {
    id: 'h2',
    name: 'Key account by size',
    fromStage: 'REGULAR',
    toStage: 'STRATEGIC',
    combinator: 'ALL',
    active: false,
    criteria: [{ kind: 'POTENTIAL', min: 50_000_000, windowDays: null, months: null, products: [], productLines: [] }],
  },
];

export const PREVIEW: PreviewHandoffsQuery['previewHandoffs'] = {
  id: 'p1',
  asOf: '2030-02-02',
  totalCount: 3,
  items: [
    { fromStage: 'PROSPECT', toStage: 'ACTIVE', criteria: '{"orders":2}', reasons: [], client: { id: 'c-1', name: 'ООО «Первый»' }, from: rita, to: fiona, rule: { id: 'h1', name: 'Hunter → farmer' } },
    { fromStage: 'PROSPECT', toStage: 'ACTIVE', criteria: '{"volume90d":1500000}', reasons: [], client: { id: 'c-2', name: 'ООО «Второй»' }, from: rita, to: fiona, rule: { id: 'h1', name: 'Hunter → farmer' } },
    { fromStage: 'REGULAR', toStage: 'STRATEGIC', criteria: '{"potential":60000000}', reasons: [], client: { id: 'c-3', name: 'АО «Третий»' }, from: fiona, to: null, rule: { id: 'h2', name: 'Key account by size' } },
  ],
};
