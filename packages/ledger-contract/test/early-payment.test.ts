import { describe, expect, it } from 'vitest';
import { budgetLeft, compareCashNow, discountBpsFor, priceEarlyPayment } from '../src/early-payment.ts';
import { priceOffer } from '../src/pricing.ts';

/** ¥1,000,000.00 face, 90 days to maturity. */
const FACE = 100_000_000n;
const DAYS = 90;

describe('early payment by the core enterprise, with worked numbers', () => {
  it('discounts the face at the annual rate over actual days / 360: 3.60 % for 90 days is ¥9,000.00', () => {
    // 100,000,000 × 360 × 90 / (10,000 × 360) = 900,000 fen exactly.
    expect(priceEarlyPayment(FACE, 360, DAYS)).toEqual({ discountFen: 900_000n, paidFen: 99_100_000n });
  });

  it('rounds the discount half up to the fen', () => {
    // 123,456,789 × 365 × 47 / 3,600,000 = 588,305.893…: 588,306 fen.
    expect(priceEarlyPayment(123_456_789n, 365, 47)).toEqual({
      discountFen: 588_306n,
      paidFen: 123_456_789n - 588_306n,
    });
    // 1 fen × 1 bp × 1 day is far below half a fen: no discount at all.
    expect(priceEarlyPayment(1n, 1, 1)).toEqual({ discountFen: 0n, paidFen: 1n });
  });

  it('beats a 90 % advance at LPR + 80 bps with ¥500 fees by ¥100,275.00 of cash now', () => {
    const early = priceEarlyPayment(FACE, 360, DAYS);
    // Bank: financed 90,000,000; interest 90,000,000 × 390 × 90 / 3,600,000 = 877,500; fees 50,000.
    const bank = priceOffer({
      faceFen: FACE,
      advanceRateBps: 9_000,
      lprBps: 310,
      spreadBps: 80,
      days: DAYS,
      feesFen: 50_000n,
    });
    expect(bank.netFen).toBe(89_072_500n);
    expect(compareCashNow(early, bank)).toEqual({ choice: 'EARLY_PAYMENT', differenceFen: 10_027_500n });
  });

  it('loses to a full advance at the bare LPR by ¥1,250.00', () => {
    const early = priceEarlyPayment(FACE, 360, DAYS);
    // Bank: 100,000,000 × 310 × 90 / 3,600,000 = 775,000 interest, no fees: 99,225,000 net.
    const bank = priceOffer({
      faceFen: FACE,
      advanceRateBps: 10_000,
      lprBps: 310,
      spreadBps: 0,
      days: DAYS,
      feesFen: 0n,
    });
    expect(compareCashNow(early, bank)).toEqual({ choice: 'BANK', differenceFen: 125_000n });
    expect(compareCashNow(early, { netFen: early.paidFen })).toEqual({ choice: 'EQUAL', differenceFen: 0n });
  });

  it('prices each supplier tier at its own rate where the debtor set one', () => {
    const rate = { annualDiscountBps: 360, tierDiscountBps: { 1: 300 } };
    expect([0, 1, 2].map((tier) => discountBpsFor(rate, tier))).toEqual([360, 300, 360]);
    expect(discountBpsFor({ annualDiscountBps: 250 }, 3)).toBe(250);
  });

  it('consumes the budget by the cash paid, never below zero', () => {
    expect(budgetLeft(1_000_000_000n, 99_100_000n)).toBe(900_900_000n);
    expect(budgetLeft(99_100_000n, 99_100_000n)).toBe(0n);
    expect(budgetLeft(50_000_000n, 99_100_000n)).toBe(0n);
  });
});
