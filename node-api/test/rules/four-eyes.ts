import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { loginAs } from '../support/node-apis.ts';
import { registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

const APPROVAL_FIELDS = `id status action preparedBy enterpriseId resultId reason
  invoice { id number amount } args { name value }`;
const PREPARE = `mutation($input: PrepareActionInput!) { prepareAction(input: $input) {
  transactionId blockNumber approval { ${APPROVAL_FIELDS} } } }`;
const APPROVE = `mutation($id: ID!) { approveAction(id: $id) {
  transactionId blockNumber approval { ${APPROVAL_FIELDS} } } }`;
const PENDING = `query { approvals { totalCount edges { node { ${APPROVAL_FIELDS} } } } }`;
const ONE = `query($id: ID!) { approval(id: $id) { id } }`;

interface ApprovalSeen {
  id: string;
  status: string;
  action: string;
  preparedBy: string;
  enterpriseId: string;
  resultId: string | null;
  reason: string | null;
  invoice: { id: string; number: string; amount: string } | null;
}

/**
 * Four eyes (issue 12 item 6) on the real network: the core enterprise's org admin turns them on;
 * its approver can no longer confirm alone; its clerk prepares, and neither that clerk nor another
 * enterprise's approver can approve; the core's approver approves and the voucher is issued. No
 * other enterprise sees the core's approvals.
 */
export function fourEyesSuite(network: () => NetworkContext): void {
  describe('four eyes on money-moving actions', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let tier1Clerk: NodeClient;
    let tier1: NodeClient;
    let coreClerk: NodeClient;
    let core: NodeClient;
    let prepared: ApprovalSeen | undefined;

    async function registeredInvoice(number: string): Promise<string> {
      return registerCoreInvoice(flow, tier1Clerk, { number, amount: '30000000' });
    }

    /** The core enterprise's org admin turns four eyes on or off; what the ledger then holds. */
    async function setFourEyes(on: boolean): Promise<boolean> {
      const coreAdmin = await loginAs(network(), 'core', 'admin');
      const set = await flow.run<{ setEnterpriseFourEyes: { enterprise: { fourEyes: boolean } } }>(
        coreAdmin,
        'mutation($id: ID!, $on: Boolean!) { setEnterpriseFourEyes(id: $id, on: $on) { transactionId blockNumber enterprise { fourEyes } } }',
        { id: id('core'), on },
      );
      return set.setEnterpriseFourEyes.enterprise.fourEyes;
    }

    const prepareConfirmation = async (invoiceId: string): Promise<ApprovalSeen> =>
      (
        await flow.run<{ prepareAction: { approval: ApprovalSeen } }>(coreClerk, PREPARE, {
          input: { confirmInvoice: { invoiceId, waiveDelivery: true } },
        })
      ).prepareAction.approval;

    beforeAll(async () => {
      tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      tier1 = await loginAs(network(), 'tier1', 'approver');
      coreClerk = await loginAs(network(), 'core', 'clerk');
      core = await loginAs(network(), 'core', 'approver');
      expect(await setFourEyes(true)).toBe(true);
    });

    // The suites after this one share the network: the core enterprise confirms alone again.
    afterAll(async () => {
      expect(await setFourEyes(false)).toBe(false);
    });

    it("refuses the core's approver confirming alone (FOUR_EYES_REQUIRED)", async () => {
      const invoiceId = await registeredInvoice('IT-4EYES-DIRECT');
      await flow.settle([core]);
      const direct = core.request(
        'mutation($id: ID!) { confirmInvoice(id: $id, waiveDelivery: true) { projection } }',
        {
          id: invoiceId,
        },
      );
      expect(await refusal(direct)).toBe('FOUR_EYES_REQUIRED');
    });

    it('lets a clerk prepare a confirmation, which waits in its enterprise’s queue', async () => {
      const invoiceId = await registeredInvoice('IT-4EYES-001');
      prepared = await prepareConfirmation(invoiceId);
      expect(prepared).toMatchObject({
        status: 'PENDING',
        action: 'CONFIRM_INVOICE',
        preparedBy: `${demoEnterprise('core').login}.clerk`,
        enterpriseId: id('core'),
        invoice: { id: invoiceId, number: 'IT-4EYES-001', amount: '30000000' },
      });
      const queue = await core.request<{
        approvals: { totalCount: number; edges: { node: ApprovalSeen }[] };
      }>(PENDING);
      expect(queue.approvals.edges.map((edge) => edge.node.id)).toContain(prepared.id);
    });

    it('refuses the preparing clerk (FOUR_EYES_SAME_IDENTITY) and an approver of another enterprise', async () => {
      const approvalId = prepared?.id ?? '';
      expect(await refusal(coreClerk.request(APPROVE, { id: approvalId }))).toBe('FOUR_EYES_SAME_IDENTITY');
      await flow.settle([tier1]);
      expect(await refusal(tier1.request(APPROVE, { id: approvalId }))).toBe('FORBIDDEN');
      const seen = await core.request<{ approval: ApprovalSeen | null }>(ONE, { id: approvalId });
      expect(seen.approval?.id).toBe(approvalId);
    });

    it('never shows an SME another enterprise’s approvals', async () => {
      const approvalId = prepared?.id ?? '';
      const list = await tier1.request<{ approvals: { totalCount: number } }>(PENDING);
      expect(list.approvals.totalCount).toBe(0);
      expect((await tier1.request<{ approval: unknown }>(ONE, { id: approvalId })).approval).toBeNull();
      expect((await tier1Clerk.request<{ approval: unknown }>(ONE, { id: approvalId })).approval).toBeNull();
    });

    it("runs the confirmation when the core's approver approves: the voucher exists", async () => {
      const done = await flow.run<{ approveAction: { approval: ApprovalSeen } }>(core, APPROVE, {
        id: prepared?.id ?? '',
      });
      const approved = done.approveAction.approval;
      expect(approved.status).toBe('APPROVED');
      const voucherId = approved.resultId ?? '';
      // The flow waited for the core's node; the holder's node projects the voucher on its own time.
      await flow.settle([tier1]);
      const seen = await tier1.request<{ voucher: { id: string; status: string; holderId: string } | null }>(
        'query($id: ID!) { voucher(id: $id) { id status holderId } }',
        { id: voucherId },
      );
      expect(seen.voucher).toMatchObject({ id: voucherId, status: 'ACTIVE', holderId: id('tier1') });
      const queue = await core.request<{ approvals: { edges: { node: ApprovalSeen }[] } }>(PENDING);
      expect(queue.approvals.edges.map((edge) => edge.node.id)).not.toContain(approved.id);
    });

    it('lets an approver reject and the preparer withdraw', async () => {
      const toReject = await prepareConfirmation(await registeredInvoice('IT-4EYES-002'));
      const rejected = await flow.run<{ rejectAction: { approval: ApprovalSeen } }>(
        core,
        `mutation($id: ID!) { rejectAction(id: $id, reason: "wrong buyer") { transactionId blockNumber approval { ${APPROVAL_FIELDS} } } }`,
        { id: toReject.id },
      );
      expect(rejected.rejectAction.approval).toMatchObject({ status: 'REJECTED', reason: 'wrong buyer' });
      const toWithdraw = await prepareConfirmation(await registeredInvoice('IT-4EYES-003'));
      const withdraw = `mutation($id: ID!) { withdrawAction(id: $id) { transactionId blockNumber approval { ${APPROVAL_FIELDS} } } }`;
      expect(await refusal(core.request(withdraw, { id: toWithdraw.id }))).toBe('FORBIDDEN');
      const withdrawn = await flow.run<{ withdrawAction: { approval: ApprovalSeen } }>(coreClerk, withdraw, {
        id: toWithdraw.id,
      });
      expect(withdrawn.withdrawAction.approval.status).toBe('WITHDRAWN');
    });
  });
}
