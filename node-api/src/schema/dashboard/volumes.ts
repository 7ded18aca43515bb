import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { NodeErrorCodes, userError } from '../errors.ts';
import { Prisma } from '../../db/generated/client.ts';
import { fenOf } from '../sql.ts';
import { visibleWhere } from '../visibility.ts';
import { visibleDayTotals } from './kept-totals.ts';

/** Longest span `volumes` answers, in calendar months. */
export const MAX_VOLUME_MONTHS = 36;

/** Business done in one calendar month (China Standard Time). */
export interface MonthVolume {
  /** YYYY-MM */
  month: string;
  invoicesRegistered: bigint;
  vouchersIssued: bigint;
  financingsDisbursed: bigint;
}

interface Row {
  month: string;
  invoices: string;
  vouchers: string;
  financings: string;
}

function monthsBetween(from: string, to: string): number {
  const months = (day: string): number => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return months(to) - months(from) + 1;
}

/**
 * Per month from `from` to `to` (days, both included, CST): face amount of invoices registered, of
 * root vouchers issued (pieces split off later are not new debt) and of financings that were
 * disbursed. The read model keeps no disbursement date, so a financing counts in the month it was
 * applied for. Invoices and vouchers are summed from the totals kept per day (kept-totals.ts).
 */
export async function volumes(
  db: Database,
  user: SessionUser,
  from: string,
  to: string,
): Promise<MonthVolume[]> {
  const span = monthsBetween(from, to);
  if (from > to || span > MAX_VOLUME_MONTHS) {
    throw userError(
      NodeErrorCodes.InvalidArgument,
      `volumes: from must not be after to, and span at most ${String(MAX_VOLUME_MONTHS)} months`,
    );
  }
  const start = Prisma.sql`(${from}::date::timestamp - interval '8 hours')`;
  const end = Prisma.sql`((${to}::date + 1)::timestamp - interval '8 hours')`;
  const month = Prisma.sql`date_trunc('month', "created_at" + interval '8 hours')::date`;
  const dayMonth = Prisma.sql`date_trunc('month', "created_day")::date`;
  const rows = await db.$queryRaw<Row[]>`
    WITH months AS (
      SELECT generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month')::date AS month
    ), invoiced AS (
      SELECT ${dayMonth} AS month, sum("amount") AS amount FROM (${visibleDayTotals(user, 'invoice')}) AS i
      WHERE "created_day" BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1
    ), issued AS (
      SELECT ${dayMonth} AS month, sum("amount") AS amount FROM (${visibleDayTotals(user, 'voucher')}) AS v
      WHERE "created_day" BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1
    ), financed AS (
      SELECT ${month} AS month, sum("amount") AS amount FROM "financings"
      WHERE ${visibleWhere(user, 'financing')} AND "status" IN ('DISBURSED', 'SETTLED')
        AND "created_at" >= ${start} AND "created_at" < ${end}
      GROUP BY 1
    )
    SELECT to_char(months.month, 'YYYY-MM') AS month,
      COALESCE(invoiced.amount, 0)::text AS invoices, COALESCE(issued.amount, 0)::text AS vouchers,
      COALESCE(financed.amount, 0)::text AS financings
    FROM months
      LEFT JOIN invoiced ON invoiced.month = months.month
      LEFT JOIN issued ON issued.month = months.month
      LEFT JOIN financed ON financed.month = months.month
    ORDER BY months.month`;
  return rows.map((row) => ({
    month: row.month,
    invoicesRegistered: fenOf(row.invoices),
    vouchersIssued: fenOf(row.vouchers),
    financingsDisbursed: fenOf(row.financings),
  }));
}
