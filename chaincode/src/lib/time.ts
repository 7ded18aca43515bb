import type { Context } from 'fabric-contract-api';

/** The transaction's timestamp as ISO-8601: the same on every endorsing peer, unlike the clock. */
export function txTime(ctx: Context): string {
  const { seconds, nanos } = ctx.stub.getTxTimestamp();
  const millis = Number(seconds) * 1000 + Math.floor(nanos / 1_000_000);
  return new Date(millis).toISOString();
}
