import {
  getCurrentScope,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import type { TypedDocumentString } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';

export interface QueryOptions {
  /** Run at once (default true). Set false to run only on `refetch()`. */
  immediate?: boolean;
}

export interface QueryResult<TResult> {
  data: ShallowRef<TResult | undefined>;
  loading: Ref<boolean>;
  error: ShallowRef<AppError | null>;
  /** Runs the query again with the current variables; resolves when it settles. */
  refetch: () => Promise<void>;
}

/**
 * Runs a typed query now and again whenever `variables` change; a newer run
 * cancels the one in flight, so stale answers never land.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: MaybeRefOrGetter<TVariables>,
  options: QueryOptions = {},
): QueryResult<TResult> {
  const client = useGraphQLClient();
  const data = shallowRef<TResult | undefined>();
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  let controller: AbortController | null = null;

  async function refetch(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    error.value = null;
    try {
      const result = await client.request(document, toValue(variables), { signal: current.signal });
      if (controller !== current) return;
      data.value = result;
    } catch (caught) {
      if (controller !== current) return;
      error.value = toAppError(caught);
    } finally {
      if (controller === current) {
        loading.value = false;
        controller = null;
      }
    }
  }

  if (variables !== undefined) {
    watch(() => JSON.stringify(toValue(variables)), () => void refetch());
  }
  if (options.immediate ?? true) void refetch();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      const inFlight = controller;
      controller = null;
      inFlight?.abort();
    });
  }

  return { data, loading, error, refetch };
}

export interface MutationResult<TResult, TVariables> {
  data: ShallowRef<TResult | undefined>;
  loading: Ref<boolean>;
  error: ShallowRef<AppError | null>;
  /** Runs the mutation; resolves with its data, rejects with an AppError (also kept in `error`). */
  mutate: (variables: TVariables) => Promise<TResult>;
}

export function useMutation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
): MutationResult<TResult, TVariables> {
  const client = useGraphQLClient();
  const data = shallowRef<TResult | undefined>();
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);

  async function mutate(variables: TVariables): Promise<TResult> {
    loading.value = true;
    error.value = null;
    try {
      const result = await client.request(document, variables);
      data.value = result;
      return result;
    } catch (caught) {
      const appError = toAppError(caught);
      error.value = appError;
      throw appError;
    } finally {
      loading.value = false;
    }
  }

  return { data, loading, error, mutate };
}
