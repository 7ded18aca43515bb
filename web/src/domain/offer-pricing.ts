import {
  INT_RANGES,
  daysBetween,
  hasNetProceeds,
  hasPositiveRate,
  isIntWithin,
  priceOffer,
  type Pricing,
} from '@scf/ledger-contract';

/**
 * The portal's side of an offer: the draft a bank officer edits and what is wrong with it. The
 * pricing itself (priceOffer, allInCostBps) is the ledger's, from @scf/ledger-contract.
 */

/** Why an offer would be refused; each is an i18n key under `offer.problem`. */
export type OfferProblem =
  | 'advanceRate'
  | 'spread'
  | 'annualRate'
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
  if (!isIntWithin(draft.advanceRateBps, INT_RANGES.advanceRateBps)) problems.push('advanceRate');
  if (!isIntWithin(draft.spreadBps, INT_RANGES.spreadBps)) problems.push('spread');
  // A spread below the LPR is allowed, a rate of zero or less is not (the ledger checks LPR + spread).
  else if (facts.lprBps !== null && !hasPositiveRate(facts.lprBps, draft.spreadBps))
    problems.push('annualRate');
  if (draft.feesFen === null || draft.feesFen < 0n) problems.push('fees');
  if (draft.validUntil === '' || draft.validUntil < facts.today) problems.push('validUntilPast');
  else if (draft.validUntil >= facts.maturityDate) problems.push('validUntilAfterMaturity');
  if (facts.lprBps === null) problems.push('noRate');
  const quote = quoteOf(draft, facts);
  if (quote && !hasNetProceeds(quote)) problems.push('noNetProceeds');
  return problems;
}

/** The quote for a complete draft, or null while something it needs is missing or out of range. */
export function quoteOf(
  draft: OfferDraft,
  facts: { today: string; maturityDate: string; lprBps: number | null; faceFen: bigint },
): Pricing | null {
  const { advanceRateBps, spreadBps, feesFen } = draft;
  if (facts.lprBps === null || feesFen === null || feesFen < 0n) return null;
  if (!isIntWithin(advanceRateBps, INT_RANGES.advanceRateBps)) return null;
  if (!isIntWithin(spreadBps, INT_RANGES.spreadBps)) return null;
  if (!hasPositiveRate(facts.lprBps, spreadBps)) return null;
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
