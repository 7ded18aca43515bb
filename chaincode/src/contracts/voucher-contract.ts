import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { APPROVERS, requireActor, requireEnterprise, requireParty } from '../lib/access';
import { requireFourEyes } from '../lib/four-eyes';
import { businessDate, txTime } from '../lib/dates';
import {
  ContractError,
  type Enterprise,
  ErrorCodes,
  Events,
  type Invoice,
  type InvoiceStatus,
  MAX_LINEAGE_STEPS,
  MAX_PIECES,
  ObjectTypes,
  TEXT_RULES,
  type Voucher,
  fen,
  invalid,
  invalidState,
  marshal,
  owedOnInvoice,
  parseFen,
  parseJsonArg,
  requireText,
  type SplitResult,
} from '@scf/ledger-contract';
import { acceptTransfer, declineTransfer, refuseAwaitingConsent, withdrawTransfer } from './voucher-consent';
import { refuseDisputed } from './payment-dispute';
import { emit } from '../lib/events';
import { getRecord } from '../lib/store';
import { saveInvoice } from '../repositories/invoices';
import { newVoucherNumbers } from '../repositories/voucher-numbers';
import { childVoucherId, saveVoucher } from '../repositories/vouchers';
import { BaseContract } from './base-contract';

export type { SplitResult };

const KEPT_KEYS = ['amount'];
const TRANSFER_KEYS = ['amount', 'invoiceId', 'toEnterpriseId'];
/** An invoice can be paid with voucher pieces while it stands; rejected or cancelled trades cannot. */
const PAYABLE_INVOICE: readonly InvoiceStatus[] = ['REGISTERED', 'CONFIRMED'];

/** One requested piece; `transfer` is absent for a piece the holder keeps. */
interface Piece {
  amount: bigint;
  transfer?: { toEnterpriseId: string; invoiceId: string };
}

/** An invoice cited by the split, with its seller and the total of the pieces paying it. */
interface Payment {
  invoice: Invoice;
  seller: Enterprise;
  total: bigint;
}

/** A checked piece: who will hold it and the invoice behind it. */
interface PlannedPiece {
  amount: bigint;
  holder: Enterprise;
  invoiceId: string;
  transferred: boolean;
}

/** Everything a split writes, checked before the first write. */
interface SplitPlan {
  parent: Voucher;
  parentHolder: Enterprise;
  debtor: Enterprise;
  pieces: PlannedPiece[];
  payments: Map<string, Payment>;
}

