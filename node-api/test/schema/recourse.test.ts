import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Financing, OfferTerms } from '@scf/ledger-contract';
import { ledgerClient, type ScfLedger } from '../../src/ledger/scf-ledger.ts';
import { prepareEvent, writeEvent } from '../../src/projector/event-writer.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { day, E, financing, seedEnterprises, terms, userOf, voucher } from '../support/read-model-seed.ts';

/** Bank A's offer terms on financing `r1`, as its peer returns them (GetTerms, GetOrgTerms). */
const TERMS: OfferTerms = {
  financingId: 'r1',
  faceAmount: '100000',
  advanceRateBps: 9000,
  financedAmount: '90000',
  lprTenor: '1Y',
  lprBps: 310,
  spreadBps: 90,
  annualRateBps: 400,
  days: 90,
  discountInterest: '900',
  fees: '100',
  netProceeds: '89000',
  validUntil: '2026-04-01',
  recourse: true,
  salt: 'ab'.repeat(16),
};

/** Financing r1 as the ledger holds it after the demand and the buy-back. */
const BOUGHT_BACK: Financing = {
  docType: 'financing',
  id: 'r1',
  voucherId: 'v-r1',
  applicantId: E.tier1,
  bankId: E.bankA,
  debtorId: E.core,
  amount: '100000',
  maturityDate: '2026-09-01',
  status: 'BOUGHT_BACK',
  termsHash: 'e'.repeat(64),
  offerValidUntil: '2026-04-01',
  paymentReference: 'PAY-1',
  recourseDemand: { demandedAt: '2026-09-11T02:00:00.000Z', demandedBy: 'x509::/CN=a', amount: '100000' },
  buyBack: { recordedAt: '2026-09-15T02:00:00.000Z', recordedBy: 'x509::/CN=a', paymentReference: 'BB-1' },
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-09-15T02:00:00.000Z',
  txId: 'c'.repeat(64),
  updatedBy: `${E.bankA}/approver@BankMSP`,
};

const RECOURSE = `query($id: ID!) { financing(id: $id) { status recourse terms { recourse }
  recourseDemand { demandedAt amount } buyBack { recordedAt paymentReference } } }`;
const DEMAND = `mutation($id: ID!) { demandBuyBack(id: $id) { projection } }`;
const RECORD = `mutation($id: ID!, $ref: String!) { recordBuyBack(id: $id, paymentReference: $ref) { projection } }`;

