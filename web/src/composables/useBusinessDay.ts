import { onScopeDispose, ref, type Ref } from 'vue';
import { businessDateAt } from '@scf/ledger-contract';

/** Today's business day (CST), rolling over at midnight while the page stays open. */
export function useBusinessDay(): Ref<string> {
  const today = ref(businessDateAt(Date.now()));
  const timer = setInterval(() => {
    today.value = businessDateAt(Date.now());
  }, 60_000);
  onScopeDispose(() => {
    clearInterval(timer);
  });
  return today;
}
