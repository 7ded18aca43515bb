import { useI18n } from 'vue-i18n';
import type { ApiError } from '@/api/errors';

/** An API error for people: the translated meaning of its code, then the node's own words. */
export function useErrorText(): (error: ApiError) => string {
  const i18n = useI18n();
  return (error) => {
    const key = `error.code.${error.code}`;
    const meaning = i18n.te(key) ? i18n.t(key) : i18n.t('error.code.UNKNOWN');
    return error.message && error.message !== meaning ? `${meaning}: ${error.message}` : meaning;
  };
}
