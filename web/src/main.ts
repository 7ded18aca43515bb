import 'element-plus/dist/index.css';
import './styles/portal.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { connectApi } from './api/connection';
import { loadRuntimeConfig } from './api/runtime-config';
import App from './App.vue';
import ConfigErrorPage from './pages/ConfigErrorPage.vue';
import { createPortalI18n, initialLocale } from './i18n';
import { createPortalRouter } from './router';
import { useSessionStore } from './stores/session';

/** Reads this org's runtime config, connects to its node API, then mounts the portal. */
async function start(): Promise<void> {
  const locale = initialLocale();
  const i18n = createPortalI18n(locale);
  // The page says which language it is in (screen readers, hyphenation, fonts), from the first paint.
  document.documentElement.lang = locale;
  let config;
  try {
    config = await loadRuntimeConfig();
  } catch (error) {
    createApp(ConfigErrorPage, { reason: error instanceof Error ? error.message : String(error) })
      .use(i18n)
      .mount('#app');
    return;
  }
  const pinia = createPinia();
  const app = createApp(App).use(pinia).use(i18n);
  const session = useSessionStore(pinia);
  const router = createPortalRouter();
  connectApi(config, {
    token: () => session.token,
    onUnauthenticated: () => {
      session.expire();
      void router.push({ name: 'login', query: { expired: '1' } });
    },
  });
  app.use(router);
  await router.isReady();
  app.mount('#app');
}

void start();