describe('recourse and buy-back in the API', () => {
  let harness: ApiHarness;
  let ledger: ScfLedger;
  let calls: ContractCall[];
  /** What the projector asked the ledger for when it wrote r1's buy-back. */
  let projectorCalls: string[];

  beforeAll(async () => {
    const fake = fakeContracts((call) =>
      call.call === 'financing.GetTerms' || call.call === 'financing.GetOrgTerms' ? TERMS : BOUGHT_BACK,
    );
    calls = fake.calls;
    ledger = {
      ...ledgerClient(fake.contractOf),
      waitForBlock: () => Promise.resolve(),
      tracked: (tracking) => ledgerClient(fake.contractOf, tracking),
    };
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
    const owed = { debtorId: E.core, amount: 100_000n, maturityDate: day('2026-09-01') };
    await harness.db.voucher.createMany({
      data: [
        voucher({ id: 'v-r1', ...owed, holderId: E.bankA, status: 'OVERDUE', financingId: 'r1' }),
        voucher({ id: 'v-r2', ...owed, holderId: E.bankA, status: 'OVERDUE', financingId: 'r2' }),
      ],
    });
    await harness.db.financing.createMany({
      data: [
        financing({ id: 'r1', voucherId: 'v-r1', applicantId: E.tier1, bankId: E.bankA, ...owed }),
        financing({ id: 'r2', voucherId: 'v-r2', applicantId: E.tier1, bankId: E.bankA, ...owed }),
      ].map((row) => ({ ...row, status: 'DISBURSED', termsHash: 'e'.repeat(64) })),
    });
    await harness.db.offerTerms.create({ data: { ...terms('r2', 100_000n), recourse: false } });
    // The projector writes r1's event: it carries the financing as the ledger holds it after the buy-back.
    const payload = new TextEncoder().encode(JSON.stringify({ records: [BOUGHT_BACK] }));
    const prepared = await prepareEvent(harness.db, ledger, payload);
    await harness.db.$transaction((tx) =>
      writeEvent(tx, prepared, { transactionId: 'c'.repeat(64), blockNumber: 50n }),
    );
    projectorCalls = calls.map((call) => call.call);
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('projects the demand, the buy-back and the recourse term from the ledger', async () => {
    expect(projectorCalls).toEqual(['financing.GetOrgTerms']);
    const row = await harness.db.financing.findUnique({ where: { id: 'r1' } });
    expect(row).toMatchObject({
      status: 'BOUGHT_BACK',
      recourseDemandedAt: new Date('2026-09-11T02:00:00.000Z'),
      recourseDemandedBy: 'x509::/CN=a',
      recourseAmount: 100_000n,
      boughtBackAt: new Date('2026-09-15T02:00:00.000Z'),
      boughtBackBy: 'x509::/CN=a',
      buyBackReference: 'BB-1',
    });
    expect((await harness.db.offerTerms.findUnique({ where: { financingId: 'r1' } }))?.recourse).toBe(true);
  });

  it('shows recourse to the bank and the applicant only; the demand and buy-back to the debtor too', async () => {
    const expected = {
      status: 'BOUGHT_BACK',
      recourse: true,
      terms: { recourse: true },
      recourseDemand: { demandedAt: '2026-09-11T02:00:00.000Z', amount: '100000' },
      buyBack: { recordedAt: '2026-09-15T02:00:00.000Z', paymentReference: 'BB-1' },
    };
    for (const who of ['bankA', 'tier1'] as const) {
      expect(dataOf(await harness.graphql(RECOURSE, { id: 'r1' }, userOf(who, 'clerk')))).toEqual({
        financing: expected,
      });
    }
    expect(dataOf(await harness.graphql(RECOURSE, { id: 'r1' }, userOf('core')))).toEqual({
      financing: { ...expected, recourse: null, terms: null },
    });
    expect(dataOf(await harness.graphql(RECOURSE, { id: 'r1' }, userOf('bankB')))).toEqual({
      financing: null,
    });
    expect(dataOf(await harness.graphql(RECOURSE, { id: 'r2' }, userOf('tier1')))).toMatchObject({
      financing: { status: 'DISBURSED', recourse: false, recourseDemand: null, buyBack: null },
    });
  });

  it('sends the demand with the stored terms in the transient map, endorsed by the bank’s and the applicant’s orgs', async () => {
    expect(codesOf(await harness.graphql(DEMAND, { id: 'r2' }, userOf('bankA')))).toEqual([]);
    expect(calls.map((call) => [call.call, call.via, call.args, call.endorsingOrganizations])).toEqual([
      ['financing.GetTerms', 'evaluate', ['r2'], undefined],
      ['recourse.Demand', 'submit', ['r2'], ['SupplierMSP', 'Org1MSP']],
    ]);
    expect(JSON.parse(calls[1]?.transient.terms ?? '{}')).toEqual(TERMS);
  });

  it('sends the buy-back with its payment reference', async () => {
    expect(
      codesOf(await harness.graphql(RECORD, { id: 'r2', ref: 'BB-2' }, userOf('bankA', 'admin'))),
    ).toEqual([]);
    expect(calls.map((call) => [call.call, call.args, call.transient])).toEqual([
      ['recourse.RecordBuyBack', ['r2', 'BB-2'], {}],
    ]);
  });

  it('refuses a clerk, an SME, the debtor and a blank reference before the ledger', async () => {
    for (const user of [userOf('bankA', 'clerk'), userOf('tier1'), userOf('core')]) {
      expect(codesOf(await harness.graphql(DEMAND, { id: 'r2' }, user))).toEqual(['FORBIDDEN']);
      expect(codesOf(await harness.graphql(RECORD, { id: 'r2', ref: 'BB' }, user))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await harness.graphql(RECORD, { id: 'r2', ref: ' ' }, userOf('bankA')))).toEqual([
      'INVALID_ARGUMENT',
    ]);
    expect(calls).toEqual([]);
  });

  it('needs the offer to say with or without recourse', async () => {
    const offer = `mutation { offerFinancing(id: "r2", terms: { advanceRateBps: 9000, spreadBps: 50, fees: "0",
      validUntil: "2026-04-01" }) { projection } }`;
    const answer = await harness.graphql(offer, {}, userOf('bankA'));
    expect(answer.errors?.[0]?.message).toMatch(/recourse/);
    expect(calls).toEqual([]);
  });
});
