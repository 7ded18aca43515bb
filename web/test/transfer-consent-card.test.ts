import { afterEach, describe, expect, it } from 'vitest';
import {
  AcceptTransferDocument,
  WithdrawTransferDocument,
  type VoucherFieldsFragment,
} from '@/api/generated/graphql';
import TransferConsentCard from '@/components/vouchers/TransferConsentCard.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string) => ({ id, name: `Party ${id}`, kind: 'SUPPLIER' as const });
function piece(consent: Partial<NonNullable<VoucherFieldsFragment['consent']>> = {}): VoucherFieldsFragment {
  return {
    id: 'R.2',
    number: 'H1K0-20261201-R2QRST',
    amount: '700000',
    currency: 'CNY',
    maturityDate: '2027-06-30',
    status: consent.status === 'PENDING' || consent.status === undefined ? 'PENDING_ACCEPTANCE' : 'RETURNED',
    tier: 1,
    rootId: 'R',
    parentId: 'R',
    invoiceId: 'INV',
    financingId: null,
    paidAt: null,
    paymentReference: null,
    createdAt: '2026-12-01T02:00:00Z',
    longTerm: false,
    returnOfId: null,
    consent: {
      status: 'PENDING',
      decidedAt: null,
      reason: null,
      returnedAsId: null,
      sender: party('SENDER'),
      ...consent,
    },
    holder: party('RECIPIENT'),
    debtor: { id: 'CORE', name: 'Core', kind: 'CORE' },
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
  };
}

function node(document: unknown): unknown {
  if (document === AcceptTransferDocument) return { acceptTransfer: applied({ voucher: null }) };
  if (document === WithdrawTransferDocument) return { withdrawTransfer: applied({ voucher: null }) };
  throw new Error('unexpected operation');
}

const as = (enterpriseId: string, role: 'APPROVER' | 'CLERK' = 'APPROVER') =>
  loggedIn({ enterpriseKind: 'SUPPLIER', role, enterpriseId }, { org: 'supplier', mspId: 'SupMSP' });
const mountCard = (voucher: VoucherFieldsFragment, enterpriseId: string, role?: 'APPROVER' | 'CLERK') =>
  mountWith(TransferConsentCard, { props: { voucher }, global: { plugins: [as(enterpriseId, role)] } });

afterEach(resetPortal);

describe('TransferConsentCard', () => {
  it("lets the recipient's approver accept, and tells the page", async () => {
    const calls = fakeApi(node);
    const wrapper = mountCard(piece(), 'RECIPIENT');
    await settle();
    expect(wrapper.text()).toContain('waits for your approver to accept or decline it');
    expect(wrapper.find('[data-testid="consent-withdraw"]').exists()).toBe(false);
    await wrapper.find('[data-testid="consent-accept"]').trigger('click');
    await settle();
    expect(calls.map((call) => call.variables)).toEqual([{ voucherId: 'R.2' }]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('lets the sender withdraw while it waits, and nobody act for the recipient', async () => {
    const calls = fakeApi(node);
    const wrapper = mountCard(piece(), 'SENDER');
    await settle();
    expect(wrapper.text()).toContain('Waiting for Party RECIPIENT to accept it');
    expect(wrapper.find('[data-testid="consent-accept"]').exists()).toBe(false);
    await wrapper.find('[data-testid="consent-withdraw"]').trigger('click');
    await settle();
    expect(calls[0]?.document).toBe(WithdrawTransferDocument);
  });

  it("offers a recipient's clerk nothing to press", async () => {
    fakeApi(node);
    const wrapper = mountCard(piece(), 'RECIPIENT', 'CLERK');
    await settle();
    expect(wrapper.find('[data-testid="consent-accept"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="consent-decline"]').exists()).toBe(false);
  });

  it('shows a declined transfer: why, and (to the sender) the piece that returned the amount', async () => {
    fakeApi(node);
    const declined = piece({
      status: 'DECLINED',
      decidedAt: '2026-12-02T02:00:00Z',
      reason: 'Cash only\nas agreed',
      returnedAsId: 'R.3',
    });
    const wrapper = mountCard(declined, 'SENDER');
    await settle();
    expect(wrapper.find('[data-testid="consent-status"]').text()).toBe('Declined');
    expect(wrapper.find('[data-testid="consent-reason"]').text()).toBe('Cash only\nas agreed');
    expect(wrapper.find('[data-testid="consent-returned-as"]').text()).toBe('R.3');
    expect(wrapper.find('[data-testid="consent-withdraw"]').exists()).toBe(false);
  });
});
