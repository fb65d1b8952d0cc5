import { mount } from '@vue/test-utils';
import { defineComponent, h, type VNodeChild } from 'vue';
import { createGraphQLClient, type FetchLike } from '@/graphql/client';
import { GRAPHQL_CLIENT_KEY } from '@/graphql/provide';

/**
 * Runs a composable inside a mounted component (with a GraphQL client on a fake fetch)
 * and returns what it returned; `render` may show its state.
 */
export function withSetup<T>(setup: () => T, fetch: FetchLike, render: (result: T) => VNodeChild = () => null) {
  let result: T | undefined;
  const wrapper = mount(
    defineComponent({
      setup() {
        const value = setup();
        result = value;
        return () => h('div', [render(value)]);
      },
    }),
    { global: { provide: { [GRAPHQL_CLIENT_KEY as symbol]: createGraphQLClient({ fetch }) } } },
  );
  if (result === undefined) throw new Error('setup did not run');
  return { result, wrapper };
}
