import { afterEach, describe, expect, it } from 'vitest';
import {
  ApprovalsDocument,
  BenchmarkRatesDocument,
  ApproveActionDocument,
  WithdrawActionDocument,
  type ApprovalFieldsFragment,
} from '@/api/generated/graphql';
import ApprovalsPage from '@/pages/ApprovalsPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

const party = (id: string) => ({ id, name: `Party ${id}` });

/** A confirmation the core's clerk prepared, and a payment its other approver prepared. */
function approval(id: string, changes: Partial<ApprovalFieldsFragment> = {}): ApprovalFieldsFragment {
  return {
    id,
    action: 'CONFIRM_INVOICE',
    status: 'PENDING',
    preparedBy: 'haichuan.clerk',
    preparedAt: '2026-12-01T02:00:00Z',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    resultId: null,
    args: [{ name: 'invoiceId', value: `INV-${id}` }],
    invoice: { id: `INV-${id}`, number: `HC-${id}`, amount: '18800000000', seller: party('T1') },
    voucher: null,
    financing: null,
    preparedOffer: null,
    creditNote: null,
    ...changes,
  };
}
const QUEUE = [
  approval('A1'),
  approval('A2', {
    action: 'PAY_VOUCHER',
    preparedBy: 'haichuan.approver',
    invoice: null,
    voucher: {
      id: 'V1',
      number: 'H1K0-20261201-V1QRST',
      amount: '500000',
      holder: party('T2'),
      debtor: party('C'),
    },
  }),
];

function node(document: unknown, variables: unknown): unknown {
  if (document === ApprovalsDocument)
    return {
      approvals: {
        totalCount: QUEUE.length,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: QUEUE.map((row) => ({ node: row })),
      },
    };
  const { id } = variables as { id: string };
  if (document === ApproveActionDocument)
    return { approveAction: applied({ approval: approval(id, { status: 'APPROVED', resultId: 'V9' }) }) };
  if (document === WithdrawActionDocument)
    return { withdrawAction: applied({ approval: approval(id, { status: 'WITHDRAWN' }) }) };
  throw new Error('unexpected operation');
}

const NODE = { org: 'core', mspId: 'CoreMSP' };
const approver = loggedIn({ enterpriseKind: 'CORE', role: 'APPROVER', username: 'haichuan.approver' }, NODE);
const clerk = loggedIn({ enterpriseKind: 'CORE', role: 'CLERK', username: 'haichuan.clerk' }, NODE);
const rowsOf = (wrapper: Awaited<ReturnType<typeof mountPage>>) =>
  wrapper.findAll('[data-testid="approval-table"] .el-table__body tr');

afterEach(resetPortal);

describe('ApprovalsPage', () => {
  it('shows what each prepared action would do: action, invoice or voucher, counterparty, amount, preparer', async () => {
    fakeApi(node);
    const wrapper = await mountPage(ApprovalsPage, approver);
    const [first, second] = rowsOf(wrapper).map((row) => row.text());
    for (const shown of ['Confirm invoice', 'HC-A1', 'Party T1', '188,000,000.00', 'haichuan.clerk'])
      expect(first).toContain(shown);
    for (const shown of ['Pay voucher', 'H1K0-20261201-V1QRST', 'Party T2', '5,000.00', 'haichuan.approver'])
      expect(second).toContain(shown);
  });

  it('shows a prepared credit-note acceptance by its invoice, seller and amount', async () => {
    const row = approval('A3', {
      action: 'ACCEPT_CREDIT_NOTE',
      args: [{ name: 'creditNoteId', value: 'INV-9:0123456789abcdef' }],
      invoice: null,
      creditNote: {
        id: 'INV-9:0123456789abcdef',
        amount: '450000',
        invoice: { id: 'INV-9', number: 'HC-9', seller: party('T1') },
      },
    });
    fakeApi((document) => {
      if (document !== ApprovalsDocument) throw new Error('unexpected operation');
      const pageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
      return { approvals: { totalCount: 1, pageInfo, edges: [{ node: row }] } };
    });
    const wrapper = await mountPage(ApprovalsPage, approver);
    const [shown] = rowsOf(wrapper).map((tr) => tr.text());
    for (const text of ['Accept credit note', 'HC-9', 'Party T1', '4,500.00']) expect(shown).toContain(text);
  });

  it('shows the bank’s approver a prepared offer’s terms and its net proceeds at today’s LPR', async () => {
    const offer = (preparedOffer: ApprovalFieldsFragment['preparedOffer']) =>
      approval('A4', {
        action: 'OFFER',
        args: [{ name: 'financingId', value: 'V:f' }],
        invoice: null,
        financing: { id: 'V:f', amount: '100000000', maturityDate: '2027-03-31', applicant: party('T1') },
        preparedOffer,
      });
    const terms = {
      advanceRateBps: 9000,
      spreadBps: 50,
      fees: '50000',
      validUntil: '2026-12-10',
      recourse: true,
    };
    const pageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
    const lpr = { id: 'LPR_1Y:2026-11-20', tenor: 'LPR_1Y', rateBps: 300, effectiveDate: '2026-11-20' };
    const shownFor = async (row: ApprovalFieldsFragment) => {
      fakeApi((document) => {
        if (document === ApprovalsDocument)
          return { approvals: { totalCount: 1, pageInfo, edges: [{ node: row }] } };
        if (document === BenchmarkRatesDocument)
          return { benchmarkRates: { totalCount: 1, pageInfo, edges: [{ node: lpr }] } };
        throw new Error('unexpected operation');
      });
      const wrapper = await mountPage(ApprovalsPage, approver);
      const [shown] = rowsOf(wrapper).map((tr) => tr.text());
      resetPortal();
      return shown ?? '';
    };
    const shown = await shownFor(offer(terms));
    for (const text of [
      'Offer financing',
      'Party T1',
      '1,000,000.00',
      'Advance 90.00%',
      'LPR + 0.50%',
      'With recourse',
    ])
      expect(shown).toContain(text);
    expect(shown).toContain('fees ¥500.00, valid until 2026-12-10 (With recourse)');
    expect(shown).toMatch(/net proceeds about ¥[\d,]+\.\d\d at today’s LPR/);
    // What another role's node gives: no terms (null), so nothing of them is shown.
    expect(await shownFor(offer(null))).not.toContain('Advance');
  });

  it('lets an approver approve what another prepared, not what it prepared itself', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountPage(ApprovalsPage, approver);
    const buttons = wrapper.findAll('[data-testid="approval-approve"]');
    expect(buttons.map((button) => button.attributes('disabled'))).toEqual([undefined, '']);
    await buttons[0]?.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === ApproveActionDocument)?.variables).toEqual({ id: 'A1' });
    expect(rowsOf(wrapper).map((row) => row.text())).toEqual([expect.stringContaining('Pay voucher')]);
  });

  it('offers a clerk no approval, and withdraw only on its own preparation', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountPage(ApprovalsPage, clerk);
    expect(wrapper.findAll('[data-testid="approval-approve"]')).toHaveLength(0);
    expect(wrapper.findAll('[data-testid="approval-reject"]')).toHaveLength(0);
    const withdraw = wrapper.findAll('[data-testid="approval-withdraw"]');
    expect(withdraw).toHaveLength(1);
    await withdraw[0]?.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === WithdrawActionDocument)?.variables).toEqual({ id: 'A1' });
    expect(rowsOf(wrapper)).toHaveLength(1);
  });
});
