import type { Context } from 'fabric-contract-api';
import { type EarlyPaymentOffer, ObjectTypes } from '@scf/ledger-contract';
import { deleteIndex, findRecord, putIndex, putRecord } from '../lib/store';

/** `debtorId, offerId` of each debtor's OPEN offer: at most one entry per debtor. */
export const OPEN_OFFER_INDEX = 'idx.earlypay.open';

/** A new offer's id: the debtor's, then the publishing transaction's first 16 characters. */
export function earlyPaymentOfferId(ctx: Context, debtorId: string): string {
  return `${debtorId}:${ctx.stub.getTxID().slice(0, 16)}`;
}

/** The debtor's OPEN offer, if it has one. */
export async function openOfferOf(ctx: Context, debtorId: string): Promise<EarlyPaymentOffer | undefined> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(OPEN_OFFER_INDEX, [debtorId]);
  try {
    const next = await iterator.next();
    if (next.done) return undefined;
    const [, id] = ctx.stub.splitCompositeKey(next.value.key).attributes;
    return id === undefined ? undefined : await findRecord(ctx, ObjectTypes.EarlyPaymentOffer, id);
  } finally {
    await iterator.close();
  }
}

/** Writes an offer and keeps the open-offer index in step with its status. */
export async function saveOffer(
  ctx: Context,
  offer: EarlyPaymentOffer,
  now: string,
  previous?: EarlyPaymentOffer,
): Promise<EarlyPaymentOffer> {
  const saved = await putRecord(ctx, offer, now);
  const wasOpen = previous?.status === 'OPEN';
  const isOpen = saved.status === 'OPEN';
  if (isOpen && !wasOpen) await putIndex(ctx, OPEN_OFFER_INDEX, [saved.debtorId], saved.id);
  if (wasOpen && !isOpen) await deleteIndex(ctx, OPEN_OFFER_INDEX, [saved.debtorId], saved.id);
  return saved;
}
