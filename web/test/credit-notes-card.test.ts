import { afterEach, describe, expect, it } from 'vitest';
import {
  AcceptCreditNoteDocument,
  type CreditNoteFieldsFragment,
  DilutionClaimsDocument,
  type DilutionClaimFieldsFragment,
  EnterpriseFourEyesDocument,
  InvoiceCreditNotesDocument,
  type InvoiceCreditNotesQuery,
  PrepareActionDocument,
  WithdrawCreditNoteDocument,
} from '@/api/generated/graphql';
import DilutionClaimsCard from '@/components/financing/DilutionClaimsCard.vue';
import CreditNotesCard from '@/components/invoices/CreditNotesCard.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

type Invoice = NonNullable<InvoiceCreditNotesQuery['invoice']>;

/**
 * Tier 1's ¥10,000.00 invoice to the core became root R: tier 1 kept R.1 (¥3,000.00), passed R.2
 * (¥2,000.00) to tier 2, and bank A financed R.3 (¥5,000.00) for it. Credit note P of ¥4,500.00 waits.
 */
const TIER1 = { id: 'TIER1', name: 'Tier-1 Motors' };
const CORE = { id: 'CORE', name: 'Core Group' };
const BANK_A = { id: 'BANKA', name: 'Bank A' };
const PIECES: NonNullable<Invoice['dilutablePieces']> = [
  {
    id: 'R.1',
    number: 'H1K0-1',
    holderId: 'TIER1',
    holder: TIER1,
    amount: '300000',
    bankId: null,
    applicantId: null,
  },
  {
    id: 'R.2',
    number: 'H1K0-2',
    holderId: 'TIER2',
    holder: { id: 'TIER2', name: 'Tier-2 Castings' },
    amount: '200000',
    bankId: null,
    applicantId: null,
  },
  {
    id: 'R.3',
    number: 'H1K0-3',
    holderId: 'BANKA',
    holder: BANK_A,
    amount: '500000',
    bankId: 'BANKA',
    applicantId: 'TIER1',
  },
];
const CLAIM: DilutionClaimFieldsFragment = {
  id: 'P:1',
  kind: 'BANK',
  amount: '150000',
  status: 'OPEN',
  createdAt: '2026-01-06T02:00:00Z',
  creditor: BANK_A,
  debtor: TIER1,
  invoice: { id: 'i1', number: 'INV-T1-001' },
  voucherId: 'R.3',
  financingId: 'R.3:f',
};

function note(changes: Partial<CreditNoteFieldsFragment> = {}): CreditNoteFieldsFragment {
  return {
    id: 'P',
    amount: '450000',
    reasonKind: 'RETURN',
    reason: '15 motors returned damaged',
    documentSha256: 'c'.repeat(64),
    status: 'PENDING',
    declineReason: null,
    decidedAt: null,
    createdAt: '2026-01-05T02:00:00Z',
    reductions: [],
    claims: [],
    ...changes,
  };
}

function invoice(changes: Partial<Invoice> = {}): Invoice {
  return {
    id: 'i1',
    status: 'CONFIRMED',
    amount: '1000000',
    paidAmount: '0',
    creditedAmount: '0',
    seller: TIER1,
    buyer: CORE,
    voucherId: 'R',
    dilutablePieces: PIECES,
    creditNotes: [note()],
    ...changes,
  };
}

function answering(seen: Invoice, fourEyes = false) {
  return (document: unknown): unknown => {
    if (document === InvoiceCreditNotesDocument) return { invoice: seen };
    if (document === EnterpriseFourEyesDocument) return { enterprise: { id: 'X', fourEyes } };
    if (document === AcceptCreditNoteDocument)
      return { acceptCreditNote: applied({ creditNote: note({ status: 'ACCEPTED' }) }) };
    if (document === WithdrawCreditNoteDocument)
      return { withdrawCreditNote: applied({ creditNote: { id: 'P', status: 'WITHDRAWN' } }) };
    if (document === PrepareActionDocument) return { prepareAction: applied({ approval: null }) };
    if (document === DilutionClaimsDocument) return { dilutionClaims: [CLAIM] };
    throw new Error('unexpected operation');
  };
}

type Kind = 'CORE' | 'SUPPLIER' | 'BANK';
const as = (enterpriseId: string, kind: Kind, role: 'APPROVER' | 'CLERK' = 'APPROVER') =>
  loggedIn({ enterpriseKind: kind, role, enterpriseId }, { org: 'x', mspId: 'XMSP' });
const testid = (id: string): string => `[data-testid="${id}"]`;
async function mounted(plugin: ReturnType<typeof as>) {
  const wrapper = mountWith(CreditNotesCard, { props: { invoiceId: 'i1' }, global: { plugins: [plugin] } });
  await settle();
  return wrapper;
}

afterEach(resetPortal);

