import {
  RouterLinkStub,
  mount,
  type ComponentMountingOptions,
  type DOMWrapper,
  type VueWrapper,
} from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component, Plugin } from 'vue';
import { setApiConnection } from '@/api/connection';
import { createPortalI18n, type Locale } from '@/i18n';

/** Mounts a component with the portal's i18n and a fresh Pinia; router links are stubs. */
export function mountWith<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { locale?: Locale } = {},
): VueWrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  const { locale = 'en', global = {}, ...rest } = options;
  const stubs = Array.isArray(global.stubs) ? {} : global.stubs;
  const mountOptions = {
    ...rest,
    attachTo: document.body,
    global: {
      ...global,
      plugins: [createPortalI18n(locale), pinia, ...(global.plugins ?? [])],
      stubs: { RouterLink: RouterLinkStub, ...stubs },
    },
  } as ComponentMountingOptions<C>;
  // The wrapper's generic instance type differs between vue-tsc and plain TypeScript; tests need neither.
  return mount(component, mountOptions) as unknown as VueWrapper;
}

/** The <input> behind a data-testid (on the input itself or on a component wrapping one). */
export function inputOf(wrapper: VueWrapper, testid: string): DOMWrapper<HTMLInputElement> {
  const found = wrapper.find<HTMLInputElement>(`[data-testid="${testid}"]`);
  return found.element.tagName === 'INPUT' ? found : found.find<HTMLInputElement>('input');
}

/** Waits for Vue, Element Plus and async validators to settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Mounts a page as the user a session plugin puts in place, and waits for its first answers. */
export async function mountPage(page: Component, session: Plugin): Promise<VueWrapper> {
  const wrapper = mountWith(page, { global: { plugins: [session] } });
  await settle();
  return wrapper;
}

/** Forgets the node connection and the mounted DOM: every page test's clean-up. */
export function resetPortal(): void {
  setApiConnection(null);
  document.body.innerHTML = '';
}
