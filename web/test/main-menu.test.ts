import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import MainMenu from '@/components/layout/MainMenu.vue';
import { menuFor } from '@/router/menu';
import { routes } from '@/router/routes';
import { mountWith, resetPortal, settle } from './support/mount';

afterEach(resetPortal);

describe('MainMenu', () => {
  it('goes to the page a link names, and says so (the drawer closes on it)', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes });
    await router.push('/dashboard');
    const items = menuFor(routes, { enterpriseKind: 'CORE', role: 'APPROVER' });
    const wrapper = mountWith(MainMenu, {
      props: { items, active: 'dashboard' },
      global: { plugins: [router], stubs: { RouterLink: false } },
    });
    await wrapper.find('[data-testid="menu-payables"] a').trigger('click');
    await settle();
    // The page is a lazy route: the navigation ends once its code is loaded, which can take seconds
    // beside npm test's networks (an outcome to wait for, not a timing goal).
    await vi.waitFor(
      () => {
        expect(router.currentRoute.value.path).toBe('/payables');
      },
      { timeout: 15_000 },
    );
    expect(wrapper.emitted('navigate')).toHaveLength(1);
  });
});
