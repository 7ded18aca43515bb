import type { Context } from 'fabric-contract-api';
import { businessDateAt, type IsoDate } from '@scf/ledger-contract';

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
  return businessDateAt(txMillis(ctx));
}
