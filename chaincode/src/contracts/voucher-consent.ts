import type { Context } from 'fabric-contract-api';
import { APPROVERS, requireActor, requireParty } from '../lib/access';
import { txTime } from '../lib/dates';
import {
  type Invoice,
  ObjectTypes,
  TEXT_RULES,
  type TransferConsent,
  type TransferReturn,
  type Voucher,
  fen,
  invalidState,
  parseFen,
  requireText,
} from '@scf/ledger-contract';
import { getRecord } from '../lib/store';
import { hostMspOf, voucherOwners } from '../repositories/financings';
import { saveInvoice } from '../repositories/invoices';
import { newVoucherNumbers } from '../repositories/voucher-numbers';
import { childVoucherId, saveVoucher } from '../repositories/vouchers';

/*
 * 保障中小企业款项支付条例 Art. 11: nobody is made to take a voucher. A transferred piece waits
 * (PENDING_ACCEPTANCE) until its recipient's approver accepts it (ACTIVE) or declines it; its sender
 * may withdraw it meanwhile. A declined or withdrawn piece is RETURNED, and its amount goes back to
 * the sender as a new piece of the same parent: the lineage only grows, every piece keeps its story,
 * and the parent's pieces that are not RETURNED still add up to it exactly.
 */

/** Nobody may pass on or finance a piece that waits for its recipient's consent. */
export function refuseAwaitingConsent(voucher: Voucher, what: string): void {
  if (voucher.status === 'PENDING_ACCEPTANCE') {
    throw invalidState(
      `voucher ${voucher.id} waits for ${voucher.holderId} to accept it; until then it cannot be ${what}`,
    );
  }
}

/** The transfer of a piece that still waits for consent, or INVALID_STATE. */
function pendingTransfer(piece: Voucher, what: string): TransferConsent {
  if (piece.status !== 'PENDING_ACCEPTANCE' || piece.transfer?.status !== 'PENDING') {
    throw invalidState(
      `voucher ${piece.id} is ${piece.status}; only a piece waiting for acceptance can be ${what}`,
    );
  }
  return piece.transfer;
}

/** The piece as its recipient, acting through an approver, must find it. */
async function recipientOf(ctx: Context, voucherId: string, what: string): Promise<Voucher> {
  const piece = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['SUPPLIER'] });
  requireParty(actor, piece.holderId, `${what} voucher ${voucherId}`);
  return piece;
}

/** The recipient takes the piece: it becomes ACTIVE, theirs to hold, pass on or finance. */
export async function acceptTransfer(ctx: Context, voucherId: string): Promise<Voucher> {
  const piece = await recipientOf(ctx, voucherId, 'accept');
  const transfer = pendingTransfer(piece, 'accepted');
  const now = txTime(ctx);
  const accepted: Voucher = {
    ...piece,
    status: 'ACTIVE',
    transfer: { ...transfer, status: 'ACCEPTED', decidedAt: now },
  };
  return saveVoucher(ctx, accepted, now, await voucherOwners(ctx, piece), piece);
}

/** The piece that gives a returned transfer's amount back to the sender: the parent's next child. */
function returnPiece(parent: Voucher, piece: Voucher, at: { now: string; number: string }): Voucher {
  const { now } = at;
  return {
    docType: ObjectTypes.Voucher,
    id: childVoucherId(parent.id, parent.childIds.length),
    number: at.number,
    debtorId: parent.debtorId,
    holderId: parent.holderId,
    amount: piece.amount,
    currency: piece.currency,
    maturityDate: piece.maturityDate,
    rootId: parent.rootId,
    parentId: parent.id,
    tier: parent.tier,
    status: 'ACTIVE',
    invoiceId: parent.invoiceId,
    childIds: [],
    ...(piece.longTerm ? { longTerm: true } : {}),
    ...(piece.lateInterestRate ? { lateInterestRate: piece.lateInterestRate } : {}),
    returnOf: piece.id,
    createdAt: now,
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}

/** The invoice the transfer was to pay, with the piece's amount no longer counted as paid. */
function unpaid(invoice: Invoice, piece: Voucher): Invoice {
  const paid = parseFen(invoice.paidAmount, `invoice ${invoice.id} paidAmount`, { allowZero: true });
  const amount = parseFen(piece.amount, `voucher ${piece.id} amount`);
  if (paid < amount) {
    throw invalidState(
      `invoice ${invoice.id} shows ${invoice.paidAmount} fen paid, less than piece ${piece.id}`,
    );
  }
  return { ...invoice, paidAmount: fen(paid - amount) };
}

/** Undoes a pending transfer: the piece RETURNED, a new piece of its amount for the sender, the invoice unpaid again. */
async function returnTransfer(
  ctx: Context,
  piece: Voucher,
  transfer: TransferConsent,
  outcome: { status: 'DECLINED' | 'WITHDRAWN'; reason?: string },
): Promise<TransferReturn> {
  if (piece.parentId === undefined) throw invalidState(`voucher ${piece.id} has no parent to return to`);
  const parent = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, piece.parentId);
  if (parent.holderId !== transfer.fromId || !parent.childIds.includes(piece.id)) {
    throw invalidState(`voucher ${piece.id} is not a piece ${transfer.fromId} split off its parent`);
  }
  const invoice = await getRecord<Invoice>(ctx, ObjectTypes.Invoice, piece.invoiceId);
  const now = txTime(ctx);
  const id = childVoucherId(parent.id, parent.childIds.length);
  const [number = ''] = await newVoucherNumbers(ctx, parent.debtorId, [id]);
  const returned = returnPiece(parent, piece, { now, number });
  const senderOwners = {
    holderMsp: await hostMspOf(ctx, parent.holderId),
    debtorMsp: await hostMspOf(ctx, parent.debtorId),
  };
  const closed: Voucher = {
    ...piece,
    status: 'RETURNED',
    transfer: { ...transfer, ...outcome, decidedAt: now, returnedAs: returned.id },
  };
  return {
    piece: await saveVoucher(ctx, closed, now, await voucherOwners(ctx, piece), piece),
    returned: await saveVoucher(ctx, returned, now, senderOwners),
    parent: await saveVoucher(
      ctx,
      { ...parent, childIds: [...parent.childIds, returned.id] },
      now,
      senderOwners,
      parent,
    ),
    invoice: await saveInvoice(ctx, unpaid(invoice, piece), now, [], invoice),
  };
}

/** The recipient refuses the piece, saying why; the amount goes back to the sender. */
export async function declineTransfer(
  ctx: Context,
  voucherId: string,
  reason: string,
): Promise<TransferReturn> {
  const why = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
  const piece = await recipientOf(ctx, voucherId, 'decline');
  const transfer = pendingTransfer(piece, 'declined');
  return returnTransfer(ctx, piece, transfer, { status: 'DECLINED', reason: why });
}

/** The sender takes back a piece its recipient has not accepted yet. */
export async function withdrawTransfer(ctx: Context, voucherId: string): Promise<TransferReturn> {
  const piece = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['SUPPLIER', 'CORE'] });
  if (!piece.transfer) throw invalidState(`voucher ${voucherId} was not transferred`);
  requireParty(actor, piece.transfer.fromId, `withdraw voucher ${voucherId}`);
  const transfer = pendingTransfer(piece, 'withdrawn');
  return returnTransfer(ctx, piece, transfer, { status: 'WITHDRAWN' });
}
