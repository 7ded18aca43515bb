import { afterEach, describe, expect, it } from 'vitest';
import {
  DemandBuyBackDocument,
  RecordBuyBackDocument,
  type FinancingFieldsFragment,
} from '@/api/generated/graphql';
import RecourseCard from '@/components/financing/RecourseCard.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'CORE' | 'SUPPLIER' | 'BANK') => ({ id, name: `Party ${id}`, kind });
const testid = (id: string): string => `[data-testid="${id}"]`;

/** Bank B's financing of tier 1's voucher, disbursed, maturing 2026-04-05. */
function financing(changes: Partial<FinancingFieldsFragment> = {}): FinancingFieldsFragment {
  return {
    id: 'V:f',
    amount: '100000000',
    status: 'DISBURSED',
    maturityDate: '2026-04-05',
    offerValidUntil: '2026-01-15',
    paymentReference: 'PAY-1',
    rejectionReason: null,
    termsHash: 'e'.repeat(64),
    createdAt: '2026-01-05T02:00:00Z',
    updatedAt: '2026-01-05T02:00:00Z',
    voucherId: 'V',
    receiptId: null,
    repaymentReference: null,
    receipt: null,
    applicant: party('TIER1', 'SUPPLIER'),
    bank: party('BANKB', 'BANK'),
    debtor: party('CORE', 'CORE'),
    terms: null,
    recourse: true,
    recourseDemand: null,
    buyBack: null,
    registration: null,
    assignmentNotice: null,
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-01-05T02:00:00Z', submittedBy: 'x' },
    ...changes,
  };
}
const DEMANDED = { recourseDemand: { demandedAt: '2026-04-15T02:00:00Z', amount: '100000000' } };

const bank = (role: 'APPROVER' | 'CLERK' = 'APPROVER') =>
  loggedIn({ enterpriseKind: 'BANK', role, enterpriseId: 'BANKB' }, null);
const sme = loggedIn({ enterpriseKind: 'SUPPLIER', role: 'APPROVER', enterpriseId: 'TIER1' }, null);

function mount(
  props: { financing: FinancingFieldsFragment; isBank: boolean; today: string },
  plugin = bank(),
) {
  return mountWith(RecourseCard, { props, global: { plugins: [plugin] } });
}

afterEach(resetPortal);

describe('RecourseCard', () => {
  it('lets the bank approver demand a buy-back of an overdue financing with recourse, after confirming', async () => {
    const calls = fakeApi((document) => {
      if (document === DemandBuyBackDocument) return { demandBuyBack: applied({ financing: null }) };
      throw new Error('unexpected operation');
    });
    const wrapper = mount({ financing: financing(), isBank: true, today: '2026-04-15' });
    await settle();
    expect(wrapper.find(testid('recourse-kind')).text()).toBe('With recourse');
    await wrapper.find(testid('recourse-demand')).trigger('click');
    await settle();
    expect(document.body.textContent).toContain(
      'Demand that Party TIER1 buy back this voucher, 10 days past maturity, for its face amount ¥1,000,000.00?',
    );
    document.body.querySelector<HTMLButtonElement>(testid('recourse-demand-confirm'))?.click();
    await settle();
    expect(calls.map((call) => [call.document, call.variables])).toEqual([
      [DemandBuyBackDocument, { id: 'V:f' }],
    ]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('offers no demand on maturity day, without recourse, to a clerk, or once demanded', async () => {
    fakeApi(() => ({}));
    const cases = [
      mount({ financing: financing(), isBank: true, today: '2026-04-05' }),
      mount({ financing: financing({ recourse: false }), isBank: true, today: '2026-04-15' }),
      mount({ financing: financing(), isBank: true, today: '2026-04-15' }, bank('CLERK')),
      mount({ financing: financing(DEMANDED), isBank: true, today: '2026-04-15' }),
    ];
    await settle();
    for (const wrapper of cases) expect(wrapper.find(testid('recourse-demand')).exists()).toBe(false);
    expect(cases[1]?.find(testid('recourse-kind')).text()).toBe('Without recourse');
  });

  it('after a demand, lets the bank approver record the buy-back with its payment reference', async () => {
    const calls = fakeApi((document) => {
      if (document === RecordBuyBackDocument) return { recordBuyBack: applied({ financing: null }) };
      throw new Error('unexpected operation');
    });
    const wrapper = mount({ financing: financing(DEMANDED), isBank: true, today: '2026-04-20' });
    await settle();
    await wrapper.find(testid('recourse-record')).trigger('click');
    await settle();
    const input = document.body.querySelector<HTMLInputElement>(
      `${testid('recourse-record-dialog-input')} input, input${testid('recourse-record-dialog-input')}`,
    );
    if (!input) throw new Error('no payment reference field');
    input.value = 'BUYBACK-1';
    input.dispatchEvent(new Event('input'));
    await settle();
    document.body.querySelector<HTMLButtonElement>(testid('recourse-record-dialog-submit'))?.click();
    await settle();
    expect(calls.map((call) => call.variables)).toEqual([{ id: 'V:f', paymentReference: 'BUYBACK-1' }]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('tells the applicant what it owes on a demand and offers it no bank action', async () => {
    fakeApi(() => ({}));
    const wrapper = mount({ financing: financing(DEMANDED), isBank: false, today: '2026-04-20' }, sme);
    await settle();
    expect(wrapper.find(testid('recourse-owed')).text()).toContain(
      'Your bank demands that you buy back this voucher: pay it ¥1,000,000.00.',
    );
    expect(wrapper.find(testid('recourse-record')).exists()).toBe(false);
    expect(wrapper.find(testid('recourse-demand')).exists()).toBe(false);
  });

  it('shows a recorded buy-back, and nothing when the terms are not the caller’s to see', async () => {
    fakeApi(() => ({}));
    const bought = financing({
      ...DEMANDED,
      status: 'BOUGHT_BACK',
      buyBack: { recordedAt: '2026-04-20T02:00:00Z', paymentReference: 'BUYBACK-1' },
    });
    const wrapper = mount({ financing: bought, isBank: true, today: '2026-04-21' });
    await settle();
    expect(wrapper.find(testid('recourse-reference')).text()).toBe('BUYBACK-1');
    expect(wrapper.find(testid('recourse-record')).exists()).toBe(false);
    const hidden = mount(
      { financing: financing({ recourse: null }), isBank: false, today: '2026-04-21' },
      sme,
    );
    await settle();
    expect(hidden.find(testid('recourse-card')).exists()).toBe(false);
  });
});
