import { beforeEach, describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  Events,
  type Financing,
  ObjectTypes,
  type QuoteRequest,
  type Voucher,
} from '@scf/ledger-contract';
import { QuoteRequestContract } from '../src/contracts/quote-request-contract';
import { userOf } from './support/callers';
import { setBusinessDate } from './support/clock';
import { ids, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { accept, apply, disburse, financings, offer, setupFinance } from './support/financing';
import { stored } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { endorsersOf } from './support/policies';
import { MATURITY, seedVoucher } from './support/vouchers';

const quotes = new QuoteRequestContract();
/** The requests' deadline in these tests: the offers of WORKED_TERMS are valid until the same day. */
const DEADLINE = '2026-01-15';

let ledger: MemoryLedger;
let voucher: Voucher;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await setupFinance(ledger);
  voucher = await seedVoucher(ledger);
});

const storedVoucher = (): Voucher => stored<Voucher>(ledger, ObjectTypes.Voucher, voucher.id);
const storedFinancing = (id: string): Financing => stored<Financing>(ledger, ObjectTypes.Financing, id);
const storedRequest = (id: string): QuoteRequest =>
  stored<QuoteRequest>(ledger, ObjectTypes.QuoteRequest, id);

const requestQuotes = (
  banks: unknown = [ids.bankB, ids.bankA],
  validUntil = DEADLINE,
  caller = userOf('tier1', 'clerk'),
) => ledger.submit(caller, (ctx) => quotes.RequestQuotes(ctx, voucher.id, JSON.stringify(banks), validUntil));

/** A request to both banks; its financings by bank. */
async function openRequest(): Promise<{ request: QuoteRequest; atA: Financing; atB: Financing }> {
  const request = parse<QuoteRequest>(await requestQuotes());
  const [a = '', b = ''] = request.financingIds;
  return { request, atA: storedFinancing(a), atB: storedFinancing(b) };
}

const withdrawRequest = (id: string, caller = userOf('tier1', 'clerk')) =>
  ledger.submit(caller, (ctx) => quotes.WithdrawQuoteRequest(ctx, id));
const expireRequest = (id: string, caller = userOf('core', 'clerk')) =>
  ledger.submit(caller, (ctx) => quotes.ExpireQuoteRequest(ctx, id));

