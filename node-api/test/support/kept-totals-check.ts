import type { Database } from '../../src/db/client.ts';
import { Prisma } from '../../src/db/generated/client.ts';

export type Row = Record<string, string>;
export const rows = (db: Database, sql: Prisma.Sql): Promise<Row[]> => db.$queryRaw<Row[]>(sql);

/** What the kept totals say, and what the rows they sum say, in one comparable form. */
export async function keptAndCounted(db: Database): Promise<[Row[], Row[]][]> {
  const kept = (table: string, keys: string): Promise<Row[]> =>
    rows(
      db,
      Prisma.sql`SELECT ${Prisma.raw(keys)}, sum("count")::text AS n, sum("amount")::text AS amount
        FROM ${Prisma.raw(`"${table}"`)} GROUP BY ${Prisma.raw(keys)}
        HAVING sum("count") <> 0 OR sum("amount") <> 0 ORDER BY ${Prisma.raw(keys)}`,
    );
  const day = `("created_at" + interval '8 hours')::date`;
  return [
    [
      await kept(
        'voucher_maturity_totals',
        '"holder_id", "debtor_id", "transferred_from", "status", "maturity_date"',
      ),
      await rows(
        db,
        Prisma.sql`SELECT "holder_id", "debtor_id", "transferred_from", "status", "maturity_date",
          count(*)::text AS n, sum("amount")::text AS amount FROM "vouchers" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ),
    ],
    [
      await kept(
        'voucher_issue_totals',
        '"holder_id", "debtor_id", "transferred_from", "status", "created_day"',
      ),
      await rows(
        db,
        Prisma.sql`SELECT "holder_id", "debtor_id", "transferred_from", "status", ${Prisma.raw(day)} AS "created_day",
          count(*)::text AS n, sum("amount")::text AS amount FROM "vouchers" WHERE "tier" = 0
          GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ),
    ],
    [
      await kept('invoice_issue_totals', '"seller_id", "buyer_id", "created_day"'),
      await rows(
        db,
        Prisma.sql`SELECT "seller_id", "buyer_id", ${Prisma.raw(day)} AS "created_day",
          count(*)::text AS n, sum("amount")::text AS amount FROM "invoices" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
    ],
  ];
}
