import { computed, type ComputedRef } from 'vue';
import { EnterpriseFourEyesDocument } from '@/api/generated/graphql';
import { useSessionStore } from '@/stores/session';
import { useQuery } from './useQuery';

/**
 * Whether the user's enterprise runs four eyes: then its money-moving buttons prepare the action for
 * another approver (prepareAction) instead of doing it, and a clerk may press them too.
 */
export function useFourEyes(): ComputedRef<boolean> {
  const session = useSessionStore();
  const query = useQuery(EnterpriseFourEyesDocument, () => ({ id: session.user?.enterpriseId ?? '' }), {
    refreshOn: ['enterprise'],
    enabled: () => session.user !== null,
  });
  return computed(() => query.data.value?.enterprise?.fourEyes === true);
}
