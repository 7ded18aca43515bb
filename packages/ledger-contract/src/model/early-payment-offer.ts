import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const EarlyPaymentOfferStatuses = ['OPEN', 'CLOSED'] as const;
/** OPEN: holders of the debtor's vouchers may take it. CLOSED: its debtor closed it; nothing more is paid from it. */
export type EarlyPaymentOfferStatus = (typeof EarlyPaymentOfferStatuses)[number];

/**
 * A core enterprise's standing offer to pay its vouchers before maturity out of its own cash, less a
 * discount at an annual rate (dynamic discounting), up to a budget. Public on the ledger: the debtor
 * publishes it to every holder of its paper. At most one is OPEN per debtor; its id is
 * `${debtorId}:${first 16 characters of the publishing transaction's id}`.
 */
export interface EarlyPaymentOffer extends LedgerRecord {
  docType: 'earlypayoffer';
  debtorId: string;
  /** The annual discount rate for every supplier tier without a rate of its own. */
  annualDiscountBps: number;
  /** Rates by supplier tier (the voucher's `tier`, as a decimal string) where they differ. */
  tierDiscountBps?: Record<string, number>;
  /** The most cash the debtor pays out under this offer. */
  budget: Fen;
  /** The cash paid out so far (each payment's discounted amount, not its face). */
  consumed: Fen;
  /** How many vouchers were paid under it. */
  taken: number;
  status: EarlyPaymentOfferStatus;
  /** The last business date on which it may be taken; absent: until closed. */
  validUntil?: IsoDate;
  closedAt?: string;
}

/** What the settlement of a voucher paid early records: the offer, the rate and days it was priced with. */
export interface EarlyPaymentDetails {
  offerId: string;
  /** The annual discount rate applied (the piece's tier rate, or the offer's). */
  rateBps: number;
  /** Days from the business date of the payment to maturity. */
  days: number;
  discount: Fen;
  /** What the debtor paid: face minus discount. */
  paid: Fen;
}
