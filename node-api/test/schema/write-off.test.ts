import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WriteOffBook } from '@scf/ledger-contract';
import type { ScfLedger } from '../../src/ledger/scf-ledger.ts';
import { prepareEvent, writeEvent } from '../../src/projector/event-writer.ts';
import { businessToday } from '../../src/schema/dashboard/business-day.ts';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { day, E, financing, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

/**
 * Write-down by stage in the API, with worked numbers. Bank A's stages: 1–30 days 0 %, 31–90 20 %,
 * 91–180 50 %, beyond 180 100 %. Its disbursed, unpaid financings by days past maturity today:
 * current −10 days 1,000,000.00 yuan; 5 days 1,000,000.00; 30 days 500,000.00; 31 days 333,333.33;
 * 100 days 800,000.00; 181 days 100,000.00; and one of 200,000.00 at 200 days written off by hand.
 * Bank B has one 40 days overdue; bank A has one SETTLED and one ACCEPTED, neither counted.
 */
const TODAY = businessToday();
const shift = (days: number): string =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const STAGES = [
  { fromDay: 1, toDay: 30, writeDownBps: 0 },
  { fromDay: 31, toDay: 90, writeDownBps: 2_000 },
  { fromDay: 91, toDay: 180, writeDownBps: 5_000 },
  { fromDay: 181, writeDownBps: 10_000 },
];
const SALT = 'ab'.repeat(16);

/** [id, bank, days overdue, amount in fen, status] */
const BOOK: [string, 'bankA' | 'bankB', number, bigint, string][] = [
  ['cur', 'bankA', -10, 100_000_000n, 'DISBURSED'],
  ['d5', 'bankA', 5, 100_000_000n, 'DISBURSED'],
  ['d30', 'bankA', 30, 50_000_000n, 'DISBURSED'],
  ['d31', 'bankA', 31, 33_333_333n, 'DISBURSED'],
  ['d100', 'bankA', 100, 80_000_000n, 'DISBURSED'],
  ['d181', 'bankA', 181, 10_000_000n, 'DISBURSED'],
  ['off', 'bankA', 200, 20_000_000n, 'DISBURSED'],
  ['paid', 'bankA', 50, 70_000_000n, 'SETTLED'],
  ['acc', 'bankA', -20, 70_000_000n, 'ACCEPTED'],
  ['b40', 'bankB', 40, 40_000_000n, 'DISBURSED'],
];

function bookOfBankA(stages = STAGES, txId = 'a'.repeat(64)): WriteOffBook {
  return {
    bankId: E.bankA,
    stages,
    stagesSetAt: '2026-03-01T02:00:00.000Z',
    stagesSetBy: 'x509::/CN=bank-a-approver::/CN=ca',
    writeOffs: [
      {
        financingId: 'off',
        voucherId: 'v-off',
        debtorId: E.core,
        amount: '20000000',
        maturityDate: shift(-200),
        daysOverdue: 200,
        reason: 'debtor insolvent',
        approvedBy: 'x509::/CN=bank-a-approver::/CN=ca',
        approvedByLabel: `${E.bankA}/approver@BankMSP`,
        recordedAt: '2026-03-02T02:00:00.000Z',
        txId,
      },
    ],
    salt: SALT,
    updatedAt: '2026-03-02T02:00:00.000Z',
    txId,
  };
}

const WRITE_DOWNS = `query($asOf: Date) { dashboard { writeDowns(asOf: $asOf) {
  asOf configured current { count exposure writtenDown net }
  stages { stage { fromDay toDay writeDownBps } count exposure writtenDown net }
  writtenOff { count exposure writtenDown net } total { count exposure writtenDown net } } } }`;

interface WriteDownsAnswer {
  dashboard: { writeDowns: Record<string, unknown> | null };
}

const line = (count: number, exposure: string, writtenDown: string, net: string) => ({
  count,
  exposure,
  writtenDown,
  net,
});

describe('write-off stages and write-downs in the API', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];
  let orgBook: WriteOffBook | { forbidden: true } = { forbidden: true };

  beforeAll(async () => {
    const fake = fakeContracts((call) =>
      call.call === 'writeoff.GetOrgBook' ? orgBook : { bankId: E.bankA },
    );
    calls = fake.calls;
    const ledger = ledgerOver(fake.contractOf);
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
    for (const [id, bank, days, amount, status] of BOOK) {
      const maturityDate = day(shift(-days));
      const owed = { debtorId: E.core, amount, maturityDate };
      const settled = status === 'SETTLED';
      await harness.db.voucher.create({
        data: voucher({
          id: `v-${id}`,
          ...owed,
          holderId: E[bank],
          status: settled ? 'SETTLED' : days > 0 ? 'OVERDUE' : 'FINANCED',
          financingId: id,
        }),
      });
      await harness.db.financing.create({
        data: financing({ id, voucherId: `v-${id}`, applicantId: E.tier1, bankId: E[bank], ...owed, status }),
      });
    }
    // Bank A's book as its projector writes it from the event of its last write.
    orgBook = bookOfBankA();
    const prepared = await prepareEvent(
      harness.db,
      ledger,
      new TextEncoder().encode(JSON.stringify({ records: [], writeOffBooks: [E.bankA] })),
    );
    await harness.db.$transaction((tx) =>
      writeEvent(tx, prepared, { transactionId: 'a'.repeat(64), blockNumber: 40n }),
    );
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const writeDownsOf = async (who: Parameters<typeof userOf>[0], asOf?: string) =>
    dataOf(await harness.graphql<WriteDownsAnswer>(WRITE_DOWNS, { asOf }, userOf(who, 'clerk'))).dashboard
      .writeDowns;

  it('puts each of bank A’s financings in the stage of its days overdue and writes each stage down', async () => {
    expect(await writeDownsOf('bankA')).toEqual({
      asOf: TODAY,
      configured: true,
      current: line(1, '100000000', '0', '100000000'),
      stages: [
        { stage: { fromDay: 1, toDay: 30, writeDownBps: 0 }, ...line(2, '150000000', '0', '150000000') },
        // 33,333,333 × 20 % = 6,666,666.6, rounded half up.
        {
          stage: { fromDay: 31, toDay: 90, writeDownBps: 2000 },
          ...line(1, '33333333', '6666667', '26666666'),
        },
        {
          stage: { fromDay: 91, toDay: 180, writeDownBps: 5000 },
          ...line(1, '80000000', '40000000', '40000000'),
        },
        {
          stage: { fromDay: 181, toDay: null, writeDownBps: 10000 },
          ...line(1, '10000000', '10000000', '0'),
        },
      ],
      writtenOff: line(1, '20000000', '20000000', '0'),
      total: line(7, '393333333', '76666667', '316666666'),
    });
  });

  it('moves a financing to the next stage by date alone', async () => {
    const tomorrow = await writeDownsOf('bankA', shift(1));
    // The 30-day one is 31 days overdue tomorrow: 83,333,333 × 20 % = 16,666,666.6 → 16,666,667.
    expect(tomorrow?.stages).toMatchObject([
      line(1, '100000000', '0', '100000000'),
      line(2, '83333333', '16666667', '66666666'),
      line(1, '80000000', '40000000', '40000000'),
      line(1, '10000000', '10000000', '0'),
    ]);
    expect(tomorrow?.total).toEqual(line(7, '393333333', '86666667', '306666666'));
  });

  it('shows another bank only its own book, unconfigured at 0 %; an SME nothing', async () => {
    expect(await writeDownsOf('bankB')).toEqual({
      asOf: TODAY,
      configured: false,
      current: line(0, '0', '0', '0'),
      stages: [
        { stage: { fromDay: 1, toDay: null, writeDownBps: 0 }, ...line(1, '40000000', '0', '40000000') },
      ],
      writtenOff: line(0, '0', '0', '0'),
      total: line(1, '40000000', '0', '40000000'),
    });
    expect(await writeDownsOf('tier1')).toBeNull();
    const stagesOf = `query { writeOffStages { configured stages { fromDay toDay writeDownBps } setBy }
      writeOffs { financingId reason amount daysOverdue approvedBy } }`;
    expect(dataOf(await harness.graphql(stagesOf, {}, userOf('bankA', 'clerk')))).toEqual({
      writeOffStages: {
        configured: true,
        stages: STAGES.map((stage) => ({ toDay: null, ...stage })),
        setBy: 'x509::/CN=bank-a-approver::/CN=ca',
      },
      writeOffs: [
        {
          financingId: 'off',
          reason: 'debtor insolvent',
          amount: '20000000',
          daysOverdue: 200,
          approvedBy: 'x509::/CN=bank-a-approver::/CN=ca',
        },
      ],
    });
    expect(dataOf(await harness.graphql(stagesOf, {}, userOf('bankB')))).toEqual({
      writeOffStages: {
        configured: false,
        stages: [{ fromDay: 1, toDay: null, writeDownBps: 0 }],
        setBy: null,
      },
      writeOffs: [],
    });
    expect(codesOf(await harness.graphql(stagesOf, {}, userOf('tier1')))).toEqual(['FORBIDDEN']);
    const writeOffOf = 'query { financing(id: "off") { id writeOff { reason } } }';
    expect(dataOf(await harness.graphql(writeOffOf, {}, userOf('bankA', 'clerk')))).toEqual({
      financing: { id: 'off', writeOff: { reason: 'debtor insolvent' } },
    });
    // The applicant sees the financing, never its bank's write-off.
    expect(dataOf(await harness.graphql(writeOffOf, {}, userOf('tier1')))).toEqual({
      financing: { id: 'off', writeOff: null },
    });
  });

  it('replaces the stages whole when the book changes; another org’s node fetches nothing', async () => {
    orgBook = bookOfBankA([{ fromDay: 1, writeDownBps: 10_000 }], 'b'.repeat(64));
    const ledger = { writeoff: { GetOrgBook: () => Promise.resolve(orgBook) } } as unknown as ScfLedger;
    const payload = new TextEncoder().encode(JSON.stringify({ records: [], writeOffBooks: [E.bankA] }));
    const prepared = await prepareEvent(harness.db, ledger, payload);
    await harness.db.$transaction((tx) =>
      writeEvent(tx, prepared, { transactionId: 'b'.repeat(64), blockNumber: 41n }),
    );
    const rows = await harness.db.writeOffStage.findMany({ where: { bankId: E.bankA } });
    expect(rows.map((row) => [row.position, row.fromDay, row.toDay, row.writeDownBps])).toEqual([
      [1, 1, null, 10_000],
    ]);
    expect(await harness.db.writeOff.count()).toBe(1);
    orgBook = bookOfBankA();
    await harness.db.$transaction(async (tx) =>
      writeEvent(tx, await prepareEvent(harness.db, ledger, payload), {
        transactionId: 'c'.repeat(64),
        blockNumber: 42n,
      }),
    );
    expect(await harness.db.writeOffStage.count({ where: { bankId: E.bankA } })).toBe(4);
  });

  it('sends the stages and a write-off in the transient map only, endorsed by this org alone', async () => {
    const set = `mutation($stages: [WriteOffStageInput!]!) { setWriteOffStages(stages: $stages) { projection } }`;
    expect(codesOf(await harness.graphql(set, { stages: STAGES }, userOf('bankA')))).toEqual([]);
    const record = `mutation { recordWriteOff(financingId: "d100", reason: "fraud found") { projection } }`;
    expect(codesOf(await harness.graphql(record, {}, userOf('bankA', 'admin')))).toEqual([]);
    expect(calls.map((call) => [call.call, call.args, call.endorsingOrganizations])).toEqual([
      ['writeoff.SetStages', [], ['SupplierMSP']],
      ['writeoff.Record', [], ['SupplierMSP']],
    ]);
    const [stagesCall, recordCall] = calls;
    const sentStages = JSON.parse(stagesCall?.transient.stages ?? '{}') as { stages: unknown; salt: string };
    expect(sentStages.stages).toEqual(STAGES);
    expect(sentStages.salt).toMatch(/^[0-9a-f]{32}$/);
    const sentWriteOff = JSON.parse(recordCall?.transient.writeOff ?? '{}') as Record<string, string>;
    expect(sentWriteOff).toMatchObject({ financingId: 'd100', reason: 'fraud found' });
    expect(sentWriteOff.salt).not.toBe(sentStages.salt);
  });

  it('refuses bad stages before the ledger, and anyone but a bank approver', async () => {
    const set = `mutation($stages: [WriteOffStageInput!]!) { setWriteOffStages(stages: $stages) { projection } }`;
    const refused = async (stages: unknown, who: Parameters<typeof userOf>[0] = 'bankA', role = 'approver') =>
      codesOf(await harness.graphql(set, { stages }, userOf(who, role as 'approver')));
    expect(await refused([])).toEqual(['INVALID_ARGUMENT']);
    const gap = await harness.graphql(
      set,
      {
        stages: [
          { fromDay: 1, toDay: 30, writeDownBps: 0 },
          { fromDay: 32, writeDownBps: 100 },
        ],
      },
      userOf('bankA'),
    );
    expect(gap.errors?.[0]?.message).toBe('stage 2 must start on day 31 overdue, got 32');
    expect(await refused([{ fromDay: 1, toDay: 30, writeDownBps: 0 }])).toEqual(['INVALID_ARGUMENT']);
    expect(
      await refused([
        { fromDay: 1, toDay: 30, writeDownBps: 500 },
        { fromDay: 31, writeDownBps: 400 },
      ]),
    ).toEqual(['INVALID_ARGUMENT']);
    expect(await refused([{ fromDay: 1, writeDownBps: 10_001 }])).toEqual(['INVALID_ARGUMENT']);
    expect(await refused(STAGES, 'bankA', 'clerk')).toEqual(['FORBIDDEN']);
    expect(await refused(STAGES, 'tier1')).toEqual(['FORBIDDEN']);
    expect(await refused(STAGES, 'core')).toEqual(['FORBIDDEN']);
    const record = `mutation { recordWriteOff(financingId: "d100", reason: "x") { projection } }`;
    expect(codesOf(await harness.graphql(record, {}, userOf('bankA', 'clerk')))).toEqual(['FORBIDDEN']);
    expect(codesOf(await harness.graphql(record, {}, userOf('tier1')))).toEqual(['FORBIDDEN']);
    expect(calls).toEqual([]);
  });
});
