import type { SprintStatus } from '@salescircle/shared';
import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { toAppError, type AppError } from '@/graphql/client';
import { SprintsDocument, type SprintSummaryFragment } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';

export type SprintSummary = SprintSummaryFragment;

/**
 * Loads something for a key (a team, a sprint): again whenever the key changes, nothing
 * while it is null; a newer load wins over one still in flight.
 */
export function useKeyedLoad<T>(key: MaybeRefOrGetter<string | null>, load: (key: string) => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  let run = 0;

  async function refetch(): Promise<void> {
    const current = ++run;
    const value = toValue(key);
    if (!value) {
      data.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const result = await load(value);
      if (current === run) data.value = result;
    } catch (caught) {
      if (current === run) error.value = toAppError(caught);
    } finally {
      if (current === run) loading.value = false;
    }
  }

  watch(
    () => toValue(key),
    () => {
      data.value = null;
      void refetch();
    },
    { immediate: true },
  );
  return { data, loading, error, refetch };
}

/**
 * A team's sprints and the one a page shows: `?sprint=` when it is one of `statuses`, else
 * the running one, else the newest of those statuses.
 */
export function useSprintChoice(teamId: MaybeRefOrGetter<string | null>, statuses: readonly SprintStatus[]) {
  const client = useGraphQLClient();
  const route = useRoute();
  const router = useRouter();
  const list = useKeyedLoad(teamId, async (team) => (await client.request(SprintsDocument, { teamId: team })).sprints);
  const sprints = computed(() => (list.data.value ?? []).filter((s) => statuses.includes(s.status)));
  const sprintId = computed(() => {
    const wanted = typeof route.query.sprint === 'string' ? route.query.sprint : null;
    if (wanted && sprints.value.some((s) => s.id === wanted)) return wanted;
    return (sprints.value.find((s) => s.status === 'ACTIVE') ?? sprints.value[0])?.id ?? null;
  });
  const sprint = computed(() => sprints.value.find((s) => s.id === sprintId.value) ?? null);

  function pick(id: string): void {
    void router.replace({ query: { ...route.query, sprint: id } });
  }

  return { ...list, sprints, sprintId, sprint, pick };
}
