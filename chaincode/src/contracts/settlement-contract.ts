import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { APPROVERS, requireActor, requireParty } from '../lib/access';
import { requireFourEyes } from '../lib/four-eyes';
import { businessDate, txTime } from '../lib/dates';
import {
  ContractError,
  type CreditLine,
  ErrorCodes,
  Events,
  type Financing,
  INT_RANGES,
  type LedgerRecord,
  ObjectTypes,
  TEXT_RULES,
  type Voucher,
  type VoucherStatus,
  businessDateAt,
  fen,
  invalidState,
  marshal,
  parseFen,
  requireInt,
  requireText,
} from '@scf/ledger-contract';
import { accruedOn, settlementOf } from './late-interest';
import { raiseDispute, refuseDisputed, resolveDispute } from './payment-dispute';
import { emit } from '../lib/events';
import { findRecord, getRecord } from '../lib/store';
import { creditLineId, saveCreditLine } from '../repositories/credit-lines';
import { exposureChange, recordExposure } from '../repositories/exposure';
import { saveFinancing, voucherOwners } from '../repositories/financings';
import { saveVoucher, VoucherIndexes } from '../repositories/vouchers';
import { BaseContract } from './base-contract';

/** A piece can be paid from these; FINANCING must first close, SPLIT pieces are paid leaf by leaf. */
const PAYABLE: readonly VoucherStatus[] = ['ACTIVE', 'FINANCED', 'OVERDUE'];
/** Open pieces the sweep marks overdue; a FINANCING piece waits until its financing closes. */
const SWEEPABLE: readonly VoucherStatus[] = ['ACTIVE', 'FINANCED'];

/** A disbursed financing that paying its voucher settles, with its bank's line before and after release. */
export interface Release {
  financing: Financing;
  line: CreditLine;
  released: CreditLine;
}

/**
 * The disbursed financing a voucher carries, if any (a FINANCED piece, or one that turned OVERDUE
 * after disbursement), and its line with the face amount the financing consumed given back.
 */
export async function releaseOf(
  ctx: Context,
  voucher: Voucher,
  amount: bigint,
): Promise<Release | undefined> {
  if (voucher.financingId === undefined) return undefined;
  const financing = await findRecord<Financing>(ctx, ObjectTypes.Financing, voucher.financingId);
  if (financing?.status !== 'DISBURSED') return undefined;
  const lineId = creditLineId(financing.bankId, financing.debtorId);
  const line = await getRecord<CreditLine>(ctx, ObjectTypes.CreditLine, lineId);
  const used = parseFen(line.used, 'used', { allowZero: true });
  if (used < amount) {
    throw invalidState(
      `credit line ${lineId} has ${line.used} fen in use, less than the ${fen(amount)} fen to release`,
    );
  }
  return { financing, line, released: { ...line, used: fen(used - amount) } };
}

/**
 * Maturity: the debtor pays whoever holds each piece, with late interest when after maturity (decree
 * 802 Art. 17); unpaid pieces past maturity turn OVERDUE; a disputed part waits for its holder (Art. 15).
 */
@Info({
  title: 'SettlementContract',
  description: 'Payment of vouchers at maturity with late interest, overdue sweep and payment disputes',
})
export class SettlementContract extends BaseContract {
  constructor() {
    super('settlement');
  }

  /**
   * The debtor records paying a matured piece to its holder, with the late interest due after
   * maturity; a financed piece also settles its financing. Both leave the debtor's consortium-wide
   * figures (outstanding, and financed).
   */
  @Transaction()
  @Returns('string')
  async Pay(ctx: Context, voucherId: string, paymentReference: string): Promise<string> {
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
    const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE'] });
    requireFourEyes(ctx, actor, 'settlement:Pay');
    requireParty(actor, voucher.debtorId, `pay voucher ${voucherId}`);
    refuseDisputed(voucher, 'paid');
    if (!PAYABLE.includes(voucher.status)) {
      throw invalidState(
        `voucher ${voucherId} is ${voucher.status}; only ${PAYABLE.join(', ')} vouchers are paid`,
      );
    }
    const today = businessDate(ctx);
    if (today < voucher.maturityDate) {
      throw new ContractError(
        ErrorCodes.NotMature,
        `voucher ${voucherId} matures on ${voucher.maturityDate}`,
      );
    }
    const reference = requireText(paymentReference, 'paymentReference', TEXT_RULES.paymentReference.max);
    const amount = parseFen(voucher.amount, 'amount');
    const release = await releaseOf(ctx, voucher, amount);
    const owners = await voucherOwners(ctx, voucher);
    const now = txTime(ctx);
    const settlement = settlementOf(voucher, today, { paymentReference: reference, paidAt: now });
    const paid = await saveVoucher(ctx, { ...voucher, status: 'SETTLED', settlement }, now, owners, voucher);
    const written: LedgerRecord[] = [paid];
    const changes = [exposureChange(voucher.debtorId, 'vouchers', -amount)];
    if (release) {
      const { financing, line, released } = release;
      written.push(await saveFinancing(ctx, { ...financing, status: 'SETTLED' }, now, financing));
      written.push(await saveCreditLine(ctx, released, now, line));
      changes.push(exposureChange(financing.debtorId, 'financed', -amount));
    }
    emit(ctx, Events.VoucherSettled, written, await recordExposure(ctx, changes));
    return marshal(paid);
  }

