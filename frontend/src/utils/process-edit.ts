import { checkDueInSprint, type ProcessPriority, type TargetKind } from '@salescircle/shared';
import type { ProcessDetailFragment, UpdateProcessInput } from '@/graphql/generated';
import { localDay } from './sprint-board';

export type LinkedClient = ProcessDetailFragment['clients'][number];
export type LinkedDeal = ProcessDetailFragment['deals'][number];

/** What the edit form of a process holds: text as typed, dates as YYYY-MM-DD ('' for none). */
export interface ProcessDraft {
  title: string;
  description: string;
  startsOn: string;
  dueOn: string;
  ownerId: string;
  priority: ProcessPriority;
  targetKind: TargetKind;
  /** As typed; a number once a number field's v-model has cast it. */
  target: string | number;
  clients: LinkedClient[];
  deals: LinkedDeal[];
}

export type ProcessDraftField = 'title' | 'description' | 'startsOn' | 'dueOn' | 'target';
export type ProcessDraftProblem = 'titleRequired' | 'titleTooLong' | 'descriptionTooLong' | 'targetInvalid' | 'datesOrder' | 'dueBeforeSprint';

/** The limits the API checks (UpdateProcessInput), checked here first. */
export const PROCESS_EDIT_LIMITS = { title: 200, description: 5000, target: 1e15 } as const;

export function processDraft(process: ProcessDetailFragment): ProcessDraft {
  return {
    title: process.title,
    description: process.description,
    startsOn: process.startsOn ?? '',
    dueOn: process.dueAt ? localDay(process.dueAt) : '',
    ownerId: process.owner?.id ?? '',
    priority: process.priority,
    targetKind: process.targetKind,
    target: String(process.target),
    clients: [...process.clients],
    deals: [...process.deals],
  };
}

/**
 * Why the draft cannot be saved, by field; empty when it can. With the process as it was opened,
 * a due date moved before the first day of its sprint too (the API's DUE_BEFORE_SPRINT, the
 * shared rule): only a changed date, since a process carried over keeps its overdue one.
 */
export function draftProblems(draft: ProcessDraft, opened?: Pick<ProcessDetailFragment, 'dueAt' | 'sprint'>): Partial<Record<ProcessDraftField, ProcessDraftProblem>> {
  const problems: Partial<Record<ProcessDraftField, ProcessDraftProblem>> = {};
  const title = draft.title.trim();
  if (!title) problems.title = 'titleRequired';
  else if (title.length > PROCESS_EDIT_LIMITS.title) problems.title = 'titleTooLong';
  if (draft.description.trim().length > PROCESS_EDIT_LIMITS.description) problems.description = 'descriptionTooLong';
  const target = Number(draft.target);
  if (String(draft.target).trim() === '' || !Number.isFinite(target) || target < 0 || target > PROCESS_EDIT_LIMITS.target) problems.target = 'targetInvalid';
  if (draft.startsOn && draft.dueOn && draft.startsOn > draft.dueOn) problems.dueOn = 'datesOrder';
  else if (opened && draft.dueOn !== (opened.dueAt ? localDay(opened.dueAt) : '') && checkDueInSprint(draft.dueOn, opened.sprint?.startsOn)) problems.dueOn = 'dueBeforeSprint';
  return problems;
}

/** A due day as the moment the API keeps: 18:00 of that day where the viewer is (as a new process gets it). */
export function dueMoment(day: string): string {
  return new Date(`${day}T18:00:00`).toISOString();
}

const sameIds = (a: readonly { id: string }[], b: readonly { id: string }[]) => {
  const left = a.map((x) => x.id).sort();
  const right = b.map((x) => x.id).sort();
  return left.length === right.length && left.every((id, i) => id === right[i]);
};

/**
 * Only what the draft changes against the process as it was opened (the API leaves the other
 * fields alone); clients and deals as whole lists, since the API replaces them.
 */
export function processChanges(process: ProcessDetailFragment, draft: ProcessDraft): Omit<UpdateProcessInput, 'expectedVersion'> {
  const before = processDraft(process);
  const changes: Omit<UpdateProcessInput, 'expectedVersion'> = {};
  if (draft.title.trim() !== before.title.trim()) changes.title = draft.title.trim();
  if (draft.description.trim() !== before.description.trim()) changes.description = draft.description.trim();
  if (draft.startsOn !== before.startsOn) changes.startsOn = draft.startsOn || null;
  if (draft.dueOn !== before.dueOn) changes.dueAt = draft.dueOn ? dueMoment(draft.dueOn) : null;
  if (draft.ownerId && draft.ownerId !== before.ownerId) changes.ownerId = draft.ownerId;
  if (draft.priority !== before.priority) changes.priority = draft.priority;
  if (draft.targetKind !== before.targetKind) changes.targetKind = draft.targetKind;
  if (Number(draft.target) !== process.target) changes.target = Number(draft.target);
  if (!sameIds(draft.clients, before.clients)) changes.clientIds = draft.clients.map((c) => c.id);
  if (!sameIds(draft.deals, before.deals)) changes.dealIds = draft.deals.map((d) => d.id);
  return changes;
}
