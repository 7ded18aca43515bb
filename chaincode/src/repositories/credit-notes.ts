import type { Context } from 'fabric-contract-api';
import {
  type CreditNote,
  type DilutionClaim,
  ObjectTypes,
  type Voucher,
  parseFen,
} from '@scf/ledger-contract';
import { bindToOrgs } from '../lib/endorsement';
import { getRecord, putIndex, putRecord, recordKey } from '../lib/store';
import { hostMspOf } from './financings';

/** `invoiceId, creditNoteId` of every credit note on an invoice, whatever its status. */
export const CREDIT_NOTES_BY_INVOICE = 'idx.creditnote.invoice';

/** A new credit note's id: the invoice's, then the registering transaction's first 16 characters. */
export function creditNoteId(ctx: Context, invoiceId: string): string {
  return `${invoiceId}:${ctx.stub.getTxID().slice(0, 16)}`;
}

/** The n-th claim (from 1) a credit note gave rise to. */
export function dilutionClaimId(creditNoteId: string, n: number): string {
  return `${creditNoteId}:${n}`;
}

/** Every credit note on an invoice, in id order. */
export async function creditNotesOf(ctx: Context, invoiceId: string): Promise<CreditNote[]> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(CREDIT_NOTES_BY_INVOICE, [invoiceId]);
  const notes: CreditNote[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const [, id] = ctx.stub.splitCompositeKey(next.value.key).attributes;
      if (id !== undefined) notes.push(await getRecord<CreditNote>(ctx, ObjectTypes.CreditNote, id));
    }
  } finally {
    await iterator.close();
  }
  return notes;
}

/** The total of an invoice's credit notes that still count against it: PENDING and ACCEPTED. */
export function standingCredit(notes: readonly CreditNote[]): bigint {
  return notes
    .filter((note) => note.status === 'PENDING' || note.status === 'ACCEPTED')
    .reduce((sum, note) => sum + parseFen(note.amount, `credit note ${note.id} amount`), 0n);
}

/**
 * Writes a credit note. On creation (`previous` absent) it is indexed under its invoice and its key
 * bound to the seller's and the buyer's orgs.
 */
export async function saveCreditNote(
  ctx: Context,
  note: CreditNote,
  now: string,
  previous?: CreditNote,
): Promise<CreditNote> {
  const saved = await putRecord(ctx, note, now);
  if (!previous) {
    await putIndex(ctx, CREDIT_NOTES_BY_INVOICE, [saved.invoiceId], saved.id);
    const owners = [await hostMspOf(ctx, saved.sellerId), await hostMspOf(ctx, saved.buyerId)];
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.CreditNote, saved.id), owners);
  }
  return saved;
}

/** Writes a new dilution claim, its key bound to its creditor's and its debtor's orgs. */
export async function saveDilutionClaim(
  ctx: Context,
  claim: DilutionClaim,
  now: string,
): Promise<DilutionClaim> {
  const saved = await putRecord(ctx, claim, now);
  const owners = [await hostMspOf(ctx, saved.creditorId), await hostMspOf(ctx, saved.debtorId)];
  await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.DilutionClaim, saved.id), owners);
  return saved;
}

/** Every piece of a voucher tree, root first, then each piece's children in order. */
export async function voucherTree(ctx: Context, rootId: string): Promise<Voucher[]> {
  const tree: Voucher[] = [];
  const queue = [rootId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, id);
    tree.push(voucher);
    queue.push(...voucher.childIds);
  }
  return tree;
}
