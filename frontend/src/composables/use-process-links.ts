import { onScopeDispose, ref, shallowReactive, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import { ProcessClientDealsDocument, ProcessClientSearchDocument, type LinkableDealFragment, type ProcessClientSearchQuery } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';

export type FoundClient = ProcessClientSearchQuery['clients']['edges'][number]['node'];
export type LinkableDeal = LinkableDealFragment;

/** Clients a search shows at most. */
export const CLIENT_SEARCH_SIZE = 8;
/** Characters a search needs before it asks the server. */
export const CLIENT_SEARCH_MIN = 2;

/**
 * Clients to link to a process, by part of the name or an exact INN: asks once typing pauses,
 * and a newer search wins over one still in flight. Found clients bring their deals along.
 */
export function useClientSearch(onFound?: (clients: readonly FoundClient[]) => void, delayMs = 300) {
  const client = useGraphQLClient();
  const text = ref('');
  const results = shallowRef<readonly FoundClient[]>([]);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  /** The search the results answer ('' before any). */
  const answered = ref('');
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function search(value: string): Promise<void> {
    const current = ++run;
    loading.value = true;
    error.value = null;
    try {
      const found = (await client.request(ProcessClientSearchDocument, { search: value, first: CLIENT_SEARCH_SIZE })).clients.edges.map((e) => e.node);
      if (current !== run) return;
      results.value = found;
      answered.value = value;
      onFound?.(found);
    } catch (caught) {
      if (current === run) error.value = toAppError(caught);
    } finally {
      if (current === run) loading.value = false;
    }
  }

  watch(text, (value) => {
    if (timer) clearTimeout(timer);
    const wanted = value.trim();
    if (wanted.length < CLIENT_SEARCH_MIN) {
      run++;
      results.value = [];
      answered.value = '';
      loading.value = false;
      error.value = null;
      return;
    }
    timer = setTimeout(() => void search(wanted), delayMs);
  });
  onScopeDispose(() => {
    if (timer) clearTimeout(timer);
    run++;
  });

  return { text, results, loading, error, answered };
}

/**
 * The deals of each client in `clientIds`, loaded once per client (a client of a search comes
 * with its deals through `remember`), to pick the deals a process works on.
 */
export function useClientDeals(clientIds: MaybeRefOrGetter<readonly string[]>) {
  const client = useGraphQLClient();
  const deals = shallowReactive(new Map<string, readonly LinkableDeal[]>());
  const loading = shallowReactive(new Set<string>());
  const failed = shallowReactive(new Set<string>());

  async function load(id: string): Promise<void> {
    loading.add(id);
    failed.delete(id);
    try {
      const found = (await client.request(ProcessClientDealsDocument, { id })).client;
      deals.set(id, found?.deals ?? []);
    } catch {
      failed.add(id);
    } finally {
      loading.delete(id);
    }
  }

  function remember(clients: readonly { id: string; deals: readonly LinkableDeal[] }[]): void {
    for (const c of clients) deals.set(c.id, c.deals);
  }

  watch(
    () => [...toValue(clientIds)],
    (ids) => {
      for (const id of ids) if (!deals.has(id) && !loading.has(id)) void load(id);
    },
    { immediate: true },
  );

  return { deals, loading, failed, remember, retry: load };
}
