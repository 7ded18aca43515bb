import type { Context } from 'fabric-contract-api';
import {
  type AccruedLateInterest,
  agreedLateInterestRate,
  INT_RANGES,
  type IsoDate,
  LATE_INTEREST,
  type LateInterestRate,
  type Settlement,
  STATUTORY_LATE_INTEREST,
  type Voucher,
  fen,
  lateInterest,
  lateInterestRateOf,
  parseFen,
  requireInt,
} from '@scf/ledger-contract';
import { currentRate } from './rate-contract';

/*
 * 保障中小企业款项支付条例 Art. 17 on the ledger: the rate is fixed when the debtor confirms (an agreed
 * annual rate floored at the 1Y LPR in force that day, or 0.05 % a day), every piece inherits it,
 * and payment after maturity adds the interest to the principal. The arithmetic is the shared rule
 * (`lateInterest` in the ledger contract), so the node API and the portal show the same figures.
 */

/**
 * The rate a confirmation on `today` fixes: none agreed (the empty string) is the statutory rate; an
 * agreed one needs the 1Y LPR in force that day to check its floor (NOT_FOUND before any).
 */
export async function confirmationRate(
  ctx: Context,
  agreedBps: string,
  today: IsoDate,
): Promise<LateInterestRate> {
  if (agreedBps === '') return STATUTORY_LATE_INTEREST;
  const { min, max } = INT_RANGES.lateInterestBps;
  const agreed = requireInt(agreedBps, 'lateInterestBps', min, max);
  const lpr = await currentRate(ctx, LATE_INTEREST.lprTenor, today);
  return agreedLateInterestRate(agreed, lpr.rateBps);
}

/** Late interest on a voucher's whole amount as of a business date. */
export function accruedOn(voucher: Voucher, asOf: IsoDate): AccruedLateInterest {
  const rate = lateInterestRateOf(voucher);
  const principal = parseFen(voucher.amount, `voucher ${voucher.id} amount`);
  const due = lateInterest(principal, rate, voucher.maturityDate, asOf);
  return {
    voucherId: voucher.id,
    principal: voucher.amount,
    maturityDate: voucher.maturityDate,
    asOf,
    days: due.days,
    amount: fen(due.interestFen),
    rate,
  };
}

/** What paying a voucher on `paidOn` settles: the principal, its late interest, and their total. */
export function settlementOf(
  voucher: Voucher,
  paidOn: IsoDate,
  payment: { paymentReference: string; paidAt: string },
): Settlement {
  const accrued = accruedOn(voucher, paidOn);
  const total = parseFen(voucher.amount, 'amount') + BigInt(accrued.amount);
  return {
    paidTo: voucher.holderId,
    amount: voucher.amount,
    paymentReference: payment.paymentReference,
    paidAt: payment.paidAt,
    lateInterest: { amount: accrued.amount, days: accrued.days, rate: accrued.rate },
    total: fen(total),
  };
}
