import type { Database } from '../../db/client.ts';
import type { Context } from '../context.ts';

/** Figures kept per database: enough for every enterprise's dashboard with a few argument sets each. */
export const MAX_ENTRIES = 2_000;

interface Entry {
  /** The database's WAL insert position read before the figure was computed. */
  position: string;
  value: Promise<unknown>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();
const positions = new WeakMap<Context, Promise<string>>();

/**
 * The database's WAL insert position, read once per request. Every commit inserts WAL, so an unchanged
 * position means no transaction committed in between: whatever a query saw then, it would see now.
 */
function positionOf(ctx: Context): Promise<string> {
  let position = positions.get(ctx);
  if (!position) {
    position = ctx.db.$queryRaw<
      { position: string }[]
    >`SELECT pg_current_wal_insert_lsn()::text AS position`.then(([row]) => row?.position ?? '');
    positions.set(ctx, position);
  }
  return position;
}

/**
 * A dashboard figure, computed in the database only when it may have changed: each is kept with the
 * WAL position read before it was computed and reused while the position is the same (no write since,
 * from this process or any other: the projector, a replay, an operator). A read-mostly dashboard over
 * 100,000 vouchers then costs one position query; the first request after a write pays the aggregates.
 * `key` must name everything the figure depends on: the figure, the caller's enterprise and kind, and
 * the arguments (dates included: today's date is one).
 */
export async function cachedFigure<T>(
  ctx: Context,
  key: readonly string[],
  compute: () => Promise<T>,
): Promise<T> {
  const position = await positionOf(ctx);
  const cache = caches.get(ctx.db) ?? new Map<string, Entry>();
  caches.set(ctx.db, cache);
  const name = JSON.stringify(key);
  const kept = cache.get(name);
  if (kept?.position === position) return kept.value as Promise<T>;
  const value = compute();
  // A failed computation is not kept: the next request tries again.
  value.catch(() => {
    if (cache.get(name)?.value === value) cache.delete(name);
  });
  // Deleted first, so that the insertion order is the order of use (the oldest goes first).
  cache.delete(name);
  cache.set(name, { position, value });
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return value;
}
