import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { ANY_ROLE, APPROVERS, requireActor, requireEnterprise, requireParty } from '../lib/access';
import {
  ContractError,
  type Enterprise,
  ErrorCodes,
  Events,
  type Invoice,
  ObjectTypes,
  TEXT_RULES,
  fen,
  invalid,
  invalidState,
  marshal,
  optionalText,
  owedOnInvoice,
  parseDate,
  parseFen,
  requireSha256,
  requireText,
  smePaymentTerm,
  voucherTerm,
} from '@scf/ledger-contract';
import { businessDate, txTime } from '../lib/dates';
import { parseBooleanArg } from '../lib/boolean-arg';
import { emit } from '../lib/events';
import { requireFourEyes } from '../lib/four-eyes';
import { findRecord, getRecord } from '../lib/store';
import { exposureChange, recordExposure } from '../repositories/exposure';
import { invoiceFingerprint, saveInvoice } from '../repositories/invoices';
import { newVoucherNumbers } from '../repositories/voucher-numbers';
import { newRootVoucher, saveVoucher } from '../repositories/vouchers';
import { confirmationRate } from './late-interest';
import { hasDeliveredShipment } from './shipment-contract';
import { BaseContract } from './base-contract';

/** The invoice in the given state, or INVALID_STATE naming what was attempted. */
function requireStatus(invoice: Invoice, status: Invoice['status'], what: string): void {
  if (invoice.status !== status) {
    throw invalidState(`invoice ${invoice.id} is ${invoice.status}; only a ${status} invoice can be ${what}`);
  }
}

/**
 * 银发〔2025〕77号: the root voucher may mature at most a year after the confirmation, and is flagged
 * `longTerm` beyond 6 months (`voucherTerm`, on business dates).
 */
function requireTermWithinCap(invoice: Invoice, today: string): boolean {
  const term = voucherTerm(today, invoice.dueDate);
  if (!term.allowed) {
    throw new ContractError(
      ErrorCodes.TermTooLong,
      `invoice ${invoice.id} is due ${invoice.dueDate}, more than a year after confirmation on ${today}; ` +
        `a voucher confirmed today may mature on ${term.latestMaturity} at the latest`,
    );
  }
  return term.longTerm;
}

/** Owners are bound to an invoice's key when it is registered; later writes bind nothing. */
const BOUND_ON_CREATION: string[] = [];

/** Trade invoices: a supplier registers them, its buyer confirms (确权) or rejects them. */
@Info({ title: 'InvoiceContract', description: 'Trade invoices and their confirmation into vouchers' })
export class InvoiceContract extends BaseContract {
  constructor() {
    super('invoice');
  }

