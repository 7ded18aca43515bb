import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/session-user.ts';
import type { Context } from '../../src/schema/context.ts';
import { cachedFigure, MAX_ENTRIES } from '../../src/schema/dashboard/figures-cache.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import {
  creditLine,
  day,
  E,
  financing,
  invoice,
  seedEnterprises,
  shipment,
  terms,
  userOf,
  voucher,
} from '../support/read-model-seed.ts';
import { cstDate } from '../support/values.ts';

const TODAY = cstDate(0);

/** Vouchers owed by core, maturing `days` from today (the ladder counts from today). */
const LADDER = [
  { id: 'd1', holder: E.tier1, status: 'ACTIVE', amount: 1000n, days: -1 },
  { id: 'd2', holder: E.tier1, status: 'OVERDUE', amount: 2000n, days: -31 },
  { id: 'd3', holder: E.tier1, status: 'ACTIVE', amount: 3000n, days: 0 },
  { id: 'd4', holder: E.tier1, status: 'ACTIVE', amount: 4000n, days: 30 },
  { id: 'd5', holder: E.tier2, status: 'ACTIVE', amount: 5000n, days: 31 },
  { id: 'd6', holder: E.bankA, status: 'FINANCED', amount: 6000n, days: 90 },
  { id: 'd7', holder: E.tier1, status: 'FINANCING', amount: 7000n, days: 91 },
  { id: 'd8', holder: E.tier1, status: 'ACTIVE', amount: 8000n, days: 180 },
  { id: 'd9', holder: E.tier1, status: 'ACTIVE', amount: 9000n, days: 181 },
  { id: 'd10', holder: E.tier1, status: 'SETTLED', amount: 10_000n, days: -31 },
  { id: 'd11', holder: E.tier1, status: 'SPLIT', amount: 11_000n, days: 30 },
];

async function seed(harness: ApiHarness): Promise<void> {
  const db = harness.db;
  await seedEnterprises(db);
  const lately = '2026-05-15T00:00:00.000Z';
  await db.voucher.createMany({
    data: [
      ...LADDER.map((v) =>
        voucher(
          {
            id: v.id,
            debtorId: E.core,
            holderId: v.holder,
            status: v.status,
            amount: v.amount,
            maturityDate: day(cstDate(v.days)),
          },
          lately,
        ),
      ),
      voucher(
        {
          id: 'o1',
          debtorId: E.otherCore,
          holderId: E.tier2,
          amount: 12_000n,
          maturityDate: day(cstDate(14)),
        },
        lately,
      ),
      // issued in February (root) and split in February (piece): only the root is new debt
      voucher(
        { id: 'vr1', debtorId: E.core, holderId: E.tier1, amount: 5000n, status: 'SETTLED' },
        '2026-02-10T03:00:00.000Z',
      ),
      voucher(
        {
          id: 'vr2',
          debtorId: E.core,
          holderId: E.tier1,
          amount: 2500n,
          status: 'SETTLED',
          tier: 1,
          rootId: 'vr1',
          parentId: 'vr1',
        },
        '2026-02-11T03:00:00.000Z',
      ),
    ],
  });
  const f = (
    id: string,
    voucherId: string,
    bankId: string,
    debtorId: string,
    status: string,
    amount: bigint,
    at?: string,
  ) => financing({ id, voucherId, applicantId: E.tier1, bankId, debtorId, status, amount }, at);
  await db.financing.createMany({
    data: [
      f('fa', 'd6', E.bankA, E.core, 'DISBURSED', 6000n, '2026-03-05T03:00:00.000Z'),
      f('fb', 'y1', E.bankA, E.otherCore, 'ACCEPTED', 20_000n),
      f('fc', 'y2', E.bankA, E.core, 'SETTLED', 50_000n, '2026-01-20T03:00:00.000Z'),
      f('fx', 'd7', E.bankA, E.core, 'APPLIED', 7000n),
      { ...f('fd', 'y3', E.bankB, E.core, 'DISBURSED', 30_000n), applicantId: E.tier2 },
      { ...f('fo1', 'y4', E.bankB, E.core, 'OFFERED', 1000n), offerValidUntil: day('2099-01-01') },
      { ...f('fo2', 'y5', E.bankB, E.core, 'OFFERED', 1000n), offerValidUntil: day('2020-01-01') },
    ],
  });
  await db.offerTerms.createMany({ data: [terms('fa', 6000n), terms('fb', 20_000n), terms('fc', 50_000n)] });
  await db.creditLine.createMany({
    data: [
      creditLine(E.bankA, E.core, 100_000n, 6000n),
      creditLine(E.bankA, E.otherCore, 30_000n, 25_000n),
      creditLine(E.bankB, E.core, 10_000n, 12_000n),
    ],
  });
  const inv = (
    id: string,
    amount: bigint,
    at: string,
    status: string,
    sellerId: string = E.tier1,
    buyerId: string = E.core,
  ) => invoice({ id, sellerId, buyerId, amount, status }, at);
  await db.invoice.createMany({
    data: [
      inv('iv1', 100n, '2026-01-10T00:00:00.000Z', 'REGISTERED'),
      inv('iv2', 200n, '2026-01-31T15:59:59.000Z', 'REGISTERED'), // 23:59:59 on 31 January in China
      inv('iv3', 400n, '2026-01-31T16:00:00.000Z', 'CONFIRMED'), // already 1 February in China
      inv('iv4', 800n, '2026-03-31T16:00:00.000Z', 'REJECTED'), // 1 April in China: after the range
      inv('iv5', 1600n, '2025-12-31T16:00:00.000Z', 'CANCELLED'), // 1 January in China
      inv('iv6', 3200n, '2026-02-03T00:00:00.000Z', 'REGISTERED', E.tier2, E.otherCore),
    ],
  });
  await db.shipment.createMany({
    data: [
      shipment({ id: 's1', invoiceId: 'iv1', logisticsId: E.carrier }),
      shipment({ id: 's2', invoiceId: 'iv1', logisticsId: E.carrier, status: 'DELIVERED' }),
      shipment({ id: 's3', invoiceId: 'iv2', logisticsId: E.carrier }),
    ],
  });
}

