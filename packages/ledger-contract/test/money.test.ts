import { describe, expect, it } from 'vitest';
import { ContractError, ErrorCodes } from '../src/errors.ts';
import { divideHalfUp, fen, MAX_FEN, parseFen } from '../src/money.ts';

describe('parseFen', () => {
  it('reads whole fen written as digits, up to 10^16', () => {
    expect(parseFen('1', 'amount')).toBe(1n);
    expect(parseFen('123456789', 'amount')).toBe(123_456_789n);
    expect(parseFen('10000000000000000', 'amount')).toBe(MAX_FEN);
  });

  it('takes zero only where allowed', () => {
    expect(parseFen('0', 'fees', { allowZero: true })).toBe(0n);
    expect(() => parseFen('0', 'amount')).toThrow('[INVALID_ARGUMENT] amount must be more than 0 fen');
  });

  it.each([
    ['a fraction', '1.5'],
    ['a sign', '-1'],
    ['a plus sign', '+1'],
    ['an exponent', '1e3'],
    ['a leading zero', '007'],
    ['spaces', ' 1'],
    ['blank', ''],
    ['a number rather than a string', 1],
    ['more than 10^16', '10000000000000001'],
    ['18 digits', '100000000000000000'],
  ])('refuses %s', (_, value) => {
    let caught: unknown;
    try {
      parseFen(value, 'amount');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractError);
    expect((caught as ContractError).code).toBe(ErrorCodes.InvalidArgument);
  });
});

describe('fen', () => {
  it('writes an amount back as digits', () => {
    expect(fen(0n)).toBe('0');
    expect(fen(MAX_FEN)).toBe('10000000000000000');
    expect(parseFen(fen(4_200n), 'amount')).toBe(4_200n);
  });
});

describe('divideHalfUp', () => {
  it.each([
    [0n, 7n, 0n],
    [4n, 10n, 0n],
    [5n, 10n, 1n],
    [14n, 10n, 1n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [20n, 10n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('%d / %d rounds half up to %d', (numerator, denominator, quotient) => {
    expect(divideHalfUp(numerator, denominator)).toBe(quotient);
  });
});
