import {
  agreedLateInterestRate,
  businessDateAt,
  type IsoDate,
  LateInterestBases,
  lateInterest,
  type LateInterestRate,
  type VoucherStatus,
} from '@scf/ledger-contract';
import type { Voucher } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { businessToday } from './dashboard/business-day.ts';
import { member } from './enums.ts';

/*
 * 保障中小企业款项支付条例 Art. 17 as the read model shows it: the rate the confirmation fixed, and the
 * late interest with the same shared rule the ledger pays with (`lateInterest`), so the figure a holder
 * or debtor reads here is the one `settlement:Pay` will record on that day.
 */

export const LateInterestBasisEnum = builder.enumType('LateInterestBasis', {
  description:
    'AGREED: an annual rate agreed at confirmation, never below the 1Y LPR in force that day. ' +
    'STATUTORY: none agreed, 0.05 % per day (保障中小企业款项支付条例 Art. 17).',
  values: LateInterestBases,
});

/** The rate a voucher row carries (rows from before the ledger recorded rates are statutory). */
export function rateOf(row: Voucher): LateInterestRate {
  if (row.lateRateBasis === 'AGREED' && row.lateAgreedBps !== null && row.lateFloorBps !== null) {
    return agreedLateInterestRate(row.lateAgreedBps, row.lateFloorBps);
  }
  return { basis: 'STATUTORY', dailyBps: row.lateRateBps };
}

export const LateInterestRateNode = builder.objectRef<LateInterestRate>('LateInterestRate').implement({
  description:
    'The late-interest rate of a voucher, fixed when its debtor confirmed it; every piece inherits it.',
  fields: (t) => ({
    basis: t.field({ type: LateInterestBasisEnum, resolve: (rate) => member(LateInterestBases, rate.basis) }),
    annualBps: t.int({
      nullable: true,
      description:
        'AGREED: the rate applied, per year over 360 days: the agreed one or the LPR floor, the higher.',
      resolve: (rate) => (rate.basis === 'AGREED' ? rate.annualBps : null),
    }),
    agreedAnnualBps: t.int({
      nullable: true,
      resolve: (rate) => (rate.basis === 'AGREED' ? rate.agreedAnnualBps : null),
    }),
    lprFloorBps: t.int({
      nullable: true,
      description: 'AGREED: the 1Y LPR in force on the confirmation date.',
      resolve: (rate) => (rate.basis === 'AGREED' ? rate.lprFloorBps : null),
    }),
    dailyBps: t.int({
      nullable: true,
      description: 'STATUTORY: per day (5 = 0.05 %).',
      resolve: (rate) => (rate.basis === 'STATUTORY' ? rate.dailyBps : null),
    }),
  }),
});

/** Late interest on a voucher on a day: accruing, or as its settlement paid it. */
export interface LateInterestFigures {
  principal: bigint;
  asOf: IsoDate;
  days: number;
  amount: bigint;
  paid: boolean;
}

export const LateInterestNode = builder.objectRef<LateInterestFigures>('LateInterest').implement({
  description:
    'Late interest: calendar days (China Standard Time) after maturity up to and including the day of ' +
    'payment, principal × rate × days (annual rates over 360 days), rounded half up to the fen once.',
  fields: (t) => ({
    principal: t.field({ type: 'Fen', resolve: (due) => due.principal }),
    asOf: t.field({ type: 'Date', resolve: (due) => due.asOf, description: 'The day it is counted to.' }),
    days: t.exposeInt('days'),
    amount: t.field({ type: 'Fen', resolve: (due) => due.amount }),
    total: t.field({
      type: 'Fen',
      description: 'Principal plus late interest: what the debtor pays on `asOf`.',
      resolve: (due) => due.principal + due.amount,
    }),
    paid: t.exposeBoolean('paid', { description: 'Recorded at settlement, rather than accruing.' }),
  }),
});

/** Pieces that owe nothing themselves: paid through other pieces, not yet taken, or written off. */
const OWES_NOTHING: readonly VoucherStatus[] = ['SPLIT', 'RETURNED', 'PENDING_ACCEPTANCE', 'WRITTEN_OFF'];

/**
 * The late interest of a voucher row as of a business date: what its settlement paid, or what accrues
 * on its amount; null for its holder's and debtor's eyes only, and for pieces that owe nothing.
 */
export function lateInterestOf(
  ctx: Context,
  row: Voucher,
  asOf: IsoDate | null | undefined,
): LateInterestFigures | null {
  const me = ctx.user?.enterpriseId;
  if (me !== row.holderId && me !== row.debtorId) return null;
  if ((OWES_NOTHING as readonly string[]).includes(row.status)) return null;
  if (row.status === 'SETTLED') {
    if (row.paidLateInterest === null || row.paidLateDays === null || row.paidAt === null) return null;
    const paidOn = businessDateAt(row.paidAt.getTime());
    return {
      principal: row.amount,
      asOf: paidOn,
      days: row.paidLateDays,
      amount: row.paidLateInterest,
      paid: true,
    };
  }
  const day = asOf ?? businessToday();
  const maturity = row.maturityDate.toISOString().slice(0, 10);
  const due = lateInterest(row.amount, rateOf(row), maturity, day);
  return { principal: row.amount, asOf: day, days: due.days, amount: due.interestFen, paid: false };
}
