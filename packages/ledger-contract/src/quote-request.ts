import type { IsoDate } from './dates.ts';
import { invalid } from './errors.ts';

/** How many banks one request for quotes may go to: a choice needs two, and eight is a market's worth. */
export const QUOTE_BANKS = { min: 2, max: 8 } as const;

/** The banks of a request for quotes: strings, distinct, within QUOTE_BANKS, returned sorted. */
export function parseQuoteBanks(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((id): id is string => typeof id === 'string' && id !== '')) {
    throw invalid('bankIds must be a JSON array of bank enterprise ids');
  }
  const banks = [...new Set(value)].sort();
  if (banks.length !== value.length) throw invalid('bankIds names a bank more than once');
  if (banks.length < QUOTE_BANKS.min || banks.length > QUOTE_BANKS.max) {
    throw invalid(
      `a request for quotes goes to ${QUOTE_BANKS.min} to ${QUOTE_BANKS.max} banks, not ${banks.length}`,
    );
  }
  return banks;
}

/** Why a request's deadline is unfit: it must lie in [today, maturity), as an offer's validity does. */
export function quoteDeadlineProblem(
  validUntil: IsoDate,
  today: IsoDate,
  maturity: IsoDate,
): string | undefined {
  if (validUntil < today || validUntil >= maturity) {
    return `validUntil ${validUntil} must be from ${today} and before maturity ${maturity}`;
  }
  return undefined;
}