function parsePiece(value: unknown, index: number): Piece {
  const field = `pieces[${index}]`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${field} must be an object`);
  }
  const piece = value as Record<string, unknown>;
  const keys = Object.keys(piece).sort().join(',');
  if (keys !== KEPT_KEYS.join(',') && keys !== TRANSFER_KEYS.join(',')) {
    throw invalid(`${field} must be { amount } or { amount, toEnterpriseId, invoiceId }, got keys [${keys}]`);
  }
  const amount = parseFen(piece.amount, `${field}.amount`);
  if (keys === KEPT_KEYS.join(',')) return { amount };
  return {
    amount,
    transfer: {
      toEnterpriseId: requireText(piece.toEnterpriseId, `${field}.toEnterpriseId`, TEXT_RULES.id.max),
      invoiceId: requireText(piece.invoiceId, `${field}.invoiceId`, TEXT_RULES.id.max),
    },
  };
}

/** Parses the pieces argument; a split needs two pieces, a whole transfer one transferred piece. */
function parsePieces(piecesJson: string): Piece[] {
  const value = parseJsonArg(piecesJson, 'pieces');
  if (!Array.isArray(value)) throw invalid('pieces must be a JSON array');
  if (value.length > MAX_PIECES) throw invalid(`at most ${MAX_PIECES} pieces, got ${value.length}`);
  const pieces = value.map((item: unknown, index) => parsePiece(item, index));
  const [only] = pieces;
  if (pieces.length === 0 || (pieces.length === 1 && !only?.transfer)) {
    throw invalid('pieces must hold at least two pieces, or exactly one transferred piece');
  }
  return pieces;
}

/** The voucher must still be the holder's to dispose of: active and not yet due. */
function requireTransferable(ctx: Context, voucher: Voucher): void {
  if (voucher.status !== 'ACTIVE') throw invalidState(`voucher ${voucher.id} is ${voucher.status}`);
  const today = businessDate(ctx);
  if (today >= voucher.maturityDate) {
    throw invalidState(`voucher ${voucher.id} matured on ${voucher.maturityDate}; today is ${today}`);
  }
}

/** Pieces never create or destroy value: together they are exactly the parent. */
function requireExactSum(parent: Voucher, pieces: Piece[]): void {
  const total = pieces.reduce((sum, piece) => sum + piece.amount, 0n);
  const amount = parseFen(parent.amount, `voucher ${parent.id} amount`);
  if (total !== amount) {
    throw invalid(`the pieces add up to ${fen(total)} fen, but voucher ${parent.id} is ${fen(amount)} fen`);
  }
}

/** The cited invoice must be the trade in which the recipient sold to the holder, and still payable. */
function requireTradeInvoice(invoice: Invoice, parent: Voucher, recipientId: string): void {
  if (invoice.sellerId !== recipientId || invoice.buyerId !== parent.holderId) {
    throw invalid(
      `invoice ${invoice.id} is from ${invoice.sellerId} to ${invoice.buyerId}; ` +
        `a transfer to ${recipientId} needs an invoice from ${recipientId} to ${parent.holderId}`,
    );
  }
  if (invoice.currency !== parent.currency) {
    throw invalid(
      `invoice ${invoice.id} is in ${invoice.currency}, voucher ${parent.id} in ${parent.currency}`,
    );
  }
  if (!PAYABLE_INVOICE.includes(invoice.status)) {
    throw invalidState(`invoice ${invoice.id} is ${invoice.status}`);
  }
}

/** Each cited invoice can take no more than what is still unpaid on it. */
function requireUnpaidCovers(payments: Map<string, Payment>): void {
  for (const { invoice, total } of payments.values()) {
    // What credit notes took off the invoice (dilution) is owed to nobody, so it cannot be paid either.
    const unpaid =
      owedOnInvoice(invoice) -
      parseFen(invoice.paidAmount, `invoice ${invoice.id} paidAmount`, { allowZero: true });
    if (total > unpaid) {
      throw new ContractError(
        ErrorCodes.AmountExceeded,
        `pieces of ${fen(total)} fen cite invoice ${invoice.id}, which has ${fen(unpaid)} fen unpaid`,
      );
    }
  }
}

/** The recipient of a transfer: a registered, active supplier other than the holder. */
async function requireRecipient(ctx: Context, parent: Voucher, recipientId: string): Promise<Enterprise> {
  if (recipientId === parent.holderId) {
    throw invalid(`voucher ${parent.id} cannot be transferred to its own holder`);
  }
  return requireEnterprise(ctx, recipientId, ['SUPPLIER'], 'recipient');
}

/** Resolves every piece, checking each transfer; collects the cited invoices with what they receive. */
async function checkPieces(
  ctx: Context,
  parent: Voucher,
  holder: Enterprise,
  pieces: Piece[],
): Promise<Pick<SplitPlan, 'pieces' | 'payments'>> {
  const recipients = new Map<string, Enterprise>();
  const payments = new Map<string, Payment>();
  const planned: PlannedPiece[] = [];
  for (const { amount, transfer } of pieces) {
    if (!transfer) {
      planned.push({ amount, holder, invoiceId: parent.invoiceId, transferred: false });
      continue;
    }
    const { toEnterpriseId, invoiceId } = transfer;
    const recipient = recipients.get(toEnterpriseId) ?? (await requireRecipient(ctx, parent, toEnterpriseId));
    recipients.set(toEnterpriseId, recipient);
    const payment = payments.get(invoiceId) ?? {
      invoice: await getRecord<Invoice>(ctx, ObjectTypes.Invoice, invoiceId),
      seller: recipient,
      total: 0n,
    };
    requireTradeInvoice(payment.invoice, parent, toEnterpriseId);
    payments.set(invoiceId, { ...payment, total: payment.total + amount });
    planned.push({ amount, holder: recipient, invoiceId, transferred: true });
  }
  requireUnpaidCovers(payments);
  return { pieces: planned, payments };
}

async function planSplit(ctx: Context, voucherId: string, piecesJson: string): Promise<SplitPlan> {
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['SUPPLIER', 'CORE'] });
  requireFourEyes(ctx, actor, 'voucher:SplitTransfer');
  const pieces = parsePieces(piecesJson);
  const parent = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  refuseAwaitingConsent(parent, 'split or transferred');
  refuseDisputed(parent, 'split or transferred');
  requireParty(actor, parent.holderId, `split or transfer voucher ${parent.id}`);
  requireTransferable(ctx, parent);
  requireExactSum(parent, pieces);
  const checked = await checkPieces(ctx, parent, actor.enterprise, pieces);
  const debtor = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, parent.debtorId);
  return { parent, parentHolder: actor.enterprise, debtor, ...checked };
}

/**
 * Piece i of the parent: a kept one stays ACTIVE at the holder's tier; a transferred one goes one tier
 * down and waits for its recipient to accept it (Art. 11). Pieces keep the parent's long-term flag.
 */
function childOf(
  parent: Voucher,
  piece: PlannedPiece,
  index: number,
  at: { now: string; number: string },
): Voucher {
  return {
    docType: ObjectTypes.Voucher,
    id: childVoucherId(parent.id, index),
    number: at.number,
    debtorId: parent.debtorId,
    holderId: piece.holder.id,
    amount: fen(piece.amount),
    currency: parent.currency,
    maturityDate: parent.maturityDate,
    rootId: parent.rootId,
    parentId: parent.id,
    tier: piece.transferred ? parent.tier + 1 : parent.tier,
    status: piece.transferred ? 'PENDING_ACCEPTANCE' : 'ACTIVE',
    invoiceId: piece.invoiceId,
    childIds: [],
    ...(parent.longTerm ? { longTerm: true } : {}),
    ...(parent.lateInterestRate ? { lateInterestRate: parent.lateInterestRate } : {}),
    ...(piece.transferred ? { transfer: { status: 'PENDING' as const, fromId: parent.holderId } } : {}),
    createdAt: at.now,
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}

/** Writes the checked plan: children, the parent marked SPLIT, the invoices with what they were paid. */
async function writeSplit(ctx: Context, plan: SplitPlan): Promise<SplitResult> {
  const { parent, parentHolder, debtor } = plan;
  const now = txTime(ctx);
  const children: Voucher[] = [];
  const ids = plan.pieces.map((_, index) => childVoucherId(parent.id, index));
  const numbers = await newVoucherNumbers(ctx, parent.debtorId, ids);
  for (const [index, piece] of plan.pieces.entries()) {
    const owners = { holderMsp: piece.holder.hostMsp, debtorMsp: debtor.hostMsp };
    const number = numbers[index] ?? '';
    children.push(await saveVoucher(ctx, childOf(parent, piece, index, { now, number }), now, owners));
  }
  const split: Voucher = { ...parent, status: 'SPLIT', childIds: children.map((child) => child.id) };
  const owners = { holderMsp: parentHolder.hostMsp, debtorMsp: debtor.hostMsp };
  const savedParent = await saveVoucher(ctx, split, now, owners, parent);
  const invoices: Invoice[] = [];
  for (const { invoice, seller, total } of plan.payments.values()) {
    const paidAmount = fen(parseFen(invoice.paidAmount, 'paidAmount', { allowZero: true }) + total);
    const invoiceOwners = [seller.hostMsp, parentHolder.hostMsp];
    invoices.push(await saveInvoice(ctx, { ...invoice, paidAmount }, now, invoiceOwners, invoice));
  }
  return { parent: savedParent, children, invoices };
}

/** Digital debt vouchers: split, transferred down the supply chain, traced back to their root. */
@Info({ title: 'VoucherContract', description: 'Digital debt vouchers: split, transfer and lineage' })
export class VoucherContract extends BaseContract {
  constructor() {
    super('voucher');
  }

  /**
   * Splits an active voucher into pieces kept or paid to suppliers against their invoices; a piece
   * paid to a supplier waits for that supplier's acceptance.
   */
  @Transaction()
  @Returns('string')
  async SplitTransfer(ctx: Context, voucherId: string, piecesJson: string): Promise<string> {
    const result = await writeSplit(ctx, await planSplit(ctx, voucherId, piecesJson));
    emit(ctx, Events.VoucherSplit, [result.parent, ...result.children, ...result.invoices]);
    return marshal(result);
  }

  /** The recipient's approver accepts a piece transferred to it: the piece becomes ACTIVE. */
  @Transaction()
  @Returns('string')
  async AcceptTransfer(ctx: Context, voucherId: string): Promise<string> {
    const accepted = await acceptTransfer(ctx, voucherId);
    emit(ctx, Events.VoucherTransferAccepted, [accepted]);
    return marshal(accepted);
  }

  /** The recipient's approver declines a piece transferred to it; its amount returns to the sender. */
  @Transaction()
  @Returns('string')
  async DeclineTransfer(ctx: Context, voucherId: string, reason: string): Promise<string> {
    const result = await declineTransfer(ctx, voucherId, reason);
    emit(ctx, Events.VoucherTransferDeclined, [result.piece, result.returned, result.parent, result.invoice]);
    return marshal(result);
  }

  /** The sender's approver withdraws a piece its recipient has not accepted; its amount returns. */
  @Transaction()
  @Returns('string')
  async WithdrawTransfer(ctx: Context, voucherId: string): Promise<string> {
    const result = await withdrawTransfer(ctx, voucherId);
    emit(ctx, Events.VoucherTransferWithdrawn, [
      result.piece,
      result.returned,
      result.parent,
      result.invoice,
    ]);
    return marshal(result);
  }

  /** Reads one voucher. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<Voucher>(ctx, ObjectTypes.Voucher, id));
  }

  /** The path from the root voucher down to this one, root first. */
  @Transaction(false)
  @Returns('string')
  async GetLineage(ctx: Context, id: string): Promise<string> {
    const path = [await getRecord<Voucher>(ctx, ObjectTypes.Voucher, id)];
    for (let parentId = path[0]?.parentId; parentId !== undefined; parentId = path[0]?.parentId) {
      if (path.length > MAX_LINEAGE_STEPS) {
        throw invalidState(`voucher ${id} is more than ${MAX_LINEAGE_STEPS} steps from its root`);
      }
      path.unshift(await getRecord<Voucher>(ctx, ObjectTypes.Voucher, parentId));
    }
    return marshal(path);
  }
}
