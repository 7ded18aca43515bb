import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// How fast these answer at this scale is for `npm run bench:api` to print (its reads over ~100,000 vouchers).
describe('dashboard over 100,000 vouchers', { timeout: 60_000 }, () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
    await seedMany(harness);
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
  });

  it('answers the dashboard at that scale for the core enterprise, a supplier and the bank', async () => {
    type Dashboard = {
      dashboard: { maturityLadder: { count: number }[]; overdue: { count: number } };
    };
    for (const who of ['core', 'tier1', 'bankA'] as const) {
      const { dashboard } = dataOf(await harness.graphql<Dashboard>(DASHBOARD, {}, userOf(who)));
      const unpaid = dashboard.maturityLadder.reduce(
        (sum, step) => sum + step.count,
        dashboard.overdue.count,
      );
      expect({ who, unpaid: unpaid > 0 }).toEqual({ who, unpaid: true });
    }
  });

  it('counts what it should at that scale', async () => {
    const query = '{ vouchers(first: 1) { totalCount } financings(first: 1) { totalCount } }';
    type Counts = { vouchers: { totalCount: number }; financings: { totalCount: number } };
    expect(dataOf(await harness.graphql<Counts>(query, {}, userOf('core')))).toEqual({
      vouchers: { totalCount: VOUCHERS },
      financings: { totalCount: VOUCHERS / 10 },
    });
    // every tenth voucher is held by bank A; its financings name exactly those
    expect(dataOf(await harness.graphql<Counts>(query, {}, userOf('bankA')))).toEqual({
      vouchers: { totalCount: VOUCHERS / 10 },
      financings: { totalCount: VOUCHERS / 10 },
    });
    // tier-1 is supplier 1 of 50: it holds one voucher in fifty and applied for no financing
    expect(dataOf(await harness.graphql<Counts>(query, {}, userOf('tier1')))).toEqual({
      vouchers: { totalCount: VOUCHERS / SUPPLIERS },
      financings: { totalCount: 0 },
    });
  });
});
