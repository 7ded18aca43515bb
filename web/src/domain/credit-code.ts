/** Characters of the unified social credit code (GB 32100-2015): no I, O, S, V or Z. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character GB 32100 derives from the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const char of first17) {
    sum += ALPHABET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Whether a unified social credit code (统一社会信用代码) is well formed and its check character right. */
export function isCreditCode(value: string): boolean {
  return SHAPE.test(value) && creditCodeCheckChar(value.slice(0, 17)) === value.charAt(17);
}
