import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { businessToday } from '../../src/schema/dashboard/business-day.ts';
import { ledgerOver } from '../support/recording-ledger.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';
import { codesOf, dataOf } from '../support/graphql-data.ts';
import {
  day,
  E,
  financing,
  proof,
  seedEnterprises,
  terms,
  userOf,
  voucher,
} from '../support/read-model-seed.ts';

/**
 * Early payment by the core enterprise in the API. The core's open offer: 6 % a year, 9 % for tier 1,
 * budget 2,000,000 yuan of which 985,000 is spent. Vouchers of 1,000,000 yuan mature in 90 days:
 * a (ACTIVE), b (FINANCING, with bank A's offer), t (a tier-1 piece), g (2,000,000 yuan: over the budget).
 */
const TODAY = businessToday();
const IN_90 = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
const OWED = { debtorId: E.core, holderId: E.tier1, amount: 100_000_000n, maturityDate: day(IN_90) };
const OFFER = {
  id: `${E.core}:0123456789abcdef`,
  debtorId: E.core,
  annualDiscountBps: 600,
  tierDiscountBps: { '1': 900 },
  budget: 200_000_000n,
  consumed: 98_500_000n,
  taken: 1,
  status: 'OPEN',
  ...proof(),
};

const QUOTE = `query($id: ID!) { earlyPaymentQuote(voucherId: $id) {
  offer { id } asOf face rateBps days discount paid blockedBy
  bank { financing { id } netProceeds choice difference } } }`;

interface QuoteAnswer {
  earlyPaymentQuote: Record<string, unknown> | null;
}

