import { addMonths, businessDateAt } from '@scf/ledger-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { routerKey } from 'vue-router';
import {
  EnterpriseFourEyesDocument,
  PrepareActionDocument,
  SplitTransferDocument,
  VoucherDocument,
  VouchersDocument,
  type VoucherPieceInput,
  type VoucherQuery,
} from '@/api/generated/graphql';
import SplitTransferWizard from '@/components/vouchers/SplitTransferWizard.vue';
import VoucherDetailPage from '@/pages/vouchers/VoucherDetailPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountWith, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'CORE' | 'SUPPLIER') => ({ id, name: `Party ${id}`, kind });
/** An active voucher held by E1, maturing in three months. */
const HELD: NonNullable<VoucherQuery['voucher']> = {
  id: 'R',
  number: 'H1K0-20261201-R1ABCD',
  amount: '1000000',
  currency: 'CNY',
  maturityDate: addMonths(businessDateAt(Date.now()), 3),
  status: 'ACTIVE',
  tier: 0,
  rootId: 'R',
  parentId: null,
  invoiceId: 'INV',
  financingId: null,
  paidAt: null,
  paymentReference: null,
  createdAt: '2026-12-01T02:00:00Z',
  longTerm: false,
  returnOfId: null,
  consent: null,
  holder: party('E1', 'SUPPLIER'),
  debtor: party('CORE', 'CORE'),
  proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
  lineage: [],
  invoice: null,
  financing: null,
  quoteRequest: null,
};
const PIECES: VoucherPieceInput[] = [
  { amount: '400000' },
  { amount: '600000', toEnterpriseId: 'S2', invoiceId: 'INV-S2' },
];

/** The holder's node: four eyes on or off for E1; a write answers as applied. */
const node =
  (fourEyes: boolean) =>
  (document: unknown): unknown => {
    if (document === EnterpriseFourEyesDocument) return { enterprise: { id: 'E1', fourEyes } };
    if (document === VoucherDocument) return { voucher: HELD };
    if (document === VouchersDocument)
      return {
        vouchers: {
          totalCount: 0,
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          edges: [],
        },
      };
    if (document === PrepareActionDocument) return { prepareAction: applied({ approval: null }) };
    if (document === SplitTransferDocument)
      return { splitTransfer: applied({ parent: HELD, children: [], invoices: [] }) };
    return {};
  };
const holder = (role: 'CLERK' | 'APPROVER') =>
  loggedIn({ enterpriseKind: 'SUPPLIER', role }, { org: 'supplier', mspId: 'SupMSP' });
/** The side cards ask the node things of their own; the wizard is tested on its own (split-wizard.test.ts). */
const STUBS = {
  AuditTrail: true,
  LedgerProof: true,
  LateInterestDisputeCard: true,
  VoucherLineageTree: true,
  SplitTransferWizard: true,
};
async function mountAs(role: 'CLERK' | 'APPROVER') {
  const wrapper = mountWith(VoucherDetailPage, {
    props: { id: 'R' },
    global: { plugins: [holder(role)], stubs: STUBS, provide: { [routerKey]: {} } },
  });
  await settle();
  return wrapper;
}

/** Opens the split dialog and lets the wizard hand the page its pieces. */
async function splitFrom(wrapper: Awaited<ReturnType<typeof mountAs>>): Promise<void> {
  await wrapper.find('[data-testid="voucher-split"]').trigger('click');
  await settle();
  wrapper.findComponent(SplitTransferWizard).vm.$emit('submit', PIECES);
  await settle();
}

afterEach(resetPortal);

describe('VoucherDetailPage: splitting and transferring under four eyes', () => {
  it('lets a clerk of a four-eyes holder prepare the split for another approver, not split', async () => {
    const calls = fakeApi(node(true));
    const wrapper = await mountAs('CLERK');
    expect(wrapper.find('[data-testid="voucher-split"]').text()).toBe('Prepare split / transfer');
    await splitFrom(wrapper);
    expect(wrapper.findComponent(SplitTransferWizard).props('prepares')).toBe(true);
    expect(calls.filter((call) => call.document === SplitTransferDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === PrepareActionDocument)?.variables).toEqual({
      input: { splitTransfer: { voucherId: 'R', pieces: PIECES } },
    });
  });

  it('without four eyes offers a clerk no split and lets an approver split directly', async () => {
    fakeApi(node(false));
    expect((await mountAs('CLERK')).find('[data-testid="voucher-split"]').exists()).toBe(false);
    resetPortal();
    const calls = fakeApi(node(false));
    const wrapper = await mountAs('APPROVER');
    expect(wrapper.find('[data-testid="voucher-split"]').text()).toBe('Split / transfer');
    await splitFrom(wrapper);
    expect(calls.filter((call) => call.document === PrepareActionDocument)).toHaveLength(0);
    expect(calls.find((call) => call.document === SplitTransferDocument)?.variables).toEqual({
      voucherId: 'R',
      pieces: PIECES,
    });
  });
});
