import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import LanguageSwitch from '@/components/layout/LanguageSwitch.vue';
import { initialLocale } from '@/i18n';
import { mountWith, resetPortal, settle } from './support/mount';

const none = { getItem: (): string | null => null };

describe('the first language', () => {
  it('follows the browser: the first language it prefers that the portal speaks', () => {
    expect(initialLocale(none, ['en-US', 'zh-CN'])).toBe('en');
    expect(initialLocale(none, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLocale(none, ['de-DE', 'EN-gb'])).toBe('en');
    expect(initialLocale(none, ['zh'])).toBe('zh-CN');
  });

  it('is Chinese when the browser prefers nothing the portal speaks', () => {
    expect(initialLocale(none, ['de-DE', 'fr'])).toBe('zh-CN');
    expect(initialLocale(none, [])).toBe('zh-CN');
  });

  it('is the user’s own choice once they made one, whatever the browser says', () => {
    expect(initialLocale({ getItem: () => 'zh-CN' }, ['en-US'])).toBe('zh-CN');
    expect(initialLocale({ getItem: () => 'en' }, ['zh-CN'])).toBe('en');
    // Something else under the key (an old or tampered value) is no choice.
    expect(initialLocale({ getItem: () => 'fr' }, ['en-US'])).toBe('en');
  });
});

describe('choosing a language', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US', 'en']);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
    resetPortal();
  });

  it('starts in the browser’s English, and remembers a switch to Chinese for the next visit', async () => {
    const first = initialLocale();
    expect(first).toBe('en');
    const wrapper = mountWith(LanguageSwitch, { locale: first });
    await settle();
    expect(wrapper.find('[data-testid="language-switch"]').text()).toContain('English');

    await wrapper.find('[data-testid="language-switch"]').trigger('click');
    await settle();
    const chinese = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (item) => item.textContent.trim() === '中文',
    );
    if (!chinese) throw new Error('no 中文 option');
    chinese.click();
    await nextTick();
    await settle();

    expect(localStorage.getItem('scf.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    // The next visit: the browser still prefers English, the user chose Chinese.
    expect(initialLocale()).toBe('zh-CN');
  });
});
