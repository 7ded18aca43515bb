import type { Fen } from '../money.ts';

/**
 * The two consortium-wide figures kept per core enterprise (debtor): `vouchers` is the face value it
 * confirmed and has not paid yet; `financed` is the face value banks disbursed against and that is
 * not settled yet. Neither says which bank financed what, nor at which terms.
 */
export const ExposureMeasures = ['financed', 'vouchers'] as const;
export type ExposureMeasure = (typeof ExposureMeasures)[number];

/**
 * What one transaction changed in a debtor's figures: a signed whole number of fen (confirming adds,
 * paying subtracts). The ledger keeps one such entry per transaction instead of updating a running
 * total, and the transaction's event carries the same entries for the read models.
 */
export interface ExposureDelta {
  debtorId: string;
  measure: ExposureMeasure;
  /** Signed fen, as digits with an optional leading minus; never 0. */
  amount: string;
}

/** A debtor's consortium-wide figures, as `exposure:Get` answers any bank. */
export interface DebtorExposure {
  debtorId: string;
  /** Confirmed vouchers (every piece, whoever holds it) not yet paid. */
  outstandingVouchers: Fen;
  /** Disbursed financings at every bank not yet settled (face value). */
  financedOutstanding: Fen;
  /** The charter's consortium-wide cap on `financedOutstanding`, if it sets one for this debtor. */
  exposureCap?: Fen;
}