  /**
   * Marks up to `limit` ACTIVE or FINANCED pieces that matured before the business date OVERDUE,
   * earliest maturity first; an approver or admin of a core enterprise (the debtors) or a bank (the
   * exposure). Writes and emits nothing when there are none.
   */
  @Transaction()
  @Returns('string')
  async SweepOverdue(ctx: Context, limit: string): Promise<string> {
    await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE', 'BANK'] });
    const max = requireInt(limit, 'limit', INT_RANGES.sweepLimit.min, INT_RANGES.sweepLimit.max);
    const due = await overdueCandidates(ctx, max);
    const now = txTime(ctx);
    const vouchers: Voucher[] = [];
    for (const voucher of due) {
      const owners = await voucherOwners(ctx, voucher);
      vouchers.push(await saveVoucher(ctx, { ...voucher, status: 'OVERDUE' }, now, owners, voucher));
    }
    if (vouchers.length > 0) emit(ctx, Events.VouchersOverdue, vouchers);
    return marshal({ count: vouchers.length, vouchers });
  }

  /**
   * The debtor's approver disputes part (or all) of a voucher, giving its reason: the undisputed rest
   * stays payable on time as a piece of its own, the disputed part is frozen until its holder resolves it.
   */
  @Transaction()
  @Returns('string')
  async Dispute(ctx: Context, voucherId: string, amount: string, reason: string): Promise<string> {
    const result = await raiseDispute(ctx, voucherId, amount, reason);
    const { disputed, undisputed, parent } = result;
    emit(ctx, Events.VoucherDisputed, [
      disputed,
      ...(undisputed ? [undisputed] : []),
      ...(parent ? [parent] : []),
    ]);
    return marshal(result);
  }

  /** The holder's approver accepts (writes off) or withdraws a dispute; the debtor's may withdraw its own. */
  @Transaction()
  @Returns('string')
  async ResolveDispute(ctx: Context, voucherId: string, resolution: string): Promise<string> {
    const resolved = await resolveDispute(ctx, voucherId, resolution);
    emit(ctx, Events.VoucherDisputeResolved, [resolved]);
    return marshal(resolved);
  }

  /**
   * The late interest a voucher has accrued by the business date of the call (0 up to its maturity);
   * for a settled one, what was paid. Pieces that owe nothing themselves (split, returned, written
   * off) have none.
   */
  @Transaction(false)
  @Returns('string')
  async LateInterest(ctx: Context, voucherId: string): Promise<string> {
    const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
    if (NOTHING_OWED.includes(voucher.status)) {
      throw invalidState(`voucher ${voucherId} is ${voucher.status}; it owes nothing itself`);
    }
    const paid = voucher.settlement;
    if (paid && !paid.lateInterest) {
      throw invalidState(`voucher ${voucherId} was paid before the ledger recorded late interest`);
    }
    if (paid?.lateInterest) {
      const { amount, days, rate } = paid.lateInterest;
      const asOf = businessDateAt(Date.parse(paid.paidAt));
      const principal = voucher.amount;
      return marshal({ voucherId, principal, maturityDate: voucher.maturityDate, asOf, days, amount, rate });
    }
    return marshal(accruedOn(voucher, businessDate(ctx)));
  }
}

/** Pieces whose amount is owed through other pieces, or not at all. */
const NOTHING_OWED: readonly VoucherStatus[] = ['SPLIT', 'RETURNED', 'WRITTEN_OFF'];

/** Walks the open-by-maturity index in date order up to the business date, collecting sweepable pieces. */
async function overdueCandidates(ctx: Context, max: number): Promise<Voucher[]> {
  const today = businessDate(ctx);
  const iterator = await ctx.stub.getStateByPartialCompositeKey(VoucherIndexes.openByMaturity, []);
  const found: Voucher[] = [];
  try {
    for (let next = await iterator.next(); !next.done && found.length < max; next = await iterator.next()) {
      const [maturityDate, id] = ctx.stub.splitCompositeKey(next.value.key).attributes;
      if (maturityDate === undefined || id === undefined || maturityDate >= today) break;
      const voucher = await findRecord<Voucher>(ctx, ObjectTypes.Voucher, id);
      if (voucher && SWEEPABLE.includes(voucher.status)) found.push(voucher);
    }
  } finally {
    await iterator.close();
  }
  return found;
}
