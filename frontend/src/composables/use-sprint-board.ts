import type { ProcessStatus } from '@salescircle/shared';
import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import {
  ActiveSprintDocument,
  BoardChangedDocument,
  MoveProcessDocument,
  SprintBoardDocument,
  type ProcessCardFragment,
  type SprintBoardFragment,
} from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { applyMove, boardColumns, debounce, dropPosition } from '@/utils/sprint-board';
import { useSubscription } from './use-subscription';

export type BoardProcess = ProcessCardFragment;
export type BoardSprint = SprintBoardFragment;

export interface MoveRequest {
  id: string;
  status: ProcessStatus;
  /** Place it before this card of the column; at the end when null or missing. */
  beforeId?: string | null;
  blockedReason?: string;
  overrideWip?: boolean;
}

/** How soon after a board event the board reloads (a burst of events is one reload). */
export const LIVE_RELOAD_MS = 200;

/**
 * A team's running sprint (or one chosen sprint) as a board: loaded when the team changes,
 * reloaded live when anyone changes the team's board (boardChanged), and moves shown at once
 * and put back when the server refuses them.
 */
export function useSprintBoard(teamId: MaybeRefOrGetter<string | null>, sprintId: MaybeRefOrGetter<string | null> = null) {
  const client = useGraphQLClient();
  const sprint = shallowRef<BoardSprint | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const moving = ref<string | null>(null);
  const moveError = shallowRef<{ error: AppError; request: MoveRequest; title: string } | null>(null);
  /** Board events seen since the page opened (the live badge). */
  const liveEvents = ref(0);
  let run = 0;

  async function load(): Promise<void> {
    const team = toValue(teamId);
    const chosen = toValue(sprintId);
    const current = ++run;
    if (!team) {
      sprint.value = null;
      loaded.value = false;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const next = chosen
        ? (await client.request(SprintBoardDocument, { id: chosen })).sprint
        : (await client.request(ActiveSprintDocument, { teamId: team })).activeSprint;
      if (current !== run) return;
      sprint.value = next ?? null;
      loaded.value = true;
    } catch (caught) {
      if (current === run) error.value = toAppError(caught);
    } finally {
      if (current === run) loading.value = false;
    }
  }

  watch(
    () => `${toValue(teamId) ?? ''}|${toValue(sprintId) ?? ''}`,
    () => {
      sprint.value = null;
      loaded.value = false;
      void load();
    },
    { immediate: true },
  );

  const reload = debounce(() => void load(), LIVE_RELOAD_MS);
  onScopeDispose(reload.cancel);
  useSubscription(BoardChangedDocument, () => {
    const team = toValue(teamId);
    return team ? { teamId: team } : null;
  }, {
    next: () => {
      liveEvents.value += 1;
      reload.call();
    },
    reconnected: () => reload.call(),
  });

  async function move(request: MoveRequest): Promise<boolean> {
    const before = sprint.value;
    const card = before?.processes.find((p) => p.id === request.id);
    if (!before || !card) return false;
    const column = boardColumns(before.processes)[request.status];
    if (card.status === request.status && (request.beforeId ?? null) === null && column[column.length - 1]?.id === card.id) return true;
    const position = dropPosition(column, card.id, request.beforeId ?? null);
    sprint.value = { ...before, processes: applyMove(before.processes, card.id, request.status, position) };
    moving.value = card.id;
    moveError.value = null;
    try {
      const { moveProcess } = await client.request(MoveProcessDocument, {
        id: card.id,
        status: request.status,
        position,
        blockedReason: request.blockedReason ?? null,
        overrideWip: request.overrideWip ?? null,
      });
      const now = sprint.value;
      if (now) sprint.value = { ...now, processes: now.processes.map((p) => (p.id === moveProcess.id ? moveProcess : p)) };
      // The WIP counts come from the server.
      reload.call();
      return true;
    } catch (caught) {
      const appError = toAppError(caught);
      const now = sprint.value;
      if (now) sprint.value = { ...now, processes: now.processes.map((p) => (p.id === card.id ? card : p)) };
      moveError.value = { error: appError, request, title: card.title };
      if (appError.code === 'CONFLICT' || appError.code === 'NOT_FOUND') void load();
      return false;
    } finally {
      moving.value = null;
    }
  }

  return { sprint, loaded, loading, error, refetch: load, move, moving, moveError, liveEvents };
}
