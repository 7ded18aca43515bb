import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { MoneyLocale } from '@/domain/money-format';

/** The language amounts are written for: the portal's current one. */
export function useMoneyLocale(): ComputedRef<MoneyLocale> {
  const { locale } = useI18n({ useScope: 'global' });
  return computed(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
}
