import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createGraphQLClient } from './graphql/client';
import { GRAPHQL_CLIENT_KEY } from './graphql/provide';
import { applyDocumentLocale, createAppI18n, i18nPlugin } from './i18n';
import { browserLanguages, resolveInitialLocale } from './i18n/locale';
import { createAppRouter } from './router';
import { useAuthStore } from './stores/auth';
import { readSession } from './utils/session';
import { safeStorage } from './utils/storage';
import './styles/variables.css';
import './styles/base.css';

const initialLocale = resolveInitialLocale({
  storage: safeStorage,
  languages: browserLanguages(),
  userLocale: readSession(safeStorage)?.user?.locale,
});
applyDocumentLocale(initialLocale);

const app = createApp(App);
const i18n = createAppI18n(initialLocale);
const pinia = createPinia();
const router = createAppRouter();

const graphql = createGraphQLClient({
  getToken: () => useAuthStore(pinia).token,
  // The token expired or was revoked: forget it and send the user to sign in. Before the
  // first page is shown the router guard does the redirect itself.
  onUnauthenticated: () => {
    useAuthStore(pinia).clearSession();
    const current = router.currentRoute.value;
    if (current.matched.length === 0 || current.meta.public) return;
    void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  },
});

app.use(i18nPlugin(i18n));
app.provide(GRAPHQL_CLIENT_KEY, graphql);
app.use(pinia);
app.use(router);

void router.isReady().then(() => app.mount('#app'));
