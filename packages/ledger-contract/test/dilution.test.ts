import { describe, expect, it } from 'vitest';
import { dilute, type DilutablePiece } from '../src/dilution.ts';

const PARTIES = { sellerId: 'S', buyerId: 'CORE' };

/**
 * Seller S's ¥10,000.00 invoice became root voucher R, split three ways: S kept R.1 (¥3,000.00), passed
 * R.2 (¥2,000.00) to its supplier T, and financed R.3 (¥5,000.00) at bank A. T financed nothing here;
 * R.4 is a piece T financed at bank B (from another split, for the rule's sake).
 */
const PIECES: DilutablePiece[] = [
  { id: 'R.3', holderId: 'BANK_A', amountFen: 500_000n, financing: { bankId: 'BANK_A', applicantId: 'S' } },
  { id: 'R.1', holderId: 'S', amountFen: 300_000n },
  { id: 'R.2', holderId: 'T', amountFen: 200_000n },
  { id: 'R.4', holderId: 'BANK_B', amountFen: 100_000n, financing: { bankId: 'BANK_B', applicantId: 'T' } },
];

describe('dilution of a split voucher by a credit note, with worked numbers', () => {
  it("takes ¥1,000.00 from the seller's own unfinanced piece only", () => {
    expect(dilute(PIECES, PARTIES, 100_000n)).toEqual({
      reductions: [{ id: 'R.1', fromFen: 300_000n, toFen: 200_000n }],
      claims: [],
    });
  });

  it("takes ¥4,500.00 from the seller's piece, then ¥1,500.00 from its financed piece: bank A's claim on the seller", () => {
    expect(dilute(PIECES, PARTIES, 450_000n)).toEqual({
      reductions: [
        { id: 'R.1', fromFen: 300_000n, toFen: 0n },
        { id: 'R.3', fromFen: 500_000n, toFen: 350_000n },
      ],
      claims: [{ creditorId: 'BANK_A', debtorId: 'S', amountFen: 150_000n, pieceId: 'R.3' }],
    });
  });

  it("leaves the pieces passed on untouched: beyond the seller's pieces, ¥1,000.00 is the debtor's claim on the seller", () => {
    const outcome = dilute(PIECES, PARTIES, 900_000n);
    expect(outcome.reductions).toEqual([
      { id: 'R.1', fromFen: 300_000n, toFen: 0n },
      { id: 'R.3', fromFen: 500_000n, toFen: 0n },
    ]);
    expect(outcome.claims).toEqual([
      { creditorId: 'BANK_A', debtorId: 'S', amountFen: 500_000n, pieceId: 'R.3' },
      { creditorId: 'CORE', debtorId: 'S', amountFen: 100_000n },
    ]);
    // What shrank plus what is claimed is the credit note, to the fen.
    const shrunk = outcome.reductions.reduce((sum, r) => sum + r.fromFen - r.toFen, 0n);
    const claimedFromDebtor = outcome.claims
      .filter((c) => c.creditorId === 'CORE')
      .reduce((sum, c) => sum + c.amountFen, 0n);
    expect(shrunk + claimedFromDebtor).toBe(900_000n);
  });

  it('takes nothing for a zero credit note', () => {
    expect(dilute(PIECES, PARTIES, 0n)).toEqual({ reductions: [], claims: [] });
  });
});
