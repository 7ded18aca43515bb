import { Prisma, type OfferTerms, type Shipment, type Voucher } from '../db/generated/client.ts';
import { BatchLoader } from './batch-loader.ts';
import type { Context } from './context.ts';
import { readVisible, type ReadRows } from './read-rows.ts';
import { mayReadTerms, type ReadEntity } from './visibility.ts';

/** One loader of rows by id per entity, made on first use. */
type RowLoaders = { [E in ReadEntity]?: BatchLoader<string, ReadRows[E] | null> };

/** Batched reads behind the relation fields, all through visibility. */
interface ReadLoaders {
  rows: RowLoaders;
  shipmentsOfInvoice: BatchLoader<string, Shipment[]>;
  childrenOfVoucher: BatchLoader<string, Voucher[]>;
  terms: BatchLoader<string, OfferTerms | null>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

function rowsOf<E extends ReadEntity>(ctx: Context, entity: E): BatchLoader<string, ReadRows[E] | null> {
  return new BatchLoader(async (ids) => {
    const rows = await readVisible(ctx.db, ctx.user, entity, { where: [Prisma.sql`"id" = ANY(${ids})`] });
    return new Map(rows.map((row) => [row.id, row]));
  }, null);
}

function createLoaders(ctx: Context): ReadLoaders {
  const { db, user } = ctx;
  return {
    rows: {},
    shipmentsOfInvoice: new BatchLoader(async (ids) => {
      const where = [Prisma.sql`"invoice_id" = ANY(${ids})`];
      const rows = await readVisible(db, user, 'shipment', {
        where,
        orderBy: Prisma.sql`"picked_up_at", "id"`,
      });
      return groupBy(rows, (row) => row.invoiceId);
    }, []),
    childrenOfVoucher: new BatchLoader(async (ids) => {
      const where = [Prisma.sql`"parent_id" = ANY(${ids})`];
      const rows = await readVisible(db, user, 'voucher', { where, orderBy: Prisma.sql`"id"` });
      return groupBy(rows, (row) => row.parentId);
    }, []),
    terms: new BatchLoader(async (ids) => {
      const rows = await db.offerTerms.findMany({ where: { financingId: { in: ids } } });
      return new Map(rows.map((row) => [row.financingId, row]));
    }, null),
  };
}

const perRequest = new WeakMap<Context, ReadLoaders>();

/** The loaders of this request (its context): made on first use, dropped with the request. */
function loadersOf(ctx: Context): ReadLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createLoaders(ctx);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

/** One visible row by id, or null (absent and hidden look the same). */
export function visibleRow<E extends ReadEntity>(
  ctx: Context,
  entity: E,
  id: string,
): Promise<ReadRows[E] | null> {
  const loaders: RowLoaders = loadersOf(ctx).rows;
  const loader = loaders[entity] ?? rowsOf(ctx, entity);
  // TypeScript cannot write a mapped type's value under a generic key: this is the loader of `E`.
  (loaders as Partial<Record<E, typeof loader>>)[entity] = loader;
  return loader.load(id);
}

/** The visible shipments of an invoice, in pickup order. */
export function shipmentsOfInvoice(ctx: Context, invoiceId: string): Promise<Shipment[]> {
  return loadersOf(ctx).shipmentsOfInvoice.load(invoiceId);
}

/** The visible pieces a voucher was split into. */
export function childrenOfVoucher(ctx: Context, voucherId: string): Promise<Voucher[]> {
  return loadersOf(ctx).childrenOfVoucher.load(voucherId);
}

/** A financing's offer terms, only for its bank and its applicant, whichever org hosts the caller. */
export async function termsOf(
  ctx: Context,
  financing: { id: string; bankId: string; applicantId: string },
): Promise<OfferTerms | null> {
  return mayReadTerms(ctx.user, financing) ? loadersOf(ctx).terms.load(financing.id) : null;
}
