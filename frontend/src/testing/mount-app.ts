import type { Locale } from '@salescircle/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView, type Router } from 'vue-router';
import { createGraphQLClient, type FetchLike } from '@/graphql/client';
import { GRAPHQL_CLIENT_KEY } from '@/graphql/provide';
import { createAppI18n, i18nPlugin } from '@/i18n';
import { createAppRouter } from '@/router';
import { useAuthStore } from '@/stores/auth';

export interface TestContextOptions {
  fetch: FetchLike;
  locale?: Locale;
}

/** Stands in for BaseChart (happy-dom has no canvas 2D context): a canvas with the label. */
export const ChartStub = defineComponent({
  name: 'BaseChart',
  props: { type: { type: String, required: true }, label: { type: String, required: true } },
  setup: (props) => () => h('canvas', { role: 'img', 'aria-label': props.label, 'data-testid': 'chart', 'data-type': props.type }),
});

/** The plugins and provides the app needs, wired like main.ts but with a fake fetch. */
export function createTestContext(options: TestContextOptions) {
  const pinia = createPinia();
  const i18n = createAppI18n(options.locale ?? 'en');
  const router: Router = createAppRouter(createMemoryHistory());
  const client = createGraphQLClient({ fetch: options.fetch, getToken: () => useAuthStore(pinia).token });
  return {
    pinia,
    i18n,
    router,
    client,
    global: {
      plugins: [i18nPlugin(i18n), pinia, router],
      provide: { [GRAPHQL_CLIENT_KEY as symbol]: client },
      stubs: { BaseChart: ChartStub },
    },
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
