import { seededRandom } from './pool.ts';

/**
 * The demo's year of history as data: what happens on which day, counted in days from today (negative:
 * the past). The seeder (history-seed.ts) plays it on the ledger with its clock moved to each day.
 * Everything follows from today's date, so every run builds the same history relative to its today.
 */

/** Monthly cohorts of invoices, from this many months back to one month back (today's seed is month 0). */
export const HISTORY_MONTHS = 11;
/** Days after a cohort's confirmations on which vouchers are passed to tier 2 or financed. */
export const ACT_AFTER_DAYS = 4;
/** Days after maturity on which the debtor pays the vouchers it pays late (with late interest). */
export const LATE_DAYS = 4;
/** Voucher terms in months: whole months, so maturities fall on a later cohort's day. */
const TERMS_MONTHS = [2, 3, 4, 5] as const;
/** The agreed late-interest rate of every other confirmation (floored at the LPR in force that day). */
const AGREED_LATE_INTEREST_BPS = 600;
/** Cohort and index of the invoices whose vouchers the core enterprise leaves unpaid past maturity. */
const UNPAID = new Set(['7:5', '6:4', '5:5', '4:0', '4:1']);
const SEED = 20_251_201;
const YUAN = 100n;

export type Seller = 'tier1' | 'tier1b';
export type Bank = 'bankA' | 'bankB';

/** What the voucher's holder does with it a few days after confirmation. */
export type Next = { kind: 'hold' } | { kind: 'transfer' } | { kind: 'finance'; bank: Bank };

export interface HistoryInvoice {
  /** Months back. */
  cohort: number;
  index: number;
  number: string;
  seller: Seller;
  amount: bigint;
  /** Registered and confirmed on this day. */
  confirmedOn: number;
  maturesOn: number;
  /** Annual late interest agreed at confirmation; none: the statutory rate. */
  lateInterestBps: number | undefined;
  next: Next;
  /** Passed down or financed on this day. */
  actsOn: number;
  /** Paid on this day; none: unpaid (overdue once matured, open while not). */
  paidOn: number | undefined;
}

export interface RatePublication {
  /** Published on its effective date. */
  day: number;
  effectiveDate: string;
  lpr1yBps: number;
  lpr5yBps: number;
}

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return (
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
    DAY_MS
  );
}

/** The calendar date `days` from `today` (both YYYY-MM-DD). */
export function dateAfter(today: string, days: number): string {
  return new Date((dayNumber(today) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day of the cohort `months` back: that calendar month, on today's day of the month (at most the
 * 28th, which every month has), so each of the past months holds exactly one cohort.
 */
export function cohortDay(today: string, months: number): number {
  const date = new Date(
    Date.UTC(
      Number(today.slice(0, 4)),
      Number(today.slice(5, 7)) - 1 - months,
      Math.min(Number(today.slice(8, 10)), 28),
    ),
  );
  return dayNumber(date.toISOString().slice(0, 10)) - dayNumber(today);
}

function invoiceOf(today: string, cohort: number, index: number): HistoryInvoice {
  const random = seededRandom(SEED + cohort * 100 + index);
  // 1.5 to 6 million yuan: a month of deliveries on one invoice, so each past month weighs about a third of
  // today's 200 invoices on the volume charts, while the banks' lines keep room for today's financings.
  const amount = BigInt(1_500_000 + Math.round(random() * 4_500) * 1_000) * YUAN;
  const confirmedOn = cohortDay(today, cohort);
  const maturesOn = cohortDay(today, cohort - (TERMS_MONTHS[(cohort + index) % TERMS_MONTHS.length] ?? 3));
  const nextKind = index % 3;
  const next: Next =
    nextKind === 0
      ? { kind: 'transfer' }
      : nextKind === 1
        ? { kind: 'finance', bank: (cohort + index) % 2 === 0 ? 'bankA' : 'bankB' }
        : { kind: 'hold' };
  const late = index % 4 === 3 && maturesOn + LATE_DAYS < 0;
  const paidOn =
    UNPAID.has(`${cohort}:${index}`) || maturesOn >= 0 ? undefined : maturesOn + (late ? LATE_DAYS : 0);
  return {
    cohort,
    index,
    number: `HC-H${String(cohort).padStart(2, '0')}${String(index + 1).padStart(2, '0')}`,
    seller: index % 3 === 2 ? 'tier1b' : 'tier1',
    amount,
    confirmedOn,
    maturesOn,
    lateInterestBps: index % 2 === 0 ? AGREED_LATE_INTEREST_BPS : undefined,
    next,
    actsOn: confirmedOn + ACT_AFTER_DAYS,
    paidOn,
  };
}

/** Five to eight invoices a month, varying from month to month. */
function cohortSize(cohort: number): number {
  return 5 + ((cohort * 5) % 4);
}

/** Every invoice of the history before `today` (YYYY-MM-DD, CST), oldest cohort first. */
export function historyInvoices(today: string): HistoryInvoice[] {
  const invoices: HistoryInvoice[] = [];
  for (let cohort = HISTORY_MONTHS; cohort >= 1; cohort -= 1) {
    for (let index = 0; index < cohortSize(cohort); index += 1)
      invoices.push(invoiceOf(today, cohort, index));
  }
  return invoices;
}

/**
 * The LPRs of the twelve months before `currentEffective` (the one today's seed publishes), each on the
 * 20th as the real LPR is: 1Y from 345 down to 320 bps over the year, 5Y 50 bps above.
 */
export function historyRates(today: string, currentEffective: string): RatePublication[] {
  const year = Number(currentEffective.slice(0, 4));
  const month = Number(currentEffective.slice(5, 7)) - 1;
  const rates: RatePublication[] = [];
  for (let back = 12; back >= 1; back -= 1) {
    const effectiveDate = new Date(Date.UTC(year, month - back, 20)).toISOString().slice(0, 10);
    const lpr1yBps = back >= 9 ? 345 : back >= 5 ? 335 : 320;
    rates.push({
      day: dayNumber(effectiveDate) - dayNumber(today),
      effectiveDate,
      lpr1yBps,
      lpr5yBps: lpr1yBps + 50,
    });
  }
  return rates;
}
