import type { ProcessCardFragment, ProcessDetailFragment, SprintBoardFragment } from '@/graphql/generated';
import { PEOPLE } from './circle-fixtures';

/** A board process of the test circle's North team. */
export function boardProcess(id: string, status: ProcessCardFragment['status'], extra: Partial<ProcessCardFragment> = {}): ProcessCardFragment {
  return {
    id,
    title: `Process ${id}`,
    status,
    priority: 'MEDIUM',
    approval: 'APPROVED',
    owner: { id: PEOPLE.rep, name: 'Rita Rep' },
    coOwners: [],
    createdAt: '2026-11-24T09:00:00.000Z',
    startsOn: '2026-11-25',
    dueAt: '2026-12-04T18:00:00.000Z',
    doneAt: null,
    overdue: false,
    target: 40,
    targetKind: 'CALLS',
    progress: 10,
    progressRatio: 0.25,
    blockedReason: null,
    blockedSince: null,
    position: 1,
    version: 1,
    sprintId: 's-20',
    teamId: 't-north',
    templateKey: null,
    ...extra,
  };
}

export function boardSprint(processes: ProcessCardFragment[]): SprintBoardFragment {
  return {
    id: 's-20',
    teamId: 't-north',
    name: 'Sprint 20',
    goal: 'December push',
    startsOn: '2026-11-25',
    endsOn: '2026-12-08',
    status: 'ACTIVE',
    version: 1,
    startedAt: '2026-11-25T06:00:00.000Z',
    closedAt: null,
    wip: [
      { memberId: null, memberName: null, active: processes.filter((p) => p.status !== 'DONE').length, limit: 20 },
      { memberId: PEOPLE.rep, memberName: 'Rita Rep', active: 2, limit: 5 },
    ],
    processes,
  };
}

/** The process page's process: a board process with its description, links, checklist and history. */
export function processDetail(extra: Partial<ProcessDetailFragment> = {}): ProcessDetailFragment {
  return {
    ...boardProcess('p1', 'IN_PROGRESS'),
    title: 'Call the Volga dealers',
    description: 'Stock left over from November.',
    segment: null,
    rejectedReason: null,
    sprint: { id: 's-20', name: 'Sprint 20', startsOn: '2026-11-23' },
    clients: [{ id: 'c-volga', name: 'Volga Dealer', stage: 'ACTIVE', ownerName: 'Rita Rep' }],
    deals: [{ id: 'd-volga-1', title: 'Volga spring batch', amount: '250000', stageName: 'Proposal', stageKind: 'OPEN' }],
    steps: [{ id: 'st-1', title: 'Make the list', done: true, doneAt: '2026-11-25T10:00:00.000Z', position: 0 }],
    reminders: [],
    history: [{ id: 'h-1', kind: 'CREATED', at: '2026-11-24T09:00:00.000Z', actorName: 'Lena Lead', fromStatus: null, toStatus: 'TODO', note: null, units: null, sprintId: 's-20' }],
    ...extra,
  };
}
