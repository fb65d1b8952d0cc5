import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import { ClientCardDocument, SimulateRoutingDocument, type SimulateRoutingQuery } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { useQuery } from './use-graphql';

export type RoutingAnswer = SimulateRoutingQuery['simulateRouting'];

/** One client with its owner history (newest first). */
export function useClientCard(id: MaybeRefOrGetter<string>) {
  const query = useQuery(ClientCardDocument, () => ({ id: toValue(id) }));
  const client = computed(() => query.data.value?.client ?? null);
  const history = computed(() => query.data.value?.assignmentHistory ?? []);
  return { ...query, client, history };
}

/** "Who would get this client?": asked on demand (it changes nothing); forgotten when the client changes. */
export function useRoutingSimulation(clientId: MaybeRefOrGetter<string>) {
  const client = useGraphQLClient();
  const answer = shallowRef<RoutingAnswer | null>(null);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);

  watch(
    () => toValue(clientId),
    () => {
      answer.value = null;
      error.value = null;
    },
  );

  async function ask(): Promise<void> {
    const id = toValue(clientId);
    loading.value = true;
    error.value = null;
    try {
      const { simulateRouting } = await client.request(SimulateRoutingDocument, { clientId: id });
      if (toValue(clientId) === id) answer.value = simulateRouting;
    } catch (caught) {
      error.value = toAppError(caught);
    } finally {
      loading.value = false;
    }
  }

  return { answer, loading, error, ask };
}
