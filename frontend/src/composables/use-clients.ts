import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { ClientsDocument, MemberOptionsDocument, ReassignClientsDocument, type ClientRowFragment } from '@/graphql/generated';
import { toApiFilter, type ClientFilterState } from '@/utils/client-filter';
import { useMutation, useQuery } from './use-graphql';

export type ClientRow = ClientRowFragment;

/** Rows per page: enough to work with, small enough to stay fast on a million clients. */
export const CLIENTS_PAGE_SIZE = 50;

/**
 * The list's total is counted up to this many (then shown as "10 000+"): counting every one of
 * a hundred thousand matching clients would cost each page more than its rows do.
 */
export const CLIENTS_COUNT_LIMIT = 10_000;

/**
 * One page of the clients the viewer may see under a filter, in the API's name order, and
 * the way to the next and previous pages (the cursors of the pages walked are kept; a new
 * filter starts again at the first page). Nothing is loaded while `enabled` is false.
 */
export function useClientList(filter: MaybeRefOrGetter<ClientFilterState>, enabled: MaybeRefOrGetter<boolean> = true) {
  const apiFilter = computed(() => toApiFilter(toValue(filter)));
  const filterKey = computed(() => JSON.stringify(apiFilter.value));
  /** The cursor before each page walked so far (null: the first page), for the filter they belong to. */
  const walk = ref<{ key: string; afters: (string | null)[] }>({ key: filterKey.value, afters: [null] });
  const afters = computed(() => (walk.value.key === filterKey.value ? walk.value.afters : [null]));
  const pageIndex = computed(() => afters.value.length - 1);

  const query = useQuery(
    ClientsDocument,
    () =>
      toValue(enabled)
        ? { filter: apiFilter.value, first: CLIENTS_PAGE_SIZE, after: afters.value[afters.value.length - 1] ?? null, countLimit: CLIENTS_COUNT_LIMIT }
        : { filter: {}, first: 1, after: null, countLimit: 1 },
    { immediate: toValue(enabled) },
  );

  const connection = computed(() => (toValue(enabled) ? (query.data.value?.clients ?? null) : null));
  const rows = computed<ClientRow[]>(() => connection.value?.edges.map((edge) => edge.node) ?? []);
  const totalCount = computed(() => connection.value?.totalCount ?? 0);
  /** More clients match than `totalCount` (the count stopped at CLIENTS_COUNT_LIMIT). */
  const totalCapped = computed(() => connection.value?.totalCountCapped ?? false);
  const hasNext = computed(() => !!connection.value?.pageInfo.hasNextPage);
  const hasPrev = computed(() => pageIndex.value > 0);
  /** 1-based positions of the first and last row shown. */
  const range = computed(() => {
    const from = pageIndex.value * CLIENTS_PAGE_SIZE + 1;
    return { from: rows.value.length ? from : 0, to: rows.value.length ? from + rows.value.length - 1 : 0 };
  });

  function next(): void {
    const cursor = connection.value?.pageInfo.endCursor;
    if (!hasNext.value || !cursor || query.loading.value) return;
    walk.value = { key: filterKey.value, afters: [...afters.value, cursor] };
  }

  function prev(): void {
    if (!hasPrev.value || query.loading.value) return;
    walk.value = { key: filterKey.value, afters: afters.value.slice(0, -1) };
  }

  return { ...query, apiFilter, rows, totalCount, totalCapped, hasNext, hasPrev, pageIndex, range, next, prev };
}

/** Active people of the organization, for the owner filter and the reassign picker. */
export function useMemberOptions(enabled: boolean) {
  const query = useQuery(MemberOptionsDocument, undefined, { immediate: enabled });
  const members = computed(() => query.data.value?.members ?? []);
  return { ...query, members };
}

/** Reassigns clients with the versions the viewer saw (a newer version: CONFLICT, nothing moves). */
export function useReassignClients() {
  const mutation = useMutation(ReassignClientsDocument);
  async function reassign(rows: readonly Pick<ClientRow, 'id' | 'version'>[], toMemberId: string, reason: string): Promise<number> {
    const { reassignClients } = await mutation.mutate({
      input: { clientIds: rows.map((r) => r.id), expectedVersions: rows.map((r) => r.version), toMemberId, reason: reason.trim() },
    });
    return reassignClients;
  }
  return { ...mutation, reassign };
}
