import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { day, E, invoice, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

interface Page {
  invoices: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: { id: string; amount: string } }[];
  };
}

const LIST = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: InvoiceFilter, $orderBy: InvoiceOrder) {
  invoices(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id amount } }
  }
}`;

const core = userOf('core');
const pad = (n: number): string => String(n).padStart(2, '0');

/** 25 invoices tier-1 → core: amounts repeat (ties), creation hours and due days do not. */
const sold = Array.from({ length: 25 }, (_, index) => {
  const n = index + 1;
  return {
    id: `inv-${pad(n)}`,
    amount: BigInt((n % 5) + 1) * 1000n,
    createdAt: new Date(Date.UTC(2026, 2, 1) + index * 3_600_000).toISOString(),
    dueDate: `2026-04-${pad(n)}`,
    status: n % 4 === 0 ? 'CONFIRMED' : n % 7 === 0 ? 'REJECTED' : 'REGISTERED',
  };
});

describe('invoices', () => {
  let harness: ApiHarness;
  const list = async (variables: Record<string, unknown>, user = core): Promise<Page['invoices']> =>
    dataOf(await harness.graphql<Page>(LIST, variables, user)).invoices;

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    await harness.db.invoice.createMany({
      data: [
        ...sold.map((s, index) =>
          invoice(
            {
              id: s.id,
              sellerId: E.tier1,
              buyerId: E.core,
              amount: s.amount,
              dueDate: day(s.dueDate),
              status: s.status,
              number: index === 0 ? 'PROMO_50%' : index === 1 ? 'PROMOX50Y' : `INV-2026-${pad(index + 1)}`,
            },
            s.createdAt,
          ),
        ),
        invoice({ id: 'inv-t2-a', sellerId: E.tier2, buyerId: E.tier1 }),
        invoice({ id: 'inv-t2-b', sellerId: E.tier2, buyerId: E.tier1 }),
        invoice({ id: 'inv-other', sellerId: E.tier2, buyerId: E.otherCore }),
      ],
    });
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function expectedDefaultOrder(): Promise<string[]> {
    const rows = await harness.db.invoice.findMany({
      where: { buyerId: E.core },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((row) => row.id);
  }

  it('pages forward through every visible invoice, newest first, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await list({ first: 10, after });
      expect(page.totalCount).toBe(25);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(await expectedDefaultOrder());
  });

  it('pages backward from the end with last/before', async () => {
    const order = await expectedDefaultOrder();
    const tail = await list({ last: 10 });
    expect(tail.edges.map((edge) => edge.node.id)).toEqual(order.slice(15));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const middle = await list({ last: 10, before: tail.pageInfo.startCursor });
    expect(middle.edges.map((edge) => edge.node.id)).toEqual(order.slice(5, 15));
    const head = await list({ last: 10, before: middle.pageInfo.startCursor });
    expect(head.edges.map((edge) => edge.node.id)).toEqual(order.slice(0, 5));
    expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('sorts by amount both ways, ties broken by id in the same direction', async () => {
    const byAmount = [...sold].sort((a, b) =>
      a.amount === b.amount ? a.id.localeCompare(b.id) : a.amount < b.amount ? -1 : 1,
    );
    const ascending = await list({ first: 100, orderBy: { field: 'AMOUNT', direction: 'ASC' } });
    expect(ascending.edges.map((edge) => edge.node.id)).toEqual(byAmount.map((s) => s.id));
    const descending = await list({ first: 100, orderBy: { field: 'AMOUNT', direction: 'DESC' } });
    expect(descending.edges.map((edge) => edge.node.id)).toEqual(byAmount.map((s) => s.id).reverse());
    expect(ascending.edges[0]?.node.amount).toBe('1000');
  });

  it('filters by status, due-date range, amount range and party', async () => {
    const ids = async (filter: Record<string, unknown>): Promise<string[]> =>
      (await list({ first: 100, filter, orderBy: { field: 'DUE_DATE', direction: 'ASC' } })).edges.map(
        (e) => e.node.id,
      );
    expect(await ids({ statuses: ['CONFIRMED'] })).toEqual([
      'inv-04',
      'inv-08',
      'inv-12',
      'inv-16',
      'inv-20',
      'inv-24',
    ]);
    expect(await ids({ statuses: ['REJECTED'] })).toEqual(['inv-07', 'inv-14', 'inv-21']);
    expect(await ids({ dueDate: { from: '2026-04-10', to: '2026-04-12' } })).toEqual([
      'inv-10',
      'inv-11',
      'inv-12',
    ]);
    expect(await ids({ amount: { min: '4000', max: '5000' } })).toEqual(
      sold.filter((s) => s.amount >= 4000n).map((s) => s.id),
    );
    expect(await ids({ amount: { min: '4000', max: '5000' }, statuses: ['REGISTERED'] })).toEqual([
      'inv-03',
      'inv-09',
      'inv-13',
      'inv-18',
      'inv-19',
      'inv-23',
    ]);
    const tier1 = userOf('tier1');
    const bought = await list({ first: 100, filter: { sellerId: E.tier2 } }, tier1);
    expect(bought.edges.map((e) => e.node.id).sort()).toEqual(['inv-t2-a', 'inv-t2-b']);
    expect(bought.totalCount).toBe(2);
  });

  it('searches number and party names, taking % and _ literally', async () => {
    const ids = async (search: string): Promise<string[]> =>
      (await list({ first: 100, filter: { search } })).edges.map((e) => e.node.id).sort();
    expect(await ids('o_50%')).toEqual(['inv-01']);
    expect(await ids('PROMO')).toEqual(['inv-01', 'inv-02']);
    expect(await ids('2026-2')).toEqual(['inv-20', 'inv-21', 'inv-22', 'inv-23', 'inv-24', 'inv-25']);
    expect(await ids('gearbox')).toHaveLength(25);
    expect(await ids('alpha')).toEqual([]);
  });

  it('rejects bad page sizes, cursors, money, dates and ranges as INVALID_ARGUMENT', async () => {
    const code = async (variables: Record<string, unknown>): Promise<(string | undefined)[]> =>
      codesOf(await harness.graphql(LIST, variables, core));
    expect(await code({ first: 0 })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ first: 101 })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ last: -1 })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ first: 5, last: 5 })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ after: 'not-a-cursor' })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ filter: { amount: { min: '12.5' } } })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ filter: { amount: { min: '-1' } } })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ filter: { dueDate: { from: '2026-02-30' } } })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ filter: { dueDate: { from: '2026-05-01', to: '2026-04-01' } } })).toEqual([
      'INVALID_ARGUMENT',
    ]);
    expect(await code({ filter: { search: 'x'.repeat(101) } })).toEqual(['INVALID_ARGUMENT']);
    expect(await code({ first: 100 })).toEqual([]);
  });

  it('refuses anonymous callers', async () => {
    const result = await harness.graphql(LIST, { first: 5 });
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    const lookup = await harness.graphql('{ invoice(id: "inv-01") { id } }');
    expect(codesOf(lookup)).toEqual(['UNAUTHENTICATED']);
  });

  it('looks one up with its parties, its voucher and its proof', async () => {
    await harness.db.voucher.create({
      data: voucher({
        id: 'v-inv-04',
        debtorId: E.core,
        holderId: E.tier1,
        invoiceId: 'inv-04',
        amount: 5000n,
      }),
    });
    await harness.db.invoice.update({ where: { id: 'inv-04' }, data: { voucherId: 'v-inv-04' } });
    const query = `{ invoice(id: "inv-04") {
      id number amount unpaidAmount status dueDate seller { name kind } buyer { id }
      voucher { id amount } proof { transactionId blockNumber }
    } }`;
    const seen = dataOf(
      await harness.graphql<{ invoice: Record<string, unknown> }>(query, {}, userOf('tier1')),
    ).invoice;
    expect(seen).toMatchObject({
      id: 'inv-04',
      number: 'INV-2026-04',
      amount: '5000',
      unpaidAmount: '5000',
      status: 'CONFIRMED',
      dueDate: '2026-04-04',
      seller: { name: 'Tier-1 Gearbox Co', kind: 'SUPPLIER' },
      buyer: { id: E.core },
      voucher: { id: 'v-inv-04', amount: '5000' },
    });
    const row = await harness.db.invoice.findUniqueOrThrow({ where: { id: 'inv-04' } });
    expect(seen.proof).toEqual({ transactionId: row.txId, blockNumber: row.blockNumber.toString() });
    const bank = dataOf(await harness.graphql<{ invoice: unknown }>(query, {}, userOf('bankA')));
    expect(bank.invoice).toBeNull();
  });
});
