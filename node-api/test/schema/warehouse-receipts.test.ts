import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerClient, type ScfLedger } from '../../src/ledger/scf-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { E, financing, proof, seedEnterprises, userOf } from '../support/read-model-seed.ts';

/**
 * Warehouse receipts in the API. The carrier keeps W1 (pledged to bank A for financing f) and W2 (free)
 * for tier 1, and W3 for tier 2. Bank B was never asked to finance any of them.
 */
const DOC = 'c'.repeat(64);
type Who = Parameters<typeof userOf>[0];

const receipt = (id: string, ownerId: string, status: string, financingId: string | null = null) => ({
  id,
  number: `WR-${id}`,
  keeperId: E.carrier,
  ownerId,
  goods: 'copper',
  quantity: 10,
  unit: 't',
  location: 'bay 1',
  inspectionDocHash: 'd'.repeat(64),
  status,
  issuedAt: new Date('2026-03-01T02:00:00.000Z'),
  financingId,
  ...proof(),
});

describe('warehouse receipts in the API', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts(() => ({ id: 'W9' }));
    calls = fake.calls;
    const ledger: ScfLedger = {
      ...ledgerClient(fake.contractOf),
      waitForBlock: () => Promise.resolve(),
      tracked: (tracking) => ledgerClient(fake.contractOf, tracking),
    };
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    const db = harness.db;
    await seedEnterprises(db);
    await db.warehouseReceipt.createMany({
      data: [
        receipt('W1', E.tier1, 'PLEDGED', 'f'),
        receipt('W2', E.tier1, 'ISSUED'),
        receipt('W3', E.tier2, 'ISSUED'),
      ],
    });
    await db.financing.create({
      data: financing({
        id: 'f',
        voucherId: null,
        receiptId: 'W1',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.tier1,
        status: 'DISBURSED',
      }),
    });
    await db.documentOwner.create({
      data: { sha256: DOC, enterpriseId: E.carrier, uploadedBy: 'user-carrier', uploadedAt: new Date() },
    });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const receiptsOf = async (who: Who): Promise<string[]> =>
    dataOf(
      await harness.graphql<{ warehouseReceipts: { edges: { node: { id: string } }[] } }>(
        '{ warehouseReceipts(first: 10, orderBy: { field: NUMBER, direction: ASC }) { edges { node { id } } } }',
        {},
        userOf(who, 'clerk'),
      ),
    ).warehouseReceipts.edges.map((edge) => edge.node.id);

  it('shows a receipt to its keeper, its owner and the bank it is pledged to only', async () => {
    expect(await receiptsOf('carrier')).toEqual(['W1', 'W2', 'W3']);
    expect(await receiptsOf('tier1')).toEqual(['W1', 'W2']);
    expect(await receiptsOf('tier2')).toEqual(['W3']);
    expect(await receiptsOf('bankA')).toEqual(['W1']);
    for (const outsider of ['bankB', 'core'] as const) expect(await receiptsOf(outsider)).toEqual([]);
  });

  it('links the financing to its receipt, for the bank; not to a voucher', async () => {
    const seen = dataOf(
      await harness.graphql<{ financing: unknown }>(
        'query { financing(id: "f") { voucherId voucher { id } receiptId receipt { number status } } }',
        {},
        userOf('bankA'),
      ),
    );
    expect(seen.financing).toEqual({
      voucherId: null,
      voucher: null,
      receiptId: 'W1',
      receipt: { number: 'WR-W1', status: 'PLEDGED' },
    });
  });

  it('sends each mutation to the warehouse contract with its arguments', async () => {
    const issue = await harness.graphql(
      `mutation($input: IssueReceiptInput!) { issueReceipt(input: $input) { transactionId } }`,
      {
        input: {
          number: 'WR-9',
          ownerId: '91320500MA1N2J3Q4K',
          goods: 'copper',
          quantity: 5,
          unit: 't',
          location: 'bay 2',
          inspectionDocSha256: DOC,
        },
      },
      userOf('carrier', 'clerk'),
    );
    expect(issue.errors).toBeUndefined();
    await harness.graphql(
      'mutation { pledgeReceipt(id: "W2", bankId: "E-BANKB", amount: "100", maturityDate: "2026-09-01") { transactionId } }',
      {},
      userOf('tier1', 'clerk'),
    );
    await harness.graphql(
      'mutation { recordReceiptRepayment(financingId: "f", paymentReference: "R-1") { transactionId } }',
      {},
      userOf('bankA'),
    );
    expect(calls.map((call) => [call.call, call.args])).toEqual([
      ['warehouse.Issue', ['WR-9', '91320500MA1N2J3Q4K', 'copper', '5', 't', 'bay 2', DOC]],
      ['warehouse.Pledge', ['W2', 'E-BANKB', '100', '2026-09-01']],
      ['warehouse.Repay', ['f', 'R-1']],
    ]);
  });

  it.each([
    [
      'a supplier issuing',
      'tier1',
      'approver',
      'issueReceipt(input: { number: "X", ownerId: "91320500MA1N2J3Q4K", goods: "g", quantity: 1, unit: "t", location: "l", inspectionDocSha256: "' +
        DOC +
        '" })',
    ],
    [
      'a bank pledging',
      'bankA',
      'approver',
      'pledgeReceipt(id: "W2", bankId: "E-BANKA", amount: "1", maturityDate: "2026-09-01")',
    ],
    ['an owner clerk asking for release', 'tier1', 'clerk', 'requestReceiptRelease(id: "W2")'],
    ['a bank clerk consenting', 'bankA', 'clerk', 'consentReceiptRelease(id: "W1")'],
    ['a supplier consenting', 'tier1', 'approver', 'consentReceiptRelease(id: "W1")'],
    ['a bank confirming goods out', 'bankA', 'approver', 'confirmGoodsOut(id: "W1")'],
    [
      'a bank clerk recording a repayment',
      'bankA',
      'clerk',
      'recordReceiptRepayment(financingId: "f", paymentReference: "R")',
    ],
  ] as const)('refuses %s before the ledger', async (_what, who, role, mutation) => {
    const result = await harness.graphql(`mutation { ${mutation} { transactionId } }`, {}, userOf(who, role));
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(calls).toEqual([]);
  });
});
