import { PROCESS_STATUSES, type ProcessStatus, type TargetKind } from '@salescircle/shared';
import { formatMoney, formatNumber } from './money';

/** The board columns, left to right. */
export const BOARD_COLUMNS: readonly ProcessStatus[] = PROCESS_STATUSES;

/** What the board needs of a card. */
export interface BoardCard {
  id: string;
  status: ProcessStatus;
  position: number;
  title: string;
}

export function isProcessStatus(value: unknown): value is ProcessStatus {
  return typeof value === 'string' && (PROCESS_STATUSES as readonly string[]).includes(value);
}

/** The cards of each column in board order (position, then title). */
export function boardColumns<T extends BoardCard>(cards: readonly T[]): Record<ProcessStatus, T[]> {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((status) => [status, [] as T[]])) as Record<ProcessStatus, T[]>;
  for (const card of cards) columns[card.status]?.push(card);
  for (const status of BOARD_COLUMNS) columns[status].sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
  return columns;
}

/**
 * The position of a card dropped into `column` before the card `beforeId` (at the end
 * when null): halfway between its neighbours, so no other card has to move.
 */
export function dropPosition(column: readonly BoardCard[], movingId: string, beforeId: string | null): number {
  const others = column.filter((card) => card.id !== movingId);
  const at = beforeId === null ? -1 : others.findIndex((card) => card.id === beforeId);
  if (others.length === 0) return 1;
  if (at === -1) return others[others.length - 1]!.position + 1;
  const next = others[at]!.position;
  const previous = at === 0 ? next - 2 : others[at - 1]!.position;
  return (previous + next) / 2;
}

/** The cards after a move, as the board shows it before the server answers. */
export function applyMove<T extends BoardCard>(cards: readonly T[], id: string, status: ProcessStatus, position: number): T[] {
  return cards.map((card) => (card.id === id ? { ...card, status, position } : card));
}

export interface WipEntry {
  memberId?: string | null;
  memberName?: string | null;
  active: number;
  limit: number;
}

export type WipTone = 'ok' | 'full' | 'over';

/** At the limit is full (nothing more may start), above it over (a lead overrode it). */
export function wipTone(active: number, limit: number): WipTone {
  if (limit <= 0) return 'ok';
  if (active > limit) return 'over';
  return active === limit ? 'full' : 'ok';
}

/** The team's count (the entry without a member) and each person's, busiest first. */
export function splitWip<T extends WipEntry>(wip: readonly T[]): { team: T | null; people: T[] } {
  const team = wip.find((entry) => !entry.memberId) ?? null;
  const people = wip
    .filter((entry) => !!entry.memberId)
    .sort((a, b) => b.active - a.active || (a.memberName ?? '').localeCompare(b.memberName ?? ''));
  return { team, people };
}

/** Target units as the viewer reads them: roubles for ORDER_AMOUNT, plain numbers otherwise. */
export function formatUnits(value: number, kind: TargetKind | string, locale: string): string {
  return kind === 'ORDER_AMOUNT' ? formatMoney(value, locale) : formatNumber(value, locale);
}

/** Progress as a bar width, 0..100 (over-achieved targets fill the bar). */
export function progressPercent(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 0;
  return Math.min(100, Math.round(ratio * 100));
}

/** The calendar day (YYYY-MM-DD) of a moment in the viewer's time zone. */
export function localDay(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Runs `fn` once after calls stop for `ms` (many board events in a burst become one reload). */
export function debounce(fn: () => void, ms: number): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    call() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
