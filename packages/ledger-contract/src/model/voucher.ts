import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
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
  settlement?: { paidTo: string; amount: Fen; paymentReference: string; paidAt: string };
  /**
   * Maturity more than 6 months after the confirmation (银发〔2025〕77号 allows up to a year): set on
   * the root at confirmation, inherited by every piece.
   */
  longTerm?: boolean;
  /** A piece transferred to another enterprise, and that enterprise's consent. */
  transfer?: TransferConsent;
  /** A piece that returned a declined or withdrawn transfer to its sender: the returned piece's id. */
  returnOf?: string;
}
