import { describe, expect, it } from 'vitest';
import { daysBetween } from '../src/dates.ts';
import { VOUCHER_TERM, voucherTerm } from '../src/voucher-term.ts';

describe('voucherTerm (银发〔2025〕77号: at most 1 year, flagged above 6 months)', () => {
  it('counts 6 and 12 calendar months from the confirmation date', () => {
    expect(VOUCHER_TERM).toEqual({ maxMonths: 12, flagAboveMonths: 6 });
    expect(voucherTerm('2026-01-05', '2026-04-05')).toEqual({
      latestMaturity: '2027-01-05',
      longTermAfter: '2026-07-05',
      allowed: true,
      longTerm: false,
    });
  });

  it('flags from the day after 6 months and refuses from the day after 12', () => {
    const on = (maturity: string) => {
      const { allowed, longTerm } = voucherTerm('2026-01-05', maturity);
      return { allowed, longTerm };
    };
    expect(on('2026-07-05')).toEqual({ allowed: true, longTerm: false });
    expect(on('2026-07-06')).toEqual({ allowed: true, longTerm: true });
    expect(on('2027-01-05')).toEqual({ allowed: true, longTerm: true });
    expect(on('2027-01-06')).toEqual({ allowed: false, longTerm: true });
  });

  it('takes a 200-day term with a flag and refuses a 400-day one', () => {
    // 2026-01-05 + 200 days = 2026-07-24; + 400 days = 2027-02-09.
    expect(daysBetween('2026-01-05', '2026-07-24')).toBe(200);
    expect(voucherTerm('2026-01-05', '2026-07-24')).toMatchObject({ allowed: true, longTerm: true });
    expect(daysBetween('2026-01-05', '2027-02-09')).toBe(400);
    expect(voucherTerm('2026-01-05', '2027-02-09')).toMatchObject({ allowed: false });
  });

  it('clamps a confirmation on 29 February to 28 February a year later', () => {
    expect(voucherTerm('2024-02-29', '2025-02-28')).toMatchObject({
      latestMaturity: '2025-02-28',
      longTermAfter: '2024-08-29',
      allowed: true,
    });
    expect(voucherTerm('2024-02-29', '2025-03-01').allowed).toBe(false);
  });

  it('clamps a confirmation on 31 August to the end of February, 29 February in a leap year', () => {
    expect(voucherTerm('2025-08-31', '2026-02-28')).toMatchObject({
      longTermAfter: '2026-02-28',
      latestMaturity: '2026-08-31',
      longTerm: false,
    });
    expect(voucherTerm('2025-08-31', '2026-03-01').longTerm).toBe(true);
    expect(voucherTerm('2027-08-31', '2028-02-29')).toMatchObject({
      longTermAfter: '2028-02-29',
      longTerm: false,
    });
    expect(voucherTerm('2027-08-31', '2028-03-01').longTerm).toBe(true);
  });
});
