import { describe, expect, it } from 'vitest';
import { divideHalfUp } from '../src/money.ts';
import {
  allInCostBps,
  hasNetProceeds,
  hasPositiveRate,
  priceOffer,
  type PricingInputs,
} from '../src/pricing.ts';

/** 1,000,000.00 yuan face, 90 % advance, LPR 310 + 90 bps, 90 days, 50 yuan fees. */
const WORKED: PricingInputs = {
  faceFen: 100_000_000n,
  advanceRateBps: 9_000,
  lprBps: 310,
  spreadBps: 90,
  days: 90,
  feesFen: 5_000n,
};

describe('priceOffer', () => {
  it('prices the worked example: interest = financed × annual rate × days / 360', () => {
    expect(priceOffer(WORKED)).toEqual({
      financedFen: 90_000_000n,
      annualRateBps: 400,
      interestFen: 900_000n,
      netFen: 89_095_000n,
    });
  });

  it('takes a spread below the LPR', () => {
    expect(priceOffer({ ...WORKED, spreadBps: -110 })).toMatchObject({
      annualRateBps: 200,
      interestFen: 450_000n,
    });
  });

  it.each([
    ['7.5 fen up to 8', 15n, 8n],
    ['6.5 fen up to 7', 13n, 7n],
    ['5.5 fen up to 6', 11n, 6n],
    ['5 fen exactly', 10n, 5n],
  ])('rounds the financed amount half up: %s', (_, faceFen, financedFen) => {
    const { financedFen: financed } = priceOffer({ ...WORKED, faceFen, advanceRateBps: 5_000, feesFen: 0n });
    expect(financed).toBe(financedFen);
  });

  it('rounds the financed amount of an odd rate half up too (3.6663 fen is 4)', () => {
    expect(priceOffer({ ...WORKED, faceFen: 11n, advanceRateBps: 3_333 }).financedFen).toBe(4n);
  });

  it('rounds the interest half up: exactly half a fen goes up, just under it goes down', () => {
    // 1000 fen at 18 % for one day: 1000 × 1800 × 1 / 3,600,000 = 0.5 fen.
    const half = {
      faceFen: 1_000n,
      advanceRateBps: 10_000,
      lprBps: 1_000,
      spreadBps: 800,
      days: 1,
      feesFen: 0n,
    };
    expect(priceOffer(half)).toEqual({
      financedFen: 1_000n,
      annualRateBps: 1_800,
      interestFen: 1n,
      netFen: 999n,
    });
    expect(priceOffer({ ...half, spreadBps: 799 }).interestFen).toBe(0n);
    // 1000 fen at 54 % for one day: 1.5 fen is 2.
    expect(priceOffer({ ...half, lprBps: 5_000, spreadBps: 400 }).interestFen).toBe(2n);
  });

  it('leaves a net of zero or less for the caller to refuse', () => {
    expect(priceOffer({ ...WORKED, feesFen: 89_100_000n }).netFen).toBe(0n);
    expect(priceOffer({ ...WORKED, feesFen: 90_000_000n }).netFen).toBe(-900_000n);
  });
});

describe('allInCostBps', () => {
  it('is interest plus fees over the financed amount per 360-day year, rounded half up', () => {
    // (810,000 + 50,000) × 10,000 × 360 / (90,000,000 × 90) = 382.2 bps.
    expect(
      allInCostBps({ financedFen: 90_000_000n, interestFen: 810_000n, feesFen: 50_000n, days: 90 }),
    ).toBe(382);
    // The worked example without fees costs exactly its annual rate.
    const { financedFen, interestFen } = priceOffer(WORKED);
    expect(allInCostBps({ financedFen, interestFen, feesFen: 0n, days: WORKED.days })).toBe(400);
    // 0.5 bp goes up: 1 fen over 7200 fen for 360 days is 1.3889 bps → 1; 1 fen over 20,000 fen is 0.5 → 1.
    expect(allInCostBps({ financedFen: 7_200n, interestFen: 1n, feesFen: 0n, days: 360 })).toBe(1);
    expect(allInCostBps({ financedFen: 20_000n, interestFen: 1n, feesFen: 0n, days: 360 })).toBe(1);
    expect(allInCostBps({ financedFen: 20_001n, interestFen: 1n, feesFen: 0n, days: 360 })).toBe(0);
  });

  it('is null without a financed amount or days', () => {
    expect(allInCostBps({ financedFen: 0n, interestFen: 0n, feesFen: 0n, days: 90 })).toBeNull();
    expect(allInCostBps({ financedFen: 1_000n, interestFen: 0n, feesFen: 0n, days: 0 })).toBeNull();
  });
});

