import { afterEach, describe, expect, it } from 'vitest';
import {
  AcceptOfferDocument,
  EnterprisesDocument,
  QuoteRequestDocument,
  WithdrawQuoteRequestDocument,
  type FinancingFieldsFragment,
  type QuoteRequestFieldsFragment,
} from '@/api/generated/graphql';
import QuoteRequestCard from '@/components/financing/QuoteRequestCard.vue';
import RequestQuotesDialog from '@/components/financing/RequestQuotesDialog.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'CORE' | 'SUPPLIER' | 'BANK') => ({ id, name: `Party ${id}`, kind });
const testid = (id: string): string => `[data-testid="${id}"]`;
/** Far enough ahead that the portal's real business day is before every deadline here. */
const UNTIL = '2099-01-15';

function offer(
  id: string,
  bank: string,
  changes: Partial<FinancingFieldsFragment> = {},
): FinancingFieldsFragment {
  return {
    id,
    amount: '100000000',
    status: 'OFFERED',
    maturityDate: '2099-04-05',
    offerValidUntil: UNTIL,
    paymentReference: null,
    rejectionReason: null,
    termsHash: 'e'.repeat(64),
    createdAt: '2026-01-05T02:00:00Z',
    updatedAt: '2026-01-05T02:00:00Z',
    voucherId: 'V',
    receiptId: null,
    repaymentReference: null,
    receipt: null,
    applicant: party('TIER1', 'SUPPLIER'),
    bank: party(bank, 'BANK'),
    debtor: party('CORE', 'CORE'),
    terms: null,
    recourse: null,
    recourseDemand: null,
    buyBack: null,
    registration: null,
    assignmentNotice: null,
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-01-05T02:00:00Z', submittedBy: 'x' },
    ...changes,
  };
}
const terms = (netProceeds: string) => ({
  faceAmount: '100000000',
  advanceRateBps: 9000,
  financedAmount: '90000000',
  lprTenor: 'LPR_1Y' as const,
  lprBps: 310,
  spreadBps: 90,
  annualRateBps: 400,
  days: 90,
  discountInterest: '900000',
  fees: '5000',
  netProceeds,
  validUntil: UNTIL,
  termsHash: 'e'.repeat(64),
});

function request(offers: FinancingFieldsFragment[], changes: Partial<QuoteRequestFieldsFragment> = {}) {
  return {
    quoteRequest: {
      id: 'V:q',
      status: 'OPEN' as const,
      amount: '100000000',
      maturityDate: '2099-04-05',
      validUntil: UNTIL,
      voucherId: 'V',
      applicant: party('TIER1', 'SUPPLIER'),
      offers,
      acceptedFinancing: null,
      ...changes,
    },
  };
}
const BOTH = [
  offer('V:q:1', 'BANKA', { terms: terms('89095000'), recourse: false }),
  offer('V:q:2', 'BANKB', { terms: terms('89100000'), recourse: true }),
];

const sme = loggedIn({ enterpriseKind: 'SUPPLIER', role: 'APPROVER', enterpriseId: 'TIER1' }, null);
const bankB = loggedIn({ enterpriseKind: 'BANK', role: 'APPROVER', enterpriseId: 'BANKB' }, null);

afterEach(resetPortal);

