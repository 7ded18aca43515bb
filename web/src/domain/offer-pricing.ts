import { daysBetween } from './dates';
import { RATE_LIMITS, isIntWithin } from './rates';

/** Basis points in one. */
const BPS = 10_000n;
/** Discount interest counts actual days over a 360-day year. */
const DAY_COUNT_BASIS = 360n;

/** What a bank officer chooses, and the facts the ledger prices them with. */
export interface OfferInputs {
  /** The voucher's face amount, in fen. */
  faceFen: bigint;
  advanceRateBps: number;
  /** The 1-year LPR in force on the offer day. */
  lprBps: number;
  spreadBps: number;
  /** From the offer day to maturity. */
  days: number;
  feesFen: bigint;
}

/** The same derived terms the ledger writes (OfferTerms). */
export interface OfferQuote {
  financedFen: bigint;
  annualRateBps: number;
  interestFen: bigint;
  netFen: bigint;
}

/** numerator / denominator rounded half up to a whole unit: the ledger's rule for every derived amount. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * financed = face × advance rate; annual rate = LPR + spread; interest = financed × annual rate × days /
 * 360; net = financed − interest − fees; each amount rounded half up to the fen, exactly as the chaincode.
 */
export function priceOffer(inputs: OfferInputs): OfferQuote {
  const annualRateBps = inputs.lprBps + inputs.spreadBps;
  const financedFen = divideHalfUp(inputs.faceFen * BigInt(inputs.advanceRateBps), BPS);
  const interestFen = divideHalfUp(
    financedFen * BigInt(annualRateBps) * BigInt(inputs.days),
    BPS * DAY_COUNT_BASIS,
  );
  return { financedFen, annualRateBps, interestFen, netFen: financedFen - interestFen - inputs.feesFen };
}

/** Why an offer would be refused; each is an i18n key under `offer.problem`. */
export type OfferProblem =
  | 'advanceRate'
  | 'spread'
  | 'fees'
  | 'validUntilPast'
  | 'validUntilAfterMaturity'
  | 'noRate'
  | 'noNetProceeds';

export interface OfferDraft {
  advanceRateBps: number | null;
  spreadBps: number | null;
  feesFen: bigint | null;
  validUntil: string;
}

/** The checks the node API and the ledger make on an offer, in the order a person would fix them. */
export function offerProblems(
  draft: OfferDraft,
  facts: { today: string; maturityDate: string; lprBps: number | null; faceFen: bigint },
): OfferProblem[] {
  const problems: OfferProblem[] = [];
  if (!isIntWithin(draft.advanceRateBps, RATE_LIMITS.advanceRateBps)) problems.push('advanceRate');
  if (!isIntWithin(draft.spreadBps, RATE_LIMITS.spreadBps)) problems.push('spread');
  if (draft.feesFen === null || draft.feesFen < 0n) problems.push('fees');
  if (draft.validUntil === '' || draft.validUntil < facts.today) problems.push('validUntilPast');
  else if (draft.validUntil >= facts.maturityDate) problems.push('validUntilAfterMaturity');
  if (facts.lprBps === null) problems.push('noRate');
  const quote = quoteOf(draft, facts);
  if (quote && quote.netFen <= 0n) problems.push('noNetProceeds');
  return problems;
}

/** The quote for a complete draft, or null while something it needs is missing or out of range. */
export function quoteOf(
  draft: OfferDraft,
  facts: { today: string; maturityDate: string; lprBps: number | null; faceFen: bigint },
): OfferQuote | null {
  const { advanceRateBps, spreadBps, feesFen } = draft;
  if (facts.lprBps === null || feesFen === null || feesFen < 0n) return null;
  if (!isIntWithin(advanceRateBps, RATE_LIMITS.advanceRateBps)) return null;
  if (!isIntWithin(spreadBps, RATE_LIMITS.spreadBps)) return null;
  if (advanceRateBps === null || spreadBps === null) return null;
  const days = Math.max(0, daysBetween(facts.today, facts.maturityDate));
  return priceOffer({
    faceFen: facts.faceFen,
    advanceRateBps,
    lprBps: facts.lprBps,
    spreadBps,
    days,
    feesFen,
  });
}

/**
 * What an offer costs the applicant per year, all in: interest plus fees over the financed amount,
 * on the same 360-day basis, in basis points rounded half up. The one figure that compares offers
 * with different advance rates, spreads and fees.
 */
export function allInCostBps(terms: {
  financedFen: bigint;
  interestFen: bigint;
  feesFen: bigint;
  days: number;
}): number | null {
  if (terms.financedFen <= 0n || terms.days <= 0) return null;
  const cost = (terms.interestFen + terms.feesFen) * 10_000n * DAY_COUNT_BASIS;
  return Number(divideHalfUp(cost, terms.financedFen * BigInt(terms.days)));
}
