import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isCreditCode, requireCreditCode } from '../src/credit-code.ts';
import { ErrorCodes } from '../src/errors.ts';

describe('unified social credit code', () => {
  it('computes the GB 32100 check character of the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(requireCreditCode('91350100M000100Y43', 'id')).toBe('91350100M000100Y43');
  });

  it('accepts lower case and returns the canonical upper-case code', () => {
    expect(requireCreditCode('91350100m000100y43', 'id')).toBe('91350100M000100Y43');
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['a letter outside the alphabet', '91350100M0001O0Y43'],
    ['17 characters', '91350100M000100Y4'],
    ['a number', 913501],
  ])('rejects %s', (_, value) => {
    expect(() => requireCreditCode(value, 'id')).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidArgument }) as Error,
    );
  });
});

describe('isCreditCode', () => {
  it('takes a valid code and refuses a letter GB 32100 leaves out', () => {
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode('91350100I000100Y43')).toBe(false);
  });
});
