import { invalid } from './errors';

/** Characters of the unified social credit code (GB 32100-2015): digits and letters without I, O, S, V, Z. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character GB 32100 computes for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = ALPHABET.indexOf(first17[index] ?? '');
    if (value < 0) throw invalid(`character ${index + 1} of the credit code is not allowed`);
    sum += value * (WEIGHTS[index] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '0';
}

/** Validates an 18-character unified social credit code (统一社会信用代码), including its check character. */
export function requireCreditCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length !== 18) {
    throw invalid(`${field} must be an 18-character unified social credit code`);
  }
  const code = value.toUpperCase();
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected)
    throw invalid(`${field} ${value} fails the GB 32100 check (expected ${expected} last)`);
  return code;
}