describe('QuoteRequestContract.RequestQuotes', () => {
  it('opens one financing per bank, sorted, locks the voucher to the request and emits one event', async () => {
    const { request, atA, atB } = await openRequest();
    expect(request).toMatchObject({
      docType: 'quoterequest',
      id: `${voucher.id}:${request.txId}`,
      voucherId: voucher.id,
      applicantId: ids.tier1,
      debtorId: ids.core,
      amount: voucher.amount,
      maturityDate: MATURITY,
      bankIds: [ids.bankA, ids.bankB].sort(),
      validUntil: DEADLINE,
      status: 'OPEN',
    });
    expect(request.financingIds).toEqual([`${request.id}:1`, `${request.id}:2`]);
    for (const financing of [atA, atB]) {
      expect(financing).toMatchObject({
        status: 'APPLIED',
        quoteRequestId: request.id,
        applicantId: ids.tier1,
      });
    }
    expect([atA.bankId, atB.bankId].sort()).toEqual([ids.bankA, ids.bankB].sort());
    const locked = storedVoucher();
    expect(locked).toMatchObject({ status: 'FINANCING', quoteRequestId: request.id });
    expect(locked.financingId).toBeUndefined();
    expect(lastEvent(ledger)).toEqual({
      name: Events.QuotesRequested,
      records: [request, atA, atB, locked],
    });
    expect(endorsersOf(ledger, ObjectTypes.Financing, atA.id)).toEqual([MSP.bankA, MSP.supplier].sort());
    expect(endorsersOf(ledger, ObjectTypes.QuoteRequest, request.id)).toEqual(
      [MSP.bankA, MSP.bankB, MSP.supplier].sort(),
    );
    const read = await ledger.evaluate(userOf('core', 'clerk'), (ctx) =>
      quotes.GetQuoteRequest(ctx, request.id),
    );
    expect(parse<QuoteRequest>(read)).toEqual(request);
  });

  it.each([
    ['one bank', [ids.bankA], ErrorCodes.InvalidArgument],
    ['a bank twice', [ids.bankA, ids.bankA], ErrorCodes.InvalidArgument],
    ['a core enterprise as a bank', [ids.bankA, ids.core], ErrorCodes.InvalidArgument],
    ['an unregistered bank', [ids.bankA, 'NOBANK'], ErrorCodes.NotFound],
    ['nine banks', Array.from({ length: 9 }, (_, n) => `BANK${n}`), ErrorCodes.InvalidArgument],
    ['no array', { bank: ids.bankA }, ErrorCodes.InvalidArgument],
  ])('refuses %s and writes nothing', async (_, banks, code) => {
    await expectRefused(ledger, () => requestQuotes(banks), code);
  });

  it.each([
    ['before today', '2026-01-04'],
    ['on maturity', MATURITY],
    ['no date', 'soon'],
  ])('refuses a deadline %s', async (_, validUntil) => {
    await expectRefused(ledger, () => requestQuotes(undefined, validUntil), ErrorCodes.InvalidArgument);
  });

  it('refuses a caller that does not hold the voucher, and a bank', async () => {
    await expectRefused(
      ledger,
      () => requestQuotes(undefined, DEADLINE, userOf('tier2', 'admin')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => requestQuotes(undefined, DEADLINE, userOf('bankA', 'admin')),
      ErrorCodes.Forbidden,
    );
  });

  it('refuses a second request, or a plain application, while the voucher is locked to one', async () => {
    await openRequest();
    await expectRefused(ledger, () => requestQuotes(), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => apply(ledger, voucher.id, 'bankA'), ErrorCodes.InvalidState);
  });

  it('refuses a voucher already in a plain financing', async () => {
    await apply(ledger, voucher.id, 'bankA');
    await expectRefused(ledger, () => requestQuotes(), ErrorCodes.InvalidState);
  });
});

describe('offers on a request', () => {
  it('lets each bank offer on its own financing only', async () => {
    const { atA, atB } = await openRequest();
    await expectRefused(
      ledger,
      () =>
        ledger.submit(userOf('bankB', 'approver'), (ctx) => financings.Offer(ctx, atA.id), {
          transient: { terms: '{}' },
        }),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => ledger.submit(userOf('bankB', 'approver'), (ctx) => financings.Reject(ctx, atA.id, 'not ours')),
      ErrorCodes.Forbidden,
    );
    expect(await offer(ledger, atA)).toMatchObject({ status: 'OFFERED' });
    expect(await offer(ledger, atB)).toMatchObject({ status: 'OFFERED' });
  });

  it('refuses an offer valid beyond the request, and any offer after its deadline', async () => {
    const { atA } = await openRequest();
    await expectRefused(
      ledger,
      () => offer(ledger, atA, { validUntil: '2026-01-16' }),
      ErrorCodes.InvalidArgument,
    );
    setBusinessDate(ledger, '2026-01-16');
    await expectRefused(
      ledger,
      () => offer(ledger, atA, { validUntil: '2026-01-20' }),
      ErrorCodes.OfferExpired,
    );
  });

  it('keeps the voucher locked when one bank declines or one offer is withdrawn, and the others go on', async () => {
    const { request, atA, atB } = await openRequest();
    await ledger.submit(userOf('bankB', 'clerk'), (ctx) => financings.Reject(ctx, atB.id, 'limit used'));
    expect(storedFinancing(atB.id)).toMatchObject({ status: 'REJECTED', rejectionReason: 'limit used' });
    expect(lastEvent(ledger).records).toEqual([storedFinancing(atB.id)]);
    expect(storedVoucher()).toMatchObject({ status: 'FINANCING', quoteRequestId: request.id });
    await expectRefused(ledger, () => offer(ledger, atB), ErrorCodes.InvalidState);
    const offered = await offer(ledger, atA);
    await ledger.submit(userOf('tier1', 'clerk'), (ctx) => financings.Withdraw(ctx, offered.id));
    expect(storedFinancing(atA.id).status).toBe('WITHDRAWN');
    expect(storedVoucher()).toMatchObject({ status: 'FINANCING', quoteRequestId: request.id });
    expect(storedRequest(request.id).status).toBe('OPEN');
  });

  it('expires one lapsed offer on its own, leaving the request open', async () => {
    const { request, atA } = await openRequest();
    await offer(ledger, atA, { validUntil: '2026-01-06' });
    setBusinessDate(ledger, '2026-01-07');
    await ledger.submit(userOf('core', 'clerk'), (ctx) => financings.Expire(ctx, atA.id));
    expect(storedFinancing(atA.id).status).toBe('EXPIRED');
    expect(storedVoucher()).toMatchObject({ status: 'FINANCING', quoteRequestId: request.id });
  });
});

describe('accepting one offer of a request', () => {
  it('lapses every other open offer, closes the request and holds the voucher for the accepted financing', async () => {
    const { request, atA, atB } = await openRequest();
    const offeredA = await offer(ledger, atA);
    await offer(ledger, atB);
    const accepted = await accept(ledger, offeredA);
    expect(accepted.status).toBe('ACCEPTED');
    const lapsed = storedFinancing(atB.id);
    expect(lapsed.status).toBe('LAPSED');
    const closed = storedRequest(request.id);
    expect(closed).toMatchObject({ status: 'ACCEPTED', acceptedFinancingId: atA.id });
    const held = storedVoucher();
    expect(held).toMatchObject({ status: 'FINANCING', financingId: atA.id });
    expect(held.quoteRequestId).toBeUndefined();
    expect(lastEvent(ledger)).toEqual({
      name: Events.QuoteAccepted,
      records: [accepted, lapsed, closed, held],
    });
    await expectRefused(ledger, () => accept(ledger, lapsed), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => offer(ledger, lapsed), ErrorCodes.InvalidState);
    expect(await disburse(ledger, accepted)).toMatchObject({ status: 'DISBURSED' });
    expect(storedVoucher()).toMatchObject({ status: 'FINANCED', holderId: ids.bankA });
  });

  it('lapses a financing never offered, and leaves a declined one as it was', async () => {
    const { atA, atB } = await openRequest();
    await ledger.submit(userOf('bankA', 'clerk'), (ctx) => financings.Reject(ctx, atA.id, 'no'));
    await accept(ledger, await offer(ledger, atB));
    expect(storedFinancing(atA.id).status).toBe('REJECTED');
    const second = await openRequestAfterRelease(atB);
    await accept(ledger, await offer(ledger, second.atB));
    expect(storedFinancing(second.atA.id).status).toBe('LAPSED');
  });

  it('refuses acceptance after the request deadline and leaves the voucher locked until it expires', async () => {
    const { request, atA } = await openRequest();
    const offeredA = await offer(ledger, atA, { validUntil: DEADLINE });
    setBusinessDate(ledger, '2026-01-16');
    await expectRefused(ledger, () => accept(ledger, offeredA), ErrorCodes.OfferExpired);
    expect(storedVoucher().status).toBe('FINANCING');
    expect(storedRequest(request.id).status).toBe('OPEN');
  });

  it('frees the voucher when the applicant withdraws the accepted financing', async () => {
    const { atA } = await openRequest();
    const accepted = await accept(ledger, await offer(ledger, atA));
    await ledger.submit(userOf('tier1', 'clerk'), (ctx) => financings.Withdraw(ctx, accepted.id));
    expect(storedVoucher()).toMatchObject({ status: 'ACTIVE', financingId: atA.id });
  });
});

/** Withdraws an accepted financing (freeing the voucher) and opens a new request to both banks. */
async function openRequestAfterRelease(accepted: Financing): Promise<{ atA: Financing; atB: Financing }> {
  await ledger.submit(userOf('tier1', 'clerk'), (ctx) => financings.Withdraw(ctx, accepted.id));
  const { atA, atB } = await openRequest();
  return { atA, atB };
}

describe('QuoteRequestContract.WithdrawQuoteRequest', () => {
  it('withdraws every open financing and frees the voucher', async () => {
    const { request, atA, atB } = await openRequest();
    await offer(ledger, atA);
    await ledger.submit(userOf('bankB', 'clerk'), (ctx) => financings.Reject(ctx, atB.id, 'no'));
    const closed = parse<QuoteRequest>(await withdrawRequest(request.id));
    expect(closed.status).toBe('WITHDRAWN');
    expect(storedFinancing(atA.id).status).toBe('WITHDRAWN');
    expect(storedFinancing(atB.id).status).toBe('REJECTED');
    const freed = storedVoucher();
    expect(freed.status).toBe('ACTIVE');
    expect(freed.quoteRequestId).toBeUndefined();
    expect(lastEvent(ledger)).toEqual({
      name: Events.QuoteRequestWithdrawn,
      records: [storedFinancing(atA.id), closed, freed],
    });
    expect(await apply(ledger, voucher.id, 'bankB')).toMatchObject({ status: 'APPLIED' });
  });

  it('refuses anyone but the applicant, and a request no longer open', async () => {
    const { request, atA } = await openRequest();
    await expectRefused(
      ledger,
      () => withdrawRequest(request.id, userOf('tier2', 'admin')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => withdrawRequest(request.id, userOf('bankA', 'admin')),
      ErrorCodes.Forbidden,
    );
    await accept(ledger, await offer(ledger, atA));
    await expectRefused(ledger, () => withdrawRequest(request.id), ErrorCodes.InvalidState);
    await expectRefused(ledger, () => withdrawRequest('no-such-request'), ErrorCodes.NotFound);
  });
});

describe('QuoteRequestContract.ExpireQuoteRequest', () => {
  it('refuses before the deadline has passed', async () => {
    const { request } = await openRequest();
    setBusinessDate(ledger, DEADLINE);
    await expectRefused(ledger, () => expireRequest(request.id), ErrorCodes.InvalidState);
  });

  it('lapses every open financing after the deadline and frees the voucher', async () => {
    const { request, atA, atB } = await openRequest();
    await offer(ledger, atA);
    setBusinessDate(ledger, '2026-01-16');
    const closed = parse<QuoteRequest>(await expireRequest(request.id, userOf('bankB', 'clerk')));
    expect(closed.status).toBe('EXPIRED');
    expect([storedFinancing(atA.id).status, storedFinancing(atB.id).status]).toEqual(['LAPSED', 'LAPSED']);
    expect(storedVoucher()).toMatchObject({ status: 'ACTIVE' });
    expect(lastEvent(ledger).name).toBe(Events.QuoteRequestExpired);
    await expectRefused(ledger, () => expireRequest(request.id), ErrorCodes.InvalidState);
  });
});
