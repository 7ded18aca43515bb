import type { SessionUser } from '../../auth/session-user.ts';
import type { Database } from '../../db/client.ts';
import { fenOf } from '../sql.ts';
import { visibleWhere } from '../visibility.ts';
import { visibleMaturityTotals } from './kept-totals.ts';
import { HELD } from './unpaid.ts';

/** What one debtor owes, from where the user stands. */
export interface DebtorExposure {
  debtorId: string;
  count: number;
  /** Face amount. */
  amount: bigint;
  /** For a bank: what it advanced against those vouchers (from its offer terms). */
  financedAmount: bigint | null;
}

interface Row {
  debtorId: string;
  count: number;
  amount: string;
  financed: string | null;
}

/** Financings a bank accepted or disbursed and that are not settled yet, by debtor. */
function bankExposure(db: Database, user: SessionUser): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT "financings"."debtor_id" AS "debtorId", count(*)::int AS count,
      sum("financings"."amount")::text AS amount, sum(t."financed_amount")::text AS financed
    FROM "financings" LEFT JOIN "offer_terms" t ON t."financing_id" = "financings"."id"
    WHERE ${visibleWhere(user, 'financing')} AND "financings"."bank_id" = ${user.enterpriseId}
      AND "financings"."status" IN ('ACCEPTED', 'DISBURSED')
    GROUP BY 1 ORDER BY sum("financings"."amount") DESC, 1`;
}

/** Unpaid vouchers the enterprise holds, by debtor (from the kept totals, kept-totals.ts). */
function heldExposure(db: Database, user: SessionUser): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT "debtor_id" AS "debtorId", sum("count")::int AS count, sum("amount")::text AS amount, NULL AS financed
    FROM (${visibleMaturityTotals(user)}) AS v
    WHERE "holder_id" = ${user.enterpriseId} AND "status" = ANY(${HELD})
    GROUP BY 1 HAVING sum("count") > 0 ORDER BY sum("amount") DESC, 1`;
}

/**
 * Exposure per debtor enterprise, largest first. A bank's is the face amount of the financings it
 * accepted or disbursed and that are not settled; anyone else's is the unpaid vouchers it holds.
 */
export async function exposureByDebtor(db: Database, user: SessionUser): Promise<DebtorExposure[]> {
  const bank = user.enterpriseKind === 'BANK';
  const rows = await (bank ? bankExposure(db, user) : heldExposure(db, user));
  return rows.map((row) => ({
    debtorId: row.debtorId,
    count: row.count,
    amount: fenOf(row.amount),
    financedAmount: bank ? fenOf(row.financed) : null,
  }));
}
