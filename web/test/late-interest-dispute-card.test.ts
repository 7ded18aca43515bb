import { afterEach, describe, expect, it } from 'vitest';
import {
  DisputeVoucherDocument,
  ResolveDisputeDocument,
  VoucherLateInterestDocument,
  type VoucherLateInterestQuery,
} from '@/api/generated/graphql';
import LateInterestDisputeCard from '@/components/vouchers/LateInterestDisputeCard.vue';
import { disputeAmountProblem, isDisputable, rateText } from '@/domain/payment-dispute';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

type Seen = NonNullable<VoucherLateInterestQuery['voucher']>;

/** 1,000,000 yuan the core enterprise owes tier 1, 31 days overdue at the statutory rate. */
function overdue(changes: Partial<Seen> = {}): Seen {
  return {
    id: 'R',
    status: 'OVERDUE',
    amount: '100000000',
    maturityDate: '2026-04-05',
    holder: { id: 'TIER1', name: 'Tier One' },
    debtor: { id: 'CORE', name: 'Core Group' },
    lateInterestRate: {
      basis: 'STATUTORY',
      annualBps: null,
      agreedAnnualBps: null,
      lprFloorBps: null,
      dailyBps: 5,
    },
    lateInterest: {
      principal: '100000000',
      asOf: '2026-05-06',
      days: 31,
      amount: '1550000',
      total: '101550000',
      paid: false,
    },
    dispute: null,
    ...changes,
  };
}

const disputed = (): Seen =>
  overdue({
    id: 'R.2',
    status: 'DISPUTED',
    amount: '30000000',
    dispute: {
      status: 'OPEN',
      amount: '30000000',
      reason: '30 units failed QC',
      raisedBy: { id: 'CORE', name: 'Core Group' },
      raisedAt: '2026-04-06T02:00:00Z',
      undisputedId: 'R.1',
      resolvedAt: null,
    },
  });

function answering(voucher: Seen) {
  return (document: unknown): unknown => {
    if (document === VoucherLateInterestDocument) return { voucher };
    if (document === DisputeVoucherDocument)
      return { disputeVoucher: applied({ voucher: { id: 'R.2', status: 'DISPUTED' } }) };
    if (document === ResolveDisputeDocument)
      return { resolveDispute: applied({ voucher: { id: 'R.2', status: 'OVERDUE' } }) };
    throw new Error('unexpected operation');
  };
}

const as = (
  enterpriseId: string,
  kind: 'CORE' | 'SUPPLIER' | 'BANK',
  role: 'APPROVER' | 'CLERK' = 'APPROVER',
) => loggedIn({ enterpriseKind: kind, role, enterpriseId }, { org: 'x', mspId: 'XMSP' });
const mountCard = (voucherId: string, plugin: ReturnType<typeof as>) =>
  mountWith(LateInterestDisputeCard, { props: { voucherId }, global: { plugins: [plugin] } });
const testid = (id: string): string => `[data-testid="${id}"]`;

afterEach(resetPortal);