describe('QuoteRequestCard', () => {
  it('shows the applicant every bank side by side, marks the best net proceeds and accepts one', async () => {
    const calls = fakeApi((document) => {
      if (document === QuoteRequestDocument) return request(BOTH);
      if (document === AcceptOfferDocument) return { acceptOffer: applied({ financing: null }) };
      throw new Error('unexpected operation');
    });
    const wrapper = mountWith(QuoteRequestCard, { props: { requestId: 'V:q' }, global: { plugins: [sme] } });
    await settle();
    const rows = wrapper.findAll('.el-table__body tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.text()).toContain('Party BANKA');
    expect(rows[0]?.text()).toContain('Without recourse');
    expect(rows[1]?.text()).toContain('With recourse');
    expect(rows[1]?.find(testid('quote-best')).exists()).toBe(true);
    expect(rows[0]?.find(testid('quote-best')).exists()).toBe(false);
    await wrapper.find(testid('quote-accept-V:q:2')).trigger('click');
    await settle();
    expect(
      calls.filter((call) => call.document === AcceptOfferDocument).map((call) => call.variables),
    ).toEqual([{ id: 'V:q:2' }]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('lets the applicant withdraw an open request', async () => {
    const calls = fakeApi((document) => {
      if (document === QuoteRequestDocument) return request(BOTH);
      if (document === WithdrawQuoteRequestDocument)
        return { withdrawQuoteRequest: applied({ quoteRequest: null }) };
      throw new Error('unexpected operation');
    });
    const wrapper = mountWith(QuoteRequestCard, { props: { requestId: 'V:q' }, global: { plugins: [sme] } });
    await settle();
    await wrapper.find(testid('quotes-withdraw')).trigger('click');
    await settle();
    expect(calls.some((call) => call.document === WithdrawQuoteRequestDocument)).toBe(true);
  });

  it('offers no acceptance nor withdrawal to a bank, after the deadline, or on a lapsed offer', async () => {
    const answers = [
      { plugin: bankB, answer: request([BOTH[1] as FinancingFieldsFragment]) },
      { plugin: sme, answer: request(BOTH, { validUntil: '2020-01-01' }) },
      {
        plugin: sme,
        answer: request(
          BOTH.map((row) => ({ ...row, status: 'LAPSED' as const })),
          { status: 'EXPIRED' },
        ),
      },
    ];
    for (const { plugin, answer } of answers) {
      fakeApi(() => answer);
      const wrapper = mountWith(QuoteRequestCard, {
        props: { requestId: 'V:q' },
        global: { plugins: [plugin] },
      });
      await settle();
      expect(wrapper.find('[data-testid^="quote-accept-"]').exists()).toBe(false);
      if (plugin === bankB) {
        expect(wrapper.findAll('.el-table__body tr')).toHaveLength(1);
        expect(wrapper.find(testid('quotes-withdraw')).exists()).toBe(false);
      }
      resetPortal();
    }
  });
});

describe('RequestQuotesDialog', () => {
  const BANKS = {
    enterprises: {
      totalCount: 3,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: ['BANKA', 'BANKB', 'BANKC'].map((id) => ({ node: { ...party(id, 'BANK'), status: 'ACTIVE' } })),
    },
  };

  it('needs two banks and a deadline from today before maturity, then sends them', async () => {
    fakeApi((document) => {
      if (document === EnterprisesDocument) return BANKS;
      throw new Error('unexpected operation');
    });
    const today = new Date().toLocaleDateString('sv-SE');
    const wrapper = mountWith(RequestQuotesDialog, {
      props: { open: true, amount: '100000000', maturityDate: '2099-04-05', today },
      global: { plugins: [sme] },
      attachTo: document.body,
    });
    await settle();
    const submit = () => document.body.querySelector<HTMLButtonElement>(testid('quotes-submit'));
    const check = (id: string) =>
      document.body.querySelector<HTMLInputElement>(`${testid(`quotes-bank-${id}`)} input`);
    check('BANKA')?.click();
    await settle();
    const picker = document.body.querySelector<HTMLInputElement>(`${testid('quotes-valid-until')} input`);
    if (!picker) throw new Error('no deadline field');
    picker.value = UNTIL;
    picker.dispatchEvent(new Event('input'));
    picker.dispatchEvent(new Event('change'));
    await settle();
    expect(submit()?.disabled).toBe(true);
    check('BANKB')?.click();
    await settle();
    expect(submit()?.disabled).toBe(false);
    submit()?.click();
    await settle();
    expect(wrapper.emitted('submit')).toEqual([[['BANKA', 'BANKB'], UNTIL]]);
  });
});
