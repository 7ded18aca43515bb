import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkContext } from '@scf/network';
import { registryUrl } from '../../src/cli/registry-process.ts';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import { Flow, type NodeClient } from '../../src/demo/graphql-client.ts';
import { HttpRegistryAdapter } from '../../src/registry/http-registry-adapter.ts';
import { loginAs } from '../support/node-apis.ts';
import { cstDate } from '../support/values.ts';
import { confirmByCore, registerCoreInvoice } from './core-invoice.ts';
import { refusal } from './refusal.ts';

/** Below what the exposure suite's cap leaves the core enterprise (its amount less one fen). */
const AMOUNT = '20000000';
const APPROVAL = 'transactionId blockNumber approval { id status resultId }';
const PREPARE = `mutation($id: ID!) { prepareAction(input: { disburse: { financingId: $id, paymentReference: "PAY-4E" } }) {
  ${APPROVAL} } }`;
const APPROVE = `mutation($id: ID!) { approveAction(id: $id) { ${APPROVAL} } }`;
const REJECT = `mutation($id: ID!) { rejectAction(id: $id, reason: "wrong account") { ${APPROVAL} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawAction(id: $id) { ${APPROVAL} } }`;
const FINANCING = `query($id: ID!) { financing(id: $id) { status voucherId debtorId amount
  registration { registrationNumber } } }`;

interface Approved {
  id: string;
  status: string;
  resultId: string | null;
}
interface Financing {
  status: string;
  voucherId: string;
  debtorId: string;
  amount: string;
  registration: { registrationNumber: string } | null;
}

/**
 * A disbursement under four eyes registers its receivable at the registry only when an approver of
 * the bank approves it: prepared, refused to its own preparer or to another bank, rejected or
 * withdrawn, it leaves nothing at the registry; approved, the ledger cites the one registration.
 */
export function fourEyesDisburseSuite(network: () => NetworkContext): void {
  describe('four eyes on a disbursement: registered only when approved', () => {
    const id = (key: DemoKey): string => demoEnterprise(key).id;
    const flow = new Flow();
    let bankClerk: NodeClient;
    let bankApprover: NodeClient;
    let bankB: NodeClient;
    let financingId = '';

    /** Bank A's org admin turns four eyes on or off for bank A; what the ledger then holds. */
    async function setFourEyes(on: boolean): Promise<boolean> {
      const admin = await loginAs(network(), 'bankA', 'admin');
      const set = await flow.run<{ setEnterpriseFourEyes: { enterprise: { fourEyes: boolean } } }>(
        admin,
        'mutation($id: ID!, $on: Boolean!) { setEnterpriseFourEyes(id: $id, on: $on) { transactionId blockNumber enterprise { fourEyes } } }',
        { id: id('bankA'), on },
      );
      return set.setEnterpriseFourEyes.enterprise.fourEyes;
    }

    const financing = async (): Promise<Financing> =>
      (await bankApprover.request<{ financing: Financing }>(FINANCING, { id: financingId })).financing;
    /** What the test registry holds for the financing's receivable: its registrants. */
    const registered = async (): Promise<string[]> => {
      const { voucherId, debtorId, amount } = await financing();
      const registry = new HttpRegistryAdapter(registryUrl(network()), 5_000);
      const found = await registry.search({ voucherId, debtorId, amount });
      return found.entries.map((entry) => `${entry.registrantId}:${entry.registrationNumber}`);
    };
    const prepare = async (): Promise<Approved> =>
      (await flow.run<{ prepareAction: { approval: Approved } }>(bankClerk, PREPARE, { id: financingId }))
        .prepareAction.approval;

    beforeAll(async () => {
      const tier1Clerk = await loginAs(network(), 'tier1', 'clerk');
      const tier1 = await loginAs(network(), 'tier1', 'approver');
      const core = await loginAs(network(), 'core', 'approver');
      bankClerk = await loginAs(network(), 'bankA', 'clerk');
      bankApprover = await loginAs(network(), 'bankA', 'approver');
      bankB = await loginAs(network(), 'bankB', 'approver');
      const invoiceId = await registerCoreInvoice(flow, tier1Clerk, {
        number: 'IT-4EYES-FIN',
        amount: AMOUNT,
      });
      const voucherId = await confirmByCore(flow, core, invoiceId);
      const applied = await flow.run<{ applyFinancing: { financing: { id: string } } }>(
        tier1Clerk,
        'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { transactionId blockNumber financing { id } } }',
        { v: voucherId, b: id('bankA') },
      );
      financingId = applied.applyFinancing.financing.id;
      await flow.run(
        bankApprover,
        'mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { transactionId blockNumber } }',
        {
          id: financingId,
          t: { advanceRateBps: 9000, spreadBps: 80, fees: '50000', validUntil: cstDate(10), recourse: false },
        },
      );
      await flow.run(tier1, 'mutation($id: ID!) { acceptOffer(id: $id) { transactionId blockNumber } }', {
        id: financingId,
      });
      expect(await setFourEyes(true)).toBe(true);
    });

    // The suites after this one share the network: bank A disburses alone again.
    afterAll(async () => {
      expect(await setFourEyes(false)).toBe(false);
    });

    it('refuses bank A’s approver disbursing alone (FOUR_EYES_REQUIRED), registering nothing', async () => {
      const before = await registered();
      const direct = bankApprover.request(
        'mutation($id: ID!) { disburseFinancing(id: $id, paymentReference: "PAY-4E") { projection } }',
        { id: financingId },
      );
      expect(await refusal(direct)).toBe('FOUR_EYES_REQUIRED');
      expect((await financing()).status).toBe('ACCEPTED');
      expect(await registered()).toEqual(before);
    });

    it('leaves nothing at the registry for a prepared, rejected or withdrawn disbursement', async () => {
      const before = await registered();
      const toReject = await prepare();
      expect(toReject.status).toBe('PENDING');
      expect(await registered()).toEqual(before);
      const rejected = await flow.run<{ rejectAction: { approval: Approved } }>(bankApprover, REJECT, {
        id: toReject.id,
      });
      expect(rejected.rejectAction.approval.status).toBe('REJECTED');
      const toWithdraw = await prepare();
      const withdrawn = await flow.run<{ withdrawAction: { approval: Approved } }>(bankClerk, WITHDRAW, {
        id: toWithdraw.id,
      });
      expect(withdrawn.withdrawAction.approval.status).toBe('WITHDRAWN');
      expect(await registered()).toEqual(before);
      expect((await financing()).status).toBe('ACCEPTED');
    });

    it('registers nothing for its own preparer or another bank trying to approve', async () => {
      const before = await registered();
      const prepared = await prepare();
      expect(await refusal(bankClerk.request(APPROVE, { id: prepared.id }))).toBe('FOUR_EYES_SAME_IDENTITY');
      // Bank B's peer answers NOT_FOUND, not FORBIDDEN, until it holds the prepared approval.
      await flow.settle([bankB]);
      expect(await refusal(bankB.request(APPROVE, { id: prepared.id }))).toBe('FORBIDDEN');
      expect(await registered()).toEqual(before);
      const done = await flow.run<{ approveAction: { approval: Approved } }>(bankApprover, APPROVE, {
        id: prepared.id,
      });
      expect(done.approveAction.approval).toMatchObject({ status: 'APPROVED', resultId: financingId });
      const disbursed = await financing();
      expect(disbursed.status).toBe('DISBURSED');
      const number = disbursed.registration?.registrationNumber ?? '';
      expect(number).toMatch(/^\d{16}$/);
      expect(await registered()).toEqual([...before, `${id('bankA')}:${number}`]);
    });
  });
}