describe('LateInterestDisputeCard', () => {
  it('shows the holder the statutory rate, the interest accrued and what the debtor owes today', async () => {
    fakeApi(answering(overdue()));
    const wrapper = mountCard('R', as('TIER1', 'SUPPLIER'));
    await settle();
    expect(wrapper.find(testid('late-interest-rate')).text()).toBe('0.05% a day (none agreed)');
    expect(wrapper.find(testid('late-interest-amount')).text()).toContain('15,500.00');
    expect(wrapper.text()).toContain('31 days late, to 2026-05-06');
    expect(wrapper.find(testid('late-interest-total')).text()).toContain('1,015,500.00');
    // A holder does not dispute.
    expect(wrapper.find(testid('dispute-open')).exists()).toBe(false);
  });

  it('shows nothing to an enterprise that is neither holder nor debtor', async () => {
    fakeApi(answering(overdue()));
    const wrapper = mountCard('R', as('BANKA', 'BANK'));
    await settle();
    expect(wrapper.find(testid('late-interest-card')).exists()).toBe(false);
  });

  it("lets the debtor's approver dispute part of it, with the amount in fen and the reason", async () => {
    const calls = fakeApi(answering(overdue()));
    const wrapper = mountCard('R', as('CORE', 'CORE'));
    await settle();
    await wrapper.find(testid('dispute-open')).trigger('click');
    await settle();
    const amount = document.body.querySelector<HTMLInputElement>(
      `${testid('dispute-amount')} input, input${testid('dispute-amount')}`,
    );
    const reason = document.body.querySelector<HTMLTextAreaElement>(
      `textarea${testid('dispute-reason-input')}, ${testid('dispute-reason-input')} textarea`,
    );
    if (!amount || !reason) throw new Error('no dispute form');
    amount.value = '1,000,001';
    amount.dispatchEvent(new Event('input'));
    reason.value = '30 units failed QC';
    reason.dispatchEvent(new Event('input'));
    await settle();
    expect(document.body.querySelector(testid('dispute-problem'))?.textContent).toContain(
      'More than the voucher',
    );
    amount.value = '300,000.00';
    amount.dispatchEvent(new Event('input'));
    await settle();
    document.body.querySelector<HTMLButtonElement>(testid('dispute-submit'))?.click();
    await settle();
    expect(calls.find((call) => call.document === DisputeVoucherDocument)?.variables).toEqual({
      voucherId: 'R',
      amount: '30000000',
      reason: '30 units failed QC',
    });
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it("lets the holder's approver accept or reject an open dispute, the debtor withdraw its own", async () => {
    const calls = fakeApi(answering(disputed()));
    const holder = mountCard('R.2', as('TIER1', 'SUPPLIER'));
    await settle();
    expect(holder.find(testid('dispute-status')).text()).toBe('Open');
    expect(holder.find(testid('dispute-reason')).text()).toBe('30 units failed QC');
    expect(holder.find(testid('dispute-undisputed')).text()).toBe('R.1');
    expect(holder.text()).toContain('frozen until the holder resolves');
    await holder.find(testid('dispute-accept')).trigger('click');
    await settle();
    expect(
      calls.filter((call) => call.document === ResolveDisputeDocument).map((call) => call.variables),
    ).toEqual([{ voucherId: 'R.2', resolution: 'ACCEPT' }]);
    resetPortal();

    fakeApi(answering(disputed()));
    const debtor = mountCard('R.2', as('CORE', 'CORE'));
    await settle();
    expect(debtor.find(testid('dispute-accept')).exists()).toBe(false);
    expect(debtor.find(testid('dispute-withdraw')).text()).toBe('Withdraw my dispute');
    expect(debtor.find(testid('dispute-open')).exists()).toBe(false);
  });

  it('offers a clerk nothing to press', async () => {
    fakeApi(answering(disputed()));
    const wrapper = mountCard('R.2', as('TIER1', 'SUPPLIER', 'CLERK'));
    await settle();
    expect(wrapper.find(testid('dispute-accept')).exists()).toBe(false);
    expect(wrapper.find(testid('dispute-withdraw')).exists()).toBe(false);
  });

  it('says an agreed rate with its LPR floor, in Chinese too', async () => {
    const agreed = overdue({
      lateInterestRate: {
        basis: 'AGREED',
        annualBps: 310,
        agreedAnnualBps: 300,
        lprFloorBps: 310,
        dailyBps: null,
      },
    });
    fakeApi(answering(agreed));
    const wrapper = mountWith(LateInterestDisputeCard, {
      props: { voucherId: 'R' },
      locale: 'zh-CN',
      global: { plugins: [as('CORE', 'CORE')] },
    });
    await settle();
    expect(wrapper.find(testid('late-interest-rate')).text()).toBe(
      '年利率 3.10%（约定 3.00%；确权日一年期 LPR 3.10%）',
    );
  });
});

describe('dispute rules in the portal', () => {
  it('offers a dispute on open vouchers only, for an amount above zero up to the voucher', () => {
    expect(
      ['ACTIVE', 'OVERDUE', 'FINANCED', 'DISPUTED', 'SETTLED'].map((status) => isDisputable({ status })),
    ).toEqual([true, true, false, false, false]);
    expect(disputeAmountProblem(null, '100')).toBe('lateInterest.problem.amount');
    expect(disputeAmountProblem(0n, '100')).toBe('lateInterest.problem.amount');
    expect(disputeAmountProblem(101n, '100')).toBe('lateInterest.problem.tooMuch');
    expect(disputeAmountProblem(100n, '100')).toBeNull();
    expect(
      rateText({
        basis: 'STATUTORY',
        annualBps: null,
        agreedAnnualBps: null,
        lprFloorBps: null,
        dailyBps: 5,
      }),
    ).toEqual({
      key: 'lateInterest.rateStatutory',
      values: { daily: '0.05%' },
    });
  });
});
