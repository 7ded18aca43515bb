import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { dataOf } from '../support/graphql-data.ts';
import { day, E, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

interface VoucherList {
  vouchers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; maturityDate: string; amount: string } }[];
  };
}

const LIST = `query ($first: Int, $after: String, $filter: VoucherFilter, $orderBy: VoucherOrder) {
  vouchers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id maturityDate amount } }
  }
}`;

/**
 * Root r (core → tier-1, 9,000) split into k (kept, 4,000) and t (to tier-2, 5,000); t split into
 * t1 (3,000, later paid) and t2 (2,000). Plus twelve plain vouchers with maturities to page through,
 * two of them on the same day.
 */
const LINEAGE = [
  voucher({
    id: 'r',
    number: 'H1K0-20260105-7K3Q9A',
    debtorId: E.core,
    holderId: E.tier1,
    amount: 9000n,
    status: 'SPLIT',
    maturityDate: day('2026-08-01'),
  }),
  voucher({
    id: 'k',
    number: 'H1K0-20260106-ZZ01MN',
    debtorId: E.core,
    holderId: E.tier1,
    amount: 4000n,
    rootId: 'r',
    parentId: 'r',
    tier: 1,
    maturityDate: day('2026-08-01'),
  }),
  voucher({
    id: 't',
    debtorId: E.core,
    holderId: E.tier2,
    amount: 5000n,
    rootId: 'r',
    parentId: 'r',
    tier: 1,
    status: 'SPLIT',
    maturityDate: day('2026-08-01'),
  }),
  voucher({
    id: 't1',
    debtorId: E.core,
    holderId: E.tier2,
    amount: 3000n,
    rootId: 'r',
    parentId: 't',
    tier: 2,
    status: 'SETTLED',
    maturityDate: day('2026-08-01'),
    paidTo: E.tier2,
    paymentReference: 'PAY-1',
    paidAt: new Date('2026-08-01T04:00:00.000Z'),
  }),
  voucher({
    id: 't2',
    debtorId: E.core,
    holderId: E.tier2,
    amount: 2000n,
    rootId: 'r',
    parentId: 't',
    tier: 2,
    maturityDate: day('2026-08-01'),
  }),
];
const PLAIN = Array.from({ length: 12 }, (_, index) =>
  voucher({
    id: `p${String(index).padStart(2, '0')}`,
    debtorId: E.otherCore,
    holderId: E.tier1,
    amount: BigInt(index + 1) * 100n,
    maturityDate: day(`2026-07-${String(index === 11 ? 10 : index + 1).padStart(2, '0')}`),
    status: index % 3 === 0 ? 'OVERDUE' : 'ACTIVE',
  }),
);

describe('vouchers', () => {
  let harness: ApiHarness;
  const tier1 = userOf('tier1');
  const list = async (variables: Record<string, unknown>, user = tier1): Promise<VoucherList['vouchers']> =>
    dataOf(await harness.graphql<VoucherList>(LIST, variables, user)).vouchers;

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    await harness.db.voucher.createMany({ data: [...LINEAGE, ...PLAIN] });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lists soonest maturity first, ties by id, and pages through them all', async () => {
    const expected = [
      ...PLAIN.map((v) => ({ id: v.id, day: (v.maturityDate as Date).toISOString().slice(0, 10) })),
    ]
      .concat(['k', 'r'].map((id) => ({ id, day: '2026-08-01' })))
      .sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id))
      .map((v) => v.id);
    expect(expected.slice(9, 12)).toEqual(['p09', 'p11', 'p10']);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: VoucherList['vouchers'] = await list({ first: 4, after });
      expect(page.totalCount).toBe(14);
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });

  it('filters by status, party, maturity, amount, lineage and party name', async () => {
    const ids = async (filter: Record<string, unknown>, user = tier1): Promise<string[]> =>
      (await list({ first: 100, filter }, user)).edges.map((edge) => edge.node.id).sort();
    expect(await ids({ statuses: ['OVERDUE'] })).toEqual(['p00', 'p03', 'p06', 'p09']);
    expect(await ids({ debtorId: E.core })).toEqual(['k', 'r']);
    expect(await ids({ maturityDate: { from: '2026-07-10', to: '2026-07-11' } })).toEqual([
      'p09',
      'p10',
      'p11',
    ]);
    expect(await ids({ maturityDate: { to: '2026-07-02' } })).toEqual(['p00', 'p01']);
    expect(await ids({ amount: { min: '1000', max: '1100' } })).toEqual(['p09', 'p10']);
    expect(await ids({ amount: { min: '4000' } })).toEqual(['k', 'r']);
    expect(await ids({ rootId: 'r' }, userOf('core'))).toEqual(['k', 'r', 't', 't1', 't2']);
    expect(await ids({ holderId: E.tier2, statuses: ['ACTIVE', 'SETTLED'] }, userOf('core'))).toEqual([
      't1',
      't2',
    ]);
    expect(await ids({ search: 'great wall' })).toEqual(['k', 'r']);
    expect(await ids({ search: 'other core' })).toHaveLength(12);
    expect(await ids({ search: 'bearings 50%_' }, userOf('core'))).toEqual(['t', 't1', 't2']);
    // The voucher number people read, in part and in any case.
    expect(await ids({ search: '7k3q9' })).toEqual(['r']);
    expect(await ids({ search: 'H1K0-2026010' })).toEqual(['k', 'r']);
  });

  it('names each voucher by its number, and an older one without a number by null', async () => {
    const query = `{ voucher(id: "r") { number children { id number } } }`;
    const data = dataOf(
      await harness.graphql<{
        voucher: { number: string | null; children: { id: string; number: string | null }[] };
      }>(query, {}, userOf('core')),
    );
    expect(data.voucher.number).toBe('H1K0-20260105-7K3Q9A');
    expect(data.voucher.children).toEqual([
      { id: 'k', number: 'H1K0-20260106-ZZ01MN' },
      { id: 't', number: null },
    ]);
  });

  it('sorts by amount descending', async () => {
    const page = await list({ first: 3, orderBy: { field: 'AMOUNT', direction: 'DESC' } });
    expect(page.edges.map((edge) => [edge.node.id, edge.node.amount])).toEqual([
      ['r', '9000'],
      ['k', '4000'],
      ['p11', '1200'],
    ]);
  });

  it('shows the lineage tree from the debtor’s side, with settlement details', async () => {
    const query = `{ voucher(id: "r") {
      tier status holder { id } debtor { id } root { id } parent { id }
      children { id tier amount children { id status paidTo paymentReference paidAt parent { id } root { id } } }
    } }`;
    const tree = dataOf(await harness.graphql<{ voucher: unknown }>(query, {}, userOf('core'))).voucher;
    expect(tree).toEqual({
      tier: 0,
      status: 'SPLIT',
      holder: { id: E.tier1 },
      debtor: { id: E.core },
      root: { id: 'r' },
      parent: null,
      children: [
        { id: 'k', tier: 1, amount: '4000', children: [] },
        {
          id: 't',
          tier: 1,
          amount: '5000',
          children: [
            {
              id: 't1',
              status: 'SETTLED',
              paidTo: E.tier2,
              paymentReference: 'PAY-1',
              paidAt: '2026-08-01T04:00:00.000Z',
              parent: { id: 't' },
              root: { id: 'r' },
            },
            {
              id: 't2',
              status: 'ACTIVE',
              paidTo: null,
              paymentReference: null,
              paidAt: null,
              parent: { id: 't' },
              root: { id: 'r' },
            },
          ],
        },
      ],
    });
  });
});