describe('early payment in the API', () => {
  let harness: ApiHarness;
  let calls: ContractCall[];

  beforeAll(async () => {
    const fake = fakeContracts(() => ({ id: OFFER.id }));
    calls = fake.calls;
    const ledger = ledgerOver(fake.contractOf);
    harness = await startApiHarness({ ledgerAs: () => Promise.resolve(ledger) });
    await seedEnterprises(harness.db);
    await harness.db.earlyPaymentOffer.create({ data: OFFER });
    await harness.db.voucher.createMany({
      data: [
        voucher({ id: 'a', ...OWED }),
        voucher({ id: 'b', ...OWED, status: 'FINANCING', financingId: 'b:f' }),
        voucher({ id: 't', ...OWED, tier: 1, rootId: 'a', parentId: 'a' }),
        voucher({ id: 'g', ...OWED, amount: 200_000_000n }),
        voucher({ id: 'x', ...OWED, debtorId: E.otherCore }),
        voucher({
          id: 's',
          ...OWED,
          status: 'SETTLED',
          paidTo: E.tier1,
          paymentReference: 'earlypay:tx',
          paidAt: new Date('2026-03-01T02:00:00.000Z'),
          paidLateInterest: 0n,
          paidLateDays: 0,
          paidTotal: 98_500_000n,
          earlyOfferId: OFFER.id,
          earlyRateBps: 600,
          earlyDays: 90,
          earlyDiscount: 1_500_000n,
        }),
      ],
    });
    await harness.db.financing.create({
      data: financing({
        id: 'b:f',
        voucherId: 'b',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
        amount: 100_000_000n,
        status: 'OFFERED',
      }),
    });
    // Financed 90,000,000, net proceeds 89,999,000.
    await harness.db.offerTerms.create({ data: terms('b:f', 100_000_000n) });
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const quote = async (id: string, who: Parameters<typeof userOf>[0] = 'tier1') =>
    dataOf(await harness.graphql<QuoteAnswer>(QUOTE, { id }, userOf(who))).earlyPaymentQuote;

  it('shows every member the core’s open offer with what its budget has left', async () => {
    const answer = dataOf(
      await harness.graphql<{ earlyPaymentOffer: unknown; none: unknown }>(
        `query($core: ID!, $other: ID!) {
          earlyPaymentOffer(debtorId: $core) { id status annualDiscountBps tierRates { tier discountBps }
            budget consumed budgetLeft taken validUntil }
          none: earlyPaymentOffer(debtorId: $other) { id } }`,
        { core: E.core, other: E.otherCore },
        userOf('bankB', 'clerk'),
      ),
    );
    expect(answer).toEqual({
      earlyPaymentOffer: {
        id: OFFER.id,
        status: 'OPEN',
        annualDiscountBps: 600,
        tierRates: [{ tier: 1, discountBps: 900 }],
        budget: '200000000',
        consumed: '98500000',
        budgetLeft: '101500000',
        taken: 1,
        validUntil: null,
      },
      none: null,
    });
  });

  it('quotes the holder 90 days at 6 %: discount 1,500,000 fen, 98,500,000 paid now', async () => {
    expect(await quote('a')).toEqual({
      offer: { id: OFFER.id },
      asOf: TODAY,
      face: '100000000',
      rateBps: 600,
      days: 90,
      discount: '1500000',
      paid: '98500000',
      blockedBy: null,
      bank: null,
    });
    // The debtor sees the same price; a bank and another supplier see nothing.
    expect(await quote('a', 'core')).toMatchObject({ paid: '98500000', bank: null });
    expect(await quote('a', 'bankA')).toBeNull();
    expect(await quote('a', 'tier2')).toBeNull();
    // A debtor without an open offer: no quote.
    expect(await quote('x')).toBeNull();
  });

  it('compares the early payment with the bank offer as cash now, for the holder only', async () => {
    expect(await quote('b')).toMatchObject({
      paid: '98500000',
      // In financing: the holder withdraws the application before it can take the early payment.
      blockedBy: 'INVALID_STATE',
      bank: {
        financing: { id: 'b:f' },
        netProceeds: '89999000',
        choice: 'EARLY_PAYMENT',
        difference: '8501000',
      },
    });
    expect(await quote('b', 'core')).toMatchObject({ bank: null });
  });

  it('prices a tier-1 piece at its tier’s rate and flags a payment beyond the budget left', async () => {
    // 100,000,000 × 900 × 90 / 3,600,000 = 2,250,000.
    expect(await quote('t')).toMatchObject({ rateBps: 900, discount: '2250000', paid: '97750000' });
    expect(await quote('g')).toMatchObject({
      paid: '197000000',
      blockedBy: 'EARLY_PAYMENT_BUDGET_EXCEEDED',
    });
  });

  it('shows a voucher paid early with its offer, rate, days and discount', async () => {
    const answer = dataOf(
      await harness.graphql<{ voucher: unknown }>(
        'query { voucher(id: "s") { status earlyPayment { offer { id } rateBps days discount paid } } }',
        {},
        userOf('tier1'),
      ),
    );
    expect(answer.voucher).toEqual({
      status: 'SETTLED',
      earlyPayment: {
        offer: { id: OFFER.id },
        rateBps: 600,
        days: 90,
        discount: '1500000',
        paid: '98500000',
      },
    });
  });

  it('sends publish, close and take to the ledger as their transactions', async () => {
    const publish = `mutation { publishEarlyPaymentOffer(input: { annualDiscountBps: 600,
      tierRates: [{ tier: 1, discountBps: 900 }], budget: "200000000" }) { projection offer { id } } }`;
    expect(codesOf(await harness.graphql(publish, {}, userOf('core')))).toEqual([]);
    await harness.graphql(
      `mutation { closeEarlyPaymentOffer(offerId: "${OFFER.id}") { projection } }`,
      {},
      userOf('core', 'admin'),
    );
    await harness.graphql(
      `mutation { takeEarlyPayment(offerId: "${OFFER.id}", voucherId: "a") { projection } }`,
      {},
      userOf('tier1'),
    );
    await harness.graphql(
      `mutation { prepareAction(input: { publishEarlyPaymentOffer: { annualDiscountBps: 500,
        budget: "100", validUntil: "2026-12-31" } }) { projection } }`,
      {},
      userOf('core', 'clerk'),
    );
    expect(calls.map((call) => [call.call, call.args])).toEqual([
      ['earlypay.Publish', ['600', '{"1":900}', '200000000', '']],
      ['earlypay.Close', [OFFER.id]],
      ['earlypay.Take', [OFFER.id, 'a']],
      [
        'approval.Prepare',
        [
          'earlypay:Publish',
          '{"annualDiscountBps":"500","tierRatesJson":"{}","budget":"100","validUntil":"2026-12-31"}',
        ],
      ],
    ]);
  });

  it('refuses a supplier publishing, a clerk, a bank taking, and rates out of range before the ledger', async () => {
    const forbidden = [
      harness.graphql(
        'mutation { publishEarlyPaymentOffer(input: { annualDiscountBps: 600, budget: "1" }) { projection } }',
        {},
        userOf('tier1'),
      ),
      harness.graphql(
        'mutation { publishEarlyPaymentOffer(input: { annualDiscountBps: 600, budget: "1" }) { projection } }',
        {},
        userOf('core', 'clerk'),
      ),
      harness.graphql(
        `mutation { closeEarlyPaymentOffer(offerId: "${OFFER.id}") { projection } }`,
        {},
        userOf('tier1'),
      ),
      harness.graphql(
        `mutation { takeEarlyPayment(offerId: "${OFFER.id}", voucherId: "a") { projection } }`,
        {},
        userOf('bankA'),
      ),
      harness.graphql(
        `mutation { takeEarlyPayment(offerId: "${OFFER.id}", voucherId: "a") { projection } }`,
        {},
        userOf('tier1', 'clerk'),
      ),
    ];
    for (const result of await Promise.all(forbidden)) expect(codesOf(result)).toEqual(['FORBIDDEN']);
    for (const bps of [0, 2401]) {
      const result = await harness.graphql(
        `mutation { publishEarlyPaymentOffer(input: { annualDiscountBps: ${String(bps)}, budget: "1" }) { projection } }`,
        {},
        userOf('core'),
      );
      expect(codesOf(result)).toEqual(['INVALID_ARGUMENT']);
    }
    expect(calls).toEqual([]);
  });
});
