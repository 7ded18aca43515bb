import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const VoucherStatuses = ['ACTIVE', 'SPLIT', 'FINANCING', 'FINANCED', 'SETTLED', 'OVERDUE'] as const;
export type VoucherStatus = (typeof VoucherStatuses)[number];

/** A digital debt voucher (数字债权凭证): the debtor's confirmed promise to pay its holder at maturity. */
export interface Voucher extends LedgerRecord {
  docType: 'voucher';
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
}
