import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { ANY_ROLE, APPROVERS, requireActor, requireEnterprise, requireParty } from '../lib/access';
import { businessDate, txTime } from '../lib/dates';
import {
  consentToRelease,
  ContractError,
  ErrorCodes,
  Events,
  type Financing,
  INT_RANGES,
  invalidState,
  marshal,
  ObjectTypes,
  parseDate,
  parseFen,
  fen,
  pledgeReceipt,
  releaseReceipt,
  requestRelease,
  requireInt,
  requireSha256,
  requireText,
  TEXT_RULES,
  transferReceipt,
  type WarehouseReceipt,
} from '@scf/ledger-contract';
import { emit } from '../lib/events';
import { findRecord, getRecord } from '../lib/store';
import { saveFinancing } from '../repositories/financings';
import { receiptId, saveReceipt } from '../repositories/warehouse-receipts';
import { BaseContract } from './base-contract';
import { closeReceiptFinancing } from './receipt-financing';

/** Who may own goods on a receipt, hold it and pledge it. */
const OWNER_KINDS = ['SUPPLIER', 'CORE'] as const;

/** Loads a receipt and checks the caller acts for its owner. */
async function ownersReceipt(ctx: Context, id: string, what: string): Promise<WarehouseReceipt> {
  const receipt = await getRecord<WarehouseReceipt>(ctx, ObjectTypes.WarehouseReceipt, id);
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: OWNER_KINDS });
  requireParty(actor, receipt.ownerId, `${what} warehouse receipt ${receipt.number}`);
  return receipt;
}

/**
 * Electronic warehouse receipts (仓单): the logistics member, as keeper, issues one for goods it holds;
 * the owner may transfer it, pledge it to a bank (financed like a voucher) and ask for its goods; the
 * pledgee bank consents to a release while its financing is open and records the repayment; the
 * keeper confirms goods out.
 */
@Info({ title: 'WarehouseContract', description: 'Warehouse receipts, their pledge to banks and release' })
export class WarehouseContract extends BaseContract {
  constructor() {
    super('warehouse');
  }