describe('hasPositiveRate and hasNetProceeds', () => {
  it('takes a spread below the LPR while the annual rate stays above zero', () => {
    expect(hasPositiveRate(345, -344)).toBe(true);
    expect(hasPositiveRate(345, -345)).toBe(false);
    expect(hasPositiveRate(345, -500)).toBe(false);
  });

  it('asks for net proceeds of at least one fen', () => {
    const priced = (netFen: bigint) => ({ financedFen: 100n, annualRateBps: 1, interestFen: 0n, netFen });
    expect(hasNetProceeds(priced(1n))).toBe(true);
    expect(hasNetProceeds(priced(0n))).toBe(false);
    expect(hasNetProceeds(priced(-5n))).toBe(false);
  });
});

/** Worked examples the portal shows the same way: the quote it previews is the ledger's price. */
describe('priceOffer, as the portal previews it', () => {
  it.each([
    // financed 90,000,000; interest 90,000,000 × 360 × 90 / 3,600,000 = 810,000; net − 50,000 fees
    [
      'a round example: ¥1,000,000 face, 90% advance, LPR 3.10% + 50 bps, 90 days, ¥500 fees',
      { spreadBps: 50, feesFen: 50_000n },
      { financedFen: 90_000_000n, annualRateBps: 360, interestFen: 810_000n, netFen: 89_140_000n },
    ],
    // financed 9,876,542.4 → 9,876,542 (down); interest 114,430.713… → 114,431 (up)
    [
      'each derived amount rounded half up to the fen',
      {
        faceFen: 12_345_678n,
        advanceRateBps: 8_000,
        lprBps: 345,
        spreadBps: 85,
        days: 97,
        feesFen: 100_000n,
      },
      { financedFen: 9_876_542n, annualRateBps: 430, interestFen: 114_431n, netFen: 9_662_111n },
    ],
  ] as const)('prices %s', (_, inputs, quote) => {
    expect(priceOffer({ ...WORKED, ...inputs })).toEqual(quote);
  });

  it.each([
    // 5000 × 360 × 1 / 3,600,000 = 0.5 → 1 fen; 4999 × … = 0.49986… → 0 fen
    [5_000n, 1n],
    [4_999n, 0n],
  ])(
    'takes exactly half a fen of interest up, and just under half down (face %s)',
    (faceFen, interestFen) => {
      const inputs = { faceFen, advanceRateBps: 10_000, lprBps: 300, spreadBps: 60, days: 1, feesFen: 0n };
      expect(priceOffer(inputs).interestFen).toBe(interestFen);
    },
  );

  it('rounds the advance half up: 7.5 → 8, 6.5 → 7, 3.6663 → 4', () => {
    expect(divideHalfUp(15n * 5_000n, 10_000n)).toBe(8n);
    expect(divideHalfUp(13n * 5_000n, 10_000n)).toBe(7n);
    expect(divideHalfUp(11n * 3_333n, 10_000n)).toBe(4n);
  });

  it('compares offers by all-in annual cost', () => {
    // (810,000 + 50,000) × 10000 × 360 / (90,000,000 × 90) = 382.2… → 382 bps
    expect(
      allInCostBps({ financedFen: 90_000_000n, interestFen: 810_000n, feesFen: 50_000n, days: 90 }),
    ).toBe(382);
    expect(allInCostBps({ financedFen: 0n, interestFen: 0n, feesFen: 0n, days: 90 })).toBeNull();
  });
});
