import { describe, expect, it } from 'vitest';
import {
  ACT_AFTER_DAYS,
  cohortDay,
  dateAfter,
  HISTORY_MONTHS,
  historyInvoices,
  historyRates,
} from '../../src/demo/history-plan.ts';

/** Todays that test the month arithmetic: a 31st, a day past the 28th in March, a year's first day. */
const TODAYS = ['2026-12-01', '2026-03-31', '2027-01-01', '2026-07-15'];
const month = (date: string): string => date.slice(0, 7);

describe.each(TODAYS)('the demo history before %s', (today) => {
  const invoices = historyInvoices(today);

  it('has a cohort in each of the past eleven calendar months, and none in this one', () => {
    const months = new Set(invoices.map((invoice) => month(dateAfter(today, invoice.confirmedOn))));
    expect(months.size).toBe(HISTORY_MONTHS);
    expect(months.has(month(today))).toBe(false);
    for (let back = 1; back <= HISTORY_MONTHS; back += 1) {
      expect(cohortDay(today, back)).toBeLessThan(cohortDay(today, back - 1));
    }
  });

  it('is the same every run', () => {
    expect(historyInvoices(today)).toEqual(invoices);
  });

  it('pays only in the past and never before maturity; acts on a voucher before it matures', () => {
    for (const invoice of invoices) {
      expect(invoice.actsOn).toBe(invoice.confirmedOn + ACT_AFTER_DAYS);
      // An offer stays valid a week; it must end before maturity.
      expect(invoice.actsOn + 7).toBeLessThan(invoice.maturesOn);
      if (invoice.paidOn === undefined) continue;
      expect(invoice.paidOn).toBeGreaterThanOrEqual(invoice.maturesOn);
      expect(invoice.paidOn).toBeLessThan(0);
    }
  });

  it('leaves a few matured vouchers unpaid, pays some late, and keeps some maturing ahead', () => {
    const unpaid = invoices.filter((invoice) => invoice.paidOn === undefined && invoice.maturesOn < 0);
    expect(unpaid.map((invoice) => invoice.number)).toEqual([
      'HC-H0706',
      'HC-H0605',
      'HC-H0506',
      'HC-H0401',
      'HC-H0402',
    ]);
    expect(invoices.some((invoice) => (invoice.paidOn ?? 0) > invoice.maturesOn)).toBe(true);
    expect(invoices.filter((invoice) => invoice.maturesOn > 0).length).toBeGreaterThan(10);
  });

  it('publishes an LPR in force before the first confirmation, once a month on the 20th', () => {
    const rates = historyRates(today, `${dateAfter(today, -40).slice(0, 8)}20`);
    expect(rates).toHaveLength(12);
    const first = Math.min(...invoices.map((invoice) => invoice.confirmedOn));
    expect(rates[0]?.day).toBeLessThanOrEqual(first);
    for (const rate of rates) {
      expect(rate.effectiveDate.slice(8)).toBe('20');
      expect(dateAfter(today, rate.day)).toBe(rate.effectiveDate);
    }
  });
});
