import { ShipmentContract } from '../../src/contracts/shipment-contract';
import type { Shipment } from '@scf/ledger-contract';
import { userOf } from './callers';
import { sha256 } from './digests';
import type { MemoryLedger, TestCaller } from './memory-stub';
import { parse } from './parse';

const shipments = new ShipmentContract();

/** The carrier picks up the invoice's goods under `waybill`. */
export async function pickUp(
  ledger: MemoryLedger,
  invoiceId: string,
  waybill = 'WB-0001',
  carrier: TestCaller = userOf('carrier', 'clerk'),
): Promise<Shipment> {
  return parse<Shipment>(
    await ledger.submit(carrier, (ctx) =>
      shipments.RecordPickup(ctx, invoiceId, waybill, 'Ningbo', 'Qingdao', sha256(`pickup ${waybill}`)),
    ),
  );
}

/** The carrier picks up and then delivers the invoice's goods. */
export async function shipAndDeliver(
  ledger: MemoryLedger,
  invoiceId: string,
  waybill = 'WB-0001',
): Promise<Shipment> {
  const shipment = await pickUp(ledger, invoiceId, waybill);
  return parse<Shipment>(
    await ledger.submit(userOf('carrier', 'clerk'), (ctx) =>
      shipments.ConfirmDelivery(ctx, shipment.id, sha256(`delivery ${waybill}`)),
    ),
  );
}
