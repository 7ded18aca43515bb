import type { Context } from 'fabric-contract-api';
import { type Financing, type IsoDate, ObjectTypes, type Voucher, invalidState } from '@scf/ledger-contract';
import { ANY_ROLE, requireActor, requireParty, type Actor } from '../lib/access';
import { businessDate } from '../lib/dates';
import { getRecord } from '../lib/store';
import { refuseDisputed } from './payment-dispute';
import { refuseAwaitingConsent } from './voucher-consent';

/** A voucher its caller may put up for financing, with the caller and the business date. */
export interface FinanceableVoucher {
  voucher: Voucher;
  actor: Actor;
  today: IsoDate;
}

/**
 * The caller applying (to one bank, or for quotes from several): a SUPPLIER holding the voucher, which
 * is ACTIVE (so in no other financing or request), not awaiting consent, not disputed, and matures
 * after today.
 */
export async function requireFinanceableVoucher(
  ctx: Context,
  voucherId: string,
): Promise<FinanceableVoucher> {
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucherId);
  const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: ['SUPPLIER'] });
  refuseAwaitingConsent(voucher, 'financed');
  refuseDisputed(voucher, 'financed');
  requireParty(actor, voucher.holderId, `apply for financing of voucher ${voucherId}`);
  if (voucher.status !== 'ACTIVE') {
    throw invalidState(`voucher ${voucherId} is ${voucher.status}; only an ACTIVE voucher can be financed`);
  }
  const today = businessDate(ctx);
  if (voucher.maturityDate <= today) {
    throw invalidState(`voucher ${voucherId} matures on ${voucher.maturityDate}, not after ${today}`);
  }
  return { voucher, actor, today };
}

/** A new APPLIED financing of the voucher by the applicant at the bank, under `id`. */
export function newFinancing(
  id: string,
  voucher: Voucher,
  applicantId: string,
  bankId: string,
  now: string,
  quoteRequestId?: string,
): Financing {
  return {
    docType: ObjectTypes.Financing,
    id,
    voucherId: voucher.id,
    applicantId,
    bankId,
    debtorId: voucher.debtorId,
    amount: voucher.amount,
    maturityDate: voucher.maturityDate,
    status: 'APPLIED',
    ...(quoteRequestId === undefined ? {} : { quoteRequestId }),
    createdAt: now,
    updatedAt: '',
    txId: '',
    updatedBy: '',
  };
}