  /** The calling keeper issues a receipt for goods it holds for a supplier or core enterprise. */
  @Transaction()
  @Returns('string')
  async Issue(
    ctx: Context,
    number: string,
    ownerId: string,
    goods: string,
    quantity: string,
    unit: string,
    location: string,
    inspectionDocHash: string,
  ): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['LOGISTICS'] });
    const receiptNumber = requireText(
      number,
      'number',
      TEXT_RULES.documentNumber.max,
      TEXT_RULES.documentNumber,
    );
    const owner = await requireEnterprise(ctx, ownerId, OWNER_KINDS, 'ownerId');
    const now = txTime(ctx);
    const receipt: WarehouseReceipt = {
      docType: ObjectTypes.WarehouseReceipt,
      id: receiptId(actor.enterprise.id, receiptNumber),
      number: receiptNumber,
      keeperId: actor.enterprise.id,
      ownerId: owner.id,
      goods: requireText(goods, 'goods', TEXT_RULES.goods.max),
      quantity: requireInt(
        quantity,
        'quantity',
        INT_RANGES.receiptQuantity.min,
        INT_RANGES.receiptQuantity.max,
      ),
      unit: requireText(unit, 'unit', TEXT_RULES.unit.max),
      location: requireText(location, 'location', TEXT_RULES.place.max),
      inspectionDocHash: requireSha256(inspectionDocHash, 'inspectionDocHash'),
      status: 'ISSUED',
      issuedAt: now,
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    if (await findRecord(ctx, ObjectTypes.WarehouseReceipt, receipt.id)) {
      throw new ContractError(
        ErrorCodes.AlreadyExists,
        `receipt ${receiptNumber} of ${actor.enterprise.id} is already issued`,
      );
    }
    const saved = await saveReceipt(ctx, receipt, now);
    emit(ctx, Events.WarehouseReceiptIssued, [saved]);
    return marshal(saved);
  }

  /** The owner's approver passes an ISSUED receipt to another supplier or core enterprise. */
  @Transaction()
  @Returns('string')
  async Transfer(ctx: Context, receiptId: string, toOwnerId: string): Promise<string> {
    const receipt = await ownersReceipt(ctx, receiptId, 'transfer');
    const to = await requireEnterprise(ctx, toOwnerId, OWNER_KINDS, 'toOwnerId');
    const saved = await saveReceipt(ctx, transferReceipt(receipt, to.id), txTime(ctx), receipt);
    emit(ctx, Events.WarehouseReceiptTransferred, [saved]);
    return marshal(saved);
  }

  /**
   * The owner applies to a bank on its receipt for `amount` fen until `maturityDate`: an APPLIED
   * financing the bank offers on, the receipt PLEDGED to it (never twice).
   */
  @Transaction()
  @Returns('string')
  async Pledge(
    ctx: Context,
    receiptId: string,
    bankId: string,
    amount: string,
    maturityDate: string,
  ): Promise<string> {
    const receipt = await getRecord<WarehouseReceipt>(ctx, ObjectTypes.WarehouseReceipt, receiptId);
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: OWNER_KINDS });
    requireParty(actor, receipt.ownerId, `pledge warehouse receipt ${receipt.number}`);
    const principal = parseFen(amount, 'amount');
    const maturity = parseDate(maturityDate, 'maturityDate');
    const today = businessDate(ctx);
    if (maturity <= today)
      throw new ContractError(ErrorCodes.InvalidArgument, `maturityDate must be after ${today}`);
    const bank = await requireEnterprise(ctx, bankId, ['BANK'], 'bank');
    const now = txTime(ctx);
    const financing: Financing = {
      docType: ObjectTypes.Financing,
      id: `${receiptId}:${ctx.stub.getTxID().slice(0, 16)}`,
      receiptId,
      applicantId: receipt.ownerId,
      bankId: bank.id,
      debtorId: receipt.ownerId,
      amount: fen(principal),
      maturityDate: maturity,
      status: 'APPLIED',
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const pledged = pledgeReceipt(receipt, financing.id);
    const saved = await saveFinancing(ctx, financing, now);
    const savedReceipt = await saveReceipt(ctx, pledged, now, receipt, bank.id);
    emit(ctx, Events.WarehouseReceiptPledged, [saved, savedReceipt]);
    return marshal(saved);
  }

  /** The pledgee bank's approver consents to release goods while its financing is open. */
  @Transaction()
  @Returns('string')
  async ConsentRelease(ctx: Context, receiptId: string): Promise<string> {
    const receipt = await getRecord<WarehouseReceipt>(ctx, ObjectTypes.WarehouseReceipt, receiptId);
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
    if (receipt.financingId === undefined) {
      throw invalidState(
        `warehouse receipt ${receipt.number} is ${receipt.status}; its release needs no bank's consent`,
      );
    }
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, receipt.financingId);
    requireParty(actor, financing.bankId, `consent to the release of warehouse receipt ${receipt.number}`);
    const now = txTime(ctx);
    const consented = consentToRelease(receipt, {
      bankId: financing.bankId,
      financingId: financing.id,
      consentedAt: now,
    });
    const saved = await saveReceipt(ctx, consented, now, receipt);
    emit(ctx, Events.WarehouseReceiptReleaseConsented, [saved]);
    return marshal(saved);
  }

  /** The owner's approver asks for its goods: with the bank's consent while the receipt is pledged. */
  @Transaction()
  @Returns('string')
  async RequestRelease(ctx: Context, receiptId: string): Promise<string> {
    const receipt = await ownersReceipt(ctx, receiptId, 'request release of');
    const now = txTime(ctx);
    const saved = await saveReceipt(ctx, requestRelease(receipt, now), now, receipt);
    emit(ctx, Events.WarehouseReceiptReleaseRequested, [saved]);
    return marshal(saved);
  }

  /** The keeper confirms the goods went out: RELEASED, final. */
  @Transaction()
  @Returns('string')
  async ConfirmOut(ctx: Context, receiptId: string): Promise<string> {
    const receipt = await getRecord<WarehouseReceipt>(ctx, ObjectTypes.WarehouseReceipt, receiptId);
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['LOGISTICS'] });
    requireParty(actor, receipt.keeperId, `confirm goods out of warehouse receipt ${receipt.number}`);
    const now = txTime(ctx);
    const saved = await saveReceipt(ctx, releaseReceipt(receipt, now), now, receipt);
    emit(ctx, Events.WarehouseReceiptReleased, [saved]);
    return marshal(saved);
  }

  /** The bank's approver records that the owner repaid a disbursed receipt financing: SETTLED, the receipt free. */
  @Transaction()
  @Returns('string')
  async Repay(ctx: Context, financingId: string, paymentReference: string): Promise<string> {
    const financing = await getRecord<Financing>(ctx, ObjectTypes.Financing, financingId);
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['BANK'] });
    requireParty(actor, financing.bankId, `record repayment of financing ${financingId}`);
    if (financing.receiptId === undefined || financing.status !== 'DISBURSED') {
      throw invalidState(`financing ${financingId} is not a DISBURSED pledge of a warehouse receipt`);
    }
    const repaymentReference = requireText(
      paymentReference,
      'paymentReference',
      TEXT_RULES.paymentReference.max,
    );
    const changes = { status: 'SETTLED', repaymentReference, repaidAt: txTime(ctx) } as const;
    return closeReceiptFinancing(ctx, financing, changes, Events.WarehouseFinancingRepaid);
  }

  /** Reads one receipt. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<WarehouseReceipt>(ctx, ObjectTypes.WarehouseReceipt, id));
  }
}
