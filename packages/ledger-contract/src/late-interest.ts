import { daysBetween, type IsoDate } from './dates.ts';
import { divideHalfUp } from './money.ts';
import { BPS, DAY_COUNT_BASIS } from './pricing.ts';

/**
 * 保障中小企业款项支付条例 (decree 802) Art. 17: a late payer owes late interest at the rate agreed,
 * which may not be below the one-year LPR in force when the obligation was agreed, or, where none was
 * agreed, 万分之五 (0.05 %) per day. The ledger takes the confirmation (确权) as the moment the debtor
 * agreed to pay the voucher, so the floor is the 1Y LPR in force on the confirmation's business date,
 * and a later LPR change does not touch it.
 */
export const LATE_INTEREST = {
  /** 0.05 % per day, where no rate was agreed. */
  statutoryDailyBps: 5,
  /** The LPR that floors an agreed rate. */
  lprTenor: '1Y',
} as const;

export const LateInterestBases = ['AGREED', 'STATUTORY'] as const;
export type LateInterestBasis = (typeof LateInterestBases)[number];

/**
 * The late-interest rate of a voucher, fixed at confirmation and inherited by every piece. AGREED keeps
 * what was agreed and the floor beside the rate applied (`annualBps`, the higher of the two), so that
 * anyone can check the floor; STATUTORY is a daily rate.
 */
export type LateInterestRate =
  | { basis: 'AGREED'; agreedAnnualBps: number; lprFloorBps: number; annualBps: number }
  | { basis: 'STATUTORY'; dailyBps: number };

/** The rate where none was agreed: also what a voucher confirmed before the ledger recorded rates owes. */
export const STATUTORY_LATE_INTEREST: LateInterestRate = {
  basis: 'STATUTORY',
  dailyBps: LATE_INTEREST.statutoryDailyBps,
};

/** An agreed annual rate, raised to the 1Y LPR in force on the confirmation date if it is below it. */
export function agreedLateInterestRate(
  agreedAnnualBps: number,
  lprOnConfirmationBps: number,
): LateInterestRate {
  return {
    basis: 'AGREED',
    agreedAnnualBps,
    lprFloorBps: lprOnConfirmationBps,
    annualBps: Math.max(agreedAnnualBps, lprOnConfirmationBps),
  };
}

/**
 * Days of delay: calendar days (business dates, China Standard Time) after maturity up to and
 * including the day of payment. Paying on the maturity date is on time (0 days); the day after is 1.
 */
export function lateDays(maturityDate: IsoDate, paidOn: IsoDate): number {
  return Math.max(0, daysBetween(maturityDate, paidOn));
}

/** Late interest owed on a principal paid on `paidOn`, and the days it counts. */
export interface LateInterestDue {
  days: number;
  interestFen: bigint;
}

/**
 * principal × rate × days, computed exactly over the whole delay and rounded half up to the fen
 * once (never day by day, which would drift). An annual rate counts actual days over a 360-day year:
 * the PBOC's convention for converting annual to daily rates (人民币利率管理规定: 日利率 = 年利率 ÷ 360),
 * the one the ledger prices discount interest with, and the one that gives the SME the higher figure.
 */
export function lateInterest(
  principalFen: bigint,
  rate: LateInterestRate,
  maturityDate: IsoDate,
  paidOn: IsoDate,
): LateInterestDue {
  const days = lateDays(maturityDate, paidOn);
  const perDay =
    rate.basis === 'AGREED'
      ? { numerator: BigInt(rate.annualBps), denominator: BPS * DAY_COUNT_BASIS }
      : { numerator: BigInt(rate.dailyBps), denominator: BPS };
  const interestFen = divideHalfUp(principalFen * perDay.numerator * BigInt(days), perDay.denominator);
  return { days, interestFen };
}

/** A voucher's late-interest rate: the one fixed at its confirmation, else the statutory one. */
export function lateInterestRateOf(voucher: { lateInterestRate?: LateInterestRate }): LateInterestRate {
  return voucher.lateInterestRate ?? STATUTORY_LATE_INTEREST;
}
