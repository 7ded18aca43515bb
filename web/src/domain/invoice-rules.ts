import { DOCUMENT_NUMBER, MAX_FEN, SHA256_HEX, TEXT_RULES, dateProblem } from '@scf/ledger-contract';
import { parseYuanExact } from './money';

/** Characters as the ledger counts them: code points. */
const length = (text: string): number => Array.from(text).length;
const isDate = (value: string): boolean => dateProblem(value) === undefined;

/** An invoice as the registration form holds it: amounts still as typed, in yuan. */
export interface InvoiceDraft {
  number: string;
  buyerId: string;
  amountYuan: string;
  issueDate: string;
  dueDate: string;
  documentSha256: string;
  purchaseOrderNumber: string;
}

/** Why a field is refused; i18n keys under `invoice.problem`. */
export type InvoiceProblem =
  | 'numberRequired'
  | 'numberTooLong'
  | 'numberCharacters'
  | 'buyerRequired'
  | 'amountInvalid'
  | 'amountZero'
  | 'amountTooLarge'
  | 'issueDateInvalid'
  | 'issueDateFuture'
  | 'dueDateInvalid'
  | 'dueNotAfterIssue'
  | 'documentMissing'
  | 'purchaseOrderTooLong';

export function numberProblem(number: string): InvoiceProblem | null {
  const value = number.trim();
  if (value === '') return 'numberRequired';
  if (length(value) > TEXT_RULES.documentNumber.max) return 'numberTooLong';
  return DOCUMENT_NUMBER.test(value) ? null : 'numberCharacters';
}

/** Amount > 0, whole fen (at most two decimals in yuan), within the ledger's ceiling. */
export function amountProblem(amountYuan: string): InvoiceProblem | null {
  const fen = parseYuanExact(amountYuan);
  if (fen === null) return 'amountInvalid';
  if (fen === 0n) return 'amountZero';
  return fen > MAX_FEN ? 'amountTooLarge' : null;
}

export function issueDateProblem(issueDate: string, today: string): InvoiceProblem | null {
  if (!isDate(issueDate)) return 'issueDateInvalid';
  return issueDate > today ? 'issueDateFuture' : null;
}

export function dueDateProblem(dueDate: string, issueDate: string): InvoiceProblem | null {
  if (!isDate(dueDate)) return 'dueDateInvalid';
  return isDate(issueDate) && dueDate <= issueDate ? 'dueNotAfterIssue' : null;
}

export function documentProblem(sha256: string): InvoiceProblem | null {
  return SHA256_HEX.test(sha256) ? null : 'documentMissing';
}

export function purchaseOrderProblem(value: string): InvoiceProblem | null {
  return length(value.trim()) > TEXT_RULES.orderNumber.max ? 'purchaseOrderTooLong' : null;
}

/** Every problem of a draft by field; empty when the API would accept it (as far as it can be told here). */
export function invoiceProblems(
  draft: InvoiceDraft,
  today: string,
): Partial<Record<keyof InvoiceDraft, InvoiceProblem>> {
  const found: Partial<Record<keyof InvoiceDraft, InvoiceProblem | null>> = {
    number: numberProblem(draft.number),
    buyerId: draft.buyerId.trim() === '' ? 'buyerRequired' : null,
    amountYuan: amountProblem(draft.amountYuan),
    issueDate: issueDateProblem(draft.issueDate, today),
    dueDate: dueDateProblem(draft.dueDate, draft.issueDate),
    documentSha256: documentProblem(draft.documentSha256),
    purchaseOrderNumber: purchaseOrderProblem(draft.purchaseOrderNumber),
  };
  return Object.fromEntries(Object.entries(found).filter(([, problem]) => problem !== null));
}
