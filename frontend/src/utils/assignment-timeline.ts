import type { AssignmentKind, AssignmentEntryFragment, ClientStage } from '@/graphql/generated';
import { criteriaValueMessages, type CriterionValueKey, type Message } from './handoff-criteria';

/** One entry of a client's owner history, ready to draw. */
export interface TimelineItem {
  id: string;
  kind: AssignmentKind;
  at: string;
  /** Names; null: nobody (a new client, or an unowned one). */
  from: string | null;
  to: string | null;
  /** Whether the owner changed (a handoff or routing may keep the same person). */
  ownerChanged: boolean;
  /** Set when the entry moved the client to another stage. */
  stageChange: { from: ClientStage | null; to: ClientStage } | null;
  ruleName: string | null;
  /** The criterion values that fired, one labelled line each. */
  criteria: Message<CriterionValueKey>[];
  reasons: string[];
  /** Who did it; null: the system (routing, handoff rules, jobs). */
  actor: string | null;
}

/** The assignment records (newest first, as the API gives them) as timeline items. */
export function timelineItems(records: readonly AssignmentEntryFragment[], locale: string, currency = 'RUB'): TimelineItem[] {
  return records.map((record) => {
    const from = record.from?.name ?? null;
    const to = record.to?.name ?? null;
    const stageChange = record.toStage && record.fromStage !== record.toStage ? { from: record.fromStage ?? null, to: record.toStage } : null;
    return {
      id: record.id,
      kind: record.kind,
      at: record.at,
      from,
      to,
      ownerChanged: (record.from?.id ?? null) !== (record.to?.id ?? null),
      stageChange,
      ruleName: record.ruleName ?? null,
      criteria: criteriaValueMessages(record.criteria, locale, currency),
      reasons: record.reasons.filter((reason) => reason.trim() !== ''),
      actor: record.actorName?.trim() ? record.actorName : null,
    };
  });
}

/** A moment as the viewer reads it: "12 Mar 2026, 14:05" / "12 мар. 2026 г., 14:05". */
export function formatMoment(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}
