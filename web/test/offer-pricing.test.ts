import { describe, expect, it } from 'vitest';
import { offerProblems, quoteOf } from '@/domain/offer-pricing';

describe('offer pricing (LPR + spread, discount interest)', () => {
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
    expect(offerProblems({ ...draft, spreadBps: -501 }, facts)).toContain('spread');
    expect(offerProblems({ ...draft, spreadBps: 5_001 }, facts)).toContain('spread');
    expect(offerProblems({ ...draft, feesFen: null }, facts)).toContain('fees');
    expect(offerProblems({ ...draft, validUntil: '2026-11-21' }, facts)).toContain('validUntilPast');
    expect(offerProblems({ ...draft, validUntil: '2027-02-20' }, facts)).toContain('validUntilAfterMaturity');
    expect(offerProblems(draft, { ...facts, lprBps: null })).toContain('noRate');
    expect(offerProblems({ ...draft, feesFen: 89_190_000n }, facts)).toContain('noNetProceeds');
  });

  it('takes a spread below the LPR, down to the ledger’s minimum, while the annual rate stays positive', () => {
    expect(offerProblems({ ...draft, spreadBps: -1 }, facts)).toEqual([]);
    expect(offerProblems({ ...draft, spreadBps: -300 }, facts)).toEqual([]);
    expect(quoteOf({ ...draft, spreadBps: -300 }, facts)?.annualRateBps).toBe(10);
    const highLpr = { ...facts, lprBps: 600 };
    expect(offerProblems({ ...draft, spreadBps: -500 }, highLpr)).toEqual([]);
    expect(quoteOf({ ...draft, spreadBps: -500 }, highLpr)?.annualRateBps).toBe(100);
    expect(offerProblems({ ...draft, spreadBps: -310 }, facts)).toEqual(['annualRate']);
    expect(quoteOf({ ...draft, spreadBps: -310 }, facts)).toBeNull();
    expect(offerProblems({ ...draft, spreadBps: -501 }, highLpr)).toEqual(['spread']);
  });
});
