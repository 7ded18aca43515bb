import type { IsoDate } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const InvoiceStatuses = ['REGISTERED', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type InvoiceStatus = (typeof InvoiceStatuses)[number];

/**
 * A trade invoice from seller to buyer. Its id is the fingerprint of (seller, buyer, number), so the
 * same invoice can exist once on the whole network.
 */
export interface Invoice extends LedgerRecord {
  docType: 'invoice';
  number: string;
  sellerId: string;
  buyerId: string;
  amount: Fen;
  currency: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  documentHash: string;
  purchaseOrderNumber?: string;
  status: InvoiceStatus;
  /** Paid so far with voucher pieces transferred against this invoice. */
  paidAmount: Fen;
  /** Set when the buyer confirmed without a confirmed delivery. */
  deliveryWaived?: boolean;
  rejectionReason?: string;
  /**
   * The total of the credit notes the buyer accepted on it (dilution): the buyer owes `amount` less
   * this. Absent: none. `amount` itself never changes.
   */
  creditedAmount?: Fen;
  /** The voucher created when the buyer confirmed the invoice. */
  voucherId?: string;
  /** The business date (CST) of the first delivery a carrier confirmed for it. */
  deliveredOn?: IsoDate;
  /**
   * Art. 9 of 保障中小企业款项支付条例 (`smePaymentTerm`): on an invoice a CORE buyer owes a SUPPLIER,
   * whether it is due more than 60 days after delivery (before a delivery: after its issue date).
   * Absent where the rule does not cover the trade. Set on registration, recomputed on delivery.
   */
  paymentTermExceeded?: boolean;
}
