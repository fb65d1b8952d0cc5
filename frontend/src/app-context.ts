import type { Locale } from '@salescircle/shared';
import { createPinia } from 'pinia';
import type { App } from 'vue';
import type { RouterHistory } from 'vue-router';
import { createGraphQLClient, type FetchLike } from './graphql/client';
import { GRAPHQL_CLIENT_KEY } from './graphql/provide';
import { createSubscriptionClient, SUBSCRIPTION_CLIENT_KEY, type SubscriptionClient } from './graphql/subscriptions';
import { createAppI18n, i18nPlugin } from './i18n';
import { createAppRouter } from './router';
import { useAuthStore } from './stores/auth';

export interface AppContextOptions {
  locale: Locale;
  /** Defaults to HTML5 history. */
  history?: RouterHistory;
  /** Defaults to the browser's fetch. */
  fetch?: FetchLike;
  /** Defaults to graphql-ws on this host (tests pass a fake). */
  subscriptions?: SubscriptionClient;
}

/** Everything the app installs: i18n, the GraphQL client, Pinia and the router, wired together. */
export function createAppContext(options: AppContextOptions) {
  const i18n = createAppI18n(options.locale);
  const pinia = createPinia();
  const router = createAppRouter(options.history);

  const client = createGraphQLClient({
    fetch: options.fetch,
    getToken: () => useAuthStore(pinia).token,
    // The token expired or was revoked: forget it and send the user to sign in. Before
    // the first page is shown, the router guard does the redirect itself.
    onUnauthenticated: () => {
      useAuthStore(pinia).clearSession();
      const current = router.currentRoute.value;
      if (current.matched.length === 0 || current.meta.public) return;
      void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    },
  });

  // Live updates (board changes, notifications) over one WebSocket, signed with the same token.
  const subscriptions = options.subscriptions ?? createSubscriptionClient({ getToken: () => useAuthStore(pinia).token });

  return {
    i18n,
    pinia,
    router,
    client,
    subscriptions,
    install(app: App): void {
      app.use(i18nPlugin(i18n));
      app.provide(GRAPHQL_CLIENT_KEY, client);
      app.provide(SUBSCRIPTION_CLIENT_KEY, subscriptions);
      app.use(pinia);
      app.use(router);
    },
  };
}