const DASHBOARD = `query ($asOf: Date, $from: Date!, $to: Date!) { dashboard {
  asOf
  exposureByDebtor { debtor { id } count amount financedAmount }
  creditLineUsage { line { id } limit used available usageBps }
  maturityLadder(asOf: $asOf) { bucket count amount }
  overdue(asOf: $asOf) { count amount }
  volumes(from: $from, to: $to) { month invoicesRegistered vouchersIssued financingsDisbursed }
  needsMe { invoicesToConfirm vouchersToPay shipmentsToDeliver financingsToOffer financingsToDisburse offersToAnswer invoicesRejected }
} }`;

interface Dashboard {
  asOf: string;
  exposureByDebtor: {
    debtor: { id: string };
    count: number;
    amount: string;
    financedAmount: string | null;
  }[];
  creditLineUsage: {
    line: { id: string };
    limit: string;
    used: string;
    available: string;
    usageBps: number;
  }[];
  maturityLadder: { bucket: string; count: number; amount: string }[];
  overdue: { count: number; amount: string };
  volumes: {
    month: string;
    invoicesRegistered: string;
    vouchersIssued: string;
    financingsDisbursed: string;
  }[];
  needsMe: Record<string, number>;
}

const NOTHING_WAITS = {
  invoicesToConfirm: 0,
  vouchersToPay: 0,
  shipmentsToDeliver: 0,
  financingsToOffer: 0,
  financingsToDisburse: 0,
  offersToAnswer: 0,
  invoicesRejected: 0,
};

const ladder = (...steps: [number, bigint][]): { bucket: string; count: number; amount: string }[] =>
  ['OVERDUE', 'DAYS_0_30', 'DAYS_31_60', 'DAYS_61_90', 'DAYS_91_180', 'DAYS_OVER_180'].map(
    (bucket, index) => {
      const [count, amount] = steps[index] ?? [0, 0n];
      return { bucket, count, amount: amount.toString() };
    },
  );

