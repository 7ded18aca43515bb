import {
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue';
import { useApi } from '@/api/connection';
import { asApiError, type ApiError } from '@/api/errors';
import type { LedgerObjectType, TypedDocumentString } from '@/api/generated/graphql';
import { useNotificationStore } from '@/stores/notifications';

export interface QueryState<T> {
  data: ShallowRef<T | null>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  refetch: () => Promise<void>;
}

export interface QueryOptions {
  /** Refetch when the node pushes a change of one of these object types. */
  refreshOn?: readonly LedgerObjectType[];
  /** Skip the request while this is false (e.g. until an id is known). */
  enabled?: MaybeRefOrGetter<boolean>;
}

/**
 * One query's data, loading and error state; it refetches when its variables change, and when the
 * node reports a change the page cares about. A late answer to an older request is dropped.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: MaybeRefOrGetter<TVariables>,
  options: QueryOptions = {},
): QueryState<TResult> {
  const data = shallowRef<TResult | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function refetch(): Promise<void> {
    if (options.enabled !== undefined && !toValue(options.enabled)) return;
    const request = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const result = await useApi().graphql.execute(document, toValue(variables));
      if (request === latest) data.value = result;
    } catch (caught) {
      if (request === latest) error.value = asApiError(caught);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  watch(
    () => [toValue(variables), options.enabled === undefined ? true : toValue(options.enabled)],
    () => void refetch(),
    { deep: true, immediate: true },
  );

  if (options.refreshOn && options.refreshOn.length > 0) {
    const types = options.refreshOn;
    const notifications = useNotificationStore();
    const stop = watch(
      () => notifications.revision,
      () => {
        const change = notifications.lastChange;
        if (change && types.includes(change.type)) void refetch();
      },
    );
    onScopeDispose(stop);
  }

  return { data, error, loading, refetch };
}
