import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { delegateOf, type ReadRows } from '../read-model/entity-kinds.ts';
import { allOf } from './sql.ts';
import { tableOf, visibleWhere, type ReadEntity } from './visibility.ts';

export type { ReadRows } from '../read-model/entity-kinds.ts';

/** What to read of a table, on top of what the user may see. */
export interface RowQuery {
  where?: readonly Prisma.Sql[];
  /** Must end in a unique column (id) for pages to be stable. */
  orderBy?: Prisma.Sql;
  limit?: number;
  offset?: number;
}

/**
 * The visible rows matching `query`, in its order. SQL picks the ids (visibility needs joins Prisma
 * cannot express without relations); Prisma Client then loads those few rows with their proper types.
 */
export async function readVisible<E extends ReadEntity>(
  db: Database,
  user: SessionUser | null,
  entity: E,
  query: RowQuery,
): Promise<ReadRows[E][]> {
  const order = query.orderBy ? Prisma.sql`ORDER BY ${query.orderBy}` : Prisma.empty;
  const limit = query.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${query.limit}`;
  const offset = query.offset ? Prisma.sql`OFFSET ${query.offset}` : Prisma.empty;
  const picked = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM ${tableOf(entity)}
    WHERE ${visibleWhere(user, entity)} AND ${allOf(query.where ?? [])}
    ${order} ${limit} ${offset}`;
  if (picked.length === 0) return [];
  const ids = picked.map((row) => row.id);
  const rows = await delegateOf(db, entity).findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** How many visible rows match `where`. */
export async function countVisible(
  db: Database,
  user: SessionUser | null,
  entity: ReadEntity,
  where: readonly Prisma.Sql[],
): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${tableOf(entity)}
    WHERE ${visibleWhere(user, entity)} AND ${allOf(where)}`;
  return row?.n ?? 0;
}
