import { formatFen } from './money-format';
import { parseFen } from './money';
import { quoteOf } from './offer-pricing';
import { formatBps } from './rates';

/** A prepared offer's terms, as the bank's approver reads them from its own node. */
export interface PreparedOfferTerms {
  advanceRateBps: number;
  spreadBps: number;
  fees: string;
  validUntil: string;
  recourse: boolean;
}

/** What a prepared offer would do, worded for the approvals page (each a named value of `approval.offerTerms`). */
export interface PreparedOfferText {
  advance: string;
  spread: string;
  fees: string;
  validUntil: string;
  /** Whether the applicant buys an overdue voucher back: the message key of `recourse.with` / `without`. */
  recourse: 'recourse.with' | 'recourse.without';
  /** The net proceeds priced as the ledger would at `lprBps` today; '—' without an LPR or a price. */
  net: string;
}

/**
 * The terms and, priced by the ledger's own rule at today's LPR, the net proceeds the applicant
 * would receive (an estimate: the ledger prices it again, at the LPR in force, when approved).
 */
export function preparedOfferText(
  terms: PreparedOfferTerms,
  financing: { amount: string; maturityDate: string },
  lprBps: number | null,
  today: string,
): PreparedOfferText {
  const quote = quoteOf(
    {
      advanceRateBps: terms.advanceRateBps,
      spreadBps: terms.spreadBps,
      feesFen: parseFen(terms.fees),
      validUntil: terms.validUntil,
    },
    { today, maturityDate: financing.maturityDate, lprBps, faceFen: parseFen(financing.amount) },
  );
  return {
    advance: formatBps(terms.advanceRateBps),
    spread: formatBps(terms.spreadBps),
    fees: formatFen(terms.fees),
    validUntil: terms.validUntil,
    recourse: terms.recourse ? 'recourse.with' : 'recourse.without',
    net: quote ? formatFen(quote.netFen) : '—',
  };
}
