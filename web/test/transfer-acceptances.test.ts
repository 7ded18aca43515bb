import { afterEach, describe, expect, it } from 'vitest';
import {
  AcceptTransferDocument,
  DeclineTransferDocument,
  PendingAcceptancesDocument,
  type PendingAcceptancesQuery,
  type VoucherFieldsFragment,
} from '@/api/generated/graphql';
import TransferAcceptancesPage from '@/pages/vouchers/TransferAcceptancesPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

type Row = PendingAcceptancesQuery['pendingAcceptances']['edges'][number]['node'];

const party = (id: string, kind: 'SUPPLIER' | 'CORE' = 'SUPPLIER') => ({ id, name: `Party ${id}`, kind });
/** A piece as a write returns it: without the queue's invoice. */
function piece(id: string, changes: Partial<VoucherFieldsFragment> = {}): VoucherFieldsFragment {
  return {
    id,
    // P2 was transferred on a ledger from before voucher numbers.
    number: id === 'P2' ? null : `H1K0-20261201-${id}QRST`,
    amount: '700000',
    currency: 'CNY',
    maturityDate: '2027-06-30',
    status: 'PENDING_ACCEPTANCE',
    tier: 1,
    rootId: 'R',
    parentId: 'R',
    invoiceId: `INV-${id}`,
    financingId: null,
    paidAt: null,
    paymentReference: null,
    createdAt: '2026-12-01T02:00:00Z',
    longTerm: id === 'P1',
    returnOfId: null,
    consent: { status: 'PENDING', decidedAt: null, reason: null, returnedAsId: null, sender: party('T1') },
    holder: party('E1'),
    debtor: party('CORE', 'CORE'),
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
    ...changes,
  };
}
const QUEUE: Row[] = ['P1', 'P2'].map((id) => ({
  ...piece(id),
  invoice: { id: `INV-${id}`, number: `T2-${id}`, amount: '900000', dueDate: '2026-12-20' },
}));

function node(document: unknown, variables: unknown): unknown {
  if (document === PendingAcceptancesDocument)
    return {
      pendingAcceptances: {
        totalCount: QUEUE.length,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: QUEUE.map((row) => ({ node: row })),
      },
    };
  const { voucherId } = variables as { voucherId: string };
  if (document === AcceptTransferDocument)
    return { acceptTransfer: applied({ voucher: piece(voucherId, { status: 'ACTIVE' }) }) };
  if (document === DeclineTransferDocument)
    return { declineTransfer: applied({ voucher: piece(voucherId, { status: 'RETURNED' }) }) };
  throw new Error('unexpected operation');
}

const approver = loggedIn(
  { enterpriseKind: 'SUPPLIER', role: 'APPROVER' },
  { org: 'supplier', mspId: 'SupMSP' },
);
const mountAs = (plugin = approver) => mountPage(TransferAcceptancesPage, plugin);
const rowsOf = (wrapper: Awaited<ReturnType<typeof mountAs>>) =>
  wrapper.findAll('[data-testid="acceptance-table"] .el-table__body tr');

afterEach(resetPortal);

describe('TransferAcceptancesPage', () => {
  it('shows what each transfer asks: sender, debtor, amount, maturity with its flag, the invoice it pays', async () => {
    fakeApi(node);
    const wrapper = await mountAs();
    expect(wrapper.find('[data-testid="consent-rule"]').text()).toContain('Art. 11');
    const first = rowsOf(wrapper)[0]?.text() ?? '';
    for (const shown of [
      'H1K0-20261201-P1QRST',
      'Party T1',
      'Party CORE',
      '7,000.00',
      '2027-06-30',
      'Long term',
      'T2-P1',
    ])
      expect(first).toContain(shown);
    expect(rowsOf(wrapper)[1]?.text()).not.toContain('Long term');
    // Without a number the piece is still named, by its id, and the link still goes by id.
    const links = wrapper.findAll('[data-testid="acceptance-voucher"]');
    expect(links.map((link) => link.text())).toEqual(['H1K0-20261201-P1QRST', 'P2']);
    expect(links[1]?.attributes('title')).toBe('P2');
  });

  it('accepts a piece, which then leaves the queue without asking for it again', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    await wrapper.findAll('[data-testid="acceptance-accept"]')[0]?.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === AcceptTransferDocument)?.variables).toEqual({
      voucherId: 'P1',
    });
    expect(calls.filter((call) => call.document === PendingAcceptancesDocument)).toHaveLength(1);
    expect(rowsOf(wrapper).map((row) => row.text())).toEqual([expect.stringContaining('T2-P2')]);
  });

  it('declines a piece with the reason given', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    await wrapper.findAll('[data-testid="acceptance-decline"]')[1]?.trigger('click');
    await settle();
    const reason = document.body.querySelector<HTMLTextAreaElement>(
      'textarea[data-testid="acceptance-decline-dialog-input"]',
    );
    if (!reason) throw new Error('no reason field');
    reason.value = 'We agreed on cash';
    reason.dispatchEvent(new Event('input'));
    await settle();
    document.body
      .querySelector<HTMLButtonElement>('[data-testid="acceptance-decline-dialog-submit"]')
      ?.click();
    await settle();
    expect(calls.find((call) => call.document === DeclineTransferDocument)?.variables).toEqual({
      voucherId: 'P2',
      reason: 'We agreed on cash',
    });
    expect(rowsOf(wrapper).map((row) => row.text())).toEqual([expect.stringContaining('T2-P1')]);
  });

  it('shows a clerk the queue without accept or decline', async () => {
    fakeApi(node);
    const wrapper = await mountAs(
      loggedIn({ enterpriseKind: 'SUPPLIER', role: 'CLERK' }, { org: 'supplier', mspId: 'SupMSP' }),
    );
    expect(rowsOf(wrapper)).toHaveLength(2);
    expect(wrapper.find('[data-testid="acceptance-accept"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="acceptance-decline"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Accepting or declining needs an approver or admin.');
  });
});
