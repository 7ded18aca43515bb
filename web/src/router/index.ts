import { createRouter, createWebHistory, type Router } from 'vue-router';
import { allows } from '@/domain/access';
import { useSessionStore } from '@/stores/session';
import { homeFor } from './menu';
import { routes } from './routes';

/**
 * The guard: public pages for anyone; every other page needs a login (checked once with the node per
 * page load), and an enterprise kind and role its meta allows. A clerk reaching an approver's page by
 * URL lands on "forbidden", not on a page whose buttons would all fail.
 */
export function createPortalRouter(): Router {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    try {
      await session.restore();
    } catch {
      // The node is unreachable: treat as logged out; the login page shows the node's state.
    }
    if (to.meta.public) return to.name === 'login' && session.loggedIn ? { name: 'home' } : true;
    // `/` redirects to the user's home before this guard has restored the session: decide it again now.
    const fromHome = to.redirectedFrom?.name === 'home';
    if (!session.loggedIn) return { name: 'login', query: fromHome ? {} : { redirect: to.fullPath } };
    const home = homeFor(routes, session.user);
    if (fromHome && to.name !== home) return { name: home };
    return allows(to.meta.access, session.user) ? true : { name: 'forbidden' };
  });
  return router;
}
