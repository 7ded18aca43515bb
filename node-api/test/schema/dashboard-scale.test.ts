import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/session-user.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { dataOf } from '../support/graphql-data.ts';
import { E, seedEnterprises, userOf } from '../support/read-model-seed.ts';

const VOUCHERS = 100_000;
const SUPPLIERS = 50;

/**
 * 100,000 vouchers of one core enterprise spread over 50 suppliers (supplier 0 is tier-1 of the
 * cast), a tenth financed by bank A, and as many invoices and financings: written by SQL, the way a
 * long-running node's read model looks.
 */
async function seedMany(harness: ApiHarness): Promise<void> {
  await seedEnterprises(harness.db);
  await harness.db.$executeRaw`
    INSERT INTO "enterprises" ("id", "name", "kind", "host_msp", "status", "created_at", "updated_at", "updated_by",
      "tx_id", "block_number")
    SELECT 'S' || n, 'Supplier ' || n, 'SUPPLIER', 'Org1MSP', 'ACTIVE', now(), now(), 'x', 'tx', n
    FROM generate_series(0, ${SUPPLIERS - 1}) AS n WHERE n <> 1`;
  await harness.db.$executeRaw`
    INSERT INTO "vouchers" ("id", "debtor_id", "holder_id", "amount", "currency", "maturity_date", "root_id",
      "tier", "status", "invoice_id", "financing_id", "created_at", "updated_at", "updated_by", "tx_id", "block_number")
    SELECT 'v' || n, ${E.core},
      CASE WHEN n % 10 = 0 THEN ${E.bankA} WHEN n % ${SUPPLIERS} = 1 THEN ${E.tier1} ELSE 'S' || (n % ${SUPPLIERS}) END,
      1000 + n, 'CNY', DATE '2026-01-01' + (n % 400), 'v' || n, 0,
      CASE WHEN n % 10 = 0 THEN 'FINANCED' WHEN n % 7 = 0 THEN 'SETTLED' ELSE 'ACTIVE' END,
      'i' || n, CASE WHEN n % 10 = 0 THEN 'f' || n END,
      TIMESTAMP '2025-06-01' + n * interval '4 minutes', now(), 'x', 'tx', n
    FROM generate_series(1, ${VOUCHERS}) AS n`;
  await harness.db.$executeRaw`
    INSERT INTO "invoices" ("id", "number", "seller_id", "buyer_id", "amount", "paid_amount", "currency", "issue_date",
      "due_date", "document_hash", "status", "voucher_id", "created_at", "updated_at", "updated_by", "tx_id", "block_number")
    SELECT 'i' || n, 'N' || n, CASE WHEN n % ${SUPPLIERS} = 1 THEN ${E.tier1} ELSE 'S' || (n % ${SUPPLIERS}) END, ${E.core},
      1000 + n, 0, 'CNY', DATE '2025-06-01', DATE '2026-01-01' + (n % 400), 'h',
      CASE WHEN n % 13 = 0 THEN 'REGISTERED' ELSE 'CONFIRMED' END, 'v' || n,
      TIMESTAMP '2025-06-01' + n * interval '4 minutes', now(), 'x', 'tx', n
    FROM generate_series(1, ${VOUCHERS}) AS n`;
  await harness.db.$executeRaw`
    INSERT INTO "financings" ("id", "voucher_id", "applicant_id", "bank_id", "debtor_id", "amount", "maturity_date",
      "status", "created_at", "updated_at", "updated_by", "tx_id", "block_number")
    SELECT 'f' || n, 'v' || n, CASE WHEN n % ${SUPPLIERS} = 1 THEN ${E.tier1} ELSE 'S' || (n % ${SUPPLIERS}) END,
      ${E.bankA}, ${E.core}, 1000 + n, DATE '2026-01-01' + (n % 400), 'DISBURSED',
      TIMESTAMP '2025-06-01' + n * interval '4 minutes', now(), 'x', 'tx', n
    FROM generate_series(10, ${VOUCHERS}, 10) AS n`;
  await harness.db.$executeRaw`ANALYZE`;
}

const DASHBOARD = `{ dashboard {
  exposureByDebtor { debtor { id } count amount }
  creditLineUsage { usageBps }
  maturityLadder(asOf: "2026-06-01") { bucket count amount }
  overdue(asOf: "2026-06-01") { count amount }
  volumes(from: "2025-06-01", to: "2026-05-31") { month invoicesRegistered vouchersIssued financingsDisbursed }
  needsMe { invoicesToConfirm vouchersToPay financingsToOffer offersToAnswer }
} }`;

describe('dashboard over 100,000 vouchers', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
    await seedMany(harness);
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
  });

  const timed = async (user: SessionUser): Promise<number> => {
    await harness.graphql(DASHBOARD, {}, user); // warm the connection pool and plans
    const started = performance.now();
    dataOf(await harness.graphql(DASHBOARD, {}, user));
    return performance.now() - started;
  };

  it('pages lists within a second too, even deep', async () => {
    const lists = [
      '{ vouchers(first: 50) { totalCount edges { node { id debtor { name } } } } }',
      '{ vouchers(last: 50) { totalCount edges { node { id } } } }',
      '{ vouchers(first: 50, filter: { statuses: [ACTIVE], maturityDate: { from: "2026-03-01", to: "2026-03-31" } }) { totalCount } }',
      '{ invoices(first: 50, filter: { search: "N9999" }) { totalCount edges { node { id seller { name } } } } }',
      '{ financings(first: 50, orderBy: { field: AMOUNT, direction: DESC }) { totalCount edges { node { id } } } }',
      '{ shipments(first: 50) { totalCount } }',
    ];
    for (const who of ['core', 'tier1', 'bankA'] as const) {
      for (const query of lists) {
        await harness.graphql(query, {}, userOf(who));
        const started = performance.now();
        dataOf(await harness.graphql(query, {}, userOf(who)));
        const ms = performance.now() - started;
        console.log(who, Math.round(ms), query.slice(0, 60));
        expect({ who, query, fast: ms < 1000 }).toEqual({ who, query, fast: true });
      }
    }
  });

  it('answers within a second for the core enterprise, a supplier and the bank', async () => {
    for (const who of ['core', 'tier1', 'bankA'] as const) {
      const ms = await timed(userOf(who));
      console.log(who, Math.round(ms), 'ms');
      expect({ who, fast: ms < 1000 }).toEqual({ who, fast: true });
    }
  });
});
