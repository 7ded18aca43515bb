import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { putRecord, recordKey } from '../lib/store';
import { ObjectTypes, type WarehouseReceipt } from '@scf/ledger-contract';
import { hostMspOf } from './financings';

/**
 * The receipt id: SHA-256 of (keeper, number). A keeper's receipt numbers are unique to it and
 * case-insensitive, so the same receipt cannot be issued twice in different spellings.
 */
export function receiptId(keeperId: string, number: string): string {
  return createHash('sha256').update(`${keeperId}\u0000${number.toUpperCase()}`).digest('hex');
}

/**
 * The orgs whose peers must endorse a change to the receipt: its keeper's and its owner's, and while it
 * is pledged its bank's too, so that keeper and owner cannot let the goods out behind the bank's back.
 */
async function receiptOwners(ctx: Context, receipt: WarehouseReceipt, bankId?: string): Promise<string[]> {
  const parties = [receipt.keeperId, receipt.ownerId, ...(bankId === undefined ? [] : [bankId])];
  return Promise.all(parties.map((id) => hostMspOf(ctx, id)));
}

/**
 * Writes a receipt and binds its key to its keeper's, owner's and (while pledged) bank's orgs whenever
 * one of them changes: on issue, transfer, pledge, and when the financing ends.
 */
export async function saveReceipt(
  ctx: Context,
  receipt: WarehouseReceipt,
  now: string,
  previous?: WarehouseReceipt,
  bankId?: string,
): Promise<WarehouseReceipt> {
  const saved = await putRecord(ctx, receipt, now);
  const rebound =
    !previous || previous.ownerId !== saved.ownerId || previous.financingId !== saved.financingId;
  if (rebound) {
    await bindToOrgs(
      ctx,
      recordKey(ctx, ObjectTypes.WarehouseReceipt, saved.id),
      await receiptOwners(ctx, saved, bankId),
    );
  }
  return saved;
}
