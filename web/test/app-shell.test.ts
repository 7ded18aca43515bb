import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { setApiConnection, type ApiConnection } from '@/api/connection';
import AppShell from '@/components/layout/AppShell.vue';
import { routes } from '@/router/routes';
import { loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

/** The window answers media queries as a phone (`narrow`) or a desk would. */
function screen(narrow: boolean): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: narrow,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

async function mountShell(): Promise<ReturnType<typeof mountWith>> {
  const router: Router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/dashboard');
  const wrapper = mountWith(AppShell, {
    global: {
      plugins: [router, loggedIn({ enterpriseKind: 'CORE', role: 'APPROVER' }, null)],
      stubs: { RouterView: true, RouterLink: false },
    },
  });
  await settle();
  return wrapper;
}

beforeEach(() => {
  // No node behind the shell: the change feed listens to nothing, node info never comes.
  const never = (): Promise<never> => new Promise(() => undefined);
  setApiConnection({
    graphql: { execute: never, request: never },
    changes: { listen: () => () => undefined, dispose: () => undefined },
  } as unknown as ApiConnection);
});
afterEach(() => {
  vi.unstubAllGlobals();
  resetPortal();
});

describe('AppShell', () => {
  it('keeps the menu at the side on a desk', async () => {
    screen(false);
    const wrapper = await mountShell();
    expect(wrapper.find('[data-testid="menu-toggle"]').exists()).toBe(false);
    expect(wrapper.find('aside [data-testid="main-menu"]').exists()).toBe(true);
  });

  it('puts the menu in a drawer behind a button on a phone', async () => {
    screen(true);
    const wrapper = await mountShell();
    expect(wrapper.find('aside').exists()).toBe(false);
    expect(document.body.querySelector('[data-testid="main-menu"]')).toBeNull();

    await wrapper.find('[data-testid="menu-toggle"]').trigger('click');
    await settle();
    const menu = document.body.querySelector('[data-testid="main-menu"]');
    expect(menu).not.toBeNull();
    expect(menu?.querySelector('[data-testid="menu-confirmations"]')).not.toBeNull();
    expect(document.body.querySelector('[data-testid="current-user"]')?.textContent).toContain('Admin');
  });
});
