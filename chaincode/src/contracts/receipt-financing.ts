import type { Context } from 'fabric-contract-api';
import {
  type EventName,
  Events,
  type Financing,
  type FinancingRegistration,
  freeReceipt,
  invalidState,
  marshal,
  ObjectTypes,
  type WarehouseReceipt,
} from '@scf/ledger-contract';
import { txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { getRecord } from '../lib/store';
import { saveFinancing } from '../repositories/financings';
import { saveReceipt } from '../repositories/warehouse-receipts';

/**
 * The financing of a warehouse receipt, where it differs from a voucher's: the receipt stays with its
 * owner, pledged; the owner is the debtor and repays the bank; no credit line on a core enterprise and
 * no consortium cap are drawn (the goods secure it), and there is no debtor to notice of an assignment.
 */

/** The financing's receipt, which must still be pledged for it (or on its way out with the bank's consent). */
export async function pledgedReceipt(ctx: Context, financing: Financing): Promise<WarehouseReceipt> {
  const receipt = await getRecord<WarehouseReceipt>(
    ctx,
    ObjectTypes.WarehouseReceipt,
    financing.receiptId ?? '',
  );
  if (receipt.financingId !== financing.id) {
    throw invalidState(
      `warehouse receipt ${receipt.number} is ${receipt.status}, not pledged for financing ${financing.id}`,
    );
  }
  return receipt;
}

/** The bank pays out on a pledged receipt, once it registered the pledge. */
export async function disburseOnReceipt(
  ctx: Context,
  financing: Financing,
  payout: { paymentReference: string; registration: FinancingRegistration },
): Promise<string> {
  await pledgedReceipt(ctx, financing);
  const disbursed: Financing = { ...financing, status: 'DISBURSED', ...payout };
  const saved = await saveFinancing(ctx, disbursed, txTime(ctx), financing);
  emit(ctx, Events.FinancingDisbursed, [saved]);
  return marshal(saved);
}

/** Ends a receipt's financing (settled, rejected, withdrawn, expired) and frees the receipt. */
export async function closeReceiptFinancing(
  ctx: Context,
  financing: Financing,
  changes: Pick<Financing, 'status'> & Partial<Financing>,
  event: EventName,
): Promise<string> {
  const receipt = await pledgedReceipt(ctx, financing);
  const now = txTime(ctx);
  const saved = await saveFinancing(ctx, { ...financing, ...changes }, now, financing);
  const freed = await saveReceipt(ctx, freeReceipt(receipt), now, receipt);
  emit(ctx, event, [saved, freed]);
  return marshal(saved);
}
