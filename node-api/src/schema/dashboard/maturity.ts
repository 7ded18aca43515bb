import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { fenOf } from '../sql.ts';
import { visibleMaturityTotals } from './kept-totals.ts';
import { UNPAID, type Total } from './unpaid.ts';

/**
 * Buckets of days to maturity, in ladder order. OVERDUE: unpaid after maturity, marked so or past the
 * as-of day and not swept yet (the dashboard's `overdue` figure).
 */
export const MATURITY_BUCKETS = [
  'OVERDUE',
  'DAYS_0_30',
  'DAYS_31_60',
  'DAYS_61_90',
  'DAYS_91_180',
  'DAYS_OVER_180',
] as const;
export type MaturityBucket = (typeof MATURITY_BUCKETS)[number];

export interface LadderStep extends Total {
  bucket: MaturityBucket;
}

interface Row {
  bucket: MaturityBucket;
  count: number;
  amount: string | null;
}

/**
 * The visible unpaid vouchers by days from `asOf` to maturity: every bucket, empty ones as zero. Summed
 * from the kept totals (kept-totals.ts), so the first ladder after a write does not read every voucher.
 */
export async function maturityLadder(db: Database, user: SessionUser, asOf: string): Promise<LadderStep[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT CASE
        WHEN "status" = 'OVERDUE' OR "maturity_date" < ${asOf}::date THEN 'OVERDUE'
        WHEN "maturity_date" <= ${asOf}::date + 30 THEN 'DAYS_0_30'
        WHEN "maturity_date" <= ${asOf}::date + 60 THEN 'DAYS_31_60'
        WHEN "maturity_date" <= ${asOf}::date + 90 THEN 'DAYS_61_90'
        WHEN "maturity_date" <= ${asOf}::date + 180 THEN 'DAYS_91_180'
        ELSE 'DAYS_OVER_180' END AS bucket,
      sum("count")::int AS count, sum("amount")::text AS amount
    FROM (${visibleMaturityTotals(user)}) AS v
    WHERE "status" = ANY(${UNPAID})
    GROUP BY 1`;
  const found = new Map(rows.map((row) => [row.bucket, row]));
  return MATURITY_BUCKETS.map((bucket) => {
    const row = found.get(bucket);
    return { bucket, count: row?.count ?? 0, amount: fenOf(row?.amount ?? null) };
  });
}
