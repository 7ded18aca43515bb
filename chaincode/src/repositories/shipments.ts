import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { putIndex, putRecord, recordKey } from '../lib/store';
import { ObjectTypes, type Shipment } from '@scf/ledger-contract';

export const ShipmentIndexes = {
  /** invoiceId, id: an invoice's confirmation needs one of its shipments delivered. */
  byInvoice: 'idx.shipment.invoice',
} as const;

/**
 * The shipment id: SHA-256 of (carrier, waybill). A carrier's waybill numbers are unique to it and
 * case-insensitive, so the same waybill cannot be recorded twice in different spellings.
 */
export function shipmentId(logisticsId: string, waybillNumber: string): string {
  return createHash('sha256').update(`${logisticsId}\u0000${waybillNumber.toUpperCase()}`).digest('hex');
}

/**
 * Writes a shipment; on creation (no `previous`) it indexes it by invoice (which never changes) and
 * binds its key to `owners`, the MSPs of the carrier and the buyer.
 */
export async function saveShipment(
  ctx: Context,
  shipment: Shipment,
  now: string,
  owners: string[],
  previous?: Shipment,
): Promise<Shipment> {
  const saved = await putRecord(ctx, shipment, now);
  if (!previous) {
    await putIndex(ctx, ShipmentIndexes.byInvoice, [saved.invoiceId], saved.id);
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Shipment, saved.id), owners);
  }
  return saved;
}
