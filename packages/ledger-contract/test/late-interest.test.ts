import { describe, expect, it } from 'vitest';
import {
  agreedLateInterestRate,
  LATE_INTEREST,
  lateDays,
  lateInterest,
  STATUTORY_LATE_INTEREST,
} from '../src/late-interest.ts';

/** 1,000,000.00 yuan. */
const MILLION_YUAN = 100_000_000n;

describe('lateDays', () => {
  it('counts nothing for a payment on or before maturity', () => {
    expect(lateDays('2025-06-30', '2025-06-30')).toBe(0);
    expect(lateDays('2025-06-30', '2025-06-01')).toBe(0);
  });

  it('counts the day after maturity as the first day late, the payment day included', () => {
    expect(lateDays('2025-06-30', '2025-07-01')).toBe(1);
  });

  it('counts calendar days over a month boundary', () => {
    // January 31 to March 3, 2025: 28 February days plus March 1 to 3.
    expect(lateDays('2025-01-31', '2025-03-03')).toBe(31);
  });

  it('counts February 29 in a leap year', () => {
    expect(lateDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(lateDays('2025-02-28', '2025-03-01')).toBe(1);
  });
});

describe('agreedLateInterestRate', () => {
  it('keeps an agreed rate above the 1Y LPR of the confirmation date', () => {
    expect(agreedLateInterestRate(600, 310)).toEqual({
      basis: 'AGREED',
      agreedAnnualBps: 600,
      lprFloorBps: 310,
      annualBps: 600,
    });
  });

  it('raises an agreed rate below the LPR to the LPR, and keeps both on the record', () => {
    expect(agreedLateInterestRate(300, 310)).toEqual({
      basis: 'AGREED',
      agreedAnnualBps: 300,
      lprFloorBps: 310,
      annualBps: 310,
    });
  });
});

describe('lateInterest', () => {
  it('charges 0.05 % a day where no rate was agreed: 1,000,000 yuan 31 days late is 15,500 yuan', () => {
    expect(LATE_INTEREST.statutoryDailyBps).toBe(5);
    expect(lateInterest(MILLION_YUAN, STATUTORY_LATE_INTEREST, '2025-01-31', '2025-03-03')).toEqual({
      days: 31,
      interestFen: 1_550_000n,
    });
  });

  it('counts an annual rate over 360 days: 1,000,000 yuan at 3.10 % for 31 days is 2,669.44 yuan', () => {
    // 100,000,000 × 310 × 31 / (10,000 × 360) = 266,944.44… fen
    const rate = agreedLateInterestRate(300, 310);
    expect(lateInterest(MILLION_YUAN, rate, '2025-01-31', '2025-03-03')).toEqual({
      days: 31,
      interestFen: 266_944n,
    });
  });

  it('adds February 29 in a leap year', () => {
    // 123,456,789 × 600 × 2 / 3,600,000 = 41,152.26 fen; in 2025 one day: 20,576.13
    const rate = agreedLateInterestRate(600, 310);
    expect(lateInterest(123_456_789n, rate, '2024-02-28', '2024-03-01')).toEqual({
      days: 2,
      interestFen: 41_152n,
    });
    expect(lateInterest(123_456_789n, rate, '2025-02-28', '2025-03-01').interestFen).toBe(20_576n);
  });

  it('floors at the LPR of the confirmation date, whatever the LPR is at payment', () => {
    // Confirmed while the 1Y LPR was 350 with 300 agreed; the LPR later fell to 310. The rate stays 350:
    // 250,000,000 × 350 × 10 / 3,600,000 = 243,055.56 fen (not 215,277.78 at 310).
    const atConfirmation = agreedLateInterestRate(300, 350);
    expect(lateInterest(250_000_000n, atConfirmation, '2026-04-05', '2026-04-15')).toEqual({
      days: 10,
      interestFen: 243_056n,
    });
  });

  it('rounds half a fen up, once over the whole delay', () => {
    // 1,000 fen × 5 bps × 1 day = 0.5 fen → 1; day by day, 3 days would be 3 × 0.5 → 3 rounded, 1.5 → 2 exact.
    expect(lateInterest(1_000n, STATUTORY_LATE_INTEREST, '2025-06-30', '2025-07-01').interestFen).toBe(1n);
    expect(lateInterest(1_000n, STATUTORY_LATE_INTEREST, '2025-06-30', '2025-07-03').interestFen).toBe(2n);
    expect(lateInterest(999n, STATUTORY_LATE_INTEREST, '2025-06-30', '2025-07-01').interestFen).toBe(0n);
  });

  it('charges nothing when paid on time', () => {
    expect(lateInterest(MILLION_YUAN, STATUTORY_LATE_INTEREST, '2025-06-30', '2025-06-30')).toEqual({
      days: 0,
      interestFen: 0n,
    });
  });
});
