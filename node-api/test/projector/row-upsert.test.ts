import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRecord } from '@scf/ledger-contract';
import { Prisma } from '../../src/db/generated/client.ts';
import type { Tx } from '../../src/db/client.ts';
import { toRow } from '../../src/projector/rows.ts';
import { upsertRow } from '../../src/projector/row-upsert.ts';
import { columnOf } from '../../src/read-model/columns.ts';
import { delegateOf, TABLES, type ReadEntity } from '../../src/read-model/entity-kinds.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';

let fresh: FreshDatabase;
beforeAll(async () => {
  fresh = await startFreshDatabase();
});
afterAll(async () => {
  await fresh.stop();
});

const stamp = (txId: string) => ({
  createdAt: '2026-01-05T01:00:00.000Z',
  updatedAt: '2026-01-07T02:30:00.000Z',
  txId,
  updatedBy: 'x/admin@BankAMSP',
});

/** A voucher with every optional part, so that every renamed column is written. */
const VOUCHER = {
  docType: 'voucher',
  id: 'r.2',
  number: 'H1K0-20260107-7K3Q9A',
  debtorId: 'CORE',
  holderId: 'T2',
  amount: '700000',
  currency: 'CNY',
  maturityDate: '2026-09-30',
  rootId: 'r',
  parentId: 'r',
  tier: 2,
  status: 'PAID',
  invoiceId: 'i2',
  childIds: [],
  lateInterestRate: { basis: 'AGREED', agreedAnnualBps: 600, lprFloorBps: 310, annualBps: 600 },
  settlement: {
    paidTo: 'T2',
    paymentReference: 'PAY-1',
    paidAt: '2026-10-03T08:00:00.000Z',
    lateInterest: { amount: '345', days: 3 },
    total: '700345',
    earlyPayment: { offerId: 'EPO-1', rateBps: 420, days: 12, discount: '980' },
  },
  dispute: {
    status: 'RESOLVED',
    amount: '1000',
    reason: '质量问题',
    raisedBy: 'CORE',
    raisedAt: '2026-09-01T01:00:00.000Z',
    undisputedId: 'r.3',
    resolvedBy: 'T2',
    resolvedAt: '2026-09-10T01:00:00.000Z',
  },
  ...stamp('t1'),
} as unknown as LedgerRecord;

const QUOTE_REQUEST = {
  docType: 'quoterequest',
  id: 'QR-1',
  voucherId: 'r.2',
  applicantId: 'T2',
  debtorId: 'CORE',
  amount: '700000',
  maturityDate: '2026-09-30',
  bankIds: ['BANKA', 'BANKB'],
  financingIds: ['F-1', 'F-2'],
  validUntil: '2026-02-01',
  status: 'OPEN',
  ...stamp('t2'),
} as unknown as LedgerRecord;

const RATE = {
  docType: 'rate',
  id: '1Y:2026-01-20',
  tenor: '1Y',
  rateBps: 310,
  effectiveDate: '2026-01-20',
  publishedBy: 'BANKB',
  status: 'PROPOSED',
  attestations: [{ mspId: 'BankBMSP', enterpriseId: 'BANKB', rateBps: 310 }],
  ...stamp('t3'),
} as unknown as LedgerRecord;

const ENTITY = { voucher: 'voucher', quoterequest: 'quoteRequest', rate: 'benchmarkRate' } as const;

async function project(record: LedgerRecord, blockNumber: bigint): Promise<void> {
  const entity = ENTITY[record.docType as keyof typeof ENTITY];
  await fresh.db.$transaction((tx: Tx) => upsertRow(tx, entity, toRow(record, blockNumber)));
}

async function stored(record: LedgerRecord): Promise<unknown> {
  const entity = ENTITY[record.docType as keyof typeof ENTITY];
  return delegateOf(fresh.db, entity).findUnique({ where: { id: record.id } });
}

describe('the projector’s row upsert', () => {
  it('names a column of the real table for every field of every read-model entity', async () => {
    const rows = await fresh.db.$queryRawUnsafe<{ table: string; column: string }[]>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema()`,
    );
    const missing: string[] = [];
    for (const [entity, table] of Object.entries(TABLES) as [ReadEntity, string][]) {
      const model = `${entity[0]?.toUpperCase() ?? ''}${entity.slice(1)}ScalarFieldEnum`;
      const fields = Object.values(
        (Prisma as unknown as Record<string, Record<string, string>>)[model] ?? {},
      );
      expect(fields.length, model).toBeGreaterThan(0);
      for (const field of fields) {
        const column = columnOf(entity, field);
        if (!rows.some((row) => row.table === table && row.column === column))
          missing.push(`${table}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('stores every column as Prisma reads it back: renamed ones, money, days, instants, lists, JSON', async () => {
    for (const [index, record] of [VOUCHER, QUOTE_REQUEST, RATE].entries()) {
      await project(record, BigInt(10 + index));
      expect(await stored(record)).toEqual(toRow(record, BigInt(10 + index)));
    }
  });

  it('replaces the row of a later version, leaving one row', async () => {
    const later = { ...VOUCHER, status: 'ACTIVE', settlement: undefined, ...stamp('t9') } as LedgerRecord;
    await project(VOUCHER, 20n);
    await project(later, 21n);
    expect(await stored(later)).toEqual(toRow(later, 21n));
    expect(await fresh.db.voucher.count({ where: { id: VOUCHER.id } })).toBe(1);
  });
});
