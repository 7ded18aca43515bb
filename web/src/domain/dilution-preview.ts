import { creditNoteRoom, dilute, type DilutablePiece, type DilutionOutcome } from '@scf/ledger-contract';

/** An open piece of an invoice's voucher tree as the API gives it to the buyer (`Invoice.dilutablePieces`). */
export interface PieceRow {
  id: string;
  holderId: string;
  amount: string;
  bankId?: string | null;
  applicantId?: string | null;
}

/**
 * What accepting a credit note of `amountFen` would do to the invoice's voucher tree: the ledger's own
 * rule (`dilute` of @scf/ledger-contract) on the pieces the API lists, so the buyer's approver sees which
 * pieces shrink by how much and which claims on the seller arise before deciding.
 */
export function previewDilution(
  pieces: readonly PieceRow[],
  parties: { sellerId: string; buyerId: string },
  amountFen: bigint,
): DilutionOutcome {
  const input: DilutablePiece[] = pieces.map((piece) => ({
    id: piece.id,
    holderId: piece.holderId,
    amountFen: BigInt(piece.amount),
    ...(piece.bankId && piece.applicantId
      ? { financing: { bankId: piece.bankId, applicantId: piece.applicantId } }
      : {}),
  }));
  return dilute(input, parties, amountFen);
}

/** What a new credit note on the invoice may be at most: amount less paid less its PENDING and ACCEPTED notes. */
export function creditNoteMax(
  invoice: { amount: string; paidAmount: string },
  notes: readonly { amount: string; status: string }[],
): bigint {
  const standing = notes
    .filter((note) => note.status === 'PENDING' || note.status === 'ACCEPTED')
    .reduce((sum, note) => sum + BigInt(note.amount), 0n);
  return creditNoteRoom(BigInt(invoice.amount), BigInt(invoice.paidAmount), standing);
}
