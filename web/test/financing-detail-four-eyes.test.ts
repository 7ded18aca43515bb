import { afterEach, describe, expect, it } from 'vitest';
import {
  BenchmarkRatesDocument,
  DisburseFinancingDocument,
  EnterpriseFourEyesDocument,
  FinancingDocument,
  OfferFinancingDocument,
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
  receiptId: null,
  repaymentReference: null,
  receipt: null,
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
  quoteRequest: null,
  proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
};

/** The same financing applied for, waiting for the bank's offer. */
const APPLIED: NonNullable<FinancingQuery['financing']> = {
  ...ACCEPTED,
  status: 'APPLIED',
  offerValidUntil: null,
  termsHash: null,
};
/** The 1-year LPR in force. */
const LPR = {
  id: 'LPR_1Y:2026-11-20',
  tenor: 'LPR_1Y',
  rateBps: 300,
  effectiveDate: '2026-11-20',
  status: 'IN_FORCE',
  attestations: [],
};

/** The bank's node: four eyes on or off for E1; a write answers as applied. */
const node =
  (fourEyes: boolean, financing = ACCEPTED) =>
  (document: unknown): unknown => {
    if (document === EnterpriseFourEyesDocument) return { enterprise: { id: 'E1', fourEyes } };
    if (document === FinancingDocument) return { financing };
    if (document === BenchmarkRatesDocument)
      return {
        benchmarkRates: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          edges: [{ node: LPR }],
        },
      };
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

describe('FinancingDetailPage: offering under four eyes', () => {
  it('lets a clerk of a four-eyes bank prepare the offer with its terms for another approver, not send it', async () => {
    const calls = fakeApi(node(true, APPLIED));
    const wrapper = await mountAs('CLERK');
    await wrapper.find('[data-testid="offer-recourse-without"] input').setValue(true);
    const button = wrapper.find('[data-testid="offer-submit"]');
    expect(button.text()).toBe('Prepare offer for approval');
    await button.trigger('click');
    await settle();
    expect(calls.filter((call) => call.document === OfferFinancingDocument)).toHaveLength(0);
    const prepared = calls.find((call) => call.document === PrepareActionDocument)?.variables as {
      input: { offer: { financingId: string; terms: Record<string, unknown> } };
    };
    expect(prepared.input.offer).toEqual({
      financingId: 'V:f',
      terms: {
        advanceRateBps: 9000,
        spreadBps: 50,
        fees: '0',
        validUntil: expect.any(String) as string,
        recourse: false,
      },
    });
  });

  it('without four eyes lets only an approver send the offer itself', async () => {
    fakeApi(node(false, APPLIED));
    expect((await mountAs('CLERK')).find('[data-testid="offer-submit"]').exists()).toBe(false);
    resetPortal();
    const calls = fakeApi(node(false, APPLIED));
    const approver = await mountAs('APPROVER');
    await approver.find('[data-testid="offer-recourse-with"] input').setValue(true);
    const button = approver.find('[data-testid="offer-submit"]');
    expect(button.text()).toBe('Send offer');
    await button.trigger('click');
    await settle();
    expect(calls.filter((call) => call.document === PrepareActionDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === OfferFinancingDocument)?.variables).toMatchObject({
      id: 'V:f',
    });
  });
});
