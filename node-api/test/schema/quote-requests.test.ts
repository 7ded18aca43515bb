import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Financing, QuoteRequest, Voucher } from '@scf/ledger-contract';
import { prepareEvent, writeEvent } from '../../src/projector/event-writer.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';
import { day, E, financing, seedEnterprises, terms, userOf, voucher } from '../support/read-model-seed.ts';

const AT = '2026-03-01T02:00:00.000Z';
const stamp = { createdAt: AT, updatedAt: AT, txId: 'a'.repeat(64), updatedBy: `${E.tier1}/clerk@Org1MSP` };
const owed = { debtorId: E.core, amount: '100000', maturityDate: '2026-09-01' } as const;

/** The request to banks A and B as the ledger emits it, with its two financings and the locked voucher. */
const REQUEST: QuoteRequest = {
  docType: 'quoterequest',
  id: 'v-q:tx1',
  voucherId: 'v-q',
  applicantId: E.tier1,
  ...owed,
  bankIds: [E.bankA, E.bankB],
  financingIds: ['v-q:tx1:1', 'v-q:tx1:2'],
  validUntil: '2026-03-10',
  status: 'OPEN',
  ...stamp,
};
const applied = (id: string, bankId: string): Financing => ({
  docType: 'financing',
  id,
  voucherId: 'v-q',
  applicantId: E.tier1,
  bankId,
  ...owed,
  status: 'APPLIED',
  quoteRequestId: REQUEST.id,
  ...stamp,
});
const LOCKED: Voucher = {
  docType: 'voucher',
  id: 'v-q',
  holderId: E.tier1,
  ...owed,
  currency: 'CNY',
  rootId: 'v-q',
  tier: 0,
  status: 'FINANCING',
  invoiceId: 'INV-NONE',
  childIds: [],
  quoteRequestId: REQUEST.id,
  ...stamp,
};

/** The seeded terms (`terms` of read-model-seed) as the API shows them, net proceeds aside. */
const OFFERED_TERMS = { annualRateBps: 400, fees: '100', recourse: false, validUntil: '2026-04-01' };
const VIEW = `query($id: ID!) { quoteRequest(id: $id) { id status validUntil
  offers { id bank { id } status terms { netProceeds annualRateBps fees recourse validUntil } }
  acceptedFinancing { id } } }`;
const VIA_FINANCING = `query($id: ID!) { financing(id: $id) { id quoteRequest { id } } }`;
const REQUEST_QUOTES = `mutation($v: ID!, $banks: [ID!]!, $until: Date!) {
  requestQuotes(voucherId: $v, bankIds: $banks, validUntil: $until) { projection } }`;
const ACCEPT = `mutation($id: ID!) { acceptOffer(id: $id) { projection } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawQuoteRequest(id: $id) { projection } }`;
const EXPIRE = `mutation($id: ID!) { expireQuoteRequest(id: $id) { projection } }`;

