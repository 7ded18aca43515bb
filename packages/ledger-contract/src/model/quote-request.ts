import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const QuoteRequestStatuses = ['OPEN', 'ACCEPTED', 'WITHDRAWN', 'EXPIRED'] as const;
/**
 * OPEN: the banks may offer and the applicant may accept one offer. ACCEPTED: one offer was taken
 * (`acceptedFinancingId`), every other open one LAPSED. WITHDRAWN by the applicant, or EXPIRED after
 * `validUntil`: every open offer LAPSED or WITHDRAWN and the voucher free again.
 */
export type QuoteRequestStatus = (typeof QuoteRequestStatuses)[number];

/**
 * A holder's request for quotes: one voucher put to several banks at once, one financing per bank.
 * Public on the ledger like a financing (who asked whom); each bank's terms stay private to that bank
 * and the applicant. Its id is `${voucherId}:${first 16 characters of the creating transaction's id}`.
 */
export interface QuoteRequest extends LedgerRecord {
  docType: 'quoterequest';
  voucherId: string;
  applicantId: string;
  debtorId: string;
  /** The voucher's face amount. */
  amount: Fen;
  maturityDate: IsoDate;
  /** The banks asked: sorted, distinct, QUOTE_BANKS.min to QUOTE_BANKS.max of them. */
  bankIds: string[];
  /** The financing opened at each bank, in the order of `bankIds`. */
  financingIds: string[];
  /** The last business date on which banks may offer and the applicant may accept. */
  validUntil: IsoDate;
  status: QuoteRequestStatus;
  acceptedFinancingId?: string;
}
