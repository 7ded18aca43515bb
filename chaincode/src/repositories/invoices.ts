import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { moveIndex, putIndex, putRecord, recordKey } from '../lib/store';
import { type Invoice, ObjectTypes } from '@scf/ledger-contract';

export const InvoiceIndexes = {
  bySeller: 'idx.invoice.seller',
  byBuyer: 'idx.invoice.buyer',
  byStatus: 'idx.invoice.status',
} as const;

/** The invoice id: SHA-256 of (seller, buyer, number), so one invoice exists once network-wide. */
export function invoiceFingerprint(sellerId: string, buyerId: string, number: string): string {
  return createHash('sha256')
    .update(`${sellerId}\u0000${buyerId}\u0000${number.trim().toUpperCase()}`)
    .digest('hex');
}

/**
 * Writes an invoice and keeps its indexes (seller, buyer, status) in step. `previous` is the stored
 * version, absent on creation. `owners` are the MSPs of seller and buyer, bound to the key.
 */
export async function saveInvoice(
  ctx: Context,
  invoice: Invoice,
  now: string,
  owners: string[],
  previous?: Invoice,
): Promise<Invoice> {
  const saved = await putRecord(ctx, invoice, now);
  if (!previous) {
    await putIndex(ctx, InvoiceIndexes.bySeller, [saved.sellerId], saved.id);
    await putIndex(ctx, InvoiceIndexes.byBuyer, [saved.buyerId], saved.id);
    await putIndex(ctx, InvoiceIndexes.byStatus, [saved.status], saved.id);
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Invoice, saved.id), owners);
  } else {
    await moveIndex(ctx, InvoiceIndexes.byStatus, [previous.status], [saved.status], saved.id);
  }
  return saved;
}
