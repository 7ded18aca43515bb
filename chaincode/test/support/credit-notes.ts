import { CreditNoteContract } from '../../src/contracts/credit-note-contract';
import type { CreditNote } from '@scf/ledger-contract';
import { userOf } from './callers';
import { sha256 } from './digests';
import type { MemoryLedger, TestCaller } from './memory-stub';
import { parse } from './parse';

export const creditNotes = new CreditNoteContract();

export interface CreditNoteInput {
  amount?: string;
  reasonKind?: string;
  reason?: string;
  documentHash?: string;
}

/** Tier-1's clerk registers a credit note on its invoice: goods returned, by default. */
export async function registerCreditNote(
  ledger: MemoryLedger,
  invoiceId: string,
  input: CreditNoteInput = {},
  caller: TestCaller = userOf('tier1', 'clerk'),
): Promise<CreditNote> {
  const {
    amount = '450000',
    reasonKind = 'RETURN',
    reason = '15 motors returned damaged',
    documentHash = sha256('credit note CN-001'),
  } = input;
  return parse<CreditNote>(
    await ledger.submit(caller, (ctx) =>
      creditNotes.Register(ctx, invoiceId, amount, reasonKind, reason, documentHash),
    ),
  );
}

/** The buyer's approver (the core enterprise's, by default) accepts a credit note. */
export async function acceptCreditNote(
  ledger: MemoryLedger,
  id: string,
  caller: TestCaller = userOf('core', 'approver'),
): Promise<CreditNote> {
  return parse<CreditNote>(await ledger.submit(caller, (ctx) => creditNotes.Accept(ctx, id)));
}
