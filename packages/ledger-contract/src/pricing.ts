import { divideHalfUp } from './money.ts';

/** Basis points in one. */
export const BPS = 10_000n;
/** Discount interest counts actual days over a 360-day year. */
export const DAY_COUNT_BASIS = 360n;

/** What a bank chooses, and the facts the ledger prices them with. */
export interface PricingInputs {
  /** The voucher's face amount, in fen. */
  faceFen: bigint;
  advanceRateBps: number;
  /** The LPR in force on the offer day. */
  lprBps: number;
  spreadBps: number;
  /** From the offer's business date to maturity. */
  days: number;
  feesFen: bigint;
}

/** The derived terms of an offer. */
export interface Pricing {
  financedFen: bigint;
  annualRateBps: number;
  interestFen: bigint;
  /** May be zero or negative: the ledger refuses such an offer, the portal warns before. */
  netFen: bigint;
}

/**
 * financed = face × advance rate; annual rate = LPR + spread; interest = financed × annual rate ×
 * days / 360; net = financed − interest − fees. Each amount is the exact rational rounded half up to
 * the fen.
 */
export function priceOffer(inputs: PricingInputs): Pricing {
  const annualRateBps = inputs.lprBps + inputs.spreadBps;
  const financedFen = divideHalfUp(inputs.faceFen * BigInt(inputs.advanceRateBps), BPS);
  const interestFen = divideHalfUp(
    financedFen * BigInt(annualRateBps) * BigInt(inputs.days),
    BPS * DAY_COUNT_BASIS,
  );
  return { financedFen, annualRateBps, interestFen, netFen: financedFen - interestFen - inputs.feesFen };
}

/**
 * What an offer costs the applicant per year, all in: interest plus fees over the financed amount,
 * on the same 360-day basis, in basis points rounded half up; null without a financed amount or days.
 */
export function allInCostBps(terms: {
  financedFen: bigint;
  interestFen: bigint;
  feesFen: bigint;
  days: number;
}): number | null {
  if (terms.financedFen <= 0n || terms.days <= 0) return null;
  const cost = (terms.interestFen + terms.feesFen) * BPS * DAY_COUNT_BASIS;
  return Number(divideHalfUp(cost, terms.financedFen * BigInt(terms.days)));
}

/** An offer needs a positive annual rate: a spread may go below the LPR, but not to zero or less. */
export function hasPositiveRate(lprBps: number, spreadBps: number): boolean {
  return lprBps + spreadBps > 0;
}

/** An offer must leave the applicant something after interest and fees. */
export function hasNetProceeds(pricing: Pricing): boolean {
  return pricing.netFen > 0n;
}
