import type { DilutablePiece } from './dilution.ts';
import type { VoucherStatus } from './model/voucher.ts';

/**
 * What a credit note on an invoice may still be: the invoice amount less what was paid on it with
 * voucher pieces and less the other credit notes PENDING or ACCEPTED on it (never below zero). A new
 * credit note is 1 fen up to this.
 */
export function creditNoteRoom(amountFen: bigint, paidFen: bigint, otherNotesFen: bigint): bigint {
  const room = amountFen - paidFen - otherNotesFen;
  return room > 0n ? room : 0n;
}

/** A voucher piece as the dilution needs to see it (the ledger's Voucher, or a read model's row). */
export interface TreePiece {
  id: string;
  holderId: string;
  amount: string;
  status: VoucherStatus;
  financingId?: string | null;
}

/** A financing as the dilution needs to see it. */
export interface TreeFinancing {
  bankId: string;
  applicantId: string;
  status: string;
}

/** Pieces still owed at maturity: the ones a credit note may take down. */
const DILUTABLE: readonly VoucherStatus[] = ['ACTIVE', 'OVERDUE', 'FINANCED'];
/** The seller's pieces that are mid-way through something a dilution would pull the ground from under. */
const BLOCKING: readonly VoucherStatus[] = ['FINANCING', 'DISPUTED'];

export type DilutableTree =
  | { pieces: DilutablePiece[] }
  /** A piece of the seller's is applied for financing or disputed: settle that first. */
  | { blockedBy: { id: string; status: VoucherStatus } };

/**
 * The open pieces of an invoice's voucher tree, as `dilute` takes them: each open leaf with its
 * holder and, when a bank disbursed against it, that bank and the applicant it financed. A piece of
 * the seller's (held by it, or financed for it) in FINANCING or DISPUTED blocks the dilution.
 */
export function dilutableTree(
  tree: readonly TreePiece[],
  financingOf: (id: string) => TreeFinancing | undefined,
  sellerId: string,
): DilutableTree {
  const pieces: DilutablePiece[] = [];
  for (const piece of tree) {
    const financing = piece.financingId ? financingOf(piece.financingId) : undefined;
    const financed = financing?.status === 'DISBURSED' && piece.holderId === financing.bankId;
    const sellers = piece.holderId === sellerId || (financed && financing.applicantId === sellerId);
    if (BLOCKING.includes(piece.status)) {
      if (sellers) return { blockedBy: { id: piece.id, status: piece.status } };
      continue;
    }
    if (!DILUTABLE.includes(piece.status)) continue;
    pieces.push({
      id: piece.id,
      holderId: piece.holderId,
      amountFen: BigInt(piece.amount),
      ...(financed ? { financing: { bankId: financing.bankId, applicantId: financing.applicantId } } : {}),
    });
  }
  return { pieces };
}

/** What the buyer still owes on an invoice by its face: the amount less the credit notes it accepted. */
export function owedOnInvoice(invoice: { amount: string; creditedAmount?: string }): bigint {
  return BigInt(invoice.amount) - BigInt(invoice.creditedAmount ?? '0');
}
