import type { Context } from 'fabric-contract-api';
import {
  type ExposureDelta,
  type ExposureMeasure,
  ExposureMeasures,
  invalidState,
} from '@scf/ledger-contract';

/**
 * `agg.exposure → debtorId, measure, txId`: one entry per transaction that changed a debtor's
 * consortium-wide figures, holding that transaction's signed change in fen. Writers only ever add a
 * key of their own transaction and never read the others, so confirmations, disbursements and
 * payments for the same core enterprise never conflict with each other (a single running total per
 * debtor would be read and rewritten by all of them: one of each block's writers would commit, the
 * rest fail MVCC validation). Readers sum the entries under `debtorId, measure`.
 */
export const EXPOSURE_INDEX = 'agg.exposure';

const SIGNED_FEN = /^-?(0|[1-9][0-9]*)$/;
const measureOrder = (a: ExposureDelta, b: ExposureDelta): number =>
  a.debtorId === b.debtorId
    ? ExposureMeasures.indexOf(a.measure) - ExposureMeasures.indexOf(b.measure)
    : a.debtorId < b.debtorId
      ? -1
      : 1;

/**
 * Records what this transaction changes in debtors' figures, one entry per debtor and measure
 * (changes to the same one are added up first: Fabric does not let a transaction read its own
 * writes). Returns the entries written, in a fixed order, for the transaction's event.
 */
export async function recordExposure(ctx: Context, changes: ExposureDelta[]): Promise<ExposureDelta[]> {
  const sums = new Map<string, ExposureDelta>();
  for (const change of changes) {
    const key = `${change.debtorId}\u0000${change.measure}`;
    const before = sums.get(key);
    const amount = BigInt(change.amount) + (before ? BigInt(before.amount) : 0n);
    sums.set(key, { ...change, amount: amount.toString() });
  }
  const written = [...sums.values()].filter((delta) => delta.amount !== '0').sort(measureOrder);
  const txId = ctx.stub.getTxID();
  for (const delta of written) {
    const key = ctx.stub.createCompositeKey(EXPOSURE_INDEX, [delta.debtorId, delta.measure, txId]);
    await ctx.stub.putState(key, Buffer.from(delta.amount, 'utf8'));
  }
  return written;
}

/** A debtor's figure for one measure: the sum of every transaction's entry (0 when none). */
export async function sumExposure(ctx: Context, debtorId: string, measure: ExposureMeasure): Promise<bigint> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(EXPOSURE_INDEX, [debtorId, measure]);
  let total = 0n;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const text = Buffer.from(next.value.value).toString('utf8');
      if (!SIGNED_FEN.test(text))
        throw invalidState(`exposure entry ${next.value.key} is not a signed fen amount`);
      total += BigInt(text);
    }
  } finally {
    await iterator.close();
  }
  if (total < 0n) throw invalidState(`the ${measure} figure of ${debtorId} is negative (${total} fen)`);
  return total;
}

/** A change of `amount` fen (negative to subtract) to one of a debtor's figures. */
export function exposureChange(debtorId: string, measure: ExposureMeasure, amount: bigint): ExposureDelta {
  return { debtorId, measure, amount: amount.toString() };
}
