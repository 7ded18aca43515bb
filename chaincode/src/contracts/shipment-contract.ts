import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { ANY_ROLE, requireActor, requireParty } from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import {
  ContractError,
  type Enterprise,
  ErrorCodes,
  Events,
  type Invoice,
  ObjectTypes,
  type Shipment,
  TEXT_RULES,
  invalidState,
  type LedgerRecord,
  marshal,
  requireSha256,
  requireText,
  smePaymentTerm,
} from '@scf/ledger-contract';
import { emit } from '../lib/events';
import { idsByIndex } from '../lib/query';
import { findRecord, getRecord } from '../lib/store';
import { saveInvoice } from '../repositories/invoices';
import { saveShipment, ShipmentIndexes, shipmentId } from '../repositories/shipments';
import { BaseContract } from './base-contract';

/** More shipments than this for one invoice would be a data error; the check stays bounded. */
const MAX_SHIPMENTS_PER_INVOICE = 100;

/** Whether any shipment recorded for the invoice has been delivered (the buyer's confirmation needs one). */
export async function hasDeliveredShipment(ctx: Context, invoiceId: string): Promise<boolean> {
  const ids = await idsByIndex(ctx, ShipmentIndexes.byInvoice, [invoiceId], MAX_SHIPMENTS_PER_INVOICE);
  for (const id of ids) {
    const shipment = await findRecord<Shipment>(ctx, ObjectTypes.Shipment, id);
    if (shipment?.status === 'DELIVERED') return true;
  }
  return false;
}

/**
 * The invoice as the first confirmed delivery leaves it: `deliveredOn`, and the Art. 9 term counted
 * from that day instead of the issue date (`smePaymentTerm`). Undefined when an earlier delivery was
 * recorded already: the term runs from the first goods received.
 */
async function deliveredInvoice(
  ctx: Context,
  invoiceId: string,
): Promise<{ invoice: Invoice; delivered: Invoice } | undefined> {
  const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
  if (invoice.deliveredOn !== undefined) return undefined;
  const deliveredOn = businessDate(ctx);
  const seller = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, invoice.sellerId);
  const buyer = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, invoice.buyerId);
  const term = smePaymentTerm({
    sellerKind: seller.kind,
    buyerKind: buyer.kind,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    deliveredOn,
  });
  const delivered: Invoice = {
    ...invoice,
    deliveredOn,
    ...(term ? { paymentTermExceeded: term.exceeded } : {}),
  };
  return { invoice, delivered };
}

/** Goods behind invoices, as a logistics enterprise records them: picked up, then delivered. */
@Info({ title: 'ShipmentContract', description: 'Pickups and deliveries of invoiced goods' })
export class ShipmentContract extends BaseContract {
  constructor() {
    super('shipment');
  }

  /** Records that the calling carrier picked up the goods of a registered invoice under a waybill. */
  @Transaction()
  @Returns('string')
  async RecordPickup(
    ctx: Context,
    invoiceId: string,
    waybillNumber: string,
    origin: string,
    destination: string,
    documentHash: string,
  ): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['LOGISTICS'] });
    const now = txTime(ctx);
    const carrier = actor.enterprise;
    const waybill = requireText(
      waybillNumber,
      'waybillNumber',
      TEXT_RULES.documentNumber.max,
      TEXT_RULES.documentNumber,
    );
    const shipment: Shipment = {
      docType: ObjectTypes.Shipment,
      id: shipmentId(carrier.id, waybill),
      invoiceId,
      logisticsId: carrier.id,
      waybillNumber: waybill,
      origin: requireText(origin, 'origin', TEXT_RULES.place.max),
      destination: requireText(destination, 'destination', TEXT_RULES.place.max),
      documentHash: requireSha256(documentHash, 'documentHash'),
      status: 'PICKED_UP',
      pickedUpAt: now,
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
    if (invoice.status !== 'REGISTERED') {
      throw invalidState(`invoice ${invoiceId} is ${invoice.status}; goods ship only for a REGISTERED one`);
    }
    if (await findRecord(ctx, ObjectTypes.Shipment, shipment.id)) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `waybill ${waybill} of ${carrier.id} is already recorded`,
      );
    }
    const buyer = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, invoice.buyerId);
    const saved = await saveShipment(ctx, shipment, now, [carrier.hostMsp, buyer.hostMsp]);
    emit(ctx, Events.ShipmentPickedUp, [saved]);
    return marshal(saved);
  }

  /**
   * Records that the goods of a picked-up shipment were delivered; only its carrier may. The first
   * delivery of an invoice dates it (`deliveredOn`) and recounts its Art. 9 payment term from then.
   */
  @Transaction()
  @Returns('string')
  async ConfirmDelivery(ctx: Context, id: string, deliveryDocumentHash: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const hash = requireSha256(deliveryDocumentHash, 'deliveryDocumentHash');
    const shipment = await getRecord<Shipment>(ctx, ObjectTypes.Shipment, id);
    requireParty(actor, shipment.logisticsId, `confirm delivery of shipment ${id}`);
    if (shipment.status !== 'PICKED_UP') throw invalidState(`shipment ${id} is already ${shipment.status}`);
    const now = txTime(ctx);
    const delivered: Shipment = {
      ...shipment,
      status: 'DELIVERED',
      deliveredAt: now,
      deliveryDocumentHash: hash,
    };
    // The keys were bound to their owners on pickup and registration; an update binds nothing.
    const saved = await saveShipment(ctx, delivered, now, [], shipment);
    const written: LedgerRecord[] = [saved];
    const first = await deliveredInvoice(ctx, shipment.invoiceId);
    if (first) written.push(await saveInvoice(ctx, first.delivered, now, [], first.invoice));
    emit(ctx, Events.ShipmentDelivered, written);
    return marshal(saved);
  }

  /** Reads one shipment. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<Shipment>(ctx, ObjectTypes.Shipment, id));
  }
}
