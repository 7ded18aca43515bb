import { afterEach, describe, expect, it } from 'vitest';
import {
  EarlyPaymentQuoteDocument,
  type EarlyPaymentQuoteQuery,
  TakeEarlyPaymentDocument,
} from '@/api/generated/graphql';
import EarlyPaymentCard from '@/components/vouchers/EarlyPaymentCard.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

type Quote = NonNullable<EarlyPaymentQuoteQuery['earlyPaymentQuote']>;
type Seen = NonNullable<EarlyPaymentQuoteQuery['voucher']>;

const OFFER: Quote['offer'] = {
  id: 'CORE:0123456789abcdef',
  status: 'OPEN',
  annualDiscountBps: 600,
  tierRates: [],
  budget: '200000000',
  consumed: '0',
  budgetLeft: '200000000',
  taken: 0,
  validUntil: null,
  closedAt: null,
  createdAt: '2026-01-05T02:00:00Z',
  debtor: { id: 'CORE', name: 'Core Group' },
};

/** 1,000,000 yuan, 90 days to maturity at 6 %: 985,000 now; bank A's offer nets 960,000. */
function quote(changes: Partial<Quote> = {}): Quote {
  return {
    offer: OFFER,
    asOf: '2026-01-05',
    face: '100000000',
    rateBps: 600,
    days: 90,
    discount: '1500000',
    paid: '98500000',
    blockedBy: null,
    bank: {
      financing: { id: 'R:f', status: 'OFFERED', bank: { id: 'BANKA', name: 'Bank A' } },
      netProceeds: '96000000',
      choice: 'EARLY_PAYMENT',
      difference: '2500000',
    },
    ...changes,
  };
}

const voucher = (changes: Partial<Seen> = {}): Seen => ({
  id: 'R',
  status: 'ACTIVE',
  holder: { id: 'TIER1' },
  earlyPayment: null,
  ...changes,
});

function answering(earlyPaymentQuote: Quote | null, seen: Seen = voucher()) {
  return (document: unknown): unknown => {
    if (document === EarlyPaymentQuoteDocument) return { earlyPaymentQuote, voucher: seen };
    if (document === TakeEarlyPaymentDocument)
      return { takeEarlyPayment: applied({ voucher: { id: 'R', status: 'SETTLED' } }) };
    throw new Error('unexpected operation');
  };
}

const as = (enterpriseId: string, kind: 'CORE' | 'SUPPLIER', role: 'APPROVER' | 'CLERK' = 'APPROVER') =>
  loggedIn({ enterpriseKind: kind, role, enterpriseId }, { org: 'x', mspId: 'XMSP' });
const mountCard = (plugin: ReturnType<typeof as>) =>
  mountWith(EarlyPaymentCard, { props: { voucherId: 'R' }, global: { plugins: [plugin] } });
const testid = (id: string): string => `[data-testid="${id}"]`;

afterEach(resetPortal);

describe('EarlyPaymentCard', () => {
  it('shows the holder the early payment against the bank offer, both as cash now', async () => {
    fakeApi(answering(quote()));
    const wrapper = mountCard(as('TIER1', 'SUPPLIER'));
    await settle();
    expect(wrapper.find(testid('early-quote-paid')).text()).toContain('985,000.00');
    expect(wrapper.find(testid('early-quote-discount')).text()).toContain('15,000.00');
    expect(wrapper.text()).toContain('6.00% a year, 90 days');
    expect(wrapper.find(testid('early-bank-net')).text()).toContain('960,000.00');
    expect(wrapper.find(testid('early-choice')).text()).toBe('Early payment');
    expect(wrapper.text()).toContain('25,000.00');
  });

  it('takes it only after the holder confirms, naming the offer it was quoted', async () => {
    const calls = fakeApi(answering(quote()));
    const wrapper = mountCard(as('TIER1', 'SUPPLIER'));
    await settle();
    await wrapper.find(testid('early-take')).trigger('click');
    await settle();
    expect(calls.some((call) => call.document === TakeEarlyPaymentDocument)).toBe(false);
    expect(document.body.textContent).toContain('Core Group pays this voucher now');
    document.body.querySelector<HTMLButtonElement>(testid('early-confirm-take'))?.click();
    await settle();
    expect(
      calls.filter((call) => call.document === TakeEarlyPaymentDocument).map((c) => c.variables),
    ).toEqual([{ offerId: OFFER.id, voucherId: 'R' }]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('offers no take to a clerk, the debtor, or when the ledger would refuse, and says why', async () => {
    fakeApi(answering(quote()));
    expect((await mounted(as('TIER1', 'SUPPLIER', 'CLERK'))).find(testid('early-take')).exists()).toBe(false);
    resetPortal();
    fakeApi(answering(quote({ bank: null })));
    const debtor = await mounted(as('CORE', 'CORE'));
    expect(debtor.find(testid('early-take')).exists()).toBe(false);
    expect(debtor.find(testid('early-quote-paid')).text()).toContain('985,000.00');
    resetPortal();
    fakeApi(answering(quote({ blockedBy: 'EARLY_PAYMENT_BUDGET_EXCEEDED', bank: null })));
    const holder = await mounted(as('TIER1', 'SUPPLIER'));
    expect(holder.find(testid('early-take')).exists()).toBe(false);
    expect(holder.find(testid('early-blocked')).text()).toContain('budget left does not cover');
    expect(holder.find(testid('early-no-bank')).exists()).toBe(true);
  });

  it('shows what was paid once settled early, and nothing without an offer', async () => {
    const paid = { offerId: OFFER.id, rateBps: 600, days: 90, discount: '1500000', paid: '98500000' };
    fakeApi(answering(null, voucher({ status: 'SETTLED', earlyPayment: paid })));
    const settled = await mounted(as('TIER1', 'SUPPLIER'));
    expect(settled.find(testid('early-paid')).text()).toContain('985,000.00');
    resetPortal();
    fakeApi(answering(null));
    expect((await mounted(as('TIER1', 'SUPPLIER'))).find(testid('early-payment-card')).exists()).toBe(false);
  });
});

async function mounted(plugin: ReturnType<typeof as>) {
  const wrapper = mountCard(plugin);
  await settle();
  return wrapper;
}
