import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { putRecord, recordKey } from '../lib/store';
import { type Invoice, ObjectTypes } from '@scf/ledger-contract';

/** The invoice id: SHA-256 of (seller, buyer, number), so one invoice exists once network-wide. */
export function invoiceFingerprint(sellerId: string, buyerId: string, number: string): string {
  return createHash('sha256')
    .update(`${sellerId}\u0000${buyerId}\u0000${number.trim().toUpperCase()}`)
    .digest('hex');
}

/**
 * Writes an invoice. `previous` is the stored version, absent on creation, when `owners` (the MSPs
 * of seller and buyer) are bound to the key.
 */
export async function saveInvoice(
  ctx: Context,
  invoice: Invoice,
  now: string,
  owners: string[],
  previous?: Invoice,
): Promise<Invoice> {
  const saved = await putRecord(ctx, invoice, now);
  if (!previous) await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Invoice, saved.id), owners);
  return saved;
}
