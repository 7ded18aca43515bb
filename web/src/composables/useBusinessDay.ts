import { onScopeDispose, ref, type Ref } from 'vue';
import { todayCst } from '@/domain/dates';

/** Today's business day (CST), rolling over at midnight while the page stays open. */
export function useBusinessDay(): Ref<string> {
  const today = ref(todayCst());
  const timer = setInterval(() => {
    today.value = todayCst();
  }, 60_000);
  onScopeDispose(() => {
    clearInterval(timer);
  });
  return today;
}
