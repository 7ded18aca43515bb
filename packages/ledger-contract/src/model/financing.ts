import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const FinancingStatuses = [
  'APPLIED',
  'OFFERED',
  'ACCEPTED',
  'DISBURSED',
  'SETTLED',
  /** Put back to the applicant under recourse: it paid the bank and holds the voucher again. */
  'BOUGHT_BACK',
  'REJECTED',
  'WITHDRAWN',
  'EXPIRED',
  /** One of a request for quotes whose request closed otherwise: another offer accepted, or the request withdrawn or expired. */
  'LAPSED',
] as const;
export type FinancingStatus = (typeof FinancingStatuses)[number];

/**
 * An application for financing at one bank; offer terms stay private. It finances exactly one asset:
 * a voucher its holder discounts (`voucherId`; the debtor is the voucher's), or a warehouse receipt its
 * owner pledges (`receiptId`; the owner is the debtor and repays the bank).
 */
export interface Financing extends LedgerRecord {
  docType: 'financing';
  voucherId?: string;
  receiptId?: string;
  applicantId: string;
  bankId: string;
  debtorId: string;
  /** The voucher's face amount, or what the receipt's owner asked to borrow. */
  amount: Fen;
  maturityDate: IsoDate;
  status: FinancingStatus;
  /** SHA-256 of the offer terms as stored privately; the terms themselves are not public. */
  termsHash?: string;
  offerValidUntil?: IsoDate;
  /** The request for quotes this financing answers, when the applicant asked several banks at once. */
  quoteRequestId?: string;
  paymentReference?: string;
  rejectionReason?: string;
  /** A receipt financing's repayment, as the bank recorded it: its payment reference and time. */
  repaymentReference?: string;
  repaidAt?: string;
  /** The bank's registration of the receivable at the movable-property registry (中登): set at disbursement. */
  registration?: FinancingRegistration;
  /** The notice of assignment to the debtor (民法典 Art. 768): set at disbursement. */
  assignmentNotice?: AssignmentNotice;
  /** The bank's demand that the applicant buy the overdue voucher back (recourse, 民法典 Art. 766). */
  recourseDemand?: RecourseDemand;
  /** The bank's record that the applicant paid the buy-back price: the financing is BOUGHT_BACK. */
  buyBack?: BuyBack;
}

/**
 * A bank's demand under recourse: the applicant is to pay the bank the voucher's face amount (what the
 * bank was to collect from the debtor) and take the voucher back. Public: the applicant and the bank
 * see it on the financing; that there was recourse is all it tells the other members.
 */
export interface RecourseDemand {
  demandedAt: string;
  /** The bank approver's certificate digest. */
  demandedBy: string;
  /** The buy-back price: the voucher's face amount. */
  amount: Fen;
}

/** The bank's confirmation that it received the buy-back price (money moves off the ledger). */
export interface BuyBack {
  recordedAt: string;
  recordedBy: string;
  paymentReference: string;
}

/**
 * The receivable as the registry identifies it: the voucher (or, for a pledge, the warehouse receipt),
 * its debtor and its amount.
 */
export interface RegistryReceivable {
  voucherId: string;
  debtorId: string;
  amount: Fen;
}

/** One registration the registry holds for a receivable: its number, its time and who made it. */
export interface RegistryEntry {
  registrationNumber: string;
  /** The registry's time of registration (ISO-8601 instant, by the registry's clock). */
  registeredAt: string;
  /** The registering party's enterprise id (unified social credit code). */
  registrantId: string;
}

/**
 * The bank's registration as the ledger keeps it: the registry's own entry, the MSP of the bank that
 * disbursed, and the search the bank made before registering, which found no other party's claim.
 */
export interface FinancingRegistration extends RegistryEntry {
  registrantMsp: string;
  /** When the bank searched the registry for the receivable (the registry's clock). */
  searchedAt: string;
  /** What that search found: nothing, or only this bank's own registration (a retried disbursement). */
  searchResult: RegistryEntry[];
}

/**
 * The notice of assignment to the debtor, recorded with the disbursement: from now on the debtor pays
 * the assignee (the bank), not the assignor (the applicant) who held the voucher.
 */
export interface AssignmentNotice {
  /** The disbursement's transaction time. */
  noticedAt: string;
  assignorId: string;
  assigneeId: string;
  registrationNumber: string;
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
   * With recourse (民法典 Art. 766): when the voucher goes unpaid past maturity the bank may put it back
   * to the applicant (buy-back). Without recourse the bank bears the debtor's default.
   */
  recourse: boolean;
  /**
   * The bank client's random salt (32 to 128 lower-case hex digits): stored with the terms, so
   * termsHash and Fabric's private-data hash cannot be matched by guessing the other terms.
   */
  salt: string;
}
