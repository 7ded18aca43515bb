import type { Context } from 'fabric-contract-api';
import { invalid } from './errors';

/** A calendar date, YYYY-MM-DD. Business dates are China Standard Time (UTC+8, no daylight saving). */
export type IsoDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export function parseDate(value: unknown, field: string): IsoDate {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) throw invalid(`${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw invalid(`${field} is not a calendar date: ${String(value)}`);
  }
  if (year < 2000 || year > 2199) throw invalid(`${field} must be between 2000 and 2199`);
  return value as IsoDate;
}

/** The transaction's time in milliseconds since the epoch, from the proposal (same on every peer). */
export function txMillis(ctx: Context): number {
  const { seconds, nanos } = ctx.stub.getTxTimestamp();
  return Number(seconds) * 1000 + Math.floor(nanos / 1_000_000);
}

/** The transaction's time as ISO-8601 UTC. */
export function txTime(ctx: Context): string {
  return new Date(txMillis(ctx)).toISOString();
}

/** The business date (China Standard Time) on which the transaction was proposed. */
export function businessDate(ctx: Context): IsoDate {
  return new Date(txMillis(ctx) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
