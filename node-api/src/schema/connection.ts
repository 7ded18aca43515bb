import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import type { Prisma } from '../db/generated/client.ts';
import { offsetCursor, pageWindow, type PageArgs, type PageWindow } from './page-window.ts';
import { countVisible, readVisible, type ReadRows } from './read-rows.ts';
import type { ReadEntity } from './visibility.ts';

/** What every connection's `totalCount` says. */
export const TOTAL_COUNT = 'How many items match the filter, over all pages (counted only when asked for).';

/** A Relay connection whose total is counted only when a client asks for `totalCount`. */
export interface CountedConnection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasPreviousPage: boolean;
    hasNextPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number>;
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

/** Pages any ordered list: `load` gets one row more than the page to learn whether another page follows. */
export async function offsetConnection<T>(
  args: PageArgs,
  count: () => Promise<number>,
  load: (window: PageWindow) => Promise<T[]>,
): Promise<CountedConnection<T>> {
  const totalCount = once(count);
  const window = await pageWindow(args, totalCount);
  const rows = await load({ offset: window.offset, limit: window.limit + 1 });
  const edges = rows
    .slice(0, window.limit)
    .map((node, index) => ({ cursor: offsetCursor(window.offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasPreviousPage: window.offset > 0,
      hasNextPage: rows.length > window.limit,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** What a list query asks of one table: its filter conditions and its order (ending in `id`). */
export interface ListQuery {
  where: Prisma.Sql[];
  orderBy: Prisma.Sql;
}

/** A page of the rows of `entity` the user may see that match `query`. */
export function visibleConnection<E extends ReadEntity>(
  ctx: { db: Database; user: SessionUser | null },
  entity: E,
  args: PageArgs,
  query: ListQuery,
): Promise<CountedConnection<ReadRows[E]>> {
  return offsetConnection(
    args,
    () => countVisible(ctx.db, ctx.user, entity, query.where),
    (window) => readVisible(ctx.db, ctx.user, entity, { ...query, ...window }),
  );
}
