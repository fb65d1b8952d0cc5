import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { AnalyticsFilterOptionsDocument } from '@/graphql/generated';
import { analyticsFilterToQuery } from '@/utils/analytics';
import { funnelFilterFromQuery, funnelFilterToQuery, type FunnelFilterState } from '@/utils/funnel-filter';
import { useQuery } from './use-graphql';

/**
 * The funnel's whole filter (pipeline, team, person, period and the segment) kept in the
 * address, so a link reproduces the view. A change shows at once, before the address
 * catches up, so quick changes build on each other.
 */
export function useFunnelFilter() {
  const route = useRoute();
  const router = useRouter();
  const filter = ref<FunnelFilterState>(funnelFilterFromQuery(route.query));
  watch(
    () => route.query,
    (query) => {
      filter.value = funnelFilterFromQuery(query);
    },
  );
  function setFilter(next: FunnelFilterState): void {
    filter.value = next;
    void router.replace({ query: funnelFilterToQuery(next) });
  }
  /** What the other analytics pages share (pipeline, team, person, period): the tabs carry it. */
  const sharedQuery = computed(() => analyticsFilterToQuery(filter.value));
  return { filter, setFilter, sharedQuery };
}

/** The products, regions and industries the filter can pick. */
export function useFunnelFilterOptions() {
  const { data } = useQuery(AnalyticsFilterOptionsDocument);
  return {
    products: computed(() => data.value?.analyticsFilterOptions.products ?? []),
    regions: computed(() => data.value?.analyticsFilterOptions.regions ?? []),
    industries: computed(() => data.value?.analyticsFilterOptions.industries ?? []),
  };
}
