import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/client.ts';
import {
  Prisma,
  type BenchmarkRate,
  type Charter,
  type CharterProposal,
  type CreditLine,
  type Enterprise,
  type Financing,
  type Invoice,
  type Shipment,
  type Voucher,
} from '../db/generated/client.ts';
import { allOf } from './sql.ts';
import { tableOf, visibleWhere, type ReadEntity } from './visibility.ts';

/** The Prisma row type of each entity. */
export interface ReadRows {
  enterprise: Enterprise;
  invoice: Invoice;
  shipment: Shipment;
  voucher: Voucher;
  financing: Financing;
  creditLine: CreditLine;
  benchmarkRate: BenchmarkRate;
  charter: Charter;
  charterProposal: CharterProposal;
}

const BY_IDS: { [E in ReadEntity]: (db: Database, ids: string[]) => Promise<ReadRows[E][]> } = {
  enterprise: (db, ids) => db.enterprise.findMany({ where: { id: { in: ids } } }),
  invoice: (db, ids) => db.invoice.findMany({ where: { id: { in: ids } } }),
  shipment: (db, ids) => db.shipment.findMany({ where: { id: { in: ids } } }),
  voucher: (db, ids) => db.voucher.findMany({ where: { id: { in: ids } } }),
  financing: (db, ids) => db.financing.findMany({ where: { id: { in: ids } } }),
  creditLine: (db, ids) => db.creditLine.findMany({ where: { id: { in: ids } } }),
  benchmarkRate: (db, ids) => db.benchmarkRate.findMany({ where: { id: { in: ids } } }),
  charter: (db, ids) => db.charter.findMany({ where: { id: { in: ids } } }),
  charterProposal: (db, ids) => db.charterProposal.findMany({ where: { id: { in: ids } } }),
};

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
  const rows = await BY_IDS[entity](db, ids);
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
