import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const FinancingStatuses = [
  'APPLIED',
  'OFFERED',
  'ACCEPTED',
  'DISBURSED',
  'SETTLED',
  'REJECTED',
  'WITHDRAWN',
  'EXPIRED',
] as const;
export type FinancingStatus = (typeof FinancingStatuses)[number];

/** A voucher holder's application for financing at one bank; offer terms stay private. */
export interface Financing extends LedgerRecord {
  docType: 'financing';
  voucherId: string;
  applicantId: string;
  bankId: string;
  debtorId: string;
  /** The voucher's face amount. */
  amount: Fen;
  maturityDate: IsoDate;
  status: FinancingStatus;
  /** SHA-256 of the offer terms as stored privately; the terms themselves are not public. */
  termsHash?: string;
  offerValidUntil?: IsoDate;
  paymentReference?: string;
  rejectionReason?: string;
}

/** The bank's offer, kept in the implicit private collections of the applicant's and the bank's orgs. */
export interface OfferTerms {
  financingId: string;
  faceAmount: Fen;
  advanceRateBps: number;
  /** financed = face × advance rate, rounded half up. */
  financedAmount: Fen;
  lprTenor: string;
  lprBps: number;
  spreadBps: number;
  annualRateBps: number;
  /** Days from the offer's business date to maturity. */
  days: number;
  /** financed × annual rate × days / 360, rounded half up. */
  discountInterest: Fen;
  fees: Fen;
  /** financed − interest − fees: what the applicant receives. */
  netProceeds: Fen;
  validUntil: IsoDate;
  /**
   * The bank client's random salt (32 to 128 lower-case hex digits): stored with the terms, so
   * termsHash and Fabric's private-data hash cannot be matched by guessing the other terms.
   */
  salt: string;
}
