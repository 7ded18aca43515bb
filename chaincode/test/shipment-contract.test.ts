import { describe, expect, it } from 'vitest';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { hasDeliveredShipment, ShipmentContract } from '../src/contracts/shipment-contract';
import { ErrorCodes, Events, type Invoice, type Shipment } from '@scf/ledger-contract';
import { shipmentId } from '../src/repositories/shipments';
import { userOf } from './support/callers';
import { sha256 } from './support/digests';
import { ENTERPRISES, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { registerInvoice } from './support/invoices';
import { key, stored } from './support/ledger-state';
import { MemoryLedger, type TestCaller, txIdOf } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { registerEnterprises } from './support/registration';
import { pickUp, shipAndDeliver } from './support/shipments';

const contract = new ShipmentContract();
const { core, tier2, carrier } = ENTERPRISES;
const carrierClerk = userOf('carrier', 'clerk');
/** The first transaction after `withInvoice` (the charter, the 7 consortium and 2 extra enterprises, one invoice). */
const FIRST_TX = 12;
const PICKUP_HASH = sha256('bill of lading');
const DELIVERY_HASH = sha256('proof of delivery');

async function withInvoice(buyerId: string = core.id): Promise<{ ledger: MemoryLedger; invoice: Invoice }> {
  const ledger = new MemoryLedger();
  await registerEnterprises(ledger, { extra: ['otherCore', 'otherCarrier'] });
  return { ledger, invoice: await registerInvoice(ledger, buyerId) };
}

interface PickupArgs {
  invoiceId: string;
  waybill: string;
  origin: string;
  destination: string;
  hash: string;
}

function recordPickup(ledger: MemoryLedger, caller: TestCaller, args: PickupArgs): Promise<string> {
  return ledger.submit(caller, (ctx) =>
    contract.RecordPickup(ctx, args.invoiceId, args.waybill, args.origin, args.destination, args.hash),
  );
}

const pickupArgs = (invoiceId: string, overrides: Partial<PickupArgs> = {}): PickupArgs => ({
  invoiceId,
  waybill: 'SF-2026/001_a',
  origin: 'Ningbo port, warehouse 3',
  destination: 'Qingdao plant',
  hash: PICKUP_HASH,
  ...overrides,
});

const deliver = (
  ledger: MemoryLedger,
  caller: TestCaller,
  id: string,
  hash = DELIVERY_HASH,
): Promise<string> => ledger.submit(caller, (ctx) => contract.ConfirmDelivery(ctx, id, hash));

describe('shipmentId', () => {
  it('is SHA-256 of carrier and upper-cased waybill', () => {
    expect(shipmentId('C1', 'wb-1')).toBe(sha256('C1\u0000WB-1'));
    expect(shipmentId('C1', 'wb-1')).toBe(shipmentId('C1', 'WB-1'));
    expect(shipmentId('C2', 'WB-1')).not.toBe(shipmentId('C1', 'WB-1'));
  });
});

describe('ShipmentContract.RecordPickup', () => {
  it('records a pickup for a registered invoice, indexed by invoice, bound to carrier and buyer, with one event', async () => {
    const { ledger, invoice } = await withInvoice();
    const saved = parse<Shipment>(await recordPickup(ledger, carrierClerk, pickupArgs(invoice.id)));
    const id = sha256(`${carrier.id}\u0000SF-2026/001_A`);
    expect(saved).toEqual({
      docType: 'shipment',
      id,
      invoiceId: invoice.id,
      logisticsId: carrier.id,
      waybillNumber: 'SF-2026/001_a',
      origin: 'Ningbo port, warehouse 3',
      destination: 'Qingdao plant',
      documentHash: PICKUP_HASH,
      status: 'PICKED_UP',
      pickedUpAt: '2026-01-05T02:00:00.000Z',
      createdAt: '2026-01-05T02:00:00.000Z',
      updatedAt: '2026-01-05T02:00:00.000Z',
      txId: txIdOf(FIRST_TX),
      updatedBy: `${carrier.id}/clerk@LogisticsMSP`,
    });
    expect(stored<Shipment>(ledger, 'shipment', id)).toEqual(saved);
    const read = parse<Shipment>(
      await ledger.evaluate(userOf('core', 'clerk'), (ctx) => contract.Get(ctx, id)),
    );
    expect(read).toEqual(saved);
    expect(ledger.keysOfType('idx.shipment.invoice')).toEqual([key('idx.shipment.invoice', invoice.id, id)]);
    expect(endorsersOf(ledger, 'shipment', id)).toEqual([MSP.core, MSP.logistics]);
    expect(ledger.events).toHaveLength(FIRST_TX);
    expect(lastEvent(ledger)).toEqual({ name: Events.ShipmentPickedUp, records: [saved] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(FIRST_TX));
  });

  it('binds the key to the buyer org of a supplier-to-supplier invoice', async () => {
    const { ledger, invoice } = await withInvoice(tier2.id);
    const saved = parse<Shipment>(
      await recordPickup(ledger, userOf('carrier', 'admin'), pickupArgs(invoice.id)),
    );
    expect(endorsersOf(ledger, 'shipment', saved.id)).toEqual([MSP.logistics, MSP.supplier]);
  });

  it('accepts the limits: 64-character waybill, 200-character origin and destination', async () => {
    const { ledger, invoice } = await withInvoice();
    const args = pickupArgs(invoice.id, {
      waybill: 'W'.repeat(64),
      origin: 'o'.repeat(200),
      destination: 'd'.repeat(200),
    });
    const saved = parse<Shipment>(await recordPickup(ledger, carrierClerk, args));
    expect(saved).toMatchObject({
      waybillNumber: 'W'.repeat(64),
      origin: 'o'.repeat(200),
      destination: 'd'.repeat(200),
    });
  });

  it('refuses the same waybill of the same carrier twice, in any case, but not another carrier’s', async () => {
    const { ledger, invoice } = await withInvoice();
    await recordPickup(ledger, carrierClerk, pickupArgs(invoice.id));
    for (const waybill of ['SF-2026/001_a', 'sf-2026/001_A']) {
      await expectRefused(
        ledger,
        () => recordPickup(ledger, userOf('carrier', 'approver'), pickupArgs(invoice.id, { waybill })),
        ErrorCodes.AlreadyExists,
      );
    }
    const other = parse<Shipment>(
      await recordPickup(ledger, userOf('otherCarrier', 'clerk'), pickupArgs(invoice.id)),
    );
    expect(other.id).toBe(sha256(`${ENTERPRISES.otherCarrier.id}\u0000SF-2026/001_A`));
    expect(ledger.keysOfType('idx.shipment.invoice')).toEqual(
      [other.id, sha256(`${carrier.id}\u0000SF-2026/001_A`)]
        .sort()
        .map((id) => key('idx.shipment.invoice', invoice.id, id)),
    );
  });

  it.each<[string, TestCaller]>([
    ['a supplier', userOf('tier1', 'admin')],
    ['the core buyer', userOf('core', 'approver')],
    ['a bank', userOf('bankA', 'clerk')],
    ['org X acting for a carrier hosted by org Y', { ...carrierClerk, mspId: MSP.supplier }],
    ['a certificate without scf attributes', { mspId: MSP.logistics }],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const { ledger, invoice } = await withInvoice();
    await expectRefused(
      ledger,
      () => recordPickup(ledger, caller, pickupArgs(invoice.id)),
      ErrorCodes.Forbidden,
    );
  });

  it.each<[string, Partial<PickupArgs>]>([
    ['an empty waybill', { waybill: '' }],
    ['a waybill over 64 characters', { waybill: 'W'.repeat(65) }],
    ['a waybill with a space', { waybill: 'SF 1' }],
    ['a waybill with a dot', { waybill: 'SF.1' }],
    ['an empty origin', { origin: '' }],
    ['a blank origin', { origin: '   ' }],
    ['an origin over 200 characters', { origin: 'o'.repeat(201) }],
    ['an empty destination', { destination: '' }],
    ['a destination over 200 characters', { destination: 'd'.repeat(201) }],
    ['an origin with NUL', { origin: 'Ning\u0000bo' }],
    ['an origin with a newline', { origin: 'Ningbo\nport' }],
    ['a destination with NEL (U+0085)', { destination: 'Qing\u0085dao' }],
    ['a destination with a lone surrogate', { destination: 'Qingdao \uD83D' }],
    ['a document hash that is not hex', { hash: 'z'.repeat(64) }],
    ['a document hash of 63 characters', { hash: PICKUP_HASH.slice(1) }],
  ])('refuses %s with INVALID_ARGUMENT', async (_, overrides) => {
    const { ledger, invoice } = await withInvoice();
    await expectRefused(
      ledger,
      () => recordPickup(ledger, carrierClerk, pickupArgs(invoice.id, overrides)),
      ErrorCodes.InvalidArgument,
    );
  });

  it('refuses an unknown invoice with NOT_FOUND', async () => {
    const { ledger } = await withInvoice();
    await expectRefused(
      ledger,
      () => recordPickup(ledger, carrierClerk, pickupArgs('nope')),
      ErrorCodes.NotFound,
    );
  });

  it.each<
    [string, (ctx: Parameters<InvoiceContract['Cancel']>[0], id: string) => Promise<string>, TestCaller]
  >([
    [
      'confirmed',
      (ctx, id) => new InvoiceContract().Confirm(ctx, id, 'true', ''),
      userOf('core', 'approver'),
    ],
    ['rejected', (ctx, id) => new InvoiceContract().Reject(ctx, id, 'no'), userOf('core', 'clerk')],
    ['cancelled', (ctx, id) => new InvoiceContract().Cancel(ctx, id), userOf('tier1', 'clerk')],
  ])('refuses an invoice that is %s with INVALID_STATE', async (_, change, caller) => {
    const { ledger, invoice } = await withInvoice();
    await ledger.submit(caller, (ctx) => change(ctx, invoice.id));
    await expectRefused(
      ledger,
      () => recordPickup(ledger, carrierClerk, pickupArgs(invoice.id)),
      ErrorCodes.InvalidState,
    );
  });
});

describe('ShipmentContract.ConfirmDelivery', () => {
  async function pickedUp(): Promise<{ ledger: MemoryLedger; invoice: Invoice; shipment: Shipment }> {
    const { ledger, invoice } = await withInvoice();
    return { ledger, invoice, shipment: await pickUp(ledger, invoice.id) };
  }

  it('lets the carrier confirm the delivery, with one event, keeping the key policy and indexes', async () => {
    const { ledger, invoice, shipment } = await pickedUp();
    ledger.setTime('2026-01-07T09:30:00Z');
    const delivered = parse<Shipment>(await deliver(ledger, userOf('carrier', 'approver'), shipment.id));
    expect(delivered).toEqual({
      ...shipment,
      status: 'DELIVERED',
      deliveredAt: '2026-01-07T09:30:00.000Z',
      deliveryDocumentHash: DELIVERY_HASH,
      updatedAt: '2026-01-07T09:30:00.000Z',
      txId: txIdOf(FIRST_TX + 1),
      updatedBy: `${carrier.id}/approver@LogisticsMSP`,
    });
    expect(stored<Shipment>(ledger, 'shipment', shipment.id)).toEqual(delivered);
    expect(ledger.keysOfType('idx.shipment.invoice')).toEqual([
      key('idx.shipment.invoice', invoice.id, shipment.id),
    ]);
    expect(endorsersOf(ledger, 'shipment', shipment.id)).toEqual([MSP.core, MSP.logistics]);
    // The first delivery dates the invoice (17:30 in China on 7 January) and recounts its term.
    const dated: Invoice = {
      ...invoice,
      deliveredOn: '2026-01-07',
      paymentTermExceeded: true,
      updatedAt: '2026-01-07T09:30:00.000Z',
      txId: txIdOf(FIRST_TX + 1),
      updatedBy: `${carrier.id}/approver@LogisticsMSP`,
    };
    expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(dated);
    expect(endorsersOf(ledger, 'invoice', invoice.id)).toEqual([MSP.core, MSP.supplier]);
    expect(lastEvent(ledger)).toEqual({ name: Events.ShipmentDelivered, records: [delivered, dated] });
    expect(ledger.events.at(-1)?.txId).toBe(txIdOf(FIRST_TX + 1));
  });

  describe('the Art. 9 payment term, counted from the first delivery', () => {
    async function dueOn(dueDate: string, buyerId: string = core.id) {
      const ledger = new MemoryLedger();
      await registerEnterprises(ledger, { extra: ['otherCore', 'otherCarrier'] });
      const invoice = await registerInvoice(ledger, buyerId, { issueDate: '2026-01-04', dueDate });
      return { ledger, invoice };
    }

    it('clears the flag when the goods came late enough: 65 days from issue, 59 from delivery', async () => {
      const { ledger, invoice } = await dueOn('2026-03-10');
      expect(invoice.paymentTermExceeded).toBe(true);
      const shipment = await pickUp(ledger, invoice.id);
      ledger.setTime('2026-01-09T16:30:00Z'); // 2026-01-10 00:30 in China
      await deliver(ledger, carrierClerk, shipment.id);
      expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toMatchObject({
        deliveredOn: '2026-01-10',
        paymentTermExceeded: false,
      });
    });

    it('clears it at the boundary: 61 days from the issue date, exactly 60 from the delivery', async () => {
      const { ledger, invoice } = await dueOn('2026-03-06');
      expect(invoice.paymentTermExceeded).toBe(true);
      await shipAndDeliver(ledger, invoice.id);
      expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toMatchObject({
        deliveredOn: '2026-01-05',
        paymentTermExceeded: false,
      });
    });

    it('keeps the first delivery date: a second delivery writes only its shipment', async () => {
      const { ledger, invoice } = await dueOn('2026-04-30');
      await shipAndDeliver(ledger, invoice.id, 'WB-1');
      const dated = stored<Invoice>(ledger, 'invoice', invoice.id);
      const second = await pickUp(ledger, invoice.id, 'WB-2');
      ledger.setTime('2026-02-20T02:00:00Z');
      await deliver(ledger, carrierClerk, second.id);
      expect(stored<Invoice>(ledger, 'invoice', invoice.id)).toEqual(dated);
      expect(lastEvent(ledger).records.map((record) => record.docType)).toEqual(['shipment']);
    });

    it('dates an invoice between suppliers without flagging it: the rule covers core buyers only', async () => {
      const { ledger, invoice } = await dueOn('2026-12-30', tier2.id);
      await shipAndDeliver(ledger, invoice.id);
      const dated = stored<Invoice>(ledger, 'invoice', invoice.id);
      expect(dated.deliveredOn).toBe('2026-01-05');
      expect('paymentTermExceeded' in dated).toBe(false);
    });
  });

  it.each<[string, TestCaller]>([
    ['another carrier', userOf('otherCarrier', 'admin')],
    ['the buyer', userOf('core', 'admin')],
    ['the seller', userOf('tier1', 'approver')],
    ['org X acting for the carrier hosted by org Y', { ...carrierClerk, mspId: MSP.core }],
  ])('refuses %s with FORBIDDEN', async (_, caller) => {
    const { ledger, shipment } = await pickedUp();
    await expectRefused(ledger, () => deliver(ledger, caller, shipment.id), ErrorCodes.Forbidden);
  });

  it.each([
    ['an empty hash', ''],
    ['an upper-case hash', DELIVERY_HASH.toUpperCase()],
  ])('refuses %s with INVALID_ARGUMENT', async (_, hash) => {
    const { ledger, shipment } = await pickedUp();
    await expectRefused(
      ledger,
      () => deliver(ledger, carrierClerk, shipment.id, hash),
      ErrorCodes.InvalidArgument,
    );
  });

  it('refuses an unknown shipment and a second delivery', async () => {
    const { ledger, shipment } = await pickedUp();
    await expectRefused(ledger, () => deliver(ledger, carrierClerk, 'nope'), ErrorCodes.NotFound);
    await deliver(ledger, carrierClerk, shipment.id);
    await expectRefused(ledger, () => deliver(ledger, carrierClerk, shipment.id), ErrorCodes.InvalidState);
  });
});

describe('hasDeliveredShipment', () => {
  it('is false with no shipment or only picked-up ones, true once one of them is delivered', async () => {
    const { ledger, invoice } = await withInvoice();
    const check = (): Promise<boolean> => hasDeliveredShipment(ledger.context(carrierClerk), invoice.id);
    expect(await check()).toBe(false);
    await pickUp(ledger, invoice.id, 'WB-1');
    expect(await check()).toBe(false);
    await shipAndDeliver(ledger, invoice.id, 'WB-2');
    await pickUp(ledger, invoice.id, 'WB-3');
    expect(await check()).toBe(true);
    expect(await hasDeliveredShipment(ledger.context(carrierClerk), 'another-invoice')).toBe(false);
  });
});

describe('ShipmentContract reads', () => {
  it('indexes every shipment of an invoice under that invoice, for the delivery check', async () => {
    const { ledger, invoice } = await withInvoice();
    const ids: string[] = [];
    for (const waybill of ['WB-1', 'WB-2', 'WB-3']) ids.push((await pickUp(ledger, invoice.id, waybill)).id);
    expect(ledger.keysOfType('idx.shipment.invoice')).toEqual(
      ids.sort().map((id) => key('idx.shipment.invoice', invoice.id, id)),
    );
  });

  it('answers NOT_FOUND for an unknown shipment', async () => {
    const { ledger } = await withInvoice();
    await expect(ledger.evaluate(carrierClerk, (ctx) => contract.Get(ctx, 'nope'))).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});
