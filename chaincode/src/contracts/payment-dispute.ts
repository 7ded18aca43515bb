import type { Context } from 'fabric-contract-api';
import { APPROVERS, requireActor, requireParty } from '../lib/access';
import { newVoucherNumbers } from '../repositories/voucher-numbers';
import { businessDate, txTime } from '../lib/dates';
import {
  ContractError,
  type DisputeResolution,
  DisputeResolutions,
  type DisputeResult,
  ErrorCodes,
  ObjectTypes,
  TEXT_RULES,
  type Voucher,
  type VoucherStatus,
  fen,
  forbidden,
  invalidState,
  parseFen,
  requireOneOf,
  requireText,
} from '@scf/ledger-contract';
import { getRecord } from '../lib/store';
import { voucherOwners } from '../repositories/financings';
import { pieceIds, pieceOf, saveVoucher } from '../repositories/vouchers';

/*
 * 保障中小企业款项支付条例 Art. 15: a debtor that disputes part of what it owes still pays the rest on
 * time. On the ledger the disputed voucher splits, like any split, into two pieces of the same holder
 * and tier that add up to it exactly: the undisputed piece keeps the voucher's status and is paid on
 * its own (`settlement:Pay`), the disputed piece is DISPUTED and carries the dispute. Every step
 * that moves or pays a voucher accepts only listed statuses, so a DISPUTED piece is frozen without
 * more code; the holder ends the dispute by accepting it (WRITTEN_OFF) or withdrawing it (payable
 * again, its late interest counted from the voucher's maturity, Art. 17).
 */

/** What a debtor may dispute: an open claim it has not yet paid and no bank has taken on. */
const DISPUTABLE: readonly VoucherStatus[] = ['ACTIVE', 'OVERDUE'];

/** Nobody may pay, pass on or finance a piece whose amount is disputed (DISPUTED). */
export function refuseDisputed(voucher: Voucher, what: string): void {
  if (voucher.status === 'DISPUTED') {
    throw new ContractError(
      ErrorCodes.Disputed,
      `voucher ${voucher.id} is disputed by its debtor; until its holder resolves it, it cannot be ${what}`,
    );
  }
}

function requireDisputable(voucher: Voucher): void {
  refuseDisputed(voucher, 'disputed again');
  if (!DISPUTABLE.includes(voucher.status)) {
    throw invalidState(
      `voucher ${voucher.id} is ${voucher.status}; only ${DISPUTABLE.join(' or ')} vouchers can be disputed ` +
        '(a financed one with its bank, outside the ledger)',
    );
  }
}

/** The disputed amount: more than nothing and at most what the voucher is. */
function requireDisputedAmount(voucher: Voucher, value: string): bigint {
  const disputed = parseFen(value, 'amount');
  const whole = parseFen(voucher.amount, `voucher ${voucher.id} amount`);
  if (disputed > whole) {
    throw new ContractError(
      ErrorCodes.AmountExceeded,
      `${fen(disputed)} fen disputed, but voucher ${voucher.id} is ${voucher.amount} fen`,
    );
  }
  return disputed;
}

/**
 * The debtor's approver disputes `amount` of a voucher, saying why. In full, the voucher itself is
 * DISPUTED; in part, it splits into the undisputed rest (still payable on time) and the DISPUTED part.
 */
export async function raiseDispute(
  ctx: Context,
  voucherId: string,
  amount: string,
  reason: string,
): Promise<DisputeResult> {
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  const actor = await requireActor(ctx, { roles: APPROVERS, kinds: ['CORE'] });
  requireParty(actor, voucher.debtorId, `dispute voucher ${voucherId}`);
  requireDisputable(voucher);
  const disputedFen = requireDisputedAmount(voucher, amount);
  const why = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
  const now = txTime(ctx);
  const owners = await voucherOwners(ctx, voucher);
  const dispute = {
    status: 'OPEN' as const,
    amount: fen(disputedFen),
    reason: why,
    raisedBy: actor.enterprise.id,
    raisedAt: now,
  };
  const rest = parseFen(voucher.amount, 'amount') - disputedFen;
  if (rest === 0n) {
    const disputed: Voucher = { ...voucher, status: 'DISPUTED', dispute };
    return { disputed: await saveVoucher(ctx, disputed, now, owners, voucher) };
  }
  const ids = pieceIds(voucher);
  const [restNumber = '', disputedNumber = ''] = await newVoucherNumbers(ctx, voucher.debtorId, ids);
  const undisputed = await saveVoucher(
    ctx,
    pieceOf(voucher, { id: ids[0], number: restNumber }, rest, now),
    now,
    owners,
  );
  const disputed = await saveVoucher(
    ctx,
    {
      ...pieceOf(voucher, { id: ids[1], number: disputedNumber }, disputedFen, now),
      status: 'DISPUTED',
      dispute: { ...dispute, undisputedId: undisputed.id },
    },
    now,
    owners,
  );
  const split: Voucher = {
    ...voucher,
    status: 'SPLIT',
    childIds: [...voucher.childIds, undisputed.id, disputed.id],
  };
  const parent = await saveVoucher(ctx, split, now, owners, voucher);
  return { disputed, undisputed, parent };
}

/**
 * Ends an open dispute: the holder's approver accepts it (the piece is WRITTEN_OFF, never owed) or
 * withdraws it; the debtor's approver may withdraw its own. Withdrawn, the piece is payable again:
 * ACTIVE up to its maturity, OVERDUE after it, with late interest from maturity as if never disputed.
 */
export async function resolveDispute(ctx: Context, voucherId: string, resolution: string): Promise<Voucher> {
  const outcome: DisputeResolution = requireOneOf(resolution, 'resolution', DisputeResolutions);
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  const actor = await requireActor(ctx, { roles: APPROVERS });
  const party = actor.enterprise.id;
  if (party !== voucher.holderId && !(outcome === 'WITHDRAW' && party === voucher.debtorId)) {
    throw forbidden(
      outcome === 'ACCEPT'
        ? `only the holder ${voucher.holderId} may accept the dispute of voucher ${voucherId}`
        : `only the holder ${voucher.holderId} or the debtor ${voucher.debtorId} may withdraw the dispute of voucher ${voucherId}`,
    );
  }
  if (voucher.status !== 'DISPUTED' || voucher.dispute?.status !== 'OPEN') {
    throw invalidState(`voucher ${voucherId} is ${voucher.status}; it has no open dispute`);
  }
  const now = txTime(ctx);
  const payableAgain: VoucherStatus = voucher.maturityDate < businessDate(ctx) ? 'OVERDUE' : 'ACTIVE';
  const resolved: Voucher = {
    ...voucher,
    status: outcome === 'ACCEPT' ? 'WRITTEN_OFF' : payableAgain,
    dispute: {
      ...voucher.dispute,
      status: outcome === 'ACCEPT' ? 'ACCEPTED' : 'WITHDRAWN',
      resolvedBy: party,
      resolvedAt: now,
    },
  };
  return saveVoucher(ctx, resolved, now, await voucherOwners(ctx, voucher), voucher);
}
