import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import { day, E, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';

/**
 * Decree 802 Art. 15 and 17 in the API. o: 1,000,000 yuan overdue since 2026-04-05, statutory rate;
 * g: agreed 3.00 % floored at the LPR 3.10 %, due 2026-04-30; s: settled 5 days late; p split by a
 * dispute into u (undisputed, payable) and d (disputed, open).
 */
const OWED = { debtorId: E.core, holderId: E.tier1 };
const VOUCHERS = [
  voucher({ id: 'o', ...OWED, amount: 100_000_000n, maturityDate: day('2026-04-05'), status: 'OVERDUE' }),
  voucher({
    id: 'g',
    ...OWED,
    amount: 123_456_789n,
    maturityDate: day('2026-04-30'),
    lateRateBasis: 'AGREED',
    lateRateBps: 310,
    lateAgreedBps: 300,
    lateFloorBps: 310,
  }),
  voucher({
    id: 's',
    ...OWED,
    amount: 100_000_000n,
    maturityDate: day('2026-04-05'),
    status: 'SETTLED',
    paidTo: E.tier1,
    paymentReference: 'PAY-1',
    paidAt: new Date('2026-04-10T02:00:00.000Z'),
    paidLateInterest: 250_000n,
    paidLateDays: 5,
    paidTotal: 100_250_000n,
  }),
  voucher({ id: 'p', ...OWED, amount: 10_000n, status: 'SPLIT' }),
  voucher({ id: 'u', ...OWED, rootId: 'p', parentId: 'p', amount: 7_000n }),
  voucher({
    id: 'd',
    ...OWED,
    rootId: 'p',
    parentId: 'p',
    amount: 3_000n,
    status: 'DISPUTED',
    disputeStatus: 'OPEN',
    disputedAmount: 3_000n,
    disputeReason: '30 件质量不合格',
    disputedBy: E.core,
    disputedAt: new Date('2026-03-02T02:00:00.000Z'),
    undisputedId: 'u',
  }),
];

const LATE = `query($id: ID!, $asOf: Date) { voucher(id: $id) {
  lateInterestRate { basis annualBps agreedAnnualBps lprFloorBps dailyBps }
  lateInterest(asOf: $asOf) { principal asOf days amount total paid } } }`;

interface LateAnswer {
  voucher: { lateInterestRate: Record<string, unknown>; lateInterest: Record<string, unknown> | null } | null;
}

describe('late interest and disputes in the API', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts((call) =>
      call.call === 'settlement.Dispute' ? { disputed: { id: 'd' } } : { id: call.args[0] ?? 'x' },
    );
    calls = fake.calls;
    const ledger = ledgerOver(fake.contractOf);
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
    await harness.db.voucher.createMany({ data: VOUCHERS });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const late = async (id: string, asOf: string | null, who: Parameters<typeof userOf>[0] = 'tier1') =>
    dataOf(await harness.graphql<LateAnswer>(LATE, { id, asOf }, userOf(who))).voucher;

  it('shows holder and debtor the statutory 0.05 % a day over a month boundary', async () => {
    const expected = {
      lateInterestRate: {
        basis: 'STATUTORY',
        annualBps: null,
        agreedAnnualBps: null,
        lprFloorBps: null,
        dailyBps: 5,
      },
      // 2026-04-05 to 2026-05-06: 31 days; 100,000,000 × 5 × 31 / 10,000
      lateInterest: {
        principal: '100000000',
        asOf: '2026-05-06',
        days: 31,
        amount: '1550000',
        total: '101550000',
        paid: false,
      },
    };
    expect(await late('o', '2026-05-06')).toEqual(expected);
    expect(await late('o', '2026-05-06', 'core')).toEqual(expected);
    expect(await late('o', '2026-04-05')).toMatchObject({ lateInterest: { days: 0, amount: '0' } });
  });

  it('counts an agreed rate, floored at the LPR of the confirmation, over 360 days', async () => {
    expect(await late('g', '2026-05-10')).toEqual({
      lateInterestRate: {
        basis: 'AGREED',
        annualBps: 310,
        agreedAnnualBps: 300,
        lprFloorBps: 310,
        dailyBps: null,
      },
      lateInterest: {
        principal: '123456789',
        asOf: '2026-05-10',
        days: 10,
        amount: '106310',
        total: '123563099',
        paid: false,
      },
    });
  });

  it('shows what a settlement paid, and nothing for pieces that owe nothing themselves', async () => {
    expect((await late('s', '2026-06-01'))?.lateInterest).toEqual({
      principal: '100000000',
      asOf: '2026-04-10',
      days: 5,
      amount: '250000',
      total: '100250000',
      paid: true,
    });
    expect((await late('p', '2026-06-01'))?.lateInterest).toBeNull();
  });

  it('keeps the figures from anyone but the holder and the debtor', async () => {
    await harness.db.voucher.update({ where: { id: 'o' }, data: { holderId: E.bankA } });
    try {
      expect((await late('o', '2026-05-06', 'bankA'))?.lateInterest).toMatchObject({ amount: '1550000' });
      expect(await late('o', '2026-05-06', 'tier1')).toBeNull();
    } finally {
      await harness.db.voucher.update({ where: { id: 'o' }, data: { holderId: E.tier1 } });
    }
  });

  it('shows the dispute on the disputed piece, with the undisputed piece payable beside it', async () => {
    const query = `{ voucher(id: "d") { status dispute { status amount reason raisedById raisedBy { name }
      raisedAt undisputedId undisputed { id amount status } resolvedById resolvedAt } } }`;
    const seen = dataOf(await harness.graphql<{ voucher: unknown }>(query, {}, userOf('tier1'))).voucher;
    expect(seen).toEqual({
      status: 'DISPUTED',
      dispute: {
        status: 'OPEN',
        amount: '3000',
        reason: '30 件质量不合格',
        raisedById: E.core,
        raisedBy: { name: 'Great Wall Motors' },
        raisedAt: '2026-03-02T02:00:00.000Z',
        undisputedId: 'u',
        undisputed: { id: 'u', amount: '7000', status: 'ACTIVE' },
        resolvedById: null,
        resolvedAt: null,
      },
    });
    const plain = dataOf(
      await harness.graphql<{ voucher: { dispute: unknown } }>(
        '{ voucher(id: "u") { dispute { status } } }',
        {},
        userOf('core'),
      ),
    );
    expect(plain.voucher.dispute).toBeNull();
  });

  it('sends dispute, resolution and an agreed rate to the ledger with the caller’s arguments', async () => {
    const disputed = await harness.graphql<{ disputeVoucher: { voucher: { id: string } } }>(
      'mutation { disputeVoucher(voucherId: "o", amount: "30000000", reason: "质量争议\\n见质检报告") { projection voucher { id } } }',
      {},
      userOf('core'),
    );
    expect(dataOf(disputed).disputeVoucher.voucher.id).toBe('d');
    await harness.graphql(
      'mutation { resolveDispute(voucherId: "d", resolution: ACCEPT) { projection } }',
      {},
      userOf('tier1'),
    );
    await harness.graphql(
      'mutation { resolveDispute(voucherId: "d", resolution: WITHDRAW) { projection } }',
      {},
      userOf('core', 'admin'),
    );
    await harness.graphql(
      'mutation { confirmInvoice(id: "i", waiveDelivery: true, lateInterestBps: 600) { projection } }',
      {},
      userOf('core'),
    );
    await harness.graphql(
      'mutation { confirmInvoice(id: "i", waiveDelivery: true) { projection } }',
      {},
      userOf('core'),
    );
    expect(calls.map((call) => [call.call, call.args])).toEqual([
      ['settlement.Dispute', ['o', '30000000', '质量争议\n见质检报告']],
      ['settlement.ResolveDispute', ['d', 'ACCEPT']],
      ['settlement.ResolveDispute', ['d', 'WITHDRAW']],
      ['invoice.Confirm', ['i', 'true', '600']],
      ['invoice.Confirm', ['i', 'true', '']],
    ]);
  });

  it('refuses clerks, suppliers disputing, blank reasons and rates out of range before the ledger', async () => {
    const forbidden = [
      harness.graphql(
        'mutation { disputeVoucher(voucherId: "o", amount: "1", reason: "x") { projection } }',
        {},
        userOf('core', 'clerk'),
      ),
      harness.graphql(
        'mutation { disputeVoucher(voucherId: "o", amount: "1", reason: "x") { projection } }',
        {},
        userOf('tier1'),
      ),
      harness.graphql(
        'mutation { resolveDispute(voucherId: "d", resolution: ACCEPT) { projection } }',
        {},
        userOf('tier1', 'clerk'),
      ),
    ];
    for (const result of await Promise.all(forbidden)) expect(codesOf(result)).toEqual(['FORBIDDEN']);
    const invalid = [
      harness.graphql(
        'mutation { disputeVoucher(voucherId: "o", amount: "1", reason: "  ") { projection } }',
        {},
        userOf('core'),
      ),
      harness.graphql(
        'mutation { confirmInvoice(id: "i", lateInterestBps: 0) { projection } }',
        {},
        userOf('core'),
      ),
      harness.graphql(
        'mutation { confirmInvoice(id: "i", lateInterestBps: 10001) { projection } }',
        {},
        userOf('core'),
      ),
    ];
    for (const result of await Promise.all(invalid)) expect(codesOf(result)).toEqual(['INVALID_ARGUMENT']);
    expect(calls).toEqual([]);
  });
});
