import { computed, reactive, shallowRef, watch, type MaybeRefOrGetter, type UnwrapNestedRefs } from 'vue';
import type { ApiError } from '@/api/errors';
import type { LedgerObjectType, TypedDocumentString } from '@/api/generated/graphql';
import { useCursorPage, type CursorWindow, type PageInfoLike } from './useCursorPage';
import { useQuery } from './useQuery';

/** A Relay connection as the node API returns its lists. */
export interface ConnectionLike<TRow> {
  edges: readonly { node: TRow }[];
  pageInfo: PageInfoLike;
  totalCount: number;
}

export interface ListPageOptions<TResult, TVariables, TRow, TFilters extends object> {
  document: TypedDocumentString<TResult, TVariables>;
  /** The filters' first values; a change to any of them goes back to the first page. */
  filters: TFilters;
  /** The query's variables for the filters and the pager's window. */
  variables: (filters: UnwrapNestedRefs<TFilters>, window: CursorWindow) => TVariables;
  /** The list in a result: a connection (paged by cursor) or a plain array (one page). */
  rows: (result: TResult) => ConnectionLike<TRow> | readonly TRow[] | null | undefined;
  pageSize?: number;
  /** Refetch when the node pushes a change of one of these object types. */
  refreshOn?: readonly LedgerObjectType[];
  enabled?: MaybeRefOrGetter<boolean>;
  /** Whether a row (say, as a write returned it) still belongs in this list; by default every row does. */
  belongs?: (row: TRow) => boolean;
}

/** What a list page shows and does; its fields read reactively (they are getters). */
export interface ListPageState<TRow, TFilters extends object = object> {
  readonly filters: UnwrapNestedRefs<TFilters>;
  readonly rows: TRow[];
  readonly loading: boolean;
  readonly error: ApiError | null;
  /** Nothing to show (while loading, too: the states tell the two apart). */
  readonly empty: boolean;
  /** Paging by cursor, or null for a list that comes in one piece. */
  readonly pageInfo: PageInfoLike | null;
  readonly totalCount: number;
  readonly page: number;
  next: () => void;
  previous: () => void;
  refresh: () => Promise<void>;
  /**
   * Shows what a write returned instead of asking again: the row takes its place, or leaves the list
   * when it no longer belongs there. Without a row (the node has not applied the write yet) or for a
   * row that is new here, the list is fetched once.
   */
  applyRow: (row: TRow | null | undefined) => Promise<void>;
  /** `applyRow` for what several writes returned (a batch), fetching the list at most once. */
  applyRows: (rows: readonly (TRow | null | undefined)[]) => Promise<void>;
  /** The rows picked for a batch action, as shown now; a new answer from the node clears them. */
  readonly selected: TRow[];
  select: (rows: readonly TRow[]) => void;
}

function isConnection<TRow>(list: ConnectionLike<TRow> | readonly TRow[]): list is ConnectionLike<TRow> {
  return !Array.isArray(list);
}

/**
 * One list page as data, in the spirit of vue-element-plus-admin's `useTable`: a query, its filters,
 * cursor paging, the loading, failed and empty states, refresh, rows updated from what writes return,
 * and the rows picked for a batch action.
 */
export function useListPage<TResult, TVariables, TRow extends { id: string }, TFilters extends object>(
  options: ListPageOptions<TResult, TVariables, TRow, TFilters>,
): ListPageState<TRow, TFilters> {
  const filters = reactive(options.filters);
  const pager = useCursorPage(options.pageSize ?? 20);
  const query = useQuery(options.document, () => options.variables(filters, pager.window.value), {
    ...(options.refreshOn ? { refreshOn: options.refreshOn } : {}),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
  });
  watch(
    () => JSON.stringify(filters),
    () => {
      pager.reset();
    },
  );

  const list = computed(() => (query.data.value ? options.rows(query.data.value) : null) ?? null);
  const connection = computed(() => (list.value && isConnection(list.value) ? list.value : null));
  /** Rows a write returned, by id, until the next answer; null: the row left the list. */
  const patches = shallowRef(new Map<string, TRow | null>());
  const selectedIds = shallowRef<ReadonlySet<string>>(new Set());
  watch(query.data, () => {
    patches.value = new Map();
    // As the table does: a new answer is new rows, and a pick among the old ones no longer holds.
    selectedIds.value = new Set();
  });
  const fetched = computed<readonly TRow[]>(() => {
    const current = list.value;
    if (!current) return [];
    return isConnection(current) ? current.edges.map((edge) => edge.node) : current;
  });
  const rows = computed(() =>
    fetched.value.flatMap((row) => {
      const patch = patches.value.get(row.id);
      if (patch === null) return [];
      return [patch ?? row];
    }),
  );
  const removed = computed(() => fetched.value.length - rows.value.length);
  const belongs = options.belongs ?? ((): boolean => true);

  const selected = computed(() => rows.value.filter((row) => selectedIds.value.has(row.id)));

  async function applyRows(written: readonly (TRow | null | undefined)[]): Promise<void> {
    const next = new Map(patches.value);
    let stale = false;
    for (const row of written) {
      if (row && fetched.value.some((shown) => shown.id === row.id))
        next.set(row.id, belongs(row) ? row : null);
      else if (!row || belongs(row)) stale = true;
    }
    patches.value = next;
    if (stale) await query.refetch();
  }

  return {
    filters,
    get rows() {
      return rows.value;
    },
    get loading() {
      return query.loading.value;
    },
    get error() {
      return query.error.value;
    },
    get empty() {
      return rows.value.length === 0;
    },
    get pageInfo() {
      return connection.value?.pageInfo ?? null;
    },
    get totalCount() {
      return (connection.value?.totalCount ?? fetched.value.length) - removed.value;
    },
    get page() {
      return pager.page.value;
    },
    next() {
      if (connection.value) pager.next(connection.value.pageInfo);
    },
    previous() {
      if (connection.value) pager.previous(connection.value.pageInfo);
    },
    refresh: query.refetch,
    applyRow: (row) => applyRows([row]),
    applyRows,
    get selected() {
      return selected.value;
    },
    select(chosen) {
      selectedIds.value = new Set(chosen.map((row) => row.id));
    },
  };
}
