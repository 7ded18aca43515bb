import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { dataOf } from '../support/graphql-data.ts';
import { day, E, invoice, seedEnterprises, userOf } from '../support/read-model-seed.ts';

/** Invoices core owes tier 1 (and one between suppliers), issued 2026-03-01. */
const INVOICES = [
  // Not delivered: 92 days from the issue date, flagged.
  invoice({ id: 'f1', sellerId: E.tier1, buyerId: E.core, amount: 1_000n, paymentTermExceeded: true }),
  // Delivered 2026-03-10, due 2026-05-10: 61 days, flagged; confirmed.
  invoice({
    id: 'f2',
    sellerId: E.tier1,
    buyerId: E.core,
    amount: 2_000n,
    status: 'CONFIRMED',
    dueDate: day('2026-05-10'),
    deliveredOn: day('2026-03-10'),
    paymentTermExceeded: true,
  }),
  // Delivered late enough: 2026-04-02 to 2026-06-01 is 60 days, not flagged.
  invoice({ id: 'ok', sellerId: E.tier1, buyerId: E.core, amount: 4_000n, deliveredOn: day('2026-04-02') }),
  // Flagged but no longer standing.
  invoice({
    id: 'rj',
    sellerId: E.tier1,
    buyerId: E.core,
    amount: 8_000n,
    status: 'REJECTED',
    paymentTermExceeded: true,
  }),
  // Between suppliers: the rule does not apply.
  invoice({ id: 'ss', sellerId: E.tier2, buyerId: E.tier1, amount: 16_000n }),
];

interface InvoiceTerms {
  id: string;
  deliveredOn: string | null;
  paymentTermDays: number;
  paymentTermExceeded: boolean;
}

describe('the Art. 9 payment term in the API', () => {
  let harness: ApiHarness;

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    await harness.db.invoice.createMany({ data: INVOICES });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('shows each invoice’s term, counted from delivery once there is one, and its flag', async () => {
    const query = `{ invoices(first: 10, orderBy: { field: AMOUNT, direction: ASC }) {
      edges { node { id deliveredOn paymentTermDays paymentTermExceeded } } } }`;
    type Answer = { invoices: { edges: { node: InvoiceTerms }[] } };
    const rows = dataOf(await harness.graphql<Answer>(query, {}, userOf('tier1'))).invoices.edges.map(
      (edge) => edge.node,
    );
    expect(rows).toEqual([
      { id: 'f1', deliveredOn: null, paymentTermDays: 92, paymentTermExceeded: true },
      { id: 'f2', deliveredOn: '2026-03-10', paymentTermDays: 61, paymentTermExceeded: true },
      { id: 'ok', deliveredOn: '2026-04-02', paymentTermDays: 60, paymentTermExceeded: false },
      { id: 'rj', deliveredOn: null, paymentTermDays: 92, paymentTermExceeded: true },
      { id: 'ss', deliveredOn: null, paymentTermDays: 92, paymentTermExceeded: false },
    ]);
  });

  it('filters by the flag', async () => {
    const query = `{ invoices(first: 10, filter: { paymentTermExceeded: true }) { edges { node { id } } } }`;
    type Answer = { invoices: { edges: { node: { id: string } }[] } };
    const ids = dataOf(await harness.graphql<Answer>(query, {}, userOf('core'))).invoices.edges.map(
      (edge) => edge.node.id,
    );
    expect(ids.sort()).toEqual(['f1', 'f2', 'rj']);
  });

  it('counts the standing flagged invoices on the dashboard: owed by a core enterprise, owed to a supplier', async () => {
    const query = '{ dashboard { longPaymentTerms { count amount } } }';
    type Answer = { dashboard: { longPaymentTerms: { count: number; amount: string } } };
    const totals = async (who: 'core' | 'tier1' | 'tier2' | 'otherCore') =>
      dataOf(await harness.graphql<Answer>(query, {}, userOf(who))).dashboard.longPaymentTerms;
    expect(await totals('core')).toEqual({ count: 2, amount: '3000' });
    expect(await totals('tier1')).toEqual({ count: 2, amount: '3000' });
    expect(await totals('tier2')).toEqual({ count: 0, amount: '0' });
    expect(await totals('otherCore')).toEqual({ count: 0, amount: '0' });
  });
});
