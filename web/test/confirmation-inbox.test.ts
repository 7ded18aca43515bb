import { addMonths, businessDateAt } from '@scf/ledger-contract';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfirmationInboxDocument,
  ConfirmInvoiceDocument,
  EnterpriseFourEyesDocument,
  PrepareActionDocument,
  RejectInvoiceDocument,
  type ConfirmationInboxQuery,
  type InvoiceFieldsFragment,
} from '@/api/generated/graphql';
import ConfirmationInboxPage from '@/pages/core/ConfirmationInboxPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

type Row = ConfirmationInboxQuery['invoices']['edges'][number]['node'];

const party = (id: string) => ({ id, name: `Party ${id}`, kind: 'SUPPLIER' as const });
const today = businessDateAt(Date.now());
/** Invoice 1 is due in 3 months, 2 in 7 (over the 6-month flag), 3 in 13 (over the one-year cap). */
const DUE: Record<string, string> = {
  '1': addMonths(today, 3),
  '2': addMonths(today, 7),
  '3': addMonths(today, 13),
};
/** An invoice as a write returns it: without the inbox's shipments. */
function written(id: string): InvoiceFieldsFragment {
  return {
    id,
    number: `INV-${id}`,
    amount: '100000',
    currency: 'CNY',
    issueDate: '2026-11-01',
    dueDate: DUE[id] ?? addMonths(today, 3),
    status: 'REGISTERED',
    documentHash: 'ab'.repeat(32),
    purchaseOrderNumber: null,
    rejectionReason: null,
    deliveryWaived: false,
    deliveredOn: null,
    paymentTermDays: 92,
    paymentTermExceeded: id === '1',
    paidAmount: '0',
    unpaidAmount: '100000',
    createdAt: '2026-11-01T02:00:00Z',
    voucherId: null,
    seller: party('S1'),
    buyer: { ...party('E1'), kind: 'CORE' },
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-11-01T02:00:00Z', submittedBy: 'x' },
  };
}
function invoice(id: string): Row {
  return { ...written(id), shipments: [{ id: `SH-${id}`, status: 'DELIVERED', waybillNumber: `WB-${id}` }] };
}
const INBOX = ['1', '2', '3'].map(invoice);

/** The node's answers; a write returns the invoice as the read model now holds it. */
function node(document: unknown, variables: unknown): unknown {
  if (document === ConfirmationInboxDocument)
    return {
      invoices: {
        totalCount: INBOX.length,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: INBOX.map((node) => ({ node })),
      },
    };
  const { id } = variables as { id: string };
  const fields = written(id);
  if (document === ConfirmInvoiceDocument) {
    if (id === '3') throw new Error('refused');
    return { confirmInvoice: applied({ invoice: { ...fields, status: 'CONFIRMED' } }) };
  }
  if (document === RejectInvoiceDocument)
    return { rejectInvoice: applied({ invoice: { ...fields, status: 'REJECTED' } }) };
  throw new Error('unexpected operation');
}

const approver = loggedIn({ enterpriseKind: 'CORE', role: 'APPROVER' }, { org: 'core', mspId: 'CoreOrgMSP' });

const mountAs = (plugin = approver) => mountPage(ConfirmationInboxPage, plugin);
const rowsOf = (wrapper: Awaited<ReturnType<typeof mountAs>>) =>
  wrapper.findAll('[data-testid="inbox-table"] .el-table__body tr');

afterEach(resetPortal);

