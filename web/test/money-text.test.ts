import { afterEach, describe, expect, it } from 'vitest';
import MoneyText from '@/components/common/MoneyText.vue';
import { mountWith, resetPortal } from './support/mount';

afterEach(resetPortal);

describe('MoneyText', () => {
  it('is exact unless asked for a glance', () => {
    const wrapper = mountWith(MoneyText, { props: { fen: '2095838720' }, locale: 'zh-CN' });
    expect(wrapper.text()).toBe('¥20,958,387.20');
    expect(wrapper.find('[data-testid="money-rounded"]').exists()).toBe(false);
  });

  it('shows Chinese readers 万 at a glance, with the exact amount on hover, focus and to screen readers', () => {
    const wrapper = mountWith(MoneyText, { props: { fen: '2095838720', glance: true }, locale: 'zh-CN' });
    const rounded = wrapper.find('[data-testid="money-rounded"]');
    expect(rounded.text()).toBe('¥2,095.84万');
    expect(rounded.attributes('aria-label')).toBe('¥20,958,387.20');
    expect(rounded.attributes('tabindex')).toBe('0');
  });

  it('shows English readers the exact amount, free to wrap after each thousands separator', () => {
    const wrapper = mountWith(MoneyText, { props: { fen: '2095838720', glance: true }, locale: 'en' });
    expect(wrapper.text()).toBe('¥20,958,387.20');
    expect(wrapper.findAll('wbr')).toHaveLength(2);
    expect(wrapper.find('.amount-glance').exists()).toBe(true);
  });

  it('shows a dash for no amount', () => {
    expect(mountWith(MoneyText, { props: { fen: null, glance: true } }).text()).toBe('—');
  });
});
