import { CHARTER_ID } from '@scf/ledger-contract';
import type { Database } from '../../db/client.ts';
import { fenOf } from '../sql.ts';

/** One core enterprise as a bank sees it: the consortium's figures beside the bank's own. */
export interface ConsortiumFigures {
  debtorId: string;
  /** Confirmed, not yet paid, across the consortium. */
  outstandingVouchers: bigint;
  /** Disbursed at any bank, not yet settled (face). */
  financedOutstanding: bigint;
  /** The charter's cap on `financedOutstanding`, if it sets one. */
  exposureCap: bigint | null;
  /** What this bank itself disbursed against the debtor and is not settled (face). */
  ownExposure: bigint;
}

interface Row {
  debtorId: string;
  outstanding: string | null;
  financed: string | null;
  cap: string | null;
  own: string | null;
}

/**
 * Every core enterprise with its consortium-wide figures (the sums of the ledger's exposure entries,
 * which name no bank) and the bank's own disbursed financings; most financed first. Only totals of
 * other banks cross into the answer: no other bank's name, financing or terms.
 */
export async function consortiumFigures(db: Database, bankId: string): Promise<ConsortiumFigures[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH sums AS (
      SELECT "debtor_id",
        sum("amount") FILTER (WHERE "measure" = 'vouchers') AS outstanding,
        sum("amount") FILTER (WHERE "measure" = 'financed') AS financed
      FROM "exposure_deltas" GROUP BY 1
    ), own AS (
      SELECT "debtor_id", sum("amount") AS own FROM "financings"
      WHERE "bank_id" = ${bankId} AND "status" = 'DISBURSED' GROUP BY 1
    )
    SELECT e."id" AS "debtorId", s.outstanding::text AS outstanding, s.financed::text AS financed,
      c."exposure_caps" ->> e."id" AS cap, o.own::text AS own
    FROM "enterprises" e
      LEFT JOIN sums s ON s."debtor_id" = e."id"
      LEFT JOIN own o ON o."debtor_id" = e."id"
      LEFT JOIN "charters" c ON c."id" = ${CHARTER_ID}
    WHERE e."kind" = 'CORE'
    ORDER BY coalesce(s.financed, 0) DESC, e."name", e."id"`;
  return rows.map((row) => ({
    debtorId: row.debtorId,
    outstandingVouchers: fenOf(row.outstanding),
    financedOutstanding: fenOf(row.financed),
    exposureCap: row.cap === null ? null : BigInt(row.cap),
    ownExposure: fenOf(row.own),
  }));
}