describe('requests for quotes in the API', () => {
  let harness: ApiHarness;
  let submissions: Submission[];

  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs });
    await seedEnterprises(harness.db);
    const records = [REQUEST, applied('v-q:tx1:1', E.bankA), applied('v-q:tx1:2', E.bankB), LOCKED];
    const payload = new TextEncoder().encode(JSON.stringify({ records }));
    const prepared = await prepareEvent(harness.db, await recording.ledgerAs(), payload);
    await harness.db.$transaction((tx) =>
      writeEvent(tx, prepared, { transactionId: 'a'.repeat(64), blockNumber: 7n }),
    );
    // Both banks offered since; A's net proceeds are the better.
    for (const [id, net] of [
      ['v-q:tx1:1', 89_000n],
      ['v-q:tx1:2', 88_500n],
    ] as const) {
      await harness.db.financing.update({
        where: { id },
        data: { status: 'OFFERED', termsHash: 'e'.repeat(64), offerValidUntil: day('2026-03-10') },
      });
      await harness.db.offerTerms.create({ data: { ...terms(id, 100_000n), netProceeds: net } });
    }
    await harness.db.voucher.create({ data: voucher({ id: 'v-free', debtorId: E.core, holderId: E.tier1 }) });
    await harness.db.financing.create({
      data: {
        ...financing({
          id: 'f-plain',
          voucherId: 'v-free',
          applicantId: E.tier1,
          bankId: E.bankA,
          debtorId: E.core,
        }),
        status: 'OFFERED',
      },
    });
    submissions.length = 0;
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
  });

  it('projects the request, its financings and the locked voucher', async () => {
    expect(await harness.db.quoteRequest.findUnique({ where: { id: REQUEST.id } })).toMatchObject({
      bankIds: [E.bankA, E.bankB],
      financingIds: REQUEST.financingIds,
      validUntil: day('2026-03-10'),
      status: 'OPEN',
      blockNumber: 7n,
    });
    expect((await harness.db.financing.findUnique({ where: { id: 'v-q:tx1:2' } }))?.quoteRequestId).toBe(
      REQUEST.id,
    );
    expect((await harness.db.voucher.findUnique({ where: { id: 'v-q' } }))?.quoteRequestId).toBe(REQUEST.id);
  });

  it('shows the applicant every bank’s offer with its terms', async () => {
    const seen = dataOf(await harness.graphql(VIEW, { id: REQUEST.id }, userOf('tier1', 'clerk')));
    expect(seen).toEqual({
      quoteRequest: {
        id: REQUEST.id,
        status: 'OPEN',
        validUntil: '2026-03-10',
        acceptedFinancing: null,
        offers: [
          {
            id: 'v-q:tx1:1',
            bank: { id: E.bankA },
            status: 'OFFERED',
            terms: { ...OFFERED_TERMS, netProceeds: '89000' },
          },
          {
            id: 'v-q:tx1:2',
            bank: { id: E.bankB },
            status: 'OFFERED',
            terms: { ...OFFERED_TERMS, netProceeds: '88500' },
          },
        ],
      },
    });
  });

  it('shows each bank its own financing only: never another bank’s terms, status or identity', async () => {
    for (const [who, own] of [
      ['bankA', 'v-q:tx1:1'],
      ['bankB', 'v-q:tx1:2'],
    ] as const) {
      const seen = dataOf<{ quoteRequest: { offers: { id: string; bank: { id: string } }[] } }>(
        await harness.graphql(VIEW, { id: REQUEST.id }, userOf(who, 'clerk')),
      );
      expect(seen.quoteRequest.offers.map((offer) => [offer.id, offer.bank.id])).toEqual([[own, E[who]]]);
    }
    expect(dataOf(await harness.graphql(VIA_FINANCING, { id: 'v-q:tx1:1' }, userOf('bankB')))).toEqual({
      financing: null,
    });
    expect(dataOf(await harness.graphql(VIA_FINANCING, { id: 'v-q:tx1:2' }, userOf('bankB')))).toEqual({
      financing: { id: 'v-q:tx1:2', quoteRequest: { id: REQUEST.id } },
    });
  });

  it('hides the request from everyone else, the debtor included', async () => {
    for (const who of ['core', 'tier2', 'carrier'] as const) {
      expect(dataOf(await harness.graphql(VIEW, { id: REQUEST.id }, userOf(who)))).toEqual({
        quoteRequest: null,
      });
    }
    expect(dataOf(await harness.graphql(VIA_FINANCING, { id: 'v-q:tx1:1' }, userOf('core')))).toEqual({
      financing: { id: 'v-q:tx1:1', quoteRequest: null },
    });
  });

  it('sends a request with the banks sorted', async () => {
    const variables = { v: 'v-free', banks: [E.bankB, E.bankA], until: '2026-03-10' };
    expect(codesOf(await harness.graphql(REQUEST_QUOTES, variables, userOf('tier1', 'clerk')))).toEqual([]);
    expect(submissions.map((call) => [call.call, call.args])).toEqual([
      ['quotes.RequestQuotes', ['v-free', JSON.stringify([E.bankA, E.bankB]), '2026-03-10']],
    ]);
  });

  it('refuses one bank, a bank twice, a bad date or a bank user before the ledger', async () => {
    const ask = (banks: string[], until = '2026-03-10', user = userOf('tier1')) =>
      harness.graphql(REQUEST_QUOTES, { v: 'v-free', banks, until }, user);
    expect(codesOf(await ask([E.bankA]))).toEqual(['INVALID_ARGUMENT']);
    expect(codesOf(await ask([E.bankA, E.bankA]))).toEqual(['INVALID_ARGUMENT']);
    expect(codesOf(await ask([E.bankA, E.bankB], '2026-02-30'))).toEqual(['INVALID_ARGUMENT']);
    expect(codesOf(await ask([E.bankA, E.bankB], '2026-03-10', userOf('bankA')))).toEqual(['FORBIDDEN']);
    expect(submissions).toEqual([]);
  });

  it('has accepting, withdrawing and expiring a request endorsed by the applicant’s, the debtor’s and every bank’s org', async () => {
    const endorsers = ['BankMSP', 'Org1MSP'];
    expect(codesOf(await harness.graphql(ACCEPT, { id: 'v-q:tx1:1' }, userOf('tier1')))).toEqual([]);
    expect(codesOf(await harness.graphql(WITHDRAW, { id: REQUEST.id }, userOf('tier1')))).toEqual([]);
    expect(codesOf(await harness.graphql(EXPIRE, { id: REQUEST.id }, userOf('carrier')))).toEqual([]);
    expect(submissions.map((call) => [call.call, call.args, call.endorsingOrganizations])).toEqual([
      ['financing.Accept', ['v-q:tx1:1'], endorsers],
      ['quotes.WithdrawQuoteRequest', [REQUEST.id], endorsers],
      ['quotes.ExpireQuoteRequest', [REQUEST.id], endorsers],
    ]);
  });

  it('leaves a plain acceptance to the gateway, and refuses an unknown request before the ledger', async () => {
    expect(codesOf(await harness.graphql(ACCEPT, { id: 'f-plain' }, userOf('tier1')))).toEqual([]);
    expect(submissions.map((call) => [call.call, call.endorsingOrganizations])).toEqual([
      ['financing.Accept', undefined],
    ]);
    submissions.length = 0;
    expect(codesOf(await harness.graphql(WITHDRAW, { id: 'nope' }, userOf('tier1')))).toEqual(['NOT_FOUND']);
    expect(codesOf(await harness.graphql(WITHDRAW, { id: REQUEST.id }, userOf('bankA')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(submissions).toEqual([]);
  });
});
