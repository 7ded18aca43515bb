import { describe, expect, it } from 'vitest';
import { addMonths, businessDateAt, DATE_YEARS, dateProblem, daysBetween, parseDate } from '../src/dates.ts';

describe('dateProblem and parseDate', () => {
  it.each(['2026-01-05', '2028-02-29', '2000-01-01', '2199-12-31'])('takes %s', (value) => {
    expect(dateProblem(value)).toBeUndefined();
    expect(parseDate(value, 'dueDate')).toBe(value);
  });

  it.each([
    ['2026-1-5', 'must be a date written YYYY-MM-DD, got "2026-1-5"'],
    ['2026-01-05T00:00:00Z', 'must be a date written YYYY-MM-DD, got "2026-01-05T00:00:00Z"'],
    [20260105, 'must be a date written YYYY-MM-DD, got 20260105'],
    [undefined, 'must be a date written YYYY-MM-DD, got undefined'],
    ['2026-02-29', 'is not a calendar date: 2026-02-29'],
    ['2026-13-01', 'is not a calendar date: 2026-13-01'],
    ['2026-04-31', 'is not a calendar date: 2026-04-31'],
    ['1999-12-31', `must be between ${DATE_YEARS.min} and ${DATE_YEARS.max}`],
    ['2200-01-01', `must be between ${DATE_YEARS.min} and ${DATE_YEARS.max}`],
  ])('refuses %s', (value, problem) => {
    expect(dateProblem(value)).toBe(problem);
    expect(() => parseDate(value, 'dueDate')).toThrow(`[INVALID_ARGUMENT] dueDate ${problem}`);
  });
});

describe('businessDateAt', () => {
  it('is the date in China Standard Time (UTC+8): a new day starts at 16:00 UTC', () => {
    expect(businessDateAt(Date.UTC(2026, 0, 4, 15, 59, 59, 999))).toBe('2026-01-04');
    expect(businessDateAt(Date.UTC(2026, 0, 4, 16, 0, 0, 0))).toBe('2026-01-05');
    expect(businessDateAt(Date.UTC(2026, 11, 31, 16, 0))).toBe('2027-01-01');
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, negative backwards, leap days included', () => {
    expect(daysBetween('2026-01-05', '2026-04-05')).toBe(90);
    expect(daysBetween('2026-01-05', '2026-01-05')).toBe(0);
    expect(daysBetween('2026-01-06', '2026-01-05')).toBe(-1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });
});

describe('the day count, calendar check and business date the portal shows', () => {
  it('uses the ledger’s day count, calendar check and business date', () => {
    expect(daysBetween('2026-11-22', '2027-02-20')).toBe(90);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(dateProblem('2026-02-29')).toBeDefined();
    expect(dateProblem('2028-02-29')).toBeUndefined();
    // 2026-11-21 16:30 UTC is already 2026-11-22 00:30 in Beijing
    expect(businessDateAt(Date.UTC(2026, 10, 21, 16, 30))).toBe('2026-11-22');
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-05', 6, '2026-07-05'],
    ['2026-01-05', 12, '2027-01-05'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-03-15', -3, '2025-12-15'],
    ['2026-01-05', 0, '2026-01-05'],
    // The end of a shorter month stands in for the day it lacks…
    ['2026-01-31', 1, '2026-02-28'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    // …a leap year's 29 February included, both ways…
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    // …and the clamp does not stick: the 28th stays the 28th.
    ['2025-02-28', 6, '2025-08-28'],
    ['2199-06-30', 6, '2199-12-30'],
  ])('%s + %i months is %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });
});