  /** Registers an invoice of the calling supplier to a buyer; one invoice exists once network-wide. */
  @Transaction()
  @Returns('string')
  async Register(
    ctx: Context,
    number: string,
    buyerId: string,
    amount: string,
    issueDate: string,
    dueDate: string,
    documentHash: string,
    purchaseOrderNumber: string,
  ): Promise<string> {
    const actor = await requireActor(ctx, { roles: ['clerk', 'approver'], kinds: ['SUPPLIER'] });
    const seller = actor.enterprise;
    const invoiceNumber = requireText(
      number,
      'number',
      TEXT_RULES.documentNumber.max,
      TEXT_RULES.documentNumber,
    );
    const face = parseFen(amount, 'amount');
    const issued = parseDate(issueDate, 'issueDate');
    const due = parseDate(dueDate, 'dueDate');
    if (issued > businessDate(ctx))
      throw invalid(`issueDate ${issued} is after today (${businessDate(ctx)})`);
    if (due <= issued) throw invalid(`dueDate ${due} must be after issueDate ${issued}`);
    const hash = requireSha256(documentHash, 'documentHash');
    const orderNumber = optionalText(purchaseOrderNumber, 'purchaseOrderNumber', TEXT_RULES.orderNumber.max);
    if (buyerId === seller.id) throw invalid('an enterprise cannot invoice itself');
    const buyer = await requireEnterprise(ctx, buyerId, ['CORE', 'SUPPLIER'], 'buyer');
    const id = invoiceFingerprint(seller.id, buyer.id, invoiceNumber);
    if (await findRecord(ctx, ObjectTypes.Invoice, id)) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `invoice ${invoiceNumber} from ${seller.id} to ${buyer.id} is already registered`,
      );
    }
    const now = txTime(ctx);
    const term = smePaymentTerm({
      sellerKind: seller.kind,
      buyerKind: buyer.kind,
      issueDate: issued,
      dueDate: due,
    });
    const invoice: Invoice = {
      docType: ObjectTypes.Invoice,
      id,
      number: invoiceNumber,
      sellerId: seller.id,
      buyerId: buyer.id,
      amount: fen(face),
      currency: 'CNY',
      issueDate: issued,
      dueDate: due,
      documentHash: hash,
      purchaseOrderNumber: orderNumber,
      status: 'REGISTERED',
      paidAmount: fen(0n),
      ...(term ? { paymentTermExceeded: term.exceeded } : {}),
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await saveInvoice(ctx, invoice, now, [seller.hostMsp, buyer.hostMsp]);
    emit(ctx, Events.InvoiceRegistered, [saved]);
    return marshal(saved);
  }

  /**
   * The buyer (a core enterprise) confirms an invoice, issuing the root voucher to the seller; it
   * needs a delivered shipment unless the buyer waives delivery on the record, and a due date at most
   * a year away (flagged beyond 6 months). `lateInterestBps`: the annual late-interest rate agreed
   * (decree 802 Art. 17: floored at the 1Y LPR of the day), or empty for the statutory 0.05 % a day.
   */
  @Transaction()
  @Returns('string')
  async Confirm(
    ctx: Context,
    invoiceId: string,
    waiveDelivery: string,
    lateInterestBps: string,
  ): Promise<string> {
    const waived = parseBooleanArg(waiveDelivery, 'waiveDelivery');
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE'] });
    requireFourEyes(ctx, actor, 'invoice:Confirm');
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
    requireParty(actor, invoice.buyerId, `confirm invoice ${invoiceId}`);
    requireStatus(invoice, 'REGISTERED', 'confirmed');
    if (owedOnInvoice(invoice) === 0n) {
      throw invalidState(`invoice ${invoiceId} is credited in full; nothing is left to confirm`);
    }
    const today = businessDate(ctx);
    if (invoice.dueDate <= today)
      throw invalidState(`invoice ${invoiceId} is already due (${invoice.dueDate})`);
    const longTerm = requireTermWithinCap(invoice, today);
    if (!waived && !(await hasDeliveredShipment(ctx, invoiceId))) {
      throw new ContractError(
        ErrorCodes.DeliveryNotConfirmed,
        `no delivered shipment for invoice ${invoiceId}; confirm with waiveDelivery=true to waive it`,
      );
    }
    const lateInterestRate = await confirmationRate(ctx, lateInterestBps, today);
    const seller = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, invoice.sellerId);
    const buyerMsp = actor.enterprise.hostMsp;
    const now = txTime(ctx);
    const [number] = await newVoucherNumbers(ctx, invoice.buyerId, [invoice.id]);
    const voucher = newRootVoucher(invoice, now, longTerm, lateInterestRate, number);
    const confirmed: Invoice = {
      ...invoice,
      status: 'CONFIRMED',
      voucherId: voucher.id,
      ...(waived ? { deliveryWaived: true } : {}),
    };
    const savedVoucher = await saveVoucher(ctx, voucher, now, {
      holderMsp: seller.hostMsp,
      debtorMsp: buyerMsp,
    });
    const savedInvoice = await saveInvoice(ctx, confirmed, now, [seller.hostMsp, buyerMsp], invoice);
    const exposure = await recordExposure(ctx, [
      exposureChange(voucher.debtorId, 'vouchers', parseFen(voucher.amount, 'amount')),
    ]);
    emit(ctx, Events.InvoiceConfirmed, [savedInvoice, savedVoucher], exposure);
    return marshal(savedInvoice);
  }

  /** The buyer rejects a registered invoice, giving its reason. */
  @Transaction()
  @Returns('string')
  async Reject(ctx: Context, invoiceId: string, reason: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['CORE', 'SUPPLIER'] });
    const rejectionReason = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
    requireParty(actor, invoice.buyerId, `reject invoice ${invoiceId}`);
    requireStatus(invoice, 'REGISTERED', 'rejected');
    const rejected: Invoice = { ...invoice, status: 'REJECTED', rejectionReason };
    const saved = await saveInvoice(ctx, rejected, txTime(ctx), BOUND_ON_CREATION, invoice);
    emit(ctx, Events.InvoiceRejected, [saved]);
    return marshal(saved);
  }

  /** The seller withdraws a registered invoice on which nothing has been paid. */
  @Transaction()
  @Returns('string')
  async Cancel(ctx: Context, invoiceId: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId);
    requireParty(actor, invoice.sellerId, `cancel invoice ${invoiceId}`);
    requireStatus(invoice, 'REGISTERED', 'cancelled');
    if (parseFen(invoice.paidAmount, 'paidAmount', { allowZero: true }) !== 0n) {
      throw invalidState(`invoice ${invoiceId} is partly paid (${invoice.paidAmount} fen)`);
    }
    const saved = await saveInvoice(
      ctx,
      { ...invoice, status: 'CANCELLED' },
      txTime(ctx),
      BOUND_ON_CREATION,
      invoice,
    );
    emit(ctx, Events.InvoiceCancelled, [saved]);
    return marshal(saved);
  }

  /** Reads one invoice. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<Invoice>(ctx, ObjectTypes.Invoice, id));
  }
}
