import { ElMessage } from 'element-plus';
import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { asApiError, type ApiError } from '@/api/errors';
import type { ProjectionStatus } from '@/api/generated/graphql';
import { useErrorText } from './useErrorText';

interface Payload {
  projection?: ProjectionStatus;
  transactionId?: string;
}

/**
 * Runs a write and tells the user how it went: applied, sent but not yet shown by this node (PENDING:
 * committed, or its commit not yet seen), or the API's refusal by code. Returns the payload, or null when it failed.
 */
export function useAction(): {
  busy: Ref<boolean>;
  lastError: Ref<ApiError | null>;
  run: <T>(write: () => Promise<T & Payload>, successKey: string) => Promise<(T & Payload) | null>;
} {
  const { t } = useI18n();
  const errorText = useErrorText();
  const busy = ref(false);
  const lastError = ref<ApiError | null>(null);

  async function run<T>(
    write: () => Promise<T & Payload>,
    successKey: string,
  ): Promise<(T & Payload) | null> {
    busy.value = true;
    lastError.value = null;
    try {
      const payload = await write();
      const pending = payload.projection === 'PENDING';
      ElMessage({
        type: pending ? 'info' : 'success',
        message: pending ? t('action.pending') : t(successKey),
        grouping: true,
      });
      return payload;
    } catch (caught) {
      const error = asApiError(caught);
      lastError.value = error;
      ElMessage({ type: 'error', message: errorText(error), duration: 6000, showClose: true });
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { busy, lastError, run };
}
