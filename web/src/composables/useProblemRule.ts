import type { FormItemRule } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { LIMIT_PARAMS } from '@/i18n/limits';

/**
 * Element Plus form rules from the domain's checks: `check` names the problem (an i18n key under
 * `prefix`) or null, so the form says exactly what the API would refuse, in the user's language,
 * quoting the limits the checks apply (LIMIT_PARAMS).
 */
export function useProblemRule(): (
  prefix: string,
  check: (value: unknown) => string | null,
  trigger?: 'blur' | 'change',
) => FormItemRule {
  const { t } = useI18n();
  return (prefix, check, trigger = 'blur') => ({
    trigger,
    validator: (_rule, value, callback) => {
      const problem = check(value);
      if (problem === null) callback();
      else callback(new Error(t(`${prefix}.${problem}`, LIMIT_PARAMS)));
    },
  });
}
