import type { Context } from 'fabric-contract-api';
import { bindToOrgs } from '../lib/endorsement';
import { deleteIndex, putIndex, putRecord, recordKey } from '../lib/store';
import { claimVoucherNumber } from './voucher-numbers';
import {
  type Invoice,
  type LateInterestRate,
  ObjectTypes,
  STATUTORY_LATE_INTEREST,
  type Voucher,
  fen,
  owedOnInvoice,
  type VoucherStatus,
} from '@scf/ledger-contract';

export const VoucherIndexes = {
  /** maturityDate, id of the open pieces (OPEN_STATUSES): the overdue sweep walks it in date order. */
  openByMaturity: 'idx.voucher.open-maturity',
} as const;

/** Statuses in which a piece still waits for payment at maturity. */
export const OPEN_STATUSES: readonly VoucherStatus[] = ['ACTIVE', 'FINANCING', 'FINANCED'];

/**
 * The voucher a confirmation issues: the buyer owes the invoice amount to the seller at the due date;
 * `longTerm` when that is more than 6 months after the confirmation; late interest at the rate the
 * confirmation fixed (decree 802 Art. 17); `number` from newVoucherNumbers.
 */
export function newRootVoucher(
  invoice: Invoice,
  now: string,
  longTerm = false,
  lateInterestRate: LateInterestRate = STATUTORY_LATE_INTEREST,
  number?: string,
): Voucher {
  return {
    docType: ObjectTypes.Voucher,
    id: invoice.id,
    ...(number === undefined ? {} : { number }),
    debtorId: invoice.buyerId,
    holderId: invoice.sellerId,
    // The buyer confirms what it still owes: the invoice less any credit notes it accepted before.
    amount: fen(owedOnInvoice(invoice)),
    currency: invoice.currency,
    maturityDate: invoice.dueDate,
    rootId: invoice.id,
    tier: 0,
    status: 'ACTIVE',
    invoiceId: invoice.id,
    childIds: [],
    ...(longTerm ? { longTerm: true } : {}),
    // Absent means statutory, as on every voucher confirmed before rates were agreed on the ledger.
    ...(lateInterestRate.basis === 'AGREED' ? { lateInterestRate } : {}),
    createdAt: now,
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}

/** Voucher ids: the root takes the confirmed invoice's id; piece n of a parent is `${parentId}.${n}`. */
export function childVoucherId(parentId: string, index: number): string {
  return `${parentId}.${index + 1}`;
}

/** The ids of the two pieces a partial dispute (or a dilution) makes: the rest first. */
export function pieceIds(parent: Voucher): [string, string] {
  return [
    childVoucherId(parent.id, parent.childIds.length),
    childVoucherId(parent.id, parent.childIds.length + 1),
  ];
}

/**
 * A piece of `parent` for one side of the dispute (or of a dilution): same holder, status, tier,
 * maturity, invoice and terms; a voucher number of its own, like a split's pieces.
 */
export function pieceOf(
  parent: Voucher,
  at: { id: string; number: string },
  amount: bigint,
  now: string,
): Voucher {
  return {
    docType: ObjectTypes.Voucher,
    id: at.id,
    number: at.number,
    debtorId: parent.debtorId,
    holderId: parent.holderId,
    amount: fen(amount),
    currency: parent.currency,
    maturityDate: parent.maturityDate,
    rootId: parent.rootId,
    parentId: parent.id,
    tier: parent.tier,
    status: parent.status,
    invoiceId: parent.invoiceId,
    childIds: [],
    ...(parent.longTerm ? { longTerm: true } : {}),
    ...(parent.lateInterestRate ? { lateInterestRate: parent.lateInterestRate } : {}),
    createdAt: now,
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}

/**
 * Writes a voucher and keeps its open-by-maturity index entry in step, binding the key to the
 * holder's and the debtor's orgs whenever the holder changes. `previous` is absent on creation, when
 * the voucher's number is claimed.
 */
export async function saveVoucher(
  ctx: Context,
  voucher: Voucher,
  now: string,
  owners: { holderMsp: string; debtorMsp: string },
  previous?: Voucher,
): Promise<Voucher> {
  const saved = await putRecord(ctx, voucher, now);
  const id = saved.id;
  if (!previous && saved.number !== undefined) await claimVoucherNumber(ctx, saved.number, id);
  const wasOpen = previous !== undefined && OPEN_STATUSES.includes(previous.status);
  const isOpen = OPEN_STATUSES.includes(saved.status);
  if (wasOpen && !isOpen) await deleteIndex(ctx, VoucherIndexes.openByMaturity, [saved.maturityDate], id);
  if (!wasOpen && isOpen) await putIndex(ctx, VoucherIndexes.openByMaturity, [saved.maturityDate], id);
  if (!previous || previous.holderId !== saved.holderId) {
    await bindToOrgs(ctx, recordKey(ctx, ObjectTypes.Voucher, id), [owners.holderMsp, owners.debtorMsp]);
  }
  return saved;
}
