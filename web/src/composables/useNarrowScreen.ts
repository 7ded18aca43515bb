import { onScopeDispose, ref, type Ref } from 'vue';

/** Below this width (a phone, or a small tablet upright) the side menu becomes a drawer. */
export const NARROW_QUERY = '(max-width: 767px)';

/** Whether the window is phone-narrow now; follows rotation and resizing. */
export function useNarrowScreen(): Ref<boolean> {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(NARROW_QUERY) : null;
  const narrow = ref(media?.matches ?? false);
  const update = (event: MediaQueryListEvent): void => {
    narrow.value = event.matches;
  };
  media?.addEventListener('change', update);
  onScopeDispose(() => media?.removeEventListener('change', update));
  return narrow;
}
