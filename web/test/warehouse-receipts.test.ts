import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfirmGoodsOutDocument,
  ConsentReceiptReleaseDocument,
  RequestReceiptReleaseDocument,
  WarehouseReceiptsDocument,
  type WarehouseReceiptFieldsFragment as Receipt,
} from '@/api/generated/graphql';
import WarehouseReceiptsPage from '@/pages/warehouse/WarehouseReceiptsPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

const party = (id: string, kind: 'SUPPLIER' | 'LOGISTICS' = 'SUPPLIER') => ({
  id,
  name: `Party ${id}`,
  kind,
});
function receipt(id: string, changes: Partial<Receipt> = {}): Receipt {
  return {
    id,
    number: `WR-${id}`,
    goods: 'Copper',
    quantity: 120,
    unit: 't',
    location: 'Bay 12',
    inspectionDocHash: 'a'.repeat(64),
    status: 'ISSUED',
    issuedAt: '2026-12-01T02:00:00Z',
    financingId: null,
    releaseConsentBy: null,
    releaseConsentAt: null,
    releaseRequestedAt: null,
    releasedAt: null,
    keeper: party('K', 'LOGISTICS'),
    owner: party('T1'),
    proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-12-01T02:00:00Z', submittedBy: 'x' },
    ...changes,
  };
}
/** W1 free, W2 pledged without consent, W3 pledged with consent, W4 on its way out. */
const ROWS = [
  receipt('W1'),
  receipt('W2', { status: 'PLEDGED', financingId: 'F2' }),
  receipt('W3', { status: 'PLEDGED', financingId: 'F3', releaseConsentBy: 'BANKA' }),
  receipt('W4', { status: 'RELEASE_REQUESTED' }),
];

function answer(document: unknown, variables: unknown): unknown {
  const { id } = (variables ?? {}) as { id?: string };
  const row = ROWS.find((r) => r.id === id);
  if (document === WarehouseReceiptsDocument)
    return {
      warehouseReceipts: {
        totalCount: ROWS.length,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: ROWS.map((node) => ({ node })),
      },
    };
  if (document === RequestReceiptReleaseDocument && row)
    return { requestReceiptRelease: applied({ warehouseReceipt: { ...row, status: 'RELEASE_REQUESTED' } }) };
  if (document === ConsentReceiptReleaseDocument && row)
    return { consentReceiptRelease: applied({ warehouseReceipt: { ...row, releaseConsentBy: 'BANKA' } }) };
  if (document === ConfirmGoodsOutDocument && row)
    return { confirmGoodsOut: applied({ warehouseReceipt: { ...row, status: 'RELEASED' } }) };
  throw new Error('unexpected operation');
}

/** Which rows show the button with this test id, by receipt number. */
function rowsWith(wrapper: Awaited<ReturnType<typeof mountPage>>, testid: string): string[] {
  return wrapper
    .findAll('[data-testid="receipt-table"] tbody tr')
    .filter((tr) => tr.find(`[data-testid="${testid}"]`).exists())
    .map((tr) => tr.text().match(/WR-W\d/)?.[0] ?? '?');
}

afterEach(resetPortal);

describe('WarehouseReceiptsPage', () => {
  it('offers the owner a pledge of a free receipt, and a release only where no consent is missing', async () => {
    const calls = fakeApi(answer);
    const wrapper = await mountPage(
      WarehouseReceiptsPage,
      loggedIn({ enterpriseKind: 'SUPPLIER', role: 'APPROVER', enterpriseId: 'T1' }, null),
    );
    expect(rowsWith(wrapper, 'receipt-pledge')).toEqual(['WR-W1']);
    expect(rowsWith(wrapper, 'receipt-release')).toEqual(['WR-W1', 'WR-W3']);
    expect(rowsWith(wrapper, 'receipt-consent')).toEqual([]);
    expect(rowsWith(wrapper, 'receipt-out')).toEqual([]);
    expect(wrapper.find('[data-testid="receipt-issue-open"]').exists()).toBe(false);
    const w3 = wrapper.findAll('[data-testid="receipt-release"]')[1];
    await w3?.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === RequestReceiptReleaseDocument)?.variables).toEqual({
      id: 'W3',
    });
  });

  it('offers a bank approver consent on a pledged receipt without it, and the keeper goods out', async () => {
    fakeApi(answer);
    const bank = await mountPage(
      WarehouseReceiptsPage,
      loggedIn({ enterpriseKind: 'BANK', role: 'APPROVER', enterpriseId: 'BANKA' }, null),
    );
    expect(rowsWith(bank, 'receipt-consent')).toEqual(['WR-W2']);
    expect(rowsWith(bank, 'receipt-release')).toEqual([]);
    resetPortal();
    fakeApi(answer);
    const clerk = await mountPage(
      WarehouseReceiptsPage,
      loggedIn({ enterpriseKind: 'BANK', role: 'CLERK', enterpriseId: 'BANKA' }, null),
    );
    expect(rowsWith(clerk, 'receipt-consent')).toEqual([]);
    resetPortal();
    const calls = fakeApi(answer);
    const keeper = await mountPage(
      WarehouseReceiptsPage,
      loggedIn({ enterpriseKind: 'LOGISTICS', role: 'CLERK', enterpriseId: 'K' }, null),
    );
    expect(keeper.find('[data-testid="receipt-issue-open"]').exists()).toBe(true);
    expect(rowsWith(keeper, 'receipt-out')).toEqual(['WR-W4']);
    await keeper.find('[data-testid="receipt-out"]').trigger('click');
    await settle();
    expect(calls.find((call) => call.document === ConfirmGoodsOutDocument)?.variables).toEqual({ id: 'W4' });
    expect(keeper.find('[data-testid="receipt-table"]').text()).toContain('Released');
  });
});
