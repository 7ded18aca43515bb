import { afterEach, describe, expect, it } from 'vitest';
import {
  CreditLinesDocument,
  SetCreditLineStatusDocument,
  type CreditLineFieldsFragment,
} from '@/api/generated/graphql';
import CreditLinesPage from '@/pages/bank/CreditLinesPage.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

const LINE: CreditLineFieldsFragment = {
  id: 'CL-1',
  limit: '100000000',
  used: '25000000',
  available: '75000000',
  expiryDate: '2027-12-31',
  status: 'ACTIVE',
  bank: { id: 'BANKA', name: 'Bank A', kind: 'BANK' },
  debtor: { id: 'CORE1', name: 'Core One', kind: 'CORE' },
  proof: { transactionId: 'tx0', blockNumber: '7', timestamp: '2026-11-01T02:00:00Z', submittedBy: 'x' },
};

function node(document: unknown, variables: unknown): unknown {
  if (document === CreditLinesDocument)
    return {
      creditLines: {
        totalCount: 1,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: [{ node: LINE }],
      },
    };
  if (document === SetCreditLineStatusDocument) {
    const { status } = variables as { status: CreditLineFieldsFragment['status'] };
    return { setCreditLineStatus: applied({ creditLine: { ...LINE, status } }) };
  }
  throw new Error('unexpected operation');
}

afterEach(resetPortal);

describe('CreditLinesPage', () => {
  it('freezes a line and shows it as the write returned it, without asking for the list again', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountPage(
      CreditLinesPage,
      loggedIn({ enterpriseKind: 'BANK', role: 'APPROVER', enterpriseId: 'BANKA' }, null),
    );
    expect(calls[0]?.variables).toMatchObject({ filter: { bankId: 'BANKA' } });
    const table = wrapper.find('[data-testid="credit-line-table"]');
    expect(table.text()).toContain('Core One');
    expect(table.find('[data-status]').attributes('data-status')).toBe('ACTIVE');

    await wrapper.find('[data-testid="credit-line-toggle"]').trigger('click');
    await settle();
    expect(calls.find((call) => call.document === SetCreditLineStatusDocument)?.variables).toEqual({
      id: 'CL-1',
      status: 'FROZEN',
    });
    expect(calls.filter((call) => call.document === CreditLinesDocument)).toHaveLength(1);
    expect(table.find('[data-status]').attributes('data-status')).toBe('FROZEN');
    expect(wrapper.find('[data-testid="credit-line-toggle"]').text()).toBe('Unfreeze');
  });
});
