import type { Context } from 'fabric-contract-api';
import { ObjectTypes, type QuoteRequest } from '@scf/ledger-contract';
import { bindToOrgs } from '../lib/endorsement';
import { putRecord, recordKey } from '../lib/store';
import { hostMspOf } from './financings';

/** A new request's id: the voucher's, then the creating transaction's first 16 characters (as a financing's). */
export function quoteRequestId(ctx: Context, voucherId: string): string {
  return `${voucherId}:${ctx.stub.getTxID().slice(0, 16)}`;
}

/** The id of the request's financing at its `index`-th bank (from 0). */
export function quoteFinancingId(requestId: string, index: number): string {
  return `${requestId}:${index + 1}`;
}

/** The orgs that own a request: the applicant's and every bank's; each write of it needs a peer of each. */
export async function quoteRequestOwners(ctx: Context, request: QuoteRequest): Promise<string[]> {
  const owners = [await hostMspOf(ctx, request.applicantId)];
  for (const bankId of request.bankIds) owners.push(await hostMspOf(ctx, bankId));
  return owners;
}

/**
 * Writes a request. On creation (`previous` absent) its key is bound to its owners: the applicant
 * cannot close or accept it, nor a bank keep it open, without the others' peers.
 */
export async function saveQuoteRequest(
  ctx: Context,
  request: QuoteRequest,
  now: string,
  previous?: QuoteRequest,
): Promise<QuoteRequest> {
  const saved = await putRecord(ctx, request, now);
  if (!previous) {
    await bindToOrgs(
      ctx,
      recordKey(ctx, ObjectTypes.QuoteRequest, saved.id),
      await quoteRequestOwners(ctx, saved),
    );
  }
  return saved;
}
