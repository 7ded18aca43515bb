import { afterEach, describe, expect, it } from 'vitest';
import { FinancingDocument, type FinancingQuery } from '@/api/generated/graphql';
import FinancingDetailPage from '@/pages/financing/FinancingDetailPage.vue';
import { fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'SUPPLIER' | 'BANK') => ({ id, name: `Party ${id}`, kind });
/**
 * Tier 1's warehouse receipt pledged to bank E1, disbursed and past maturity, offered with recourse:
 * a voucher's financing would offer a buy-back demand and a write-off here.
 */
const DISBURSED: NonNullable<FinancingQuery['financing']> = {
  id: 'R:f',
  amount: '80000000',
  status: 'DISBURSED',
  maturityDate: '2026-06-30',
  offerValidUntil: '2026-01-15',
  paymentReference: 'PAY-1',
  rejectionReason: null,
  termsHash: 'e'.repeat(64),
  createdAt: '2026-01-05T02:00:00Z',
  updatedAt: '2026-01-05T02:00:00Z',
  voucherId: null,
  receiptId: 'R',
  quoteRequest: null,
  repaymentReference: null,
  receipt: { id: 'R', number: 'WR-2026-001', goods: 'Copper' },
  applicant: party('TIER1', 'SUPPLIER'),
  bank: party('E1', 'BANK'),
  debtor: party('TIER1', 'SUPPLIER'),
  terms: null,
  recourse: true,
  recourseDemand: null,
  buyBack: null,
  registration: null,
  assignmentNotice: null,
  voucher: null,
  proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-01-05T02:00:00Z', submittedBy: 'x' },
};
const STUBS = { AuditTrail: true, LedgerProof: true, RegistrationCard: true, FinancingTimeline: true };

async function mountAs(enterpriseKind: 'BANK' | 'SUPPLIER', enterpriseId: string) {
  fakeApi((document) => (document === FinancingDocument ? { financing: DISBURSED } : {}));
  const user = loggedIn({ enterpriseKind, role: 'APPROVER', enterpriseId }, null);
  const wrapper = mountWith(FinancingDetailPage, {
    props: { id: DISBURSED.id },
    global: { plugins: [user], stubs: STUBS },
  });
  await settle();
  return wrapper;
}

afterEach(resetPortal);

describe('FinancingDetailPage of a pledged warehouse receipt', () => {
  it('gives the bank the repayment card, and neither recourse nor write-off: there is no voucher', async () => {
    const wrapper = await mountAs('BANK', 'E1');
    expect(wrapper.find('[data-testid="financing-receipt"]').text()).toContain('WR-2026-001');
    expect(wrapper.find('[data-testid="receipt-repayment-card"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="recourse-card"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="write-off-card"]').exists()).toBe(false);
  });

  it('shows the owner no recourse card either', async () => {
    const wrapper = await mountAs('SUPPLIER', 'TIER1');
    expect(wrapper.find('[data-testid="financing-receipt"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="recourse-card"]').exists()).toBe(false);
  });
});