describe('ConfirmationInboxPage', () => {
  it('confirms the picked invoices one by one; those confirmed leave without asking for the list again', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    const confirm = wrapper.find('[data-testid="inbox-confirm"]');
    expect(confirm.attributes('disabled')).toBeDefined();

    for (const index of [0, 2]) await rowsOf(wrapper)[index]?.find('input[type="checkbox"]').setValue(true);
    await settle();
    expect(confirm.text()).toContain('2');
    await confirm.trigger('click');
    await settle();

    expect(
      calls.filter((call) => call.document === ConfirmInvoiceDocument).map((call) => call.variables),
    ).toEqual([
      { id: '1', waiveDelivery: false },
      { id: '3', waiveDelivery: false },
    ]);
    expect(calls.filter((call) => call.document === ConfirmationInboxDocument)).toHaveLength(1);
    expect(rowsOf(wrapper).map((row) => row.text())).toEqual([
      expect.stringContaining('INV-2'),
      expect.stringContaining('INV-3'),
    ]);
    expect(wrapper.find('[data-testid="inbox-outcome"]').text()).toContain('INV-3');
    expect(confirm.text()).toContain('0');
  });

  it('takes a rejected invoice out of the inbox from what the rejection returned', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    await wrapper.findAll('[data-testid="inbox-reject"]')[1]?.trigger('click');
    await settle();
    const reason = document.body.querySelector<HTMLTextAreaElement>(
      'textarea[data-testid="inbox-reject-dialog-input"]',
    );
    if (!reason) throw new Error('no reason field');
    reason.value = 'Wrong amount';
    reason.dispatchEvent(new Event('input'));
    await settle();
    document.body.querySelector<HTMLButtonElement>('[data-testid="inbox-reject-dialog-submit"]')?.click();
    await settle();

    expect(calls.find((call) => call.document === RejectInvoiceDocument)?.variables).toEqual({
      id: '2',
      reason: 'Wrong amount',
    });
    expect(calls.filter((call) => call.document === ConfirmationInboxDocument)).toHaveLength(1);
    expect(rowsOf(wrapper).map((row) => row.text())).toEqual([
      expect.stringContaining('INV-1'),
      expect.stringContaining('INV-3'),
    ]);
  });

  it('previews the term caps the ledger applies today, and shows the 60-day flag', async () => {
    fakeApi(node);
    const wrapper = await mountAs();
    const termOf = (index: number): string =>
      rowsOf(wrapper)[index]?.findAll('td')[5]?.text().replace(/\s+/g, ' ').trim() ?? '';
    expect(termOf(0)).toBe('Term over 60 days');
    expect(termOf(1)).toBe('Over 6 months');
    expect(termOf(2)).toBe('Over 1 year: will be refused');
    expect(wrapper.find('[data-testid="inbox-term-too-long"]').attributes('title')).toBe(
      `Due after ${addMonths(today, 12)}: a voucher may run at most one year (PBOC notice 2025 No. 77)`,
    );
  });

  it('offers a clerk no check boxes and no confirm', async () => {
    fakeApi(node);
    const wrapper = await mountAs(
      loggedIn({ enterpriseKind: 'CORE', role: 'CLERK' }, { org: 'core', mspId: 'CoreOrgMSP' }),
    );
    expect(rowsOf(wrapper)).toHaveLength(3);
    expect(wrapper.find('[data-testid="inbox-table"] .el-table__body input[type="checkbox"]').exists()).toBe(
      false,
    );
    expect(wrapper.find('[data-testid="inbox-confirm"]').exists()).toBe(false);
  });

  it('on a four-eyes enterprise lets a clerk prepare the picked confirmations, with an agreed late-interest rate', async () => {
    const calls = fakeApi((document, variables) => {
      if (document === EnterpriseFourEyesDocument) return { enterprise: { id: 'E1', fourEyes: true } };
      if (document === PrepareActionDocument) return { prepareAction: applied({ approval: null }) };
      return node(document, variables);
    });
    const clerk = loggedIn({ enterpriseKind: 'CORE', role: 'CLERK' }, { org: 'core', mspId: 'CoreOrgMSP' });
    const wrapper = await mountAs(clerk);
    const prepare = wrapper.find('[data-testid="inbox-confirm"]');
    expect(prepare.text()).toContain('Prepare for approval');
    await wrapper.find('[data-testid="inbox-agreed-rate"] input').setValue('5.5');
    await rowsOf(wrapper)[0]?.find('input[type="checkbox"]').setValue(true);
    await settle();
    await prepare.trigger('click');
    await settle();
    expect(calls.filter((call) => call.document === ConfirmInvoiceDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === PrepareActionDocument)?.variables).toEqual({
      input: { confirmInvoice: { invoiceId: '1', waiveDelivery: false, lateInterestBps: 550 } },
    });
  });
});
