import { MAX_PIECES } from '@scf/ledger-contract';
import { parseYuan } from './money';

/** One piece as the wizard holds it: kept by the holder, or transferred against an invoice. */
export interface PieceDraft {
  amountYuan: string;
  transfer: boolean;
  toEnterpriseId: string;
  invoiceId: string;
  /** What is still unpaid on the cited invoice, when the wizard has loaded it. */
  invoiceUnpaidFen: bigint | null;
}

/** i18n keys under `split.problem`. */
export type PieceProblem = 'amount' | 'recipient' | 'invoice' | 'overInvoice';
export type PlanProblem = 'tooFew' | 'tooMany' | 'sumMismatch';

export interface SplitSummary {
  /** Sum of the pieces that parse. */
  totalFen: bigint;
  /** Voucher amount minus total: what is left to place (negative: over). */
  remainingFen: bigint;
  pieceProblems: (PieceProblem | null)[];
  planProblems: PlanProblem[];
  valid: boolean;
}

export function emptyPiece(transfer = true): PieceDraft {
  return { amountYuan: '', transfer, toEnterpriseId: '', invoiceId: '', invoiceUnpaidFen: null };
}

function pieceProblem(piece: PieceDraft, citedFen: Map<string, bigint>): PieceProblem | null {
  const amount = parseYuan(piece.amountYuan);
  if (amount === null || amount === 0n) return 'amount';
  if (!piece.transfer) return null;
  if (piece.toEnterpriseId === '') return 'recipient';
  if (piece.invoiceId === '') return 'invoice';
  const cited = citedFen.get(piece.invoiceId) ?? 0n;
  return piece.invoiceUnpaidFen !== null && cited > piece.invoiceUnpaidFen ? 'overInvoice' : null;
}

/**
 * The ledger's rules for a split: two pieces or more, or one transferred piece; at most MAX_PIECES; every piece
 * more than 0 fen; a transferred piece names its recipient and the invoice from that recipient, and all
 * pieces citing one invoice stay within what is unpaid on it; the pieces add up to the voucher exactly.
 */
export function summarizeSplit(voucherFen: bigint, pieces: readonly PieceDraft[]): SplitSummary {
  const amounts = pieces.map((piece) => parseYuan(piece.amountYuan) ?? 0n);
  const citedFen = new Map<string, bigint>();
  pieces.forEach((piece, index) => {
    if (!piece.transfer || piece.invoiceId === '') return;
    citedFen.set(piece.invoiceId, (citedFen.get(piece.invoiceId) ?? 0n) + (amounts[index] ?? 0n));
  });
  const totalFen = amounts.reduce((sum, amount) => sum + amount, 0n);
  const pieceProblems = pieces.map((piece) => pieceProblem(piece, citedFen));
  const planProblems: PlanProblem[] = [];
  const [only] = pieces;
  if (pieces.length === 0 || (pieces.length === 1 && only?.transfer !== true)) planProblems.push('tooFew');
  if (pieces.length > MAX_PIECES) planProblems.push('tooMany');
  if (totalFen !== voucherFen) planProblems.push('sumMismatch');
  const valid = planProblems.length === 0 && pieceProblems.every((problem) => problem === null);
  return { totalFen, remainingFen: voucherFen - totalFen, pieceProblems, planProblems, valid };
}

/** The mutation's pieces: amounts in fen strings; kept pieces name no recipient. */
export function toPieceInputs(
  pieces: readonly PieceDraft[],
): { amount: string; toEnterpriseId?: string; invoiceId?: string }[] {
  return pieces.map((piece) => {
    const amount = (parseYuan(piece.amountYuan) ?? 0n).toString();
    return piece.transfer
      ? { amount, toEnterpriseId: piece.toEnterpriseId, invoiceId: piece.invoiceId }
      : { amount };
  });
}
