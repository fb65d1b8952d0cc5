/**
 * When a reminder fires. Times are epoch milliseconds.
 * - AT: once, at the given time.
 * - BEFORE_DUE: once, `offsetMinutes` before the process is due (follows the due date when it moves).
 * - RECURRING: every `everyDays` days from `at`, while the process is open.
 *
 * The reminder sweep runs the same arithmetic in one SQL statement; a property test holds
 * them equal.
 */
import type { ReminderKind } from '../domain/sprints';

export interface ReminderSpec {
  kind: ReminderKind;
  /** AT and RECURRING: the first time. */
  at: number | null;
  offsetMinutes: number | null;
  everyDays: number | null;
}

const DAY = 86_400_000;

/** The first time the reminder fires (null: never, e.g. BEFORE_DUE without a due date). */
export function firstFireAt(spec: ReminderSpec, dueAt: number | null): number | null {
  if (spec.kind === 'BEFORE_DUE') return dueAt === null ? null : dueAt - (spec.offsetMinutes ?? 0) * 60_000;
  return spec.at;
}

/**
 * After firing at `firedFor` (the scheduled time) when the sweep ran at `now`: the next
 * scheduled time, skipping the slots missed while nothing ran, or null when it is finished.
 */
export function nextFireAfter(spec: ReminderSpec, firedFor: number, now: number): number | null {
  if (spec.kind !== 'RECURRING' || !spec.everyDays || spec.everyDays <= 0) return null;
  const period = spec.everyDays * DAY;
  const missed = Math.floor(Math.max(0, now - firedFor) / period);
  return firedFor + (missed + 1) * period;
}

/** Escalation to the lead: overdue for longer than the grace, or blocked for longer than the limit. */
export function escalationOf(
  process: { status: string; dueAt: number | null; blockedSince: number | null },
  now: number,
  settings: { overdueGraceHours: number; blockedHours: number },
): 'OVERDUE' | 'BLOCKED' | null {
  if (process.status === 'DONE') return null;
  if (process.status === 'BLOCKED' && process.blockedSince !== null && now - process.blockedSince >= settings.blockedHours * 3_600_000) return 'BLOCKED';
  if (process.dueAt !== null && now - process.dueAt >= settings.overdueGraceHours * 3_600_000) return 'OVERDUE';
  return null;
}