describe('dashboard', () => {
  let harness: ApiHarness;
  const dashboardOf = async (
    user: SessionUser,
    variables: Record<string, unknown> = {},
  ): Promise<Dashboard> =>
    dataOf(
      await harness.graphql<{ dashboard: Dashboard }>(
        DASHBOARD,
        { asOf: TODAY, from: '2026-01-01', to: '2026-03-31', ...variables },
        user,
      ),
    ).dashboard;

  beforeAll(async () => {
    harness = await startApiHarness();
    await seed(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('core: payables by maturity, overdue, credit lines on it, and what waits for it', async () => {
    const board = await dashboardOf(userOf('core'));
    expect(board.asOf).toBe(TODAY);
    expect(board.maturityLadder).toEqual(
      ladder([2, 3000n], [2, 7000n], [1, 5000n], [1, 6000n], [2, 15_000n], [1, 9000n]),
    );
    expect(board.overdue).toEqual({ count: 2, amount: '3000' });
    expect(board.exposureByDebtor).toEqual([]);
    expect(board.creditLineUsage).toEqual([
      {
        line: { id: `${E.bankB}:${E.core}` },
        limit: '10000',
        used: '12000',
        available: '0',
        usageBps: 12_000,
      },
      {
        line: { id: `${E.bankA}:${E.core}` },
        limit: '100000',
        used: '6000',
        available: '94000',
        usageBps: 600,
      },
    ]);
    expect(board.needsMe).toEqual({ ...NOTHING_WAITS, invoicesToConfirm: 2, vouchersToPay: 3 });
  });

  it('supplier: receivables per debtor, its own ladder, monthly volumes in China time', async () => {
    const board = await dashboardOf(userOf('tier1'));
    expect(board.exposureByDebtor).toEqual([
      { debtor: { id: E.core }, count: 7, amount: '34000', financedAmount: null },
    ]);
    expect(board.maturityLadder).toEqual(
      ladder([2, 3000n], [2, 7000n], [0, 0n], [0, 0n], [2, 15_000n], [1, 9000n]),
    );
    expect(board.creditLineUsage).toEqual([]);
    expect(board.volumes).toEqual([
      { month: '2026-01', invoicesRegistered: '1900', vouchersIssued: '0', financingsDisbursed: '50000' },
      { month: '2026-02', invoicesRegistered: '400', vouchersIssued: '5000', financingsDisbursed: '0' },
      { month: '2026-03', invoicesRegistered: '0', vouchersIssued: '0', financingsDisbursed: '6000' },
    ]);
    expect(board.needsMe).toEqual({ ...NOTHING_WAITS, offersToAnswer: 1, invoicesRejected: 1 });
    const tier2 = await dashboardOf(userOf('tier2'));
    expect(tier2.exposureByDebtor).toEqual([
      { debtor: { id: E.otherCore }, count: 1, amount: '12000', financedAmount: null },
      { debtor: { id: E.core }, count: 1, amount: '5000', financedAmount: null },
    ]);
  });

  // Bank B asks right after bank A, with nothing written between: figures are kept per enterprise.
  it('bank: outstanding accepted and disbursed financings per debtor, its lines, its inbox', async () => {
    const bankA = await dashboardOf(userOf('bankA'));
    expect(bankA.exposureByDebtor).toEqual([
      { debtor: { id: E.otherCore }, count: 1, amount: '20000', financedAmount: '18000' },
      { debtor: { id: E.core }, count: 1, amount: '6000', financedAmount: '5400' },
    ]);
    expect(bankA.creditLineUsage.map((usage) => [usage.line.id, usage.usageBps, usage.available])).toEqual([
      [`${E.bankA}:${E.otherCore}`, 8333, '5000'],
      [`${E.bankA}:${E.core}`, 600, '94000'],
    ]);
    expect(bankA.maturityLadder).toEqual(ladder([0, 0n], [0, 0n], [0, 0n], [1, 6000n], [1, 7000n]));
    expect(bankA.needsMe).toEqual({ ...NOTHING_WAITS, financingsToOffer: 1, financingsToDisburse: 1 });
    const bankB = await dashboardOf(userOf('bankB'));
    expect(bankB.exposureByDebtor).toEqual([
      { debtor: { id: E.core }, count: 1, amount: '30000', financedAmount: '0' },
    ]);
    expect(bankB.creditLineUsage.map((usage) => usage.line.id)).toEqual([`${E.bankB}:${E.core}`]);
  });

  it('carrier and bystander: only their own', async () => {
    const carrier = await dashboardOf(userOf('carrier'));
    expect(carrier.needsMe).toEqual({ ...NOTHING_WAITS, shipmentsToDeliver: 2 });
    expect(carrier.maturityLadder).toEqual(ladder());
    expect(carrier.volumes.every((month) => month.invoicesRegistered === '0')).toBe(true);
    const other = await dashboardOf(userOf('otherCore'));
    expect(other.needsMe).toEqual({ ...NOTHING_WAITS, invoicesToConfirm: 1 });
    expect(other.maturityLadder).toEqual(ladder([0, 0n], [1, 12_000n]));
    expect(other.volumes[1]).toEqual({
      month: '2026-02',
      invoicesRegistered: '3200',
      vouchersIssued: '0',
      financingsDisbursed: '0',
    });
  });

  it('moves the ladder with asOf', async () => {
    const later = await dashboardOf(userOf('core'), { asOf: cstDate(31) });
    // d3 (day 0) and d4 (day 30) are now past maturity; d5 (day 31) matures on the day itself
    expect(later.overdue).toEqual({ count: 4, amount: '10000' });
    expect(later.maturityLadder[0]).toEqual({ bucket: 'OVERDUE', count: 4, amount: '10000' });
    expect(later.maturityLadder[1]).toEqual({ bucket: 'DAYS_0_30', count: 1, amount: '5000' });
  });

  it('rejects bad days and spans', async () => {
    const codes = async (variables: Record<string, unknown>): Promise<(string | undefined)[]> =>
      codesOf(
        await harness.graphql(
          DASHBOARD,
          { asOf: TODAY, from: '2026-01-01', to: '2026-03-31', ...variables },
          userOf('core'),
        ),
      );
    expect(await codes({ asOf: '2026-13-01' })).toEqual(['INVALID_ARGUMENT']);
    expect(await codes({ from: '2026-04-01', to: '2026-03-31' })).toEqual(['INVALID_ARGUMENT']);
    expect(await codes({ from: '2023-01-01', to: '2026-01-31' })).toEqual(['INVALID_ARGUMENT']);
    expect(await codes({ from: '2023-02-01', to: '2026-01-31' })).toEqual([]);
  });

  it('reuses a figure until the database changes, whoever writes', async () => {
    let computed = 0;
    const count = (): Promise<number> => {
      computed += 1;
      return Promise.resolve(computed);
    };
    // Each request has a context of its own.
    const request = (): Context => ({ db: harness.db }) as Context;
    expect(await cachedFigure(request(), ['figure', 'a'], count)).toBe(1);
    expect(await cachedFigure(request(), ['figure', 'a'], count)).toBe(1);
    expect(await cachedFigure(request(), ['figure', 'b'], count)).toBe(2);
    await harness.db.benchmarkRate.count(); // a read changes nothing
    expect(await cachedFigure(request(), ['figure', 'a'], count)).toBe(1);
    await expect(
      cachedFigure(request(), ['failing'], () => Promise.reject(new Error('down'))),
    ).rejects.toThrow();
    expect(await cachedFigure(request(), ['failing'], count)).toBe(3);

    const before = await dashboardOf(userOf('core'));
    const other = new pg.Client({ connectionString: harness.url });
    await other.connect();
    try {
      await other.query(`UPDATE "vouchers" SET "amount" = "amount" + 1 WHERE "id" = 'd9'`);
      expect(await cachedFigure(request(), ['figure', 'a'], count)).toBe(4);
      const after = await dashboardOf(userOf('core'));
      expect(after.maturityLadder[5]).toEqual({ bucket: 'DAYS_OVER_180', count: 1, amount: '9001' });
      await other.query(`UPDATE "vouchers" SET "amount" = "amount" - 1 WHERE "id" = 'd9'`);
    } finally {
      await other.end();
    }
    expect(await dashboardOf(userOf('core'))).toEqual(before);
  });

  it('keeps a bounded number of figures however many arguments a caller cycles through', async () => {
    const request = { db: harness.db } as Context;
    let computed = 0;
    const count = (): Promise<number> => {
      computed += 1;
      return Promise.resolve(computed);
    };
    for (let n = 0; n <= MAX_ENTRIES; n += 1) await cachedFigure(request, ['cycled', String(n)], count);
    expect(computed).toBe(MAX_ENTRIES + 1);
    // The oldest was let go (computed again), the newest is kept.
    await cachedFigure(request, ['cycled', String(MAX_ENTRIES)], count);
    expect(computed).toBe(MAX_ENTRIES + 1);
    await cachedFigure(request, ['cycled', '0'], count);
    expect(computed).toBe(MAX_ENTRIES + 2);
  });
});
