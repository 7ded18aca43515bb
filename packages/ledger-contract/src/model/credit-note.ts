import type { Fen } from '../money.ts';
import type { LedgerRecord } from './record.ts';

export const CreditNoteReasons = ['RETURN', 'PRICE_REDUCTION', 'REVERSAL'] as const;
/** Why the seller credits its buyer: goods returned, the price reduced, or the invoice reversed. */
export type CreditNoteReason = (typeof CreditNoteReasons)[number];

export const CreditNoteStatuses = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
/**
 * PENDING: registered by the seller, waiting for the buyer. ACCEPTED: the buyer owes that much less
 * (the dilution is applied). DECLINED by the buyer, WITHDRAWN by the seller: nothing changes.
 */
export type CreditNoteStatus = (typeof CreditNoteStatuses)[number];

/**
 * A credit note (dilution): the seller of an invoice owes its buyer `amount` back on it. Its id is
 * `${invoiceId}:${first 16 characters of the registering transaction's id}`. While PENDING or ACCEPTED
 * its amount counts against what the invoice can still be credited.
 */
export interface CreditNote extends LedgerRecord {
  docType: 'creditnote';
  invoiceId: string;
  sellerId: string;
  buyerId: string;
  amount: Fen;
  reasonKind: CreditNoteReason;
  reason: string;
  /** SHA-256 of the credit note document, stored off-chain. */
  documentHash: string;
  status: CreditNoteStatus;
  /** Why the buyer declined it. */
  declineReason?: string;
  decidedAt?: string;
  /** Once accepted: the voucher pieces it took down, and the claims it gave rise to. */
  dilution?: CreditNoteDilution;
}

/** What accepting a credit note did to the invoice's voucher tree. */
export interface CreditNoteDilution {
  /** Each piece taken down: its amount before and after. */
  reductions: { voucherId: string; from: Fen; to: Fen }[];
  /** The ids of the DilutionClaims it made, in order. */
  claimIds: string[];
}

export const DilutionClaimKinds = ['BANK', 'DEBTOR'] as const;
/**
 * BANK: a bank financed a piece for the seller and that piece shrank. DEBTOR: the credit note was
 * more than the seller's own and financed pieces could absorb; the buyer already owes the rest to
 * the holders of the pieces passed on, so the seller owes it back to the buyer.
 */
export type DilutionClaimKind = (typeof DilutionClaimKinds)[number];

/**
 * A claim that accepting a credit note gave `creditorId` on the seller (`debtorId`), open until
 * settled between them off the ledger. Its id is `${creditNoteId}:${n}` (n from 1, in the order the
 * dilution rule made them). Readable by its creditor and its debtor only.
 */
export interface DilutionClaim extends LedgerRecord {
  docType: 'dilutionclaim';
  creditNoteId: string;
  invoiceId: string;
  kind: DilutionClaimKind;
  creditorId: string;
  /** Always the seller of the invoice. */
  debtorId: string;
  amount: Fen;
  /** For a bank's claim: the piece that shrank and the financing behind it. */
  voucherId?: string;
  financingId?: string;
  status: 'OPEN';
}

/** Marks a voucher piece that a credit note took down (see CreditNote). */
export interface VoucherDilution {
  creditNoteId: string;
  /** How much of this piece the credit note took. */
  amount: Fen;
}
