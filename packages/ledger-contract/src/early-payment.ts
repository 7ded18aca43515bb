import { divideHalfUp } from './money.ts';
import { BPS, DAY_COUNT_BASIS, type Pricing } from './pricing.ts';

/**
 * Early payment by the core enterprise (dynamic discounting): the debtor pays a voucher before its
 * maturity out of its own cash, less a discount at the annual rate it published, counted like a bank's
 * discount interest (actual days to maturity over a 360-day year). For the holder it is cash now, as
 * a bank's financing is; for the debtor, a return on idle cash above its deposit rate.
 */
export interface EarlyPaymentRate {
  /** The annual discount rate for every supplier tier without a rate of its own. */
  annualDiscountBps: number;
  /** A rate per supplier tier (0 is the tier-1 supplier that holds the root voucher), where it differs. */
  tierDiscountBps?: Readonly<Record<number, number>>;
}

/** The rate that applies to a piece of the given tier. */
export function discountBpsFor(rate: EarlyPaymentRate, tier: number): number {
  return rate.tierDiscountBps?.[tier] ?? rate.annualDiscountBps;
}

export interface EarlyPaymentPrice {
  discountFen: bigint;
  /** What the debtor pays now and the holder receives: face minus discount. */
  paidFen: bigint;
}

/**
 * discount = face × annual rate × days / 360, rounded half up to the fen; paid = face − discount.
 * `days` runs from the business date of the payment to maturity and must be positive: on or after
 * maturity the voucher is simply due.
 */
export function priceEarlyPayment(
  faceFen: bigint,
  annualDiscountBps: number,
  days: number,
): EarlyPaymentPrice {
  const discountFen = divideHalfUp(faceFen * BigInt(annualDiscountBps) * BigInt(days), BPS * DAY_COUNT_BASIS);
  return { discountFen, paidFen: faceFen - discountFen };
}

export type CashNowChoice = 'EARLY_PAYMENT' | 'BANK' | 'EQUAL';

/**
 * The holder's comparison for one voucher, both as cash received now: the debtor's early payment
 * against a bank offer's net proceeds (financed amount less interest and fees). An offer that advances
 * less than the face leaves the rest with the bank's holding of the voucher, so it counts as cost here.
 */
export function compareCashNow(
  early: EarlyPaymentPrice,
  bank: Pick<Pricing, 'netFen'>,
): { choice: CashNowChoice; differenceFen: bigint } {
  const difference = early.paidFen - bank.netFen;
  if (difference === 0n) return { choice: 'EQUAL', differenceFen: 0n };
  return difference > 0n
    ? { choice: 'EARLY_PAYMENT', differenceFen: difference }
    : { choice: 'BANK', differenceFen: -difference };
}

/**
 * What an early-payment offer's budget still allows: each payment consumes the cash paid (not the
 * face), and a payment beyond what is left is refused whole, never paid in part.
 */
export function budgetLeft(budgetFen: bigint, consumedFen: bigint): bigint {
  return budgetFen > consumedFen ? budgetFen - consumedFen : 0n;
}
