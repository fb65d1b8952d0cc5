import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { toAppError, type AppError } from '@/graphql/client';
import { PipelinesDocument, ScorecardsDocument, type ScorecardFieldsFragment } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { analyticsFilterFromQuery, analyticsFilterToQuery, type AnalyticsFilterState } from '@/utils/analytics';
import { useQuery } from './use-graphql';
import { useTeams } from './use-teams';

export type ScorecardData = ScorecardFieldsFragment;

/**
 * The analytics filter kept in the address, so a view can be shared and survives a reload.
 * A change shows at once (before the address catches up), so quick changes build on each other.
 */
export function useAnalyticsFilter(keep: readonly string[] = []) {
  const route = useRoute();
  const router = useRouter();
  const filter = ref<AnalyticsFilterState>(analyticsFilterFromQuery(route.query));
  watch(
    () => route.query,
    (query) => {
      filter.value = analyticsFilterFromQuery(query);
    },
  );
  /** Other query keys the page keeps (the forecast's period). */
  const kept = computed(() => Object.fromEntries(keep.filter((k) => route.query[k] !== undefined).map((k) => [k, route.query[k]])));
  function setFilter(next: AnalyticsFilterState): void {
    filter.value = next;
    void router.replace({ query: { ...kept.value, ...analyticsFilterToQuery(next) } });
  }
  return { filter, setFilter, query: computed(() => ({ ...kept.value, ...analyticsFilterToQuery(filter.value) })) };
}

/** What the filter offers: the organization's pipelines and the teams (with people) the viewer sees. */
export function useAnalyticsOptions() {
  const pipelines = useQuery(PipelinesDocument);
  const teams = useTeams();
  return {
    pipelines: computed(() => pipelines.data.value?.pipelines ?? []),
    teams: computed(() => teams.data.value?.teams ?? []),
    teamsLoading: teams.loading,
  };
}

/**
 * Scorecards of several people in one request (batched on the server, each over their own
 * running sprint), again when the list changes. If the request fails, every person is
 * reported as failed, none silently dropped.
 */
export function useScorecards(memberIds: MaybeRefOrGetter<readonly string[]>) {
  const client = useGraphQLClient();
  const cards = shallowRef<ReadonlyMap<string, ScorecardData>>(new Map());
  const failed = shallowRef<ReadonlyMap<string, AppError>>(new Map());
  const loading = ref(false);
  let run = 0;

  async function refetch(): Promise<void> {
    const current = ++run;
    const ids = [...toValue(memberIds)];
    loading.value = ids.length > 0;
    const found = new Map<string, ScorecardData>();
    const errors = new Map<string, AppError>();
    if (ids.length > 0) {
      try {
        for (const card of (await client.request(ScorecardsDocument, { memberIds: ids })).scorecards) found.set(card.member.id, card);
      } catch (caught) {
        const error = toAppError(caught);
        for (const id of ids) errors.set(id, error);
      }
    }
    if (current !== run) return;
    cards.value = found;
    failed.value = errors;
    loading.value = false;
  }

  watch(() => toValue(memberIds).join(','), () => void refetch(), { immediate: true });
  return { cards, failed, loading, refetch };
}
