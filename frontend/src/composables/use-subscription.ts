import { getCurrentScope, onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { TypedDocumentString } from '@/graphql/generated';
import { useSubscriptionClient, type SubscriptionHandlers } from '@/graphql/subscriptions';

/**
 * A live subscription for as long as the calling component lives; it starts again when
 * `variables` change and stays off while they are null (no team chosen yet, ...).
 */
export function useSubscription<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: MaybeRefOrGetter<TVariables | null>,
  handlers: SubscriptionHandlers<TResult>,
): void {
  const client = useSubscriptionClient();
  if (!client) return;
  let stop: (() => void) | null = null;

  watch(
    () => JSON.stringify(toValue(variables)),
    () => {
      stop?.();
      stop = null;
      const current = toValue(variables);
      if (current !== null) stop = client.subscribe(document, current, handlers);
    },
    { immediate: true },
  );

  if (getCurrentScope()) {
    onScopeDispose(() => {
      stop?.();
      stop = null;
    });
  }
}
