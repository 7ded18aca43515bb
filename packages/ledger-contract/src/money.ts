import { invalid } from './errors.ts';

/** Money is an integer number of fen (CNY minor units) carried as a decimal string; never a float. */
export type Fen = string;

/** 10^16 fen (100 trillion yuan): far above any single claim, well inside exact bigint arithmetic. */
export const MAX_FEN = 10n ** 16n;
const FEN_PATTERN = /^(0|[1-9][0-9]{0,16})$/;

/** Parses a fen amount; rejects fractions, signs, exponents, leading zeros and out-of-range values. */
export function parseFen(value: unknown, field: string, options: { allowZero?: boolean } = {}): bigint {
  if (typeof value !== 'string' || !FEN_PATTERN.test(value)) {
    throw invalid(`${field} must be a whole number of fen written as digits, got ${JSON.stringify(value)}`);
  }
  const amount = BigInt(value);
  if (amount > MAX_FEN) throw invalid(`${field} must be at most ${MAX_FEN} fen`);
  if (amount === 0n && !options.allowZero) throw invalid(`${field} must be more than 0 fen`);
  return amount;
}

export function fen(amount: bigint): Fen {
  return amount.toString();
}

/**
 * numerator / denominator rounded half up (0.5 fen goes up): the rounding rule for every derived
 * amount (interest, advance). Both operands are non-negative.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}
