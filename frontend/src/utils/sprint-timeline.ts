import type { ProcessStatus } from '@salescircle/shared';
import { localDay } from './sprint-board';

const DAY_MS = 86_400_000;

function toUtc(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every day of a sprint, first to last (YYYY-MM-DD); empty when the dates are not valid. */
export function sprintDays(startsOn: string, endsOn: string): string[] {
  const start = toUtc(startsOn);
  const end = toUtc(endsOn);
  if (start === null || end === null || end < start) return [];
  const days: string[] = [];
  for (let at = start; at <= end && days.length < 120; at += DAY_MS) days.push(fromUtc(at));
  return days;
}

/** Whether a day (YYYY-MM-DD) falls on a Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const ms = toUtc(day);
  if (ms === null) return false;
  const weekday = new Date(ms).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export interface TimelineProcess {
  id: string;
  title: string;
  status: ProcessStatus;
  createdAt: string;
  startsOn?: string | null;
  dueAt?: string | null;
  overdue: boolean;
  owner?: { name: string } | null;
}

export interface TimelineRow<T extends TimelineProcess = TimelineProcess> {
  process: T;
  /** First and last day of the bar (YYYY-MM-DD), before clamping to the sprint. */
  from: string;
  to: string;
  /** Grid columns of the bar, 1-based, end exclusive (CSS grid-column: start / end). */
  columnStart: number;
  columnEnd: number;
  /** It starts before the sprint / is due after it (the bar is cut at the edge). */
  cutStart: boolean;
  cutEnd: boolean;
  /** No due date: the bar runs to the end of the sprint. */
  openEnded: boolean;
  overdue: boolean;
}

/**
 * One bar per process over the sprint's days: from its start (startsOn, else the day it was
 * created) to its due day (else the sprint's end), ordered by start then due day.
 */
export function timelineRows<T extends TimelineProcess>(processes: readonly T[], days: readonly string[]): TimelineRow<T>[] {
  if (days.length === 0) return [];
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const index = (day: string) => {
    if (day <= first) return 0;
    if (day >= last) return days.length - 1;
    const at = days.indexOf(day);
    return at === -1 ? days.findIndex((d) => d > day) : at;
  };
  return processes
    .map((process) => {
      const from = process.startsOn || localDay(process.createdAt) || first;
      const due = process.dueAt ? localDay(process.dueAt) : '';
      const to = due && due >= from ? due : due || last;
      const start = index(from);
      const end = Math.max(start, index(to < from ? from : to));
      return {
        process,
        from,
        to,
        columnStart: start + 1,
        columnEnd: end + 2,
        cutStart: from < first,
        cutEnd: to > last,
        openEnded: !due,
        overdue: process.overdue,
      };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.process.title.localeCompare(b.process.title));
}

/** The column of today within the sprint (1-based), or null when today is outside it. */
export function todayColumn(days: readonly string[], today: string): number | null {
  const at = days.indexOf(today);
  return at === -1 ? null : at + 1;
}

/** How many processes are due on each day of the sprint (to see the load spread out). */
export function dueLoad(rows: readonly TimelineRow[], days: readonly string[]): number[] {
  const counts = days.map(() => 0);
  for (const row of rows) {
    if (row.openEnded) continue;
    const at = days.indexOf(row.to);
    if (at !== -1) counts[at]! += 1;
  }
  return counts;
}
