import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvent } from '../../src/projector/event-writer.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { creditLine, E, financing, proof, seedEnterprises, userOf } from '../support/read-model-seed.ts';

const QUERY = `{ consortiumExposure { debtor { id } outstandingVouchers financedOutstanding exposureCap capRoom
  myLine { id limit used } myExposure } }`;

interface Row {
  debtor: { id: string };
  outstandingVouchers: string;
  financedOutstanding: string;
  exposureCap: string | null;
  capRoom: string | null;
  myLine: { id: string; limit: string; used: string } | null;
  myExposure: string;
}

/** Writes one event's exposure entries as the projector does, in its own SQL transaction. */
async function project(
  harness: ApiHarness,
  transactionId: string,
  exposure: { debtorId: string; measure: 'vouchers' | 'financed'; amount: string }[],
): Promise<void> {
  await harness.db.$transaction((tx) =>
    writeEvent(
      tx,
      { records: [], terms: [], exposure, writeOffBooks: [] },
      { transactionId, blockNumber: 7n },
    ),
  );
}

describe('consortium-wide exposure per core enterprise, for banks', () => {
  let harness: ApiHarness;

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    // Core confirmed 1,000 + 500 fen, paid 300; bank A financed 300 (settled later), bank B 200.
    await project(harness, 'tx-confirm-1', [{ debtorId: E.core, measure: 'vouchers', amount: '1000' }]);
    await project(harness, 'tx-confirm-2', [{ debtorId: E.core, measure: 'vouchers', amount: '500' }]);
    await project(harness, 'tx-disburse-a', [{ debtorId: E.core, measure: 'financed', amount: '300' }]);
    await project(harness, 'tx-disburse-b', [{ debtorId: E.core, measure: 'financed', amount: '200' }]);
    await project(harness, 'tx-pay-a', [
      { debtorId: E.core, measure: 'financed', amount: '-300' },
      { debtorId: E.core, measure: 'vouchers', amount: '-300' },
    ]);
    // A replayed event adds nothing twice.
    await project(harness, 'tx-disburse-b', [{ debtorId: E.core, measure: 'financed', amount: '200' }]);
    await harness.db.financing.createMany({
      data: [
        financing({
          id: 'F-A',
          voucherId: 'V-A',
          applicantId: E.tier1,
          bankId: E.bankA,
          debtorId: E.core,
          amount: 300n,
          status: 'SETTLED',
        }),
        financing({
          id: 'F-B',
          voucherId: 'V-B',
          applicantId: E.tier1,
          bankId: E.bankB,
          debtorId: E.core,
          amount: 200n,
          status: 'DISBURSED',
        }),
      ],
    });
    await harness.db.creditLine.createMany({
      data: [creditLine(E.bankB, E.core, 5_000n, 200n), creditLine(E.bankA, E.core, 9_000n, 0n)],
    });
    await harness.db.charter.create({
      data: {
        id: 'consortium',
        version: 2,
        members: [{ mspId: 'BankMSP', kinds: ['BANK'] }],
        ratePublishers: ['BankMSP'],
        rateQuorum: 1,
        exposureCaps: { [E.core]: '1200' },
        ...proof(),
      },
    });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('shows bank B the consortium totals and the cap beside its own line and exposure', async () => {
    const rows = dataOf(
      await harness.graphql<{ consortiumExposure: Row[] }>(QUERY, {}, userOf('bankB')),
    ).consortiumExposure;
    expect(rows).toEqual([
      {
        debtor: { id: E.core },
        outstandingVouchers: '1200',
        financedOutstanding: '200',
        exposureCap: '1200',
        capRoom: '1000',
        myLine: { id: `${E.bankB}:${E.core}`, limit: '5000', used: '200' },
        myExposure: '200',
      },
      {
        debtor: { id: E.otherCore },
        outstandingVouchers: '0',
        financedOutstanding: '0',
        exposureCap: null,
        capRoom: null,
        myLine: null,
        myExposure: '0',
      },
    ]);
  });

  it('names no other bank: bank A sees its own figures only beside the same totals', async () => {
    const answer = await harness.graphql<{ consortiumExposure: Row[] }>(QUERY, {}, userOf('bankA'));
    const [core] = dataOf(answer).consortiumExposure;
    expect(core).toMatchObject({ financedOutstanding: '200', myExposure: '0', myLine: { limit: '9000' } });
    expect(JSON.stringify(answer)).not.toContain(E.bankB);
  });

  it('is for banks only', async () => {
    for (const who of ['tier1', 'core'] as const) {
      expect(codesOf(await harness.graphql(QUERY, {}, userOf(who)))).toEqual(['FORBIDDEN']);
    }
  });

  it('shows the caps in the charter’s terms', async () => {
    const answer = await harness.graphql<{ charter: { terms: { exposureCaps: unknown[] } } }>(
      '{ charter { terms { exposureCaps { debtorId cap } } } }',
      {},
      userOf('tier1'),
    );
    expect(dataOf(answer).charter.terms.exposureCaps).toEqual([{ debtorId: E.core, cap: '1200' }]);
  });
});
