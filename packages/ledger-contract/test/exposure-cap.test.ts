import { describe, expect, it } from 'vitest';
import { checkExposureCap, exposureCapOf } from '../src/exposure-cap.ts';
import { ContractError, ErrorCodes } from '../src/errors.ts';

const TERMS = { members: [], ratePublishers: [], rateQuorum: 1 };

describe('exposure caps', () => {
  it('reads the cap a charter sets for a debtor, and none for others', () => {
    const terms = { ...TERMS, exposureCaps: { D1: '80000000' } };
    expect(exposureCapOf(terms, 'D1')).toBe(80000000n);
    expect(exposureCapOf(terms, 'D2')).toBeUndefined();
    expect(exposureCapOf(TERMS, 'D1')).toBeUndefined();
  });

  it('allows financing up to the cap exactly, refuses one fen more, and ignores no cap', () => {
    expect(() => {
      checkExposureCap('D1', 100n, 60n, 40n);
    }).not.toThrow();
    expect(() => {
      checkExposureCap('D1', undefined, 10n ** 15n, 1n);
    }).not.toThrow();
    let caught: unknown;
    try {
      checkExposureCap('D1', 100n, 60n, 41n);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractError);
    expect((caught as ContractError).code).toBe(ErrorCodes.ExposureCapExceeded);
    expect((caught as ContractError).detail).toContain("101 fen, above the charter's cap of 100 fen");
  });
});
