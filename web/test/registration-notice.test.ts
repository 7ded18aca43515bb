import { afterEach, describe, expect, it } from 'vitest';
import { FinancingsDocument, type FinancingFieldsFragment } from '@/api/generated/graphql';
import AssignmentNoticeCard from '@/components/financing/AssignmentNoticeCard.vue';
import AssignmentNoticesCard from '@/components/financing/AssignmentNoticesCard.vue';
import RegistrationCard from '@/components/financing/RegistrationCard.vue';
import { fakeApi } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'CORE' | 'SUPPLIER' | 'BANK') => ({ id, name: `Party ${id}`, kind });
const registration: NonNullable<FinancingFieldsFragment['registration']> = {
  registrationNumber: '2026120100000007',
  registeredAt: '2026-12-01T01:59:30Z',
  registrantMsp: 'BankAMSP',
  searchedAt: '2026-12-01T01:59:00Z',
  registrant: party('BANKA', 'BANK'),
  searchResult: [],
};
const notice: NonNullable<FinancingFieldsFragment['assignmentNotice']> = {
  noticedAt: '2026-12-01T02:00:00Z',
  registrationNumber: '2026120100000007',
  assignor: party('TIER1', 'SUPPLIER'),
  assignee: party('BANKA', 'BANK'),
};
function financing(disbursed: boolean): FinancingFieldsFragment {
  return {
    id: 'V:f',
    amount: '100000000',
    status: disbursed ? 'DISBURSED' : 'ACCEPTED',
    maturityDate: '2027-03-31',
    offerValidUntil: '2026-12-10',
    paymentReference: disbursed ? 'PAY-1' : null,
    rejectionReason: null,
    termsHash: 'e'.repeat(64),
    createdAt: '2026-11-30T02:00:00Z',
    updatedAt: '2026-12-01T02:00:00Z',
    voucherId: 'V',
    receiptId: null,
    repaymentReference: null,
    receipt: null,
    applicant: party('TIER1', 'SUPPLIER'),
    bank: party('BANKA', 'BANK'),
    debtor: party('CORE', 'CORE'),
    terms: null,
    recourse: null,
    recourseDemand: null,
    buyBack: null,
    registration: disbursed ? registration : null,
    assignmentNotice: disbursed ? notice : null,
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
  };
}

afterEach(resetPortal);

describe('the registration and the notice of assignment in the portal', () => {
  it('shows the bank’s registration: number, registrant and a clean search', async () => {
    const wrapper = mountWith(RegistrationCard, { props: { financing: financing(true), isBank: true } });
    await settle();
    expect(wrapper.find('[data-testid="registration-number"]').text()).toBe('2026120100000007');
    expect(wrapper.text()).toContain('Party BANKA');
    expect(wrapper.text()).toContain('No earlier registration of this receivable');
  });

  it('tells a bank before it disburses that disbursing registers first, in Chinese too', async () => {
    const wrapper = mountWith(RegistrationCard, {
      props: { financing: financing(false), isBank: true },
      locale: 'zh-CN',
    });
    await settle();
    expect(wrapper.text()).toContain('动产融资统一登记公示系统');
    expect(wrapper.find('[data-testid="registration-number"]').exists()).toBe(false);
  });

  it('tells the debtor whom to pay now', async () => {
    const wrapper = mountWith(AssignmentNoticeCard, { props: { notice, financing: financing(true) } });
    await settle();
    expect(wrapper.text()).toContain(
      'Pay Party BANKA at maturity: Party TIER1 assigned this receivable to it.',
    );
    expect(wrapper.find('[data-testid="notice-assignee"]').text()).toBe('Party BANKA');
  });

  it('lists a core enterprise’s notices from the node, asking only for noticed financings it owes', async () => {
    const calls = fakeApi((document) => {
      if (document !== FinancingsDocument) throw new Error('unexpected operation');
      return {
        financings: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          edges: [{ node: financing(true) }],
        },
      };
    });
    const wrapper = mountWith(AssignmentNoticesCard, { props: { debtorId: 'CORE' } });
    await settle();
    expect(calls[0]?.variables).toMatchObject({ filter: { debtorId: 'CORE', noticed: true } });
    const table = wrapper.find('[data-testid="assignment-notices"]').text();
    expect(table).toContain('Party BANKA');
    expect(table).toContain('2026120100000007');
  });
});
