import { addMonths, type IsoDate } from './dates.ts';

/**
 * 银发〔2025〕77号: a supply-chain payment voucher runs in principle at most 6 months and never more
 * than 1 year. Counted in calendar months from the business date (CST) of the confirmation that issues
 * it, the end of a shorter month standing in for a day it lacks (`addMonths`).
 */
export const VOUCHER_TERM = {
  /** A maturity after this many months from confirmation is refused (TERM_TOO_LONG). */
  maxMonths: 12,
  /** A maturity after this many months is allowed but flagged on the voucher (`longTerm`). */
  flagAboveMonths: 6,
} as const;

/** How a maturity stands against the caps, for a confirmation on `confirmedOn`. */
export interface VoucherTerm {
  /** The latest maturity allowed: `confirmedOn` + 12 months. */
  latestMaturity: IsoDate;
  /** The latest maturity that is not flagged: `confirmedOn` + 6 months. */
  longTermAfter: IsoDate;
  /** Within one year: the maturity is on or before `latestMaturity`. */
  allowed: boolean;
  /** More than 6 months: the maturity is after `longTermAfter`. */
  longTerm: boolean;
}

/** The term caps applied to a voucher maturing on `maturityDate`, confirmed on `confirmedOn`. */
export function voucherTerm(confirmedOn: IsoDate, maturityDate: IsoDate): VoucherTerm {
  const latestMaturity = addMonths(confirmedOn, VOUCHER_TERM.maxMonths);
  const longTermAfter = addMonths(confirmedOn, VOUCHER_TERM.flagAboveMonths);
  return {
    latestMaturity,
    longTermAfter,
    allowed: maturityDate <= latestMaturity,
    longTerm: maturityDate > longTermAfter,
  };
}
