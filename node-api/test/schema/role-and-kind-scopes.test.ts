import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf } from '../support/graphql-data.ts';
import { E, seedEnterprises, userOf } from '../support/read-model-seed.ts';

type Who = Parameters<typeof userOf>[0];
type Role = Parameters<typeof userOf>[1];

/**
 * A mutation that names a role and an enterprise kind needs both: a bank clerk may not make an offer
 * because it works at a bank, nor a core approver because it approves. (Pothos reads a scope object
 * with two keys as either/or; these mutations use `$all`.) Each is refused before the ledger is asked.
 */
const CASES: { name: string; mutation: string; refused: [Who, Role][] }[] = [
  {
    name: 'offerFinancing',
    mutation: `mutation { offerFinancing(id: "f1", terms: { advanceRateBps: 9000, spreadBps: 100, fees: "0",
      validUntil: "2030-01-01", recourse: false }) { projection } }`,
    refused: [
      ['bankA', 'clerk'],
      ['core', 'approver'],
    ],
  },
  {
    name: 'disburseFinancing',
    mutation: `mutation { disburseFinancing(id: "f1", paymentReference: "PAY-1") { projection } }`,
    refused: [
      ['bankA', 'clerk'],
      ['tier1', 'approver'],
    ],
  },
  {
    name: 'acceptOffer',
    mutation: `mutation { acceptOffer(id: "f1") { projection } }`,
    refused: [
      ['tier1', 'clerk'],
      ['bankA', 'approver'],
    ],
  },
  {
    name: 'payVoucher',
    mutation: `mutation { payVoucher(voucherId: "v1", paymentReference: "PAY-1") { projection } }`,
    refused: [
      ['core', 'clerk'],
      ['tier1', 'approver'],
    ],
  },
  {
    name: 'confirmInvoice',
    mutation: `mutation { confirmInvoice(id: "i1") { projection } }`,
    refused: [
      ['core', 'clerk'],
      ['tier1', 'approver'],
    ],
  },
  {
    name: 'grantCreditLine',
    mutation: `mutation { grantCreditLine(debtorId: "${E.core}", limit: "100", expiryDate: "2030-01-01") { projection } }`,
    refused: [
      ['bankA', 'clerk'],
      ['core', 'approver'],
    ],
  },
  {
    name: 'publishRate',
    mutation: `mutation { publishRate(tenor: LPR_1Y, rateBps: 300, effectiveDate: "2030-01-01") { projection } }`,
    refused: [
      ['bankA', 'approver'],
      ['core', 'admin'],
    ],
  },
  {
    name: 'splitTransfer',
    mutation: `mutation { splitTransfer(voucherId: "v1", pieces: [{ amount: "100", toEnterpriseId: "${E.tier2}" }])
      { projection } }`,
    refused: [
      ['tier1', 'clerk'],
      ['bankA', 'approver'],
    ],
  },
];

describe('mutations that need a role at an enterprise kind', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts(() => ({}));
    calls = fake.calls;
    const ledger = ledgerOver(fake.contractOf);
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
  });

  afterAll(async () => {
    await harness.stop();
  });

  it.each(CASES)('refuses $name to the wrong role and to the wrong kind, asking no ledger', async (each) => {
    for (const [who, role] of each.refused) {
      const result = await harness.graphql(each.mutation, {}, userOf(who, role));
      expect(codesOf(result), `${each.name} as ${who} ${role}: ${JSON.stringify(result.errors)}`).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(calls).toEqual([]);
  });
});
