import type { SessionUser } from '../../auth/session-user.ts';
import { Prisma } from '../../db/generated/client.ts';
import { visibleParts } from '../visibility.ts';

/**
 * The totals the database keeps as vouchers and invoices change (migration `dashboard_totals`), as
 * far as `user` may see them: rows of the kept columns with `count` and `amount`, to be summed. Each
 * kept table is named like the table it sums up, so the visibility conditions on its own columns
 * apply to it unchanged. What a user sees only through another table (a bank asked to finance a
 * voucher it does not hold) comes from the vouchers themselves, one row each.
 */

/** Visible vouchers as (holder_id, debtor_id, status, maturity_date, count, amount). */
export function visibleMaturityTotals(user: SessionUser): Prisma.Sql {
  const { own, linkedOnly } = visibleParts(user, 'voucher');
  const kept = Prisma.sql`SELECT "holder_id", "debtor_id", "status", "maturity_date", "count", "amount"
    FROM "voucher_maturity_totals" AS "vouchers" WHERE ${own}`;
  if (!linkedOnly) return kept;
  return Prisma.sql`${kept} UNION ALL
    SELECT "holder_id", "debtor_id", "status", "maturity_date", 1::bigint, "amount"::numeric
    FROM "vouchers" WHERE ${linkedOnly}`;
}

/** Per day kept: root vouchers (tier 0, "vouchers issued") and invoices ("invoices registered"). */
const DAY_TOTALS = {
  voucher: { kept: 'voucher_issue_totals', rows: 'vouchers', only: Prisma.sql`"tier" = 0` },
  invoice: { kept: 'invoice_issue_totals', rows: 'invoices', only: Prisma.sql`TRUE` },
} as const;

/** Visible root vouchers or invoices as (created_day, count, amount), the day CST. */
export function visibleDayTotals(user: SessionUser, entity: keyof typeof DAY_TOTALS): Prisma.Sql {
  const { kept, rows, only } = DAY_TOTALS[entity];
  const { own, linkedOnly } = visibleParts(user, entity);
  const keptRows = Prisma.sql`SELECT "created_day", "count", "amount"
    FROM ${Prisma.raw(`"${kept}" AS "${rows}"`)} WHERE ${own}`;
  if (!linkedOnly) return keptRows;
  return Prisma.sql`${keptRows} UNION ALL
    SELECT ("created_at" + interval '8 hours')::date, 1::bigint, "amount"::numeric
    FROM ${Prisma.raw(`"${rows}"`)} WHERE ${only} AND ${linkedOnly}`;
}
