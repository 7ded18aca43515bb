import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerClient, type ScfLedger } from '../../src/ledger/scf-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { dataOf } from '../support/graphql-data.ts';
import { E, financing, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

const PREPARE = `mutation($input: PrepareActionInput!) { prepareAction(input: $input) { projection } }`;
const APPROVE = 'mutation($id: ID!) { approveAction(id: $id) { projection } }';
const PREPARED =
  'query($id: ID!) { approval(id: $id) { action preparedOffer { advanceRateBps spreadBps fees validUntil recourse } } }';

const OFFER = {
  advanceRateBps: 9000,
  spreadBps: 80,
  fees: '50000',
  validUntil: '2026-01-20',
  recourse: true,
};
/** What the bank's own peer holds for the prepared offer (approval:GetTerms). */
const KEPT = { ...OFFER, salt: 'ab'.repeat(16) };
/** The node's own org (the harness's) and the applicant's host org (the seed's). */
const ORGS = ['SupplierMSP', 'Org1MSP'];

/**
 * An offer under four eyes: its terms travel in the transient map only, to the bank's and the
 * applicant's peers; the approver's node reads them back from its own peer and sends them again.
 */
describe('a four-eyes offer: prepared and approved with its terms kept off the approval', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts((call) => (call.call === 'approval.GetTerms' ? KEPT : { id: 'recorded' }));
    calls = fake.calls;
    const ledger: ScfLedger = {
      ...ledgerClient(fake.contractOf),
      waitForBlock: () => Promise.resolve(),
      tracked: (tracking) => ledgerClient(fake.contractOf, tracking),
    };
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
    await harness.db.voucher.create({ data: voucher({ id: 'V-OF', debtorId: E.core, holderId: E.tier1 }) });
    await harness.db.financing.create({
      data: financing({
        id: 'F-OF',
        voucherId: 'V-OF',
        status: 'APPLIED',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
      }),
    });
    const at = new Date('2026-01-05T02:00:00.000Z');
    await harness.db.approval.create({
      data: {
        id: 'A-OFFER',
        enterpriseId: E.bankA,
        action: 'financing:Offer',
        args: { financingId: 'F-OF', termsHash: 'c'.repeat(64) },
        preparedByMsp: 'BankMSP',
        preparedBy: 'x509::/OU=client/CN=banka.clerk.0a1b2c3d::/CN=ca.banka',
        preparedAt: at,
        status: 'PENDING',
        createdAt: at,
        updatedAt: at,
        updatedBy: `${E.bankA}/clerk@BankMSP`,
        txId: 'a'.repeat(64),
        blockNumber: 100n,
      },
    });
    // An embedded database starts first: more than the default 10 s on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('prepares an offer with its terms, salted, in the transient map to the bank and the applicant only', async () => {
    const input = { offer: { financingId: 'F-OF', terms: OFFER } };
    dataOf(await harness.graphql(PREPARE, { input }, userOf('bankA', 'clerk')));
    expect(calls.map((call) => [call.call, ...call.args])).toEqual([
      ['approval.Prepare', 'financing:Offer', JSON.stringify({ financingId: 'F-OF' })],
    ]);
    const [prepared] = calls;
    const terms = JSON.parse(prepared?.transient.terms ?? '{}') as Record<string, unknown>;
    expect(terms).toEqual({ ...OFFER, salt: expect.stringMatching(/^[0-9a-f]{32}$/) as string });
    expect(prepared?.endorsingOrganizations).toEqual(ORGS);
  });

  it('sends no transient map, and leaves endorsement to the gateway, for any other action', async () => {
    const input = { payVoucher: { voucherId: 'V-OF', paymentReference: 'PAY-1' } };
    dataOf(await harness.graphql(PREPARE, { input }, userOf('core', 'clerk')));
    expect(calls.map((call) => [call.call, call.transient, call.endorsingOrganizations])).toEqual([
      ['approval.Prepare', {}, undefined],
    ]);
  });

  it('approves with the terms its own peer keeps, sent again to the bank and the applicant only', async () => {
    dataOf(await harness.graphql(APPROVE, { id: 'A-OFFER' }, userOf('bankA')));
    expect(calls.map((call) => [call.via, call.call, ...call.args])).toEqual([
      ['evaluate', 'approval.GetTerms', 'A-OFFER'],
      ['submit', 'approval.Approve', 'A-OFFER', ''],
    ]);
    expect(JSON.parse(calls[1]?.transient.terms ?? '{}')).toEqual(KEPT);
    expect(calls[1]?.endorsingOrganizations).toEqual(ORGS);
  });

  it("shows the prepared terms to the bank's approver only", async () => {
    const read = async (who: 'bankA' | 'bankB', role: 'approver' | 'clerk') =>
      dataOf(await harness.graphql<{ approval: unknown }>(PREPARED, { id: 'A-OFFER' }, userOf(who, role)))
        .approval;
    expect(await read('bankA', 'approver')).toEqual({
      action: 'OFFER',
      preparedOffer: {
        advanceRateBps: 9000,
        spreadBps: 80,
        fees: '50000',
        validUntil: '2026-01-20',
        recourse: true,
      },
    });
    expect(await read('bankA', 'clerk')).toEqual({ action: 'OFFER', preparedOffer: null });
    expect(await read('bankB', 'approver')).toBeNull();
    expect(calls.map((call) => call.call)).toEqual(['approval.GetTerms']);
  });
});
