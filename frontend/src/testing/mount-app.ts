import type { Locale } from '@salescircle/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { createAppContext } from '@/app-context';
import type { FetchLike } from '@/graphql/client';
import { ChartStub } from './chart-stub';
import { createFakeSubscriptions } from './fake-subscriptions';

export interface TestContextOptions {
  fetch: FetchLike;
  locale?: Locale;
  /** Live events the test pushes; a fresh fake by default. */
  live?: ReturnType<typeof createFakeSubscriptions>;
}

/** The app wired exactly like main.ts, with memory history and a fake fetch. */
export function createTestContext(options: TestContextOptions) {
  const live = options.live ?? createFakeSubscriptions();
  const context = createAppContext({ locale: options.locale ?? 'en', history: createMemoryHistory(), fetch: options.fetch, subscriptions: live.client });
  return {
    ...context,
    live,
    global: { plugins: [context], stubs: { BaseChart: ChartStub } },
  };
}

const Root = defineComponent({ name: 'TestRoot', render: () => h(RouterView) });

/** Mounts a bare <RouterView> app and navigates to `path` (through the real guards). */
export async function mountRoute(path: string, options: TestContextOptions) {
  const ctx = createTestContext(options);
  const root = mount(Root, { global: ctx.global, attachTo: document.body });
  await ctx.router.push(path);
  await flushPromises();
  return { root, ctx };
}
