import type { IsoDate } from '../lib/dates';
import type { LedgerRecord } from './record';

export const RateTenors = ['1Y', '5Y'] as const;
export type RateTenor = (typeof RateTenors)[number];

/** A loan prime rate (LPR) in basis points, effective from a date; id is `${tenor}:${effectiveDate}`. */
export interface BenchmarkRate extends LedgerRecord {
  docType: 'rate';
  tenor: RateTenor;
  rateBps: number;
  effectiveDate: IsoDate;
  publishedBy: string;
}
