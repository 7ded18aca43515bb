import type { IsoDate } from '../dates.ts';
import type { LateInterestRate } from '../late-interest.ts';
import type { Fen } from '../money.ts';
import type { EarlyPaymentDetails } from './early-payment-offer.ts';
import type { VoucherDilution } from './credit-note.ts';
import type { LedgerRecord } from './record.ts';

export const VoucherStatuses = [
  'PENDING_ACCEPTANCE',
  'ACTIVE',
  'SPLIT',
  'FINANCING',
  'FINANCED',
  'SETTLED',
  'OVERDUE',
  'RETURNED',
  'DISPUTED',
  'WRITTEN_OFF',
] as const;
export type VoucherStatus = (typeof VoucherStatuses)[number];

export const TransferConsentStatuses = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
export type TransferConsentStatus = (typeof TransferConsentStatuses)[number];

/**
 * The recipient's consent to a transferred piece (保障中小企业款项支付条例 Art. 11: no SME is made to
 * take a voucher). PENDING while the piece waits (PENDING_ACCEPTANCE); ACCEPTED makes it ACTIVE;
 * DECLINED (by the recipient) or WITHDRAWN (by the sender) makes it RETURNED and gives the amount back
 * to the sender as a new piece of the same parent (`returnedAs`).
 */
export interface TransferConsent {
  status: TransferConsentStatus;
  /** The sender: the parent's holder, who transferred the piece. */
  fromId: string;
  /** When it was accepted, declined or withdrawn. */
  decidedAt?: string;
  /** Why the recipient declined it. */
  reason?: string;
  /** The piece that took the amount back to the sender. */
  returnedAs?: string;
}

export const DisputeStatuses = ['OPEN', 'ACCEPTED', 'WITHDRAWN'] as const;
export type DisputeStatus = (typeof DisputeStatuses)[number];

/** How a holder (or, withdrawing, the debtor) ends an open dispute. */
export const DisputeResolutions = ['ACCEPT', 'WITHDRAW'] as const;
export type DisputeResolution = (typeof DisputeResolutions)[number];

/**
 * The debtor's dispute of part of a voucher (保障中小企业款项支付条例 Art. 15), carried by the piece that
 * holds the disputed amount (DISPUTED while OPEN: frozen, neither paid, passed on nor financed). The
 * undisputed rest is a separate piece of the same parent, payable on time (`undisputedId`); a voucher
 * disputed in full has none. ACCEPTED by the holder, the piece is WRITTEN_OFF; WITHDRAWN, it is
 * payable again, with late interest from maturity.
 */
export interface PaymentDispute {
  status: DisputeStatus;
  amount: Fen;
  reason: string;
  /** The debtor enterprise that raised it. */
  raisedBy: string;
  raisedAt: string;
  undisputedId?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

/** What a debtor paid on a voucher: the principal, and the late interest when paid after maturity. */
export interface Settlement {
  paidTo: string;
  /** The principal. */
  amount: Fen;
  paymentReference: string;
  paidAt: string;
  /** Decree 802 Art. 17, paid with the principal; absent on payments recorded before the ledger computed it. */
  lateInterest?: { amount: Fen; days: number; rate: LateInterestRate };
  /** Principal plus late interest; for an early payment, what was paid (principal less the discount). */
  total?: Fen;
  /** Paid before maturity under the debtor's early-payment offer, at a discount. */
  earlyPayment?: EarlyPaymentDetails;
}

/** A digital debt voucher (数字债权凭证): the debtor's confirmed promise to pay its holder at maturity. */
export interface Voucher extends LedgerRecord {
  docType: 'voucher';
  /**
   * The voucher number people read (`H1K0-20261130-7K3Q9A`), unique on the ledger, given when the
   * voucher is created (chaincode repositories/voucher-numbers.ts). Absent on vouchers created before
   * numbers existed: show the id then.
   */
  number?: string;
  debtorId: string;
  holderId: string;
  amount: Fen;
  currency: string;
  maturityDate: IsoDate;
  rootId: string;
  parentId?: string;
  /** Depth in the lineage tree: 0 for the root, which the debtor issued to its tier-1 supplier. */
  tier: number;
  status: VoucherStatus;
  /** The root's confirmed invoice, or the invoice that backs the transfer of this piece. */
  invoiceId: string;
  childIds: string[];
  /** The open or last financing of this voucher. */
  financingId?: string;
  /** The OPEN request for quotes the voucher is locked (FINANCING) to, until one of its offers is accepted. */
  quoteRequestId?: string;
  settlement?: Settlement;
  /**
   * Maturity more than 6 months after the confirmation (银发〔2025〕77号 allows up to a year): set on
   * the root at confirmation, inherited by every piece.
   */
  longTerm?: boolean;
  /** A piece transferred to another enterprise, and that enterprise's consent. */
  transfer?: TransferConsent;
  /** A piece that returned a declined or withdrawn transfer to its sender: the returned piece's id. */
  returnOf?: string;
  /**
   * The late-interest rate agreed at confirmation (floored at the 1Y LPR of that day), inherited by
   * every piece; absent: the statutory 0.05 % per day (decree 802 Art. 17).
   */
  lateInterestRate?: LateInterestRate;
  /** The piece holding an amount its debtor disputes (Art. 15). */
  dispute?: PaymentDispute;
  /**
   * Set by an accepted credit note (dilution) on the piece it took down, and on the WRITTEN_OFF piece
   * holding the amount taken (`amount` never changes: a piece that shrinks splits into the rest and
   * the written-off part, as a partial dispute does, so pieces always add up to their parent).
   */
  dilution?: VoucherDilution;
}
