import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_NUMBER,
  INT_RANGES,
  isIntWithin,
  MAX_HISTORY,
  MAX_LINEAGE_STEPS,
  MAX_PIECES,
  OFFER_SALT_PATTERN,
  TEXT_RULES,
} from '../src/limits.ts';
import { checkText } from '../src/validation.ts';

describe('isIntWithin', () => {
  const range = { min: -500, max: 5_000 };

  it.each([-500, 0, 90, 5_000])('takes %d', (value) => {
    expect(isIntWithin(value, range)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['below the minimum', -501],
    ['above the maximum', 5_001],
    ['a fraction', 1.5],
    ['a decimal string', '90'],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(isIntWithin(value, range)).toBe(false);
  });
});

describe('the limits the ledger enforces', () => {
  it('bounds the whole numbers', () => {
    expect(INT_RANGES).toEqual({
      advanceRateBps: { min: 1, max: 10_000 },
      spreadBps: { min: -500, max: 5_000 },
      rateBps: { min: 1, max: 10_000 },
      lateInterestBps: { min: 1, max: 10_000 },
      earlyPaymentBps: { min: 1, max: 2_400 },
      supplierTier: { min: 0, max: 64 },
      pageSize: { min: 1, max: 100 },
      sweepLimit: { min: 1, max: 200 },
      receiptQuantity: { min: 1, max: 2_000_000_000 },
    });
    expect({ MAX_PIECES, MAX_LINEAGE_STEPS, MAX_HISTORY }).toEqual({
      MAX_PIECES: 50,
      MAX_LINEAGE_STEPS: 64,
      MAX_HISTORY: 500,
    });
  });

  it('bounds the text fields; only a reason spans lines, only document numbers have a pattern', () => {
    expect(Object.fromEntries(Object.entries(TEXT_RULES).map(([field, rule]) => [field, rule.max]))).toEqual({
      id: 300,
      name: 200,
      documentNumber: 64,
      orderNumber: 64,
      reason: 500,
      paymentReference: 64,
      place: 200,
      goods: 200,
      unit: 16,
    });
    const multiline = Object.entries(TEXT_RULES).filter(([, rule]) => 'multiline' in rule && rule.multiline);
    expect(multiline.map(([field]) => field)).toEqual(['reason']);
    const patterned = Object.entries(TEXT_RULES).filter(([, rule]) => 'pattern' in rule);
    expect(patterned.map(([field]) => field)).toEqual(['documentNumber']);
  });

  it('takes the longest id the ledger makes: a financing of a piece split at the lineage limit', () => {
    const piece = 'a'.repeat(64) + `.${MAX_PIECES}`.repeat(MAX_LINEAGE_STEPS);
    const financing = `${piece}:${'f'.repeat(16)}`;
    expect(checkText(financing, TEXT_RULES.id)).toEqual({ text: financing });
    expect(
      checkText(`${financing}${'x'.repeat(TEXT_RULES.id.max - financing.length + 1)}`, TEXT_RULES.id),
    ).toEqual({
      problem: `must be at most ${TEXT_RULES.id.max} characters`,
    });
  });

  it('takes document numbers of letters, digits and -_/', () => {
    expect(DOCUMENT_NUMBER.test('SF-2026/001_a')).toBe(true);
    for (const bad of ['', 'A B', 'A.B', 'A#1', 'Ａ1']) expect(DOCUMENT_NUMBER.test(bad)).toBe(false);
  });

  it('takes an offer salt of 32 to 128 lower-case hex digits', () => {
    for (const length of [32, 64, 128]) expect(OFFER_SALT_PATTERN.test('a'.repeat(length))).toBe(true);
    for (const salt of [
      'a'.repeat(31),
      'a'.repeat(129),
      'A'.repeat(32),
      'g'.repeat(32),
      `${'a'.repeat(32)}\n`,
    ]) {
      expect(OFFER_SALT_PATTERN.test(salt)).toBe(false);
    }
  });
});
