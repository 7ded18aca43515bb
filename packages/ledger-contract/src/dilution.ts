/**
 * Dilution: a credit note (goods returned, price cut, invoice reversed) that the seller registers and
 * the buyer accepts reduces what the buyer owes on the invoice. Where the invoice's voucher went is
 * where the reduction must land, and the rule is that the seller, whose invoice it was, bears it:
 *
 * 1. the seller's own pieces that nobody financed shrink first, in piece order (root first, then its
 *    pieces by id), each at most to zero;
 * 2. then the pieces a bank financed for the seller shrink, and the bank gets a claim on the seller for
 *    each amount taken off (it paid for a receivable that turned out smaller);
 * 3. what is left becomes the debtor's claim on the seller: pieces the seller passed on to its own
 *    suppliers never shrink, since their holders took them as payment in good faith (and under decree
 *    802 Art. 11 by their own consent), nor do pieces those suppliers financed.
 *
 * Settled and written-off pieces are not in `pieces`: what is paid stays paid.
 */
export interface DilutablePiece {
  id: string;
  holderId: string;
  amountFen: bigint;
  /** Set when a bank financed the piece: the bank (now its holder) and the applicant it financed. */
  financing?: { bankId: string; applicantId: string };
}

export interface DilutionShare {
  /** Who is owed: a bank that financed a diluted piece, or the debtor. */
  creditorId: string;
  /** Always the seller. */
  debtorId: string;
  amountFen: bigint;
  /** The piece taken down, for a bank's claim. */
  pieceId?: string;
}

export interface DilutionOutcome {
  /** Each piece that shrinks, with its new amount (zero: nothing is left of it). */
  reductions: { id: string; fromFen: bigint; toFen: bigint }[];
  claims: DilutionShare[];
}

const byId = (a: DilutablePiece, b: DilutablePiece): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Applies `shortfallFen` of the seller's invoice to its open pieces by the rule above. */
export function dilute(
  pieces: readonly DilutablePiece[],
  parties: { sellerId: string; buyerId: string },
  shortfallFen: bigint,
): DilutionOutcome {
  const outcome: DilutionOutcome = { reductions: [], claims: [] };
  let left = shortfallFen;
  const take = (piece: DilutablePiece): bigint => {
    const taken = piece.amountFen < left ? piece.amountFen : left;
    if (taken > 0n) {
      outcome.reductions.push({ id: piece.id, fromFen: piece.amountFen, toFen: piece.amountFen - taken });
      left -= taken;
    }
    return taken;
  };
  const sorted = [...pieces].sort(byId);
  for (const piece of sorted) {
    if (left > 0n && piece.holderId === parties.sellerId && !piece.financing) take(piece);
  }
  for (const piece of sorted) {
    if (left === 0n || piece.financing?.applicantId !== parties.sellerId) continue;
    const taken = take(piece);
    if (taken > 0n) {
      outcome.claims.push({
        creditorId: piece.financing.bankId,
        debtorId: parties.sellerId,
        amountFen: taken,
        pieceId: piece.id,
      });
    }
  }
  if (left > 0n)
    outcome.claims.push({ creditorId: parties.buyerId, debtorId: parties.sellerId, amountFen: left });
  return outcome;
}
