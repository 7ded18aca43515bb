import { FinancingStatuses } from '@scf/ledger-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { dataOf } from '../support/graphql-data.ts';
import { day, E, financing, seedEnterprises, terms, userOf, voucher } from '../support/read-model-seed.ts';

const STATUSES = FinancingStatuses;
/** Day `index + 1` of a month, two digits. */
const dayOf = (index: number): string => String(index + 1).padStart(2, '0');

/** One financing of tier-1's vouchers per status, alternating banks, applied a day apart. */
const APPLIED = STATUSES.map((status, index) =>
  financing(
    {
      id: `f${String(index)}`,
      voucherId: `v${String(index)}`,
      applicantId: E.tier1,
      bankId: index % 2 === 0 ? E.bankA : E.bankB,
      debtorId: E.core,
      status,
      amount: BigInt(10 - index) * 1000n,
      maturityDate: day(`2026-09-${dayOf(index)}`),
      ...(index === 1 ? { termsHash: 'e'.repeat(64), offerValidUntil: day('2026-04-01') } : {}),
    },
    `2026-03-${dayOf(index)}T02:00:00.000Z`,
  ),
);

interface FinancingList {
  financings: { totalCount: number; edges: { node: { id: string; status: string } }[] };
}

describe('financings', () => {
  let harness: ApiHarness;
  const ids = async (
    variables: Record<string, unknown>,
    who: 'tier1' | 'bankA' | 'core' = 'tier1',
  ): Promise<string[]> => {
    const query = `query ($filter: FinancingFilter, $orderBy: FinancingOrder) {
      financings(first: 100, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id status } } }
    }`;
    const list = dataOf(await harness.graphql<FinancingList>(query, variables, userOf(who))).financings;
    expect(list.totalCount).toBe(list.edges.length);
    return list.edges.map((edge) => edge.node.id);
  };

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    await harness.db.voucher.createMany({
      data: APPLIED.map((f) =>
        voucher({ id: f.voucherId ?? '', debtorId: E.core, holderId: E.tier1, financingId: f.id }),
      ),
    });
    await harness.db.financing.createMany({ data: APPLIED });
    await harness.db.offerTerms.create({ data: terms('f1', 9000n) });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lists newest application first, and sorts by amount or maturity on request', async () => {
    expect(await ids({})).toEqual(['f9', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3', 'f2', 'f1', 'f0']);
    expect(await ids({ orderBy: { field: 'AMOUNT', direction: 'ASC' } })).toEqual([
      'f9',
      'f8',
      'f7',
      'f6',
      'f5',
      'f4',
      'f3',
      'f2',
      'f1',
      'f0',
    ]);
    expect(await ids({ orderBy: { field: 'MATURITY_DATE', direction: 'ASC' } })).toEqual([
      'f0',
      'f1',
      'f2',
      'f3',
      'f4',
      'f5',
      'f6',
      'f7',
      'f8',
      'f9',
    ]);
  });

  it('filters by status, bank, maturity and amount; a bank sees only its own', async () => {
    expect(await ids({ filter: { statuses: ['ACCEPTED', 'DISBURSED'] } })).toEqual(['f3', 'f2']);
    expect(await ids({ filter: { bankId: E.bankB } })).toEqual(['f9', 'f7', 'f5', 'f3', 'f1']);
    expect(await ids({ filter: { maturityDate: { from: '2026-09-03', to: '2026-09-04' } } })).toEqual([
      'f3',
      'f2',
    ]);
    expect(await ids({ filter: { amount: { max: '5000' } } })).toEqual(['f9', 'f8', 'f7', 'f6', 'f5']);
    expect(await ids({}, 'bankA')).toEqual(['f8', 'f6', 'f4', 'f2', 'f0']);
    expect(await ids({ filter: { bankId: E.bankB } }, 'bankA')).toEqual([]);
    expect(await ids({ filter: { applicantId: E.tier1, statuses: ['APPLIED'] } }, 'core')).toEqual(['f0']);
  });

  it('gives the applicant every term of the offer, with the voucher and the parties', async () => {
    const query = `{ financing(id: "f1") {
      status amount maturityDate termsHash offerValidUntil
      voucher { id status } applicant { name } bank { id } debtor { id }
      terms { faceAmount advanceRateBps financedAmount lprTenor lprBps spreadBps annualRateBps days
        discountInterest fees netProceeds validUntil termsHash }
    } }`;
    expect(dataOf(await harness.graphql(query, {}, userOf('tier1')))).toEqual({
      financing: {
        status: 'OFFERED',
        amount: '9000',
        maturityDate: '2026-09-02',
        termsHash: 'e'.repeat(64),
        offerValidUntil: '2026-04-01',
        voucher: { id: 'v1', status: 'ACTIVE' },
        applicant: { name: 'Tier-1 Gearbox Co' },
        bank: { id: E.bankB },
        debtor: { id: E.core },
        terms: {
          faceAmount: '9000',
          advanceRateBps: 9000,
          financedAmount: '8100',
          lprTenor: 'LPR_1Y',
          lprBps: 310,
          spreadBps: 90,
          annualRateBps: 400,
          days: 90,
          discountInterest: '900',
          fees: '100',
          netProceeds: '7100',
          validUntil: '2026-04-01',
          termsHash: 'e'.repeat(64),
        },
      },
    });
    const applied = `{ financing(id: "f0") { status terms { financedAmount } } }`;
    expect(dataOf(await harness.graphql(applied, {}, userOf('tier1')))).toEqual({
      financing: { status: 'APPLIED', terms: null },
    });
  });
});
