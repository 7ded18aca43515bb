import type { Context } from 'fabric-contract-api';
import {
  ContractError,
  ErrorCodes,
  type EventName,
  Events,
  type Financing,
  type FinancingStatus,
  type IsoDate,
  ObjectTypes,
  type QuoteRequest,
  type QuoteRequestStatus,
  type Voucher,
  invalidState,
} from '@scf/ledger-contract';
import { businessDate, txTime } from '../lib/dates';
import { emit } from '../lib/events';
import { getRecord } from '../lib/store';
import { saveFinancing, voucherOwners } from '../repositories/financings';
import { saveQuoteRequest } from '../repositories/quote-requests';
import { saveVoucher } from '../repositories/vouchers';

/** The statuses in which a request's financing is still open: a bank may yet offer, or its offer be taken. */
const OPEN_FINANCING: readonly FinancingStatus[] = ['APPLIED', 'OFFERED'];

/**
 * The OPEN request a financing answers, refused (OFFER_EXPIRED) after the request's deadline; undefined
 * for a financing applied for at one bank.
 */
export async function openRequestOf(
  ctx: Context,
  financing: Financing,
  what: string,
): Promise<QuoteRequest | undefined> {
  if (financing.quoteRequestId === undefined) return undefined;
  const request = await getRecord<QuoteRequest>(ctx, ObjectTypes.QuoteRequest, financing.quoteRequestId);
  if (request.status !== 'OPEN') {
    throw invalidState(`request for quotes ${request.id} is ${request.status}; to ${what} it must be OPEN`);
  }
  const today = businessDate(ctx);
  if (today > request.validUntil) {
    throw new ContractError(
      ErrorCodes.OfferExpired,
      `request for quotes ${request.id} took offers and acceptance until ${request.validUntil}`,
    );
  }
  return request;
}

/** An offer on a request's financing must be open while the request is, and valid no longer than it. */
export async function requireWithinRequest(
  ctx: Context,
  financing: Financing,
  validUntil: IsoDate,
): Promise<void> {
  const request = await openRequestOf(ctx, financing, 'offer');
  if (request && validUntil > request.validUntil) {
    throw new ContractError(
      ErrorCodes.InvalidArgument,
      `terms.validUntil ${validUntil} is after ${request.validUntil}, the deadline of request for quotes ${request.id}`,
    );
  }
}

/** A financing of a request the applicant has not accepted: closing it leaves the voucher locked to the request. */
export function isOpenQuote(financing: Financing): boolean {
  return financing.quoteRequestId !== undefined && financing.status !== 'ACCEPTED';
}

/** Closes one financing of a request (declined, withdrawn or expired on its own); the voucher stays with the request. */
export async function closeQuote(
  ctx: Context,
  financing: Financing,
  changes: Pick<Financing, 'status'> & Partial<Financing>,
  event: EventName,
): Promise<Financing> {
  const saved = await saveFinancing(ctx, { ...financing, ...changes }, txTime(ctx), financing);
  emit(ctx, event, [saved]);
  return saved;
}

/** The request's voucher, which must still be locked to it (guards against an inconsistent ledger). */
async function lockedVoucher(ctx: Context, request: QuoteRequest): Promise<Voucher> {
  const voucher = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, request.voucherId);
  if (voucher.status !== 'FINANCING' || voucher.quoteRequestId !== request.id) {
    throw invalidState(
      `voucher ${voucher.id} is ${voucher.status}, not locked to request for quotes ${request.id}`,
    );
  }
  return voucher;
}

/** The voucher no longer locked to a request: held for `financingId`, or free (ACTIVE). */
function releasedFromRequest(
  voucher: Voucher,
  change: { financingId: string } | { status: 'ACTIVE' },
): Voucher {
  const released: Voucher = { ...voucher, ...change };
  delete released.quoteRequestId;
  return released;
}

/** Every financing of the request but `except` that is still open, set to `status`. */
async function closeSiblings(
  ctx: Context,
  request: QuoteRequest,
  status: FinancingStatus,
  now: string,
  except?: string,
): Promise<Financing[]> {
  const closed: Financing[] = [];
  for (const id of request.financingIds) {
    if (id === except) continue;
    const sibling = await getRecord<Financing>(ctx, ObjectTypes.Financing, id);
    if (OPEN_FINANCING.includes(sibling.status)) {
      closed.push(await saveFinancing(ctx, { ...sibling, status }, now, sibling));
    }
  }
  return closed;
}

/**
 * The applicant takes one offer of its request: the financing ACCEPTED, every other open one LAPSED,
 * the request ACCEPTED, and the voucher held for the accepted financing from now on.
 */
export async function acceptQuote(
  ctx: Context,
  financing: Financing,
  request: QuoteRequest,
): Promise<Financing> {
  const voucher = await lockedVoucher(ctx, request);
  const owners = await voucherOwners(ctx, voucher);
  const now = txTime(ctx);
  const accepted = await saveFinancing(ctx, { ...financing, status: 'ACCEPTED' }, now, financing);
  const lapsed = await closeSiblings(ctx, request, 'LAPSED', now, financing.id);
  const closed = await saveQuoteRequest(
    ctx,
    { ...request, status: 'ACCEPTED', acceptedFinancingId: financing.id },
    now,
    request,
  );
  const held = await saveVoucher(
    ctx,
    releasedFromRequest(voucher, { financingId: financing.id }),
    now,
    owners,
    voucher,
  );
  emit(ctx, Events.QuoteAccepted, [accepted, ...lapsed, closed, held]);
  return accepted;
}

/**
 * Closes an OPEN request without an acceptance: its open financings take `financingStatus`, the
 * request `status`, and the voucher is free again.
 */
export async function closeRequest(
  ctx: Context,
  request: QuoteRequest,
  status: Exclude<QuoteRequestStatus, 'OPEN' | 'ACCEPTED'>,
  financingStatus: FinancingStatus,
  event: EventName,
): Promise<QuoteRequest> {
  const voucher = await lockedVoucher(ctx, request);
  const owners = await voucherOwners(ctx, voucher);
  const now = txTime(ctx);
  const closedFinancings = await closeSiblings(ctx, request, financingStatus, now);
  const closed = await saveQuoteRequest(ctx, { ...request, status }, now, request);
  const freed = await saveVoucher(
    ctx,
    releasedFromRequest(voucher, { status: 'ACTIVE' }),
    now,
    owners,
    voucher,
  );
  emit(ctx, event, [...closedFinancings, closed, freed]);
  return closed;
}
