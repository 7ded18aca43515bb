import { invalid } from './errors.ts';

/** Characters of the unified social credit code (GB 32100-2015): digits and letters without I, O, S, V, Z. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character GB 32100 computes for the first 17 characters, or undefined if one is not allowed. */
function checkChar(first17: string): string | undefined {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = ALPHABET.indexOf(first17[index] ?? '');
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[index] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** The check character GB 32100 computes for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  const expected = checkChar(first17);
  if (expected === undefined) throw invalid('the credit code holds a character GB 32100 does not allow');
  return expected;
}

/** Why a value is no unified social credit code (a phrase that follows the field's name), or undefined. */
export function creditCodeProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length !== 18)
    return 'must be an 18-character unified social credit code';
  const code = value.toUpperCase();
  const expected = checkChar(code.slice(0, 17));
  if (expected === undefined) return 'holds a character GB 32100 does not allow (I, O, S, V, Z or a symbol)';
  if (code[17] !== expected) return `fails the GB 32100 check (expected ${expected} last)`;
  return undefined;
}

/** Whether a value is a well-formed unified social credit code (统一社会信用代码) with the right check character. */
export function isCreditCode(value: unknown): value is string {
  return creditCodeProblem(value) === undefined;
}

/** Validates an 18-character unified social credit code and returns it in upper case. */
export function requireCreditCode(value: unknown, field: string): string {
  const problem = creditCodeProblem(value);
  if (problem !== undefined) throw invalid(`${field} ${problem}`);
  return (value as string).toUpperCase();
}
