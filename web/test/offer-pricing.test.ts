import { describe, expect, it } from 'vitest';
import { allInCostBps, divideHalfUp, offerProblems, priceOffer, quoteOf } from '@/domain/offer-pricing';

describe('offer pricing (LPR + spread, discount interest)', () => {
  it('prices a round example: ¥1,000,000 face, 90% advance, LPR 3.10% + 50 bps, 90 days, ¥500 fees', () => {
    // financed = 100,000,000 × 9000 / 10000 = 90,000,000 fen
    // interest = 90,000,000 × 360 × 90 / (10000 × 360) = 810,000 fen (¥8,100.00)
    // net = 90,000,000 − 810,000 − 50,000 = 89,140,000 fen
    const quote = priceOffer({
      faceFen: 100_000_000n,
      advanceRateBps: 9_000,
      lprBps: 310,
      spreadBps: 50,
      days: 90,
      feesFen: 50_000n,
    });
    expect(quote).toEqual({
      financedFen: 90_000_000n,
      annualRateBps: 360,
      interestFen: 810_000n,
      netFen: 89_140_000n,
    });
  });

  it('rounds each derived amount half up to the fen, as the ledger does', () => {
    // financed = 12,345,678 × 8000 / 10000 = 9,876,542.4 → 9,876,542 (down)
    // interest = 9,876,542 × 430 × 97 / 3,600,000 = 114,430.713… → 114,431 (up)
    // net = 9,876,542 − 114,431 − 100,000 = 9,662,111
    const quote = priceOffer({
      faceFen: 12_345_678n,
      advanceRateBps: 8_000,
      lprBps: 345,
      spreadBps: 85,
      days: 97,
      feesFen: 100_000n,
    });
    expect(quote).toEqual({
      financedFen: 9_876_542n,
      annualRateBps: 430,
      interestFen: 114_431n,
      netFen: 9_662_111n,
    });
  });

  it('takes exactly half a fen up, and just under half down', () => {
    // 5000 × 360 × 1 / 3,600,000 = 0.5 → 1 fen; 4999 × … = 0.49986… → 0 fen
    expect(
      priceOffer({
        faceFen: 5_000n,
        advanceRateBps: 10_000,
        lprBps: 300,
        spreadBps: 60,
        days: 1,
        feesFen: 0n,
      }).interestFen,
    ).toBe(1n);
    expect(
      priceOffer({
        faceFen: 4_999n,
        advanceRateBps: 10_000,
        lprBps: 300,
        spreadBps: 60,
        days: 1,
        feesFen: 0n,
      }).interestFen,
    ).toBe(0n);
    // advance: 15 × 50% = 7.5 → 8; 13 × 50% = 6.5 → 7; 11 × 33.33% = 3.6663 → 4
    expect(divideHalfUp(15n * 5_000n, 10_000n)).toBe(8n);
    expect(divideHalfUp(13n * 5_000n, 10_000n)).toBe(7n);
    expect(divideHalfUp(11n * 3_333n, 10_000n)).toBe(4n);
  });

  const facts = { today: '2026-11-22', maturityDate: '2027-02-20', lprBps: 310, faceFen: 100_000_000n };
  const draft = { advanceRateBps: 9_000, spreadBps: 50, feesFen: 50_000n, validUntil: '2026-11-29' };

  it('counts the days from today to maturity', () => {
    // 2026-11-22 → 2027-02-20: 8 + 31 + 31 + 20 = 90 days
    expect(quoteOf(draft, facts)?.interestFen).toBe(810_000n);
  });

  it('mirrors the API and ledger checks on an offer', () => {
    expect(offerProblems(draft, facts)).toEqual([]);
    expect(offerProblems({ ...draft, advanceRateBps: 0 }, facts)).toContain('advanceRate');
    expect(offerProblems({ ...draft, advanceRateBps: 10_001 }, facts)).toContain('advanceRate');
    expect(offerProblems({ ...draft, spreadBps: -1 }, facts)).toContain('spread');
    expect(offerProblems({ ...draft, spreadBps: 5_001 }, facts)).toContain('spread');
    expect(offerProblems({ ...draft, feesFen: null }, facts)).toContain('fees');
    expect(offerProblems({ ...draft, validUntil: '2026-11-21' }, facts)).toContain('validUntilPast');
    expect(offerProblems({ ...draft, validUntil: '2027-02-20' }, facts)).toContain('validUntilAfterMaturity');
    expect(offerProblems(draft, { ...facts, lprBps: null })).toContain('noRate');
    expect(offerProblems({ ...draft, feesFen: 89_190_000n }, facts)).toContain('noNetProceeds');
  });

  it('compares offers by all-in annual cost', () => {
    // (810,000 + 50,000) × 10000 × 360 / (90,000,000 × 90) = 382.2… → 382 bps
    expect(
      allInCostBps({ financedFen: 90_000_000n, interestFen: 810_000n, feesFen: 50_000n, days: 90 }),
    ).toBe(382);
    expect(allInCostBps({ financedFen: 0n, interestFen: 0n, feesFen: 0n, days: 90 })).toBeNull();
  });
});