describe('CreditNotesCard', () => {
  it("shows the buyer's approver what accepting does, by the ledger's rule, then accepts", async () => {
    const calls = fakeApi(answering(invoice()));
    const wrapper = await mounted(as('CORE', 'CORE'));
    const pieces = wrapper.find(testid('credit-note-preview-pieces')).text();
    // Tier 1's own piece first, in full; then ¥1,500.00 of the piece bank A financed for it.
    expect(pieces).toContain('H1K0-1');
    expect(pieces).toContain('¥3,000.00 → ¥0.00');
    expect(pieces).toContain('H1K0-3');
    expect(pieces).toContain('¥5,000.00 → ¥3,500.00');
    expect(pieces).not.toContain('H1K0-2');
    expect(wrapper.find(testid('credit-note-preview-claims')).text()).toContain(
      "Bank A's claim on Tier-1 Motors ¥1,500.00",
    );
    await wrapper.find(testid('credit-note-accept')).trigger('click');
    await settle();
    expect(calls.filter((c) => c.document === AcceptCreditNoteDocument).map((c) => c.variables)).toEqual([
      { id: 'P' },
    ]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('prepares the acceptance for another approver when the buyer has four eyes on', async () => {
    const calls = fakeApi(answering(invoice(), true));
    const wrapper = await mounted(as('CORE', 'CORE', 'CLERK'));
    const accept = wrapper.find(testid('credit-note-accept'));
    expect(accept.text()).toBe('Prepare acceptance for approval');
    // Declining is an approver's: the clerk who prepares has no such button.
    expect(wrapper.find(testid('credit-note-decline')).exists()).toBe(false);
    await accept.trigger('click');
    await settle();
    expect(calls.filter((c) => c.document === PrepareActionDocument).map((c) => c.variables)).toEqual([
      { input: { acceptCreditNote: { creditNoteId: 'P' } } },
    ]);
    expect(calls.some((c) => c.document === AcceptCreditNoteDocument)).toBe(false);
  });

  it('says why accepting would be refused while a piece of the seller is in financing', async () => {
    fakeApi(answering(invoice({ dilutablePieces: null })));
    const wrapper = await mounted(as('CORE', 'CORE'));
    expect(wrapper.text()).toContain('applied for financing or disputed');
    expect(wrapper.find(testid('credit-note-accept')).attributes('disabled')).toBeDefined();
  });

  it('tells the buyer that accepting a note on an unconfirmed invoice only lowers what is owed', async () => {
    fakeApi(answering(invoice({ status: 'REGISTERED', voucherId: null, dilutablePieces: [] })));
    const wrapper = await mounted(as('CORE', 'CORE'));
    expect(wrapper.find(testid('credit-note-decision')).text()).toContain('only lowers what is owed');
    expect(wrapper.find(testid('credit-note-preview-claims')).exists()).toBe(false);
  });

  it('gives the seller its form and the withdraw button, and no decision', async () => {
    const calls = fakeApi(answering(invoice()));
    const wrapper = await mounted(as('TIER1', 'SUPPLIER', 'CLERK'));
    expect(wrapper.find(testid('credit-note-decision')).exists()).toBe(false);
    expect(wrapper.find(testid('credit-note-new')).exists()).toBe(true);
    await wrapper.find(testid('credit-note-new')).trigger('click');
    await settle();
    // ¥10,000.00 less the ¥4,500.00 pending.
    expect(document.body.querySelector(testid('credit-note-form'))?.textContent).toContain(
      'At most ¥5,500.00',
    );
    await wrapper.find(testid('credit-note-withdraw')).trigger('click');
    await settle();
    expect(calls.filter((c) => c.document === WithdrawCreditNoteDocument).map((c) => c.variables)).toEqual([
      { id: 'P' },
    ]);
  });

  it('shows what an accepted note did, and offers nothing to a bank', async () => {
    const accepted = note({
      status: 'ACCEPTED',
      reductions: [
        { voucherId: 'R.1', from: '300000', to: '0', voucher: { id: 'R.1', number: 'H1K0-1' } },
        { voucherId: 'R.3', from: '500000', to: '350000', voucher: { id: 'R.3', number: 'H1K0-3' } },
      ],
      claims: [CLAIM],
    });
    fakeApi(answering(invoice({ creditedAmount: '450000', creditNotes: [accepted] })));
    const seller = await mounted(as('TIER1', 'SUPPLIER'));
    expect(seller.find(testid('credit-note-credited')).text()).toContain('¥4,500.00');
    expect(seller.find(testid('credit-note-reductions')).text()).toContain('¥5,000.00 → ¥3,500.00');
    expect(seller.find(testid('credit-note-claims')).text()).toContain("Bank A's claim on Tier-1 Motors");
    expect(seller.find(testid('credit-note-withdraw')).exists()).toBe(false);
    resetPortal();
    fakeApi(answering(invoice()));
    expect((await mounted(as('BANKA', 'BANK'))).find(testid('credit-notes')).exists()).toBe(false);
  });
});

describe('DilutionClaimsCard', () => {
  it('shows the claim on both sides: the bank is owed, the seller owes', async () => {
    fakeApi(answering(invoice()));
    const bank = mountWith(DilutionClaimsCard, { global: { plugins: [as('BANKA', 'BANK')] } });
    await settle();
    expect(bank.find(testid('dilution-claim')).text()).toContain('Tier-1 Motors owes you');
    expect(bank.find(testid('dilution-claim-amount')).text()).toContain('¥1,500.00');
    resetPortal();
    fakeApi(answering(invoice()));
    const seller = mountWith(DilutionClaimsCard, { global: { plugins: [as('TIER1', 'SUPPLIER')] } });
    await settle();
    expect(seller.find(testid('dilution-claim')).text()).toContain('You owe Bank A');
  });

  it('shows nothing without claims', async () => {
    fakeApi((document) => (document === DilutionClaimsDocument ? { dilutionClaims: [] } : null));
    const wrapper = mountWith(DilutionClaimsCard, { global: { plugins: [as('BANKA', 'BANK')] } });
    await settle();
    expect(wrapper.find(testid('dilution-claims')).exists()).toBe(false);
  });
});
