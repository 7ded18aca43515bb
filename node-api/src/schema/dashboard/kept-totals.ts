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

/** Visible root vouchers (tier 0) as (created_day, count, amount), the day CST. */
export function visibleIssueTotals(user: SessionUser): Prisma.Sql {
  const { own, linkedOnly } = visibleParts(user, 'voucher');
  const kept = Prisma.sql`SELECT "created_day", "count", "amount"
    FROM "voucher_issue_totals" AS "vouchers" WHERE ${own}`;
  if (!linkedOnly) return kept;
  return Prisma.sql`${kept} UNION ALL
    SELECT ("created_at" + interval '8 hours')::date, 1::bigint, "amount"::numeric
    FROM "vouchers" WHERE "tier" = 0 AND ${linkedOnly}`;
}

/** Visible invoices as (created_day, count, amount), the day CST. */
export function visibleInvoiceTotals(user: SessionUser): Prisma.Sql {
  const { own, linkedOnly } = visibleParts(user, 'invoice');
  const kept = Prisma.sql`SELECT "created_day", "count", "amount"
    FROM "invoice_issue_totals" AS "invoices" WHERE ${own}`;
  if (!linkedOnly) return kept;
  return Prisma.sql`${kept} UNION ALL
    SELECT ("created_at" + interval '8 hours')::date, 1::bigint, "amount"::numeric
    FROM "invoices" WHERE ${linkedOnly}`;
}
