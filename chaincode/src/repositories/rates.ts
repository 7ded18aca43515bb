import type { Context } from 'fabric-contract-api';
import { type BenchmarkRate, type IsoDate, ObjectTypes, type RateTenor } from '@scf/ledger-contract';
import { findRecord, putIndex, putRecord } from '../lib/store';

export const RateIndexes = {
  /** tenor, effectiveDate, id: dates sort as text, so a tenor's history is in date order. */
  byTenor: 'idx.rate.tenor',
} as const;

/** A publication's id: one rate per tenor and effective date. */
export function rateId(tenor: RateTenor, effectiveDate: IsoDate): string {
  return `${tenor}:${effectiveDate}`;
}

/**
 * A benchmark rate as stored. One written before rates needed a quorum (no status, no attestations)
 * was published by its bank's word alone and is in the index: it reads as PUBLISHED.
 */
export async function findRate(ctx: Context, id: string): Promise<BenchmarkRate | undefined> {
  type Stored = Omit<BenchmarkRate, 'status' | 'attestations'> & Partial<BenchmarkRate>;
  const rate = await findRecord<Stored>(ctx, ObjectTypes.BenchmarkRate, id);
  if (!rate) return undefined;
  return { ...rate, status: rate.status ?? 'PUBLISHED', attestations: rate.attestations ?? [] };
}

/**
 * Writes a benchmark rate. It enters the tenor's index when it becomes PUBLISHED, so that only
 * rates in force are found by date; a published rate is never rewritten (history is kept).
 */
export async function saveRate(
  ctx: Context,
  rate: BenchmarkRate,
  now: string,
  previous?: BenchmarkRate,
): Promise<BenchmarkRate> {
  const saved = await putRecord(ctx, rate, now);
  if (saved.status === 'PUBLISHED' && previous?.status !== 'PUBLISHED') {
    await putIndex(ctx, RateIndexes.byTenor, [saved.tenor, saved.effectiveDate], saved.id);
  }
  return saved;
}
