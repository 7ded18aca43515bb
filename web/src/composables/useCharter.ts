import { computed, type ComputedRef, type Ref } from 'vue';
import type { ApiError } from '@/api/errors';
import { CharterDocument, type CharterFieldsFragment } from '@/api/generated/graphql';
import { useQuery } from './useQuery';

/** The consortium charter in force (null before the network established it), kept fresh by the change feed. */
export function useCharter(): {
  charter: ComputedRef<CharterFieldsFragment | null>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  refetch: () => Promise<void>;
} {
  const { data, error, loading, refetch } = useQuery(CharterDocument, {}, { refreshOn: ['charter'] });
  const charter = computed(() => data.value?.charter ?? null);
  return { charter, error, loading, refetch };
}
