import { computed, reactive, type ComputedRef } from 'vue';

export interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface CursorWindow {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * Relay pagination by cursor: forward with `first/after`, back with `last/before`. Connections cannot
 * jump to page n, so a pager offers previous and next and counts the page it is on.
 */
export function useCursorPage(pageSize = 20): {
  window: ComputedRef<CursorWindow>;
  page: ComputedRef<number>;
  next: (info: PageInfoLike) => void;
  previous: (info: PageInfoLike) => void;
  reset: () => void;
} {
  const state = reactive({ after: null as string | null, before: null as string | null, page: 1 });
  const window = computed<CursorWindow>(() =>
    state.before !== null
      ? { last: pageSize, before: state.before }
      : { first: pageSize, after: state.after },
  );
  return {
    window,
    page: computed(() => state.page),
    next(info) {
      if (!info.hasNextPage || info.endCursor === null) return;
      Object.assign(state, { after: info.endCursor, before: null, page: state.page + 1 });
    },
    previous(info) {
      if (state.page <= 1 || info.startCursor === null) return;
      const page = state.page - 1;
      Object.assign(
        state,
        page === 1 ? { after: null, before: null, page } : { after: null, before: info.startCursor, page },
      );
    },
    reset() {
      Object.assign(state, { after: null, before: null, page: 1 });
    },
  };
}
