import { invalid } from './errors.ts';

/** A calendar date, YYYY-MM-DD. Business dates are China Standard Time (UTC+8, no daylight saving). */
export type IsoDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** The years a business date may fall in. */
export const DATE_YEARS = { min: 2000, max: 2199 } as const;

/** Why `value` is no business date, or undefined when it is one. */
export function dateProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) return `must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `is not a calendar date: ${String(value)}`;
  }
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) {
    return `must be between ${DATE_YEARS.min} and ${DATE_YEARS.max}`;
  }
  return undefined;
}

export function parseDate(value: unknown, field: string): IsoDate {
  const problem = dateProblem(value);
  if (problem !== undefined) throw invalid(`${field} ${problem}`);
  return value as IsoDate;
}

/** The business date (China Standard Time) of an instant given in milliseconds since the epoch. */
export function businessDateAt(millis: number): IsoDate {
  return new Date(millis + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The same day `months` calendar months later (earlier when negative), clamped to the end of a shorter
 * month: 2025-08-31 + 6 months is 2026-02-28, 2024-02-29 + 12 months is 2025-02-28. The clamp does
 * not stick: 2025-02-28 + 6 months is 2025-08-28, not the 31st.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
