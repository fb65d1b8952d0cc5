import { createApp } from 'vue';
import App from './App.vue';
import { createAppContext } from './app-context';
import { applyDocumentLocale } from './i18n';
import { browserLanguages, resolveInitialLocale } from './i18n/locale';
import { readSession } from './utils/session';
import { safeStorage } from './utils/storage';
import './styles/variables.css';
import './styles/base.css';

const locale = resolveInitialLocale({
  storage: safeStorage,
  languages: browserLanguages(),
  userLocale: readSession(safeStorage)?.user?.locale,
});
applyDocumentLocale(locale);

const context = createAppContext({ locale });
const app = createApp(App);
app.use(context);

void context.router.isReady().then(() => app.mount('#app'));
