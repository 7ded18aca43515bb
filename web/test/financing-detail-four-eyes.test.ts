import { afterEach, describe, expect, it } from 'vitest';
import {
  DisburseFinancingDocument,
  EnterpriseFourEyesDocument,
  FinancingDocument,
  PrepareActionDocument,
  type FinancingQuery,
} from '@/api/generated/graphql';
import FinancingDetailPage from '@/pages/financing/FinancingDetailPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'CORE' | 'SUPPLIER' | 'BANK') => ({ id, name: `Party ${id}`, kind });
/** An accepted financing at bank E1, waiting to be disbursed. */
const ACCEPTED: NonNullable<FinancingQuery['financing']> = {
  id: 'V:f',
  amount: '100000000',
  status: 'ACCEPTED',
  maturityDate: '2027-03-31',
  offerValidUntil: '2026-12-10',
  paymentReference: null,
  rejectionReason: null,
  termsHash: 'e'.repeat(64),
  createdAt: '2026-11-30T02:00:00Z',
  updatedAt: '2026-12-01T02:00:00Z',
  voucherId: 'V',
  applicant: party('TIER1', 'SUPPLIER'),
  bank: party('E1', 'BANK'),
  debtor: party('CORE', 'CORE'),
  terms: null,
  recourse: null,
  recourseDemand: null,
  buyBack: null,
  registration: null,
  assignmentNotice: null,
  voucher: null,
  proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
};

/** The bank's node: four eyes on or off for E1; a write answers as applied. */
const node =
  (fourEyes: boolean) =>
  (document: unknown): unknown => {
    if (document === EnterpriseFourEyesDocument) return { enterprise: { id: 'E1', fourEyes } };
    if (document === FinancingDocument) return { financing: ACCEPTED };
    if (document === PrepareActionDocument) return { prepareAction: applied({ approval: null }) };
    if (document === DisburseFinancingDocument)
      return { disburseFinancing: applied({ financing: ACCEPTED }) };
    return {};
  };
const bank = (role: 'CLERK' | 'APPROVER') =>
  loggedIn({ enterpriseKind: 'BANK', role }, { org: 'banka', mspId: 'BankAMSP' });
/** The page's side cards ask the node things of their own; they are not what this test is about. */
const STUBS = { AuditTrail: true, LedgerProof: true, RegistrationCard: true, FinancingTimeline: true };
async function mountAs(role: 'CLERK' | 'APPROVER') {
  const wrapper = mountWith(FinancingDetailPage, {
    props: { id: 'V:f' },
    global: { plugins: [bank(role)], stubs: STUBS },
  });
  await settle();
  return wrapper;
}

/** Types a payment reference into the disburse dialog and submits it. */
async function submitReference(reference: string): Promise<void> {
  const input = document.body.querySelector<HTMLInputElement>(
    '[data-testid="financing-disburse-dialog-input"] input, input[data-testid="financing-disburse-dialog-input"]',
  );
  if (!input) throw new Error('no payment reference field');
  input.value = reference;
  input.dispatchEvent(new Event('input'));
  await settle();
  document.body.querySelector<HTMLButtonElement>('[data-testid="financing-disburse-dialog-submit"]')?.click();
  await settle();
}

afterEach(resetPortal);

describe('FinancingDetailPage: disbursing under four eyes', () => {
  it('lets a clerk of a four-eyes bank prepare the disbursement for another approver, not disburse', async () => {
    const calls = fakeApi(node(true));
    const wrapper = await mountAs('CLERK');
    const button = wrapper.find('[data-testid="financing-disburse"]');
    expect(button.text()).toBe('Prepare disbursement');
    await button.trigger('click');
    await settle();
    await submitReference('PAY-4E-1');
    expect(calls.filter((call) => call.document === DisburseFinancingDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === PrepareActionDocument)?.variables).toEqual({
      input: { disburse: { financingId: 'V:f', paymentReference: 'PAY-4E-1' } },
    });
  });

  it('without four eyes offers a clerk nothing and lets an approver disburse directly', async () => {
    fakeApi(node(false));
    expect((await mountAs('CLERK')).find('[data-testid="financing-disburse"]').exists()).toBe(false);
    resetPortal();
    const calls = fakeApi(node(false));
    const wrapper = await mountAs('APPROVER');
    const button = wrapper.find('[data-testid="financing-disburse"]');
    expect(button.text()).toBe('Disburse');
    await button.trigger('click');
    await settle();
    await submitReference('PAY-1');
    expect(calls.filter((call) => call.document === PrepareActionDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === DisburseFinancingDocument)?.variables).toEqual({
      id: 'V:f',
      paymentReference: 'PAY-1',
    });
  });
});
